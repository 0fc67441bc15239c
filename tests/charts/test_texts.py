"""The text a chart prints: label lengths and the brief's chart text bounded, every character in the chart
font (checked at load), no raw Python warning from drawing, and the chart width checked."""

import math
import time

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.limits import Limits
from tests.helpers import HOSTILE_HEAD, run_cli, write_brief


def _chain() -> str:
    from briefgen.charts.style import ChartStyle
    from briefgen.theme import default_theme

    return ", ".join(ChartStyle.from_theme(default_theme(), "en").family_names())


FONT = (f"is in no font of the chart fonts ({_chain()}), so it would be lost from the chart; write it another way,"
        " or add a font that has it to style: fonts: headings: fallback: (for example Noto Sans CJK)")
RTL = ("is right-to-left text, which is not supported yet in charts: it would print with its letters unjoined and in"
       " the wrong order; write the name in Latin letters in the chart (e.g. 'Halab' for 'حلب'), and give it in"
       " its own script in the text or a table")


def errors(tmp_path, monkeypatch, blocks: str, csv: str | None = None, **limits) -> list[str]:
    monkeypatch.chdir(tmp_path)
    if csv is not None:
        (tmp_path / "d.csv").write_text(csv, encoding="utf-8")
    write_brief(tmp_path, HOSTILE_HEAD + blocks)
    with pytest.raises(BriefError) as error:
        briefgen.load("brief.yaml", limits=Limits.from_env(overrides=limits))
    return [str(d) for d in error.value.diagnostics]


def test_long_category_refused_at_its_yaml_position(tmp_path, monkeypatch):
    chart = "      - chart: {type: bar, title: T, alt: a, data: {categories: [a, %s], values: {v: [1, 2]}}}\n"
    assert errors(tmp_path, monkeypatch, chart % ("b" * 101)) == [
        "brief.yaml:8:69: sections[0].blocks[0].chart.data.categories[1]: the label is 101 characters long; at most"
        " 100 fit on a chart (limits.chart_label_chars). Shorten it; raise the limit with --limit"
        " chart_label_chars=N or BRIEFGEN_LIMIT_CHART_LABEL_CHARS=N if the input is trusted"]
    briefgen.load("brief.yaml", limits=Limits.from_env(overrides={"chart_label_chars": 101}))


def test_long_series_names_refused_in_the_csv(tmp_path, monkeypatch):
    chart = "      - chart: {type: grouped_bar, title: T, alt: a, data: {file: d.csv, x: k, y: v, split_by: s}}\n"
    csv = "k,s,v\na,short,1\na," + "x" * 150 + ",2\n"
    assert errors(tmp_path, monkeypatch, chart, csv, chart_label_chars=20) == [
        "d.csv:3:3: column 's': the label is 150 characters long; at most 20 fit on a chart"
        " (limits.chart_label_chars). Shorten it; raise the limit with --limit chart_label_chars=N or"
        " BRIEFGEN_LIMIT_CHART_LABEL_CHARS=N if the input is trusted"]


def test_chart_text_of_the_brief_is_bounded_once(tmp_path, monkeypatch):
    chart = "      - chart: {type: bar, title: T, alt: a, data: {categories: [a, b], values: {v: [1, 2]}}}\n"
    found = errors(tmp_path, monkeypatch, chart * 5, chart_text=1000)
    assert found == [
        "brief.yaml:10:52: sections[0].blocks[2].chart.data: the brief's charts cost 1,092 characters of text to draw"
        " together, 364 of them this chart; at most 1,000 can be drawn (limits.chart_text). Use fewer charts,"
        " categories or shorter labels; raise the limit with --limit chart_text=N or BRIEFGEN_LIMIT_CHART_TEXT=N"
        " if the input is trusted"]


def test_missing_glyphs_refused_at_load_in_yaml_and_csv(tmp_path, monkeypatch):
    # '→', '✓', '☃' and 'Київ' are in the fallback fonts: only '＝' (in none) and right-to-left text are refused.
    blocks = ("      - chart: {type: bar, title: T, alt: a, data: {file: d.csv, x: k, y: v}}\n"
              "      - chart: {type: bar, title: T, alt: a, data: {categories: [a, 'b＝'], values: {'s→✓': [1, 2]}},\n"
              "                annotations: [{x: a, text: 'note ☃'}, {x: a, text: 'in حلب'}]}\n")
    assert errors(tmp_path, monkeypatch, blocks, "k,v\nКиїв,1\nx＝y,2\nשלום,3\n") == [
        f"brief.yaml:9:69: sections[0].blocks[1].chart.data.categories[1]: '＝' (U+FF1D FULLWIDTH EQUALS SIGN) {FONT}",
        f"brief.yaml:10:68: sections[0].blocks[1].chart.annotations[1].text: 'ح' (U+062D ARABIC LETTER HAH) {RTL}",
        f"d.csv:3:1: column 'k': '＝' (U+FF1D FULLWIDTH EQUALS SIGN) {FONT}",
        f"d.csv:4:1: column 'k': 'ש' (U+05E9 HEBREW LETTER SHIN) {RTL}"]


def test_chart_command_checks_glyphs_against_its_theme(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c.yaml").write_text("type: bar\ntitle: 'Tally ＝ count'\nalt: a\n"
                                     "data: {categories: [a], values: {v: [1]}}\n", encoding="utf-8")
    status, out, err = run_cli(["chart", "c.yaml", "--format", "svg", "-o", "out"], capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [f"c.yaml:2:8: title: '＝' (U+FF1D FULLWIDTH EQUALS SIGN) {FONT}"]
    assert not (tmp_path / "out").exists()


def test_drawing_warnings_become_diagnostics(tmp_path, capsys, recwarn):
    from briefgen.charts.export import render
    from briefgen.charts.standalone import load_chart

    spec = load_chart({"type": "bar", "title": "T", "alt": "a",
                       "data": {"categories": ["＝1"], "values": {"v": [1]}}}, base_dir=tmp_path)  # no theme: unchecked
    render(spec, tmp_path / "c.svg")
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{tmp_path / '<chart>'}:1:1: (top level): warning: '＝' (U+FF1D FULLWIDTH EQUALS SIGN) is in no chart font"
        f" ({_chain()}) and was left out; remove it or add a font that has it to the theme's fallback fonts"]
    assert "UserWarning" not in err and not [w for w in recwarn if "Glyph" in str(w.message)]


def test_sample_brief_keeps_every_character():
    from tests.helpers import ROOT

    briefgen.load(ROOT / "briefs" / "venezuela-2025.yaml")  # no chart text is refused


@pytest.mark.parametrize("width", ["-5", "0", "nan", "inf", "1e6", "100000", "29.9", "abc"])
def test_charts_width_is_checked(tmp_path, monkeypatch, capsys, width):
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, HOSTILE_HEAD + "      - chart: {type: bar, title: T, alt: a, data: {categories: [a],"
                                         " values: {v: [1]}}}\n")
    for command in ("charts", "chart"):
        status, out, err = run_cli([command, "brief.yaml", f"--width={width}", "-o", "out"], capsys)
        assert status == 2 and "internal error" not in err
        expected = ("expected a width in millimetres, found 'abc'" if width == "abc"
                    else f"expected a width from 30 to 500 mm, found {width!r}")
        assert err.splitlines()[-1] == f"briefgen {command}: error: argument --width: {expected}"
    assert not (tmp_path / "out").exists()


def test_api_widths_are_checked(tmp_path):
    from briefgen.charts import ChartFlowable
    from briefgen.charts.export import export_chart

    for width in (-5, 0, math.nan, math.inf, 1e9):
        with pytest.raises(ValueError, match=r"chart width: expected a width from 30 to 500 mm \(85 to 1417 points\)"):
            ChartFlowable({"type": "bar"}, width=width)
        with pytest.raises(ValueError, match="chart width"):
            export_chart(None, tmp_path, "x", width=width, style=None, lang="en")
    assert ChartFlowable({"type": "bar"}, width=300).fixed_width == 300.0


def test_wrapping_is_linear_in_the_text():
    from briefgen.charts.style import ChartStyle
    from briefgen.theme import default_theme

    style = ChartStyle.from_theme(default_theme(), "en")
    timings = []
    for n in (2_000, 20_000):
        started = time.perf_counter()
        for text in ("word " * (n // 5), "W" * n):
            style.wrap(text, 60)
        timings.append(time.perf_counter() - started)
    assert timings[1] < 30 * timings[0] + 0.05  # ten times the text: about ten times the time, not a hundred
