"""Bad chart specs fail at load time with positioned, exact messages (the CSV's own line for CSV faults)."""

import pytest

import briefgen
from briefgen.errors import BriefError
from tests.helpers import write_brief

HEAD = """\
meta:
  title: Bad charts
  date: 2025-04-30
  organisation: {name: Example}
sections:
  - heading: Charts
    blocks:
      - chart:
"""


def errors(tmp_path, monkeypatch, chart: str, csv: str | None = None) -> list[str]:
    monkeypatch.chdir(tmp_path)
    if csv is not None:
        (tmp_path / "assets" / "data").mkdir(parents=True, exist_ok=True)
        (tmp_path / "assets" / "data" / "t.csv").write_text(csv, encoding="utf-8")
    body = "".join(" " * 10 + line + "\n" for line in chart.strip("\n").splitlines())
    write_brief(tmp_path, HEAD + body)
    with pytest.raises(BriefError) as error:
        briefgen.load("brief.yaml")
    return [str(d) for d in error.value.diagnostics]


def test_unknown_type(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: lines
title: T
data: {categories: [a, b], values: {S: [1, 2]}}
""") == ["brief.yaml:9:17: sections[0].blocks[0].chart.type: unknown chart type 'lines'; expected one of area,"
         " bar, diverging_bar, dot, dumbbell, grouped_bar, line, stacked_bar, step (did you mean 'line'?)"]


def test_column_missing_from_the_csv(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {file: data/t.csv, x: state, y: margn}
""", "state,margin\nZulia,40\n") == [
        "brief.yaml:11:49: sections[0].blocks[0].chart.data.y: column 'margn' is not in assets/data/t.csv"
        " (columns: state, margin) (did you mean 'margin'?)"]


def test_non_numeric_value_points_into_the_csv(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {file: data/t.csv, x: state, y: margin}
""", "state,margin\nZulia,40\nSucre,2.4x\n") == [
        "assets/data/t.csv:3:7: column 'margin': expected a number, found text ('2.4x') (values of the chart)"]


def test_inline_series_of_different_lengths(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: grouped_bar
title: T
data:
  categories: [a, b, c]
  values:
    A: [1, 2, 3]
    B: [1, 2]
""") == ["brief.yaml:15:18: sections[0].blocks[0].chart.data.values.B: series 'B' has 2 values but there are"
         " 3 categories; give one value per category (null for a missing one)"]


def test_unparseable_date_in_the_csv(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: line
title: T
data: {file: data/t.csv, x: date, y: value}
""", "date,value\n2024-07-28,1\n2024-13-45,2\n") == [
        "assets/data/t.csv:3:1: column 'date': expected a date like 2024-07-28, found '2024-13-45' (month must be"
        " in 1..12) (x values of this chart are dates)"]


def test_non_numeric_inline_value_and_unknown_series_style(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: line
title: T
data: {categories: [2024-01-01, 2024-02-01], values: {S: [1, two]}}
""") == ["brief.yaml:11:72: sections[0].blocks[0].chart.data.values.S[1]: expected a number, found text ('two')"]
    assert errors(tmp_path, monkeypatch, """
type: line
title: T
data: {categories: [2024-01-01, 2024-02-01], values: {S: [1, 2]}}
series: [{name: s}]
annotations: [{x: sometime, text: bad}]
""") == [
        "brief.yaml:12:27: sections[0].blocks[0].chart.series[0].name: no series named 's' in the data (series: S)",
        "brief.yaml:13:29: sections[0].blocks[0].chart.annotations[0].x: expected a date like 2024-07-28"
        " (YYYY-MM-DD) or a month like 2024-07, found 'sometime'"]


def test_kind_checks_series_count(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: dumbbell
title: T
data: {categories: [a], values: {A: [1], B: [2], C: [3]}}
""") == ["brief.yaml:11:17: sections[0].blocks[0].chart.data: a dumbbell chart needs exactly 2 series, found 3"
         " (A, B, C)"]


def test_missing_alt_text_is_a_warning(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, HEAD + "          type: bar\n          title: T\n"
                "          data: {categories: [a], values: {S: [1]}}\n")
    brief = briefgen.load("brief.yaml")
    assert [str(w) for w in brief.warnings] == [
        "brief.yaml:9:11: sections[0].blocks[0].chart: warning: chart has no alt text; add 'alt:' saying what it shows"]
