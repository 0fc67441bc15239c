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
