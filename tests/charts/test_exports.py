"""Charts for other reports: exported files, chart files, the Python API and the PDF annex."""

import csv
import json
import xml.etree.ElementTree as ET

import pytest

from briefgen.charts.rendering import png_size
from tests.helpers import ROOT, build_bytes, charts_brief, outline_titles, pdf_reader, run_cli

CHART_DIR = ROOT / "briefs" / "charts"


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from briefgen.charts import export_brief_charts

    folder = tmp_path_factory.mktemp("export")
    brief = charts_brief(folder)
    return export_brief_charts(brief, folder / "charts"), folder / "charts"


def test_every_chart_exported_with_data_and_metadata(exported):
    files, folder = exported
    names = sorted(p.name for p in files)
    for stem in ("fig-detentions", "fig-vote-shares", "fig-state-margins"):
        for suffix in ("png", "svg", "pdf", "csv", "json"):
            assert f"{stem}.{suffix}" in names
    meta = json.loads((folder / "fig-state-margins.json").read_text(encoding="utf-8"))
    assert meta["figure"] == 3 and meta["type"] == "diverging_bar"
    assert meta["title"] == "The tally sheets put González ahead in every state and the Capital District"
    assert meta["alt"].startswith("Bar chart of 24 states") and meta["source_url"].startswith("https://")
    rows = list(csv.DictReader((folder / "fig-state-margins.csv").open(encoding="utf-8")))
    assert len(rows) == 24 and rows[0]["state"] == "Táchira" and rows[0]["margin"].startswith("65.6")


def test_exports_have_the_asked_size(exported):
    _, folder = exported
    width_pt = 166 / 25.4 * 72  # the brief's A4 column
    w, h = png_size((folder / "fig-vote-shares.png").read_bytes())
    assert abs(w - width_pt / 72 * 300) <= 1
    svg = ET.parse(folder / "fig-vote-shares.svg").getroot()
    assert abs(float(svg.get("width").removesuffix("pt")) - width_pt) < 0.01
    page = pdf_reader((folder / "fig-vote-shares.pdf").read_bytes()).pages[0]
    assert abs(float(page.mediabox.width) - width_pt) < 0.01
    assert abs(float(page.mediabox.height) / float(page.mediabox.width) - h / w) < 0.01


def test_exported_files_carry_their_furniture(exported):
    _, folder = exported
    svg = (folder / "fig-vote-shares.svg").read_text(encoding="utf-8")
    assert "<title>The tally sheets give González" in svg and "<desc>Dumbbell chart." in svg
    assert "Source: CNE bulletins" in svg and "24,532" in svg
    text = pdf_reader((folder / "fig-vote-shares.pdf").read_bytes()).pages[0].extract_text()
    assert "The tally sheets give González" in text and "Source: CNE bulletins" in text


def test_chart_command_on_a_chart_file(tmp_path, capsys):
    status, out, err = run_cli(["chart", CHART_DIR / "vote-shares.yaml", "-o", tmp_path, "--format", "png,svg",
                                "--width", "100", "--lang", "es"], capsys)
    assert status == 0, err
    assert abs(png_size((tmp_path / "fig-vote-shares.png").read_bytes())[0] - 100 / 25.4 * 300) <= 1
    assert "52,0" in (tmp_path / "fig-vote-shares.svg").read_text(encoding="utf-8")  # 51.95, one decimal
    assert not (tmp_path / "fig-vote-shares.pdf").exists()


def test_charts_command_rejects_unknown_format(tmp_path, capsys):
    status, _, err = run_cli(["charts", "x.yaml", "--format", "gif"], capsys)
    assert status == 2 and "expected formats among png, svg, pdf, found 'gif'" in err


def test_render_api(tmp_path):
    from briefgen.charts import render

    target = render(CHART_DIR / "state-margins.yaml", tmp_path / "m.svg", width_mm=120, with_data=True)
    assert target.exists() and (tmp_path / "m.csv").exists() and (tmp_path / "m.json").exists()
    with pytest.raises(ValueError, match="cannot tell the format"):
        render(CHART_DIR / "state-margins.yaml", tmp_path / "m.gif")


def test_attach_appends_an_annex_and_keeps_the_report(tmp_path, capsys):
    report = build_bytes(ROOT / "tests" / "briefs" / "all-blocks.yaml", tmp_path)
    (tmp_path / "report.pdf").write_bytes(report)
    brief = charts_brief(tmp_path / "b")
    status, _, err = run_cli(["attach", tmp_path / "report.pdf", "--charts", brief, "-o", tmp_path / "all.pdf"],
                             capsys)
    assert status == 0, err
    combined = (tmp_path / "all.pdf").read_bytes()
    before, after = pdf_reader(report), pdf_reader(combined)
    assert len(after.pages) > len(before.pages)
    for i, page in enumerate(before.pages):  # the report's pages and their links are kept
        assert after.pages[i].extract_text() == page.extract_text()
        assert len(after.pages[i].get("/Annots") or []) == len(page.get("/Annots") or [])
    titles = outline_titles(combined)
    assert titles[: len(outline_titles(report))] == outline_titles(report)
    assert "Chart annex" in titles
    assert any(t.startswith("Figure 3. The tally sheets put González ahead") for t in titles)
    annex_text = " ".join(p.extract_text() for p in after.pages[len(before.pages):])
    assert "Figure 1" in annex_text and "Source: Opposition tally-sheet database" in annex_text


def test_attach_reports_a_missing_report(tmp_path, capsys):
    status, _, err = run_cli(["attach", tmp_path / "none.pdf", "--charts", "b.yaml", "-o", tmp_path / "x.pdf"], capsys)
    assert status == 2 and "none.pdf: (file): file not found" in err


def test_brief_chart_exports_list_the_sources_they_cite(tmp_path):
    import json

    from briefgen.charts.export import export_brief_charts
    from tests.helpers import SAMPLE

    export_brief_charts(SAMPLE, tmp_path, formats=("svg",), cache_dir=tmp_path / "cache")
    meta = json.loads((tmp_path / "fig-vote-shares.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in meta["sources"]] == ["xinhua", "sunoticiero", "actas-data", "elpais", "cocuyo", "cc-tables"]
    assert all(s["url"].startswith("http") and s["title"] for s in meta["sources"])


def test_exported_csv_cells_never_start_a_formula(tmp_path):
    from briefgen.charts.export import export_brief_charts

    data = tmp_path / "assets" / "data"
    data.mkdir(parents=True)
    evil = 'label,"=cmd|\' /C calc\'!A0"\n"-2+3",-2\n@SUM(A1),+3.5\nplain,-1e-5\n'
    (data / "evil.csv").write_text(evil, encoding="utf-8")
    inline = {"id": "fig-inline", "type": "bar", "title": "Inline", "alt": "a", "source": "s",
              "data": {"categories": ["=1+1", "\t=2+2", "+cmd", "-2", "-x", "ok"],
                       "values": {'=HYPERLINK("http://x")': [1, -2, 3.5, -4, 0.25, 5]}}}
    from_file = {"id": "fig-file", "type": "bar", "title": "From a file", "alt": "a", "source": "s",
                 "data": {"file": "data/evil.csv", "x": "label", "y": "=cmd|' /C calc'!A0"}}
    brief = charts_brief(tmp_path, specs=[inline, from_file])
    export_brief_charts(brief, tmp_path / "charts", formats=("svg",), cache_dir=tmp_path / "cache")
    rows = list(csv.reader((tmp_path / "charts" / "fig-inline.csv").open(encoding="utf-8", newline="")))
    assert rows == [["category", "'=HYPERLINK(\"http://x\")"], ["'=1+1", "1"], ["'=2+2", "-2"],
                    ["'+cmd", "3.5"], ["-2", "-4"], ["'-x", "0.25"], ["ok", "5"]]
    rows = list(csv.reader((tmp_path / "charts" / "fig-file.csv").open(encoding="utf-8", newline="")))
    assert rows == [["label", "'=cmd|' /C calc'!A0"], ["'-2+3", "-2"], ["'@SUM(A1)", "+3.5"], ["plain", "-1e-5"]]


def test_inert_cell_follows_owasp():
    from briefgen.charts.export import inert_cell

    for text in ("=1+1", "+cmd", "-x", "@SUM(A1)", "\t=1", "\r=1", "-", "-2+3", "-inf", "+1e5x"):
        assert inert_cell(text) == "'" + text
    for text in ("-2", "+3.5", "-1,234", "-1e-05", "-.5", "1-2", "plain", " =x", "", "'=1"):
        assert inert_cell(text) == text
