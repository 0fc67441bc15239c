"""`briefgen charts` on a brief with editions: every edition's charts, each edition in a folder named as its PDF;
the export-work limit counts the files of all editions; an edition's error names it and nothing is written."""

import csv
import json
import re

from briefgen.editions import expand
from tests.helpers import ROOT, charts_brief, run_cli, write_brief

STATE_SHEETS = ROOT / "briefs" / "state-sheets.yaml"
TALLY = ROOT / "assets" / "data" / "tally_by_state.csv"  # the table the state sheets' editions and charts read

POPULATION = "country,population,area\nChile,19629590,756102\nPerú,34352720,1285216\n"
#: Two charts per edition, with rows written in the YAML; ``{rows}`` is the rows' lines.
EDITIONS_BRIEF = """\
meta:
  title: "{{{{ country }}}} in figures"
  date: 2025-04-30
  organisation: {{name: Example Institute}}
editions:
  rows:
{rows}
  name: "sheet-{{{{ country | slug }}}}"
sections:
  - heading: "Facts on {{{{ country }}}}"
    blocks:
      - chart:
          id: fig-pop
          type: bar
          title: "People in {{{{ country }}}}"
          alt: "One bar: the population of {{{{ country }}}}."
          data:
            file: data/population.csv
            filter: [{{column: country, value: "{{{{ country }}}}"}}]
            x: country
            y: population
      - chart:
          id: fig-area
          type: bar
          title: "Area of {{{{ country }}}}, square km"
          alt: "One bar: the area of {{{{ country }}}}."
          data:
            file: data/population.csv
            filter: [{{column: country, value: "{{{{ country }}}}"}}]
            x: country
            y: area
"""
ROWS = ("    - {country: Chile}", "    - {country: Perú}")


def _editions_brief(folder, rows=ROWS):
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "population.csv").write_text(POPULATION, encoding="utf-8")
    return write_brief(folder, EDITIONS_BRIEF.format(rows="\n".join(rows)), "t.yaml")


def _tree(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_each_edition_exports_into_its_own_folder(tmp_path, capsys, monkeypatch):
    from briefgen.charts import export_brief_charts

    monkeypatch.chdir(tmp_path)
    path = _editions_brief(tmp_path)
    status, out, err = run_cli(["charts", path, "--format", "svg", "-o", "out"], capsys)
    assert (status, err) == (0, "")
    assert re.fullmatch(r"wrote 4 chart\(s\), 12 file\(s\) for 2 edition\(s\), a folder each, to out/ in \d+\.\d\d s\n",
                        out), out
    assert _tree(tmp_path / "out") == [f"{edition}{file}" for edition in ("sheet-chile", "sheet-peru")
                                       for file in ("", "/fig-area.csv", "/fig-area.json", "/fig-area.svg",
                                                    "/fig-pop.csv", "/fig-pop.json", "/fig-pop.svg")]
    meta = json.loads((tmp_path / "out" / "sheet-peru" / "fig-pop.json").read_text(encoding="utf-8"))
    assert (meta["title"], meta["brief"], meta["edition"], meta["figure"]) == ("People in Perú", "t", "sheet-peru", 1)
    assert (tmp_path / "out" / "sheet-peru" / "fig-area.csv").read_text(encoding="utf-8") == \
        "country,population,area\nPerú,34352720,1285216\n"  # the edition's own row
    assert "Chile" in (tmp_path / "out" / "sheet-chile" / "fig-area.svg").read_text(encoding="utf-8")
    # The Python API writes the same files, and returns them.
    written = export_brief_charts(path, tmp_path / "api", formats=("svg",))
    assert sorted(str(p.relative_to(tmp_path / "api")) for p in written) == \
        [name for name in _tree(tmp_path / "out") if "/" in name]


def test_an_edition_error_names_the_edition_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _editions_brief(tmp_path, ROWS + ("    - {country: Atlantis}",))
    status, out, err = run_cli(["charts", path, "--format", "svg", "-o", "out"], capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [  # as `briefgen build` gives it: positioned, then the edition and its row
        f"t.yaml:{line}:21: sections[0].blocks[{block}].chart.data.filter: the chart's data keeps no row for this"
        " edition; check the filter against the data (or the edition's values) [edition 3 'sheet-atlantis'"
        " (editions.rows[2])]" for line, block in ((21, 0), (31, 1))]
    assert not (tmp_path / "out").exists()


def test_the_limit_counts_the_files_of_every_edition(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _editions_brief(tmp_path)
    # Each edition makes 2 files, within the limit of 3; the two together make 4.
    status, out, err = run_cli(["charts", path, "--format", "svg", "-o", "out", "--limit", "export_files=3"], capsys)
    assert (status, out) == (2, "")
    assert err == (
        "t.yaml:24:11: sections[0].blocks[1].chart: exporting the charts of 2 editions as svg makes more than 3 files:"
        " those of editions 1 to 2 alone make 4, more than the limit of 3 (export_files); export fewer formats (for"
        " example --format svg) or fewer editions (editions: filter:), or raise the limit with --limit"
        " export_files=N or BRIEFGEN_LIMIT_EXPORT_FILES=N if the input is trusted [edition 2 'sheet-peru'"
        " (editions.rows[1])]\n")
    assert not (tmp_path / "out").exists()
    status, _, err = run_cli(["charts", path, "--format", "svg", "-o", "out", "--limit", "export_files=4"], capsys)
    assert status == 0, err


def test_a_brief_without_editions_exports_as_before(tmp_path, capsys):
    path = charts_brief(tmp_path)
    out_dir = tmp_path / "charts"
    status, out, err = run_cli(["charts", path, "--format", "svg", "-o", out_dir], capsys)
    assert (status, err) == (0, "")
    assert re.fullmatch(rf"wrote 3 chart\(s\), 9 file\(s\) to {re.escape(str(out_dir))}/ in \d+\.\d\d s\n", out), out
    assert _tree(out_dir) == [f"{stem}.{suffix}" for stem in ("fig-detentions", "fig-state-margins", "fig-vote-shares")
                              for suffix in ("csv", "json", "svg")]
    assert "edition" not in json.loads((out_dir / "fig-vote-shares.json").read_text(encoding="utf-8"))


def test_the_state_sheets_export_every_state(tmp_path, capsys):
    out_dir = tmp_path / "charts"
    status, out, err = run_cli(["charts", STATE_SHEETS, "--format", "svg", "-o", out_dir,
                                "--limit", "export_files=48"], capsys)  # 24 editions, 2 charts each
    assert (status, err) == (0, ""), err
    assert out.startswith(f"wrote 48 chart(s), 144 file(s) for 24 edition(s), a folder each, to {out_dir}/ in ")
    folders = sorted(p.name for p in out_dir.iterdir())
    assert folders == sorted(job.target().stem for job in expand(STATE_SHEETS))  # the names the PDFs get
    assert len(folders) == 24 and {"state-sheet-zulia", "state-sheet-tachira", "state-sheet-distrito-capital"} \
        <= set(folders)
    with open(TALLY, encoding="utf-8") as file:
        rows = {row["state"]: row for row in csv.DictReader(file)}
    for state, folder in (("Zulia", "state-sheet-zulia"), ("Táchira", "state-sheet-tachira"),
                          ("Distrito Capital", "state-sheet-distrito-capital")):
        row, charts = rows[state], out_dir / folder
        valid, egu, nm = (int(row[k]) for k in ("validos", "egu", "nm"))
        margin = f"{100 * (egu - nm) / valid:.1f}"
        meta = json.loads((charts / "fig-margin.json").read_text(encoding="utf-8"))
        assert meta["edition"] == folder and meta["title"].startswith(f"González’s margin in {state},")
        assert f"leads Maduro by {margin} percentage points in {state}," in meta["alt"]
        svg = (charts / "fig-margin.svg").read_text(encoding="utf-8")
        assert f">{state}</text>" in svg and f">+{margin}</text>" in svg
        split = (charts / "fig-split.svg").read_text(encoding="utf-8")
        assert f">{100 * egu / valid:.1f}%</text>" in split and f">{100 * nm / valid:.1f}%</text>" in split
        data = list(csv.DictReader((charts / "fig-split.csv").open(encoding="utf-8")))
        assert [(r["state"], r["egu"], r["nm"]) for r in data] == [(state, row["egu"], row["nm"])]
    zulia = (out_dir / "state-sheet-zulia" / "fig-margin.svg").read_text(encoding="utf-8")
    assert ">Táchira</text>" not in zulia and ">+40.0</text>" in zulia  # Zulia's own margin, not another state's
