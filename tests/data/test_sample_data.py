"""The project's chart data are traceable: every value matches its fact or the tally sheets."""

import csv
import subprocess
import sys

import pytest
import yaml

from tests.helpers import ROOT, SHARED_DATA

DATA = ROOT / "assets" / "data"


@pytest.fixture(scope="module")
def facts():
    path = SHARED_DATA / "venezuela_facts.yaml"
    if not path.exists():
        pytest.skip("shared data not present")
    return {f["id"]: f for f in yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]}


@pytest.mark.parametrize("name,column", [("vote_shares.csv", "share"), ("detentions_releases.csv", "value")])
def test_every_row_matches_its_fact(facts, name, column):
    rows = list(csv.DictReader((DATA / name).open(encoding="utf-8")))
    assert rows
    for row in rows:
        fact_id, _, field = row["fact_id"].partition(".")
        fact = facts[fact_id]
        value = fact["value"][field] if field else fact["value"]
        assert float(value) == float(row[column]), row
        assert fact["confidence"] != "unverified", row
        if "date" in row:
            assert row["date"] in str(fact["as_of"]) or row["date"] in fact_id, row


def test_state_aggregate_is_reproduced_by_the_tool(tmp_path):
    if not (SHARED_DATA / "tally_sheets_2024.csv").exists():
        pytest.skip("shared data not present")
    target = tmp_path / "states.csv"
    subprocess.run([sys.executable, str(ROOT / "tools" / "aggregate_tally.py"), "-o", str(target)], check=True,
                   capture_output=True)
    assert target.read_bytes() == (DATA / "tally_by_state.csv").read_bytes()


def test_every_plotted_count_is_in_the_sources_and_cited_by_its_chart(facts):
    """Figure 3 plots only counts whose report is in the brief's sources list, and cites each one."""
    import briefgen
    from briefgen.charts.export import brief_charts

    brief = briefgen.load(ROOT / "briefs" / "venezuela-2025.yaml")
    by_url = {source.url: source.id for source in brief.sources}
    (_, chart), = [(n, c) for n, c in brief_charts(brief) if c.id == "fig-detentions"]
    cited = {prose.text[len("[](#"):-1] for prose in chart.cite}
    rows = list(csv.DictReader((DATA / "detentions_releases.csv").open(encoding="utf-8")))
    plotted = {(s.key, x, v) for s in chart.chart_data.series for x, v in s.points()}
    assert len(plotted) >= 15
    matched = 0
    for row in rows:
        key = next((k for k in plotted if k[0] == row["series"] and str(k[1]) == row["date"]
                    and k[2] == float(row["value"])), None)
        if key is None:
            continue  # filtered out of the chart
        fact = facts[row["fact_id"]]
        urls = [fact.get("source_url")] + [o.get("source_url") for o in fact.get("other_sources") or []]
        ids = {by_url[u] for u in urls if u in by_url}
        assert ids & cited, f"{row['fact_id']}: its report is not cited by the chart"
        matched += 1
    assert matched == len(plotted)  # every plotted point was checked
