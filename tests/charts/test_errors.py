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
    if "\nalt:" not in chart:  # last, so the positions above do not move (PDF/UA requires alt text)
        body += " " * 10 + "alt: The values of the chart, by category.\n"
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


def test_missing_alt_text_is_a_warning_without_pdf_ua(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, HEAD + "          type: bar\n          title: T\n"
                "          data: {categories: [a], values: {S: [1]}}\n")
    brief = briefgen.load("brief.yaml", standard="none")  # under PDF/UA, an error: tests/blocks/test_alt_required.py
    assert [str(w) for w in brief.warnings] == [
        "brief.yaml:9:11: sections[0].blocks[0].chart: warning: chart has no alt text; add 'alt:' saying what it shows"]


# -- hostile inputs: non-finite and absurd numbers, too much data ---------------------------------------------

@pytest.mark.parametrize("value,column,message", [
    (".inf", 54, "expected a finite number, found .inf"),
    ("-.inf", 54, "expected a finite number, found -.inf"),
    (".nan", 54, "expected a finite number, found .nan; write null for a missing value"),
    ("1.0e+308", 54, "expected a number from -1e15 to 1e15, found 1e+308; give large values in a larger unit"
                     " (thousands, millions)"),
    ("1" * 310, 54, "expected a number from -1e15 to 1e15, found a whole number of 310 digits; give large values"
                    " in a larger unit (thousands, millions)"),
])
def test_inline_value_must_be_finite_and_in_range(tmp_path, monkeypatch, value, column, message):
    assert errors(tmp_path, monkeypatch, f"""
type: bar
title: T
data: {{categories: [a, b], values: {{S: [1, {value}]}}}}
""") == [f"brief.yaml:11:{column}: sections[0].blocks[0].chart.data.values.S[1]: {message}"]


def test_csv_cells_inf_nan_and_overflow_point_into_the_csv(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {file: data/t.csv, x: state, y: margin}
""", "state,margin\nZulia,inf\nSucre,NaN\nLara,1e400\n") == [
        "assets/data/t.csv:2:7: column 'margin': expected a finite number, found 'inf' (values of the chart)",
        "assets/data/t.csv:3:7: column 'margin': expected a finite number, found 'NaN'; leave the cell empty or"
        " write NA for a missing value (values of the chart)",
        "assets/data/t.csv:4:6: column 'margin': expected a number from -1e15 to 1e15, found '1e400'; give large"
        " values in a larger unit (thousands, millions) (values of the chart)"]


def test_annotations_reference_lines_and_axes_must_be_finite(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: line
title: T
data: {categories: [1, 2], values: {S: [1, 2]}, x_type: number}
annotations: [{x: 1, y: .nan, text: b}, {x: 1, y: 1, dx: 1.0e+300, dy: .inf, text: c}]
reference_lines: [{value: 1.0e+308}]
value_axis: {min: -.inf}
height: .nan
""") == [
        "brief.yaml:12:35: sections[0].blocks[0].chart.annotations[0].y: expected a finite number, found .nan",
        "brief.yaml:12:68: sections[0].blocks[0].chart.annotations[1].dx: expected a number from -500 to 500,"
        " found 1e+300",
        "brief.yaml:12:82: sections[0].blocks[0].chart.annotations[1].dy: expected a finite number, found .inf",
        "brief.yaml:13:37: sections[0].blocks[0].chart.reference_lines[0].value: expected a number from -1e15 to"
        " 1e15, found 1e+308; give large values in a larger unit (thousands, millions)",
        "brief.yaml:14:29: sections[0].blocks[0].chart.value_axis.min: expected a finite number, found -.inf",
        "brief.yaml:15:19: sections[0].blocks[0].chart.height: expected a finite number, found .nan"]


def test_annotation_x_on_a_number_axis_must_be_finite(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: line
title: T
data: {categories: [1, 2], values: {S: [1, 2]}, x_type: number}
annotations: [{x: .inf, text: a}, {x: %s, text: b}]
""" % ("9" * 310)) == [
        "brief.yaml:12:29: sections[0].blocks[0].chart.annotations[0].x: expected a finite number, found .inf",
        "brief.yaml:12:49: sections[0].blocks[0].chart.annotations[1].x: expected a number from -1e15 to 1e15,"
        " found a whole number of 310 digits; give large values in a larger unit (thousands, millions)"]


def test_extreme_range_in_one_chart_is_refused_at_its_large_end(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {categories: [a, b], values: {S: [1.0e-300, 1.0e+300]}}
""") == ["brief.yaml:11:61: sections[0].blocks[0].chart.data.values.S[1]: expected a number from -1e15 to 1e15,"
         " found 1e+300; give large values in a larger unit (thousands, millions)"]


def test_a_computed_value_out_of_range_is_refused(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data:
  file: data/t.csv
  x: state
  y: r
  compute: [{name: r, ratio: [a, b]}]
""", "state,a,b\nZulia,1e15,1e-300\nSucre,1,2\n") == [
        "brief.yaml:12:13: sections[0].blocks[0].chart.data: column 'r' is inf for 'Zulia' once shaped; a chart"
        " shows numbers from -1e15 to 1e15: give the values in a larger unit, or check the 'compute' steps"]


def test_too_many_categories_is_refused_at_load(tmp_path, monkeypatch):
    rows = "".join(f"c{i},{i}\n" for i in range(40_000))
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {file: data/t.csv, x: category, y: value}
""", "category,value\n" + rows) == [
        "brief.yaml:11:17: sections[0].blocks[0].chart.data: the chart has 40,000 categories; at most 200 can be"
        " read on a page (limits.chart_categories). Aggregate them (group_by and sum), keep the largest (sort and"
        " top), or filter them; raise the limit with --limit chart_categories=N or"
        " BRIEFGEN_LIMIT_CHART_CATEGORIES=N if the input is trusted"]


def test_dates_on_a_bar_chart_count_as_categories(tmp_path, monkeypatch):
    rows = "".join(f"{2000 + i // 12}-{i % 12 + 1:02d},{i}\n" for i in range(201))
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {file: data/t.csv, x: month, y: value}
""", "month,value\n" + rows)[0].startswith(
        "brief.yaml:11:17: sections[0].blocks[0].chart.data: the chart has 201 categories; at most 200")


def test_too_many_series_and_points(tmp_path, monkeypatch):
    wide = ",".join(f"s{i}" for i in range(51))
    assert errors(tmp_path, monkeypatch, f"""
type: line
title: T
data: {{file: data/t.csv, x: date, y: [{wide}]}}
""", f"date,{wide}\n2024-01-01," + ",".join("1" * 51) + "\n") == [
        "brief.yaml:11:48: sections[0].blocks[0].chart.data.y: the chart has 51 series; at most 50 can be told"
        " apart (limits.chart_series). Chart fewer: filter the rows, or name fewer columns; raise the limit with"
        " --limit chart_series=N or BRIEFGEN_LIMIT_CHART_SERIES=N if the input is trusted"]
    long = "".join(f"s{i},2024-01-01,1\n" for i in range(60))
    assert errors(tmp_path, monkeypatch, """
type: line
title: T
data: {file: data/t.csv, x: date, y: v, split_by: s}
""", "s,date,v\n" + long)[0].startswith(
        "brief.yaml:11:61: sections[0].blocks[0].chart.data.split_by: the chart has 60 series; at most 50")
    monkeypatch.setenv("BRIEFGEN_LIMIT_CHART_POINTS", "3")
    assert errors(tmp_path, monkeypatch, """
type: line
title: T
data: {categories: [2024-01-01, 2024-02-01], values: {A: [1, 2], B: [3, 4]}}
""") == [
        "brief.yaml:11:17: sections[0].blocks[0].chart.data: the chart has 4 data points; at most 3 can be drawn"
        " (limits.chart_points). Aggregate them (by month, say) or filter them; raise the limit with --limit"
        " chart_points=N or BRIEFGEN_LIMIT_CHART_POINTS=N if the input is trusted"]


def test_chart_points_add_up_over_the_brief(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_CHART_POINTS", "5")
    chart = ("type: line\ntitle: T\ndata: {categories: [2024-01-01, 2024-02-01, 2024-03-01], values: {A: [1, 2, 3]}}"
             "\nalt: A line rising from 1 to 3 over three months.")
    second = "".join(" " * 6 + line + "\n" for line in ("- chart:\n    " + chart.replace("\n", "\n    ")).splitlines())
    monkeypatch.chdir(tmp_path)
    body = "".join(" " * 10 + line + "\n" for line in chart.splitlines())
    write_brief(tmp_path, HEAD + body + second)
    with pytest.raises(BriefError) as error:
        briefgen.load("brief.yaml")
    assert [str(d) for d in error.value.diagnostics] == [
        "brief.yaml:16:17: sections[0].blocks[1].chart.data: the brief's charts have 6 data points together, 3 of"
        " them in this chart; at most 5 can be drawn (limits.chart_points). Aggregate or filter the data; raise"
        " the limit with --limit chart_points=N or BRIEFGEN_LIMIT_CHART_POINTS=N if the input is trusted"]


def test_csv_file_limits_point_at_the_yaml_value(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_CSV_ROWS", "10")
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {file: data/t.csv, x: a, y: b}
""", "a,b\n" + "x,1\n" * 11) == [
        "brief.yaml:11:24: sections[0].blocks[0].chart.data.file: assets/data/t.csv has more than 10 rows"
        " (limits.csv_rows; row 11 starts on line 12). Aggregate it first (see tools/aggregate_tally.py for an"
        " example); raise the limit with --limit csv_rows=N or BRIEFGEN_LIMIT_CSV_ROWS=N if the input is trusted"]


def test_many_bad_inline_values_are_counted_not_listed(tmp_path, monkeypatch):
    values = ", ".join([".inf"] * 5000)
    found = errors(tmp_path, monkeypatch, f"""
type: bar
title: T
data: {{categories: [{", ".join(["a"] * 5000)}], values: {{S: [{values}]}}}}
""")
    assert len(found) == 4 and found[0].endswith("chart.data.values.S: 4,997 more value(s) of series 'S' cannot"
                                                  " be read either")


def test_notes_and_series_styles_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_CHART_NOTES", "2")
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {categories: [a, b], values: {S: [1, 2]}}
annotations: [{x: a, text: one}, {x: b, text: two}]
reference_lines: [{value: 1}]
""") == [
        "brief.yaml:12:24: sections[0].blocks[0].chart.annotations: the chart has 3 annotations and reference"
        " lines; at most 2 can be read (limits.chart_notes). Keep the few that matter; raise the limit with"
        " --limit chart_notes=N or BRIEFGEN_LIMIT_CHART_NOTES=N if the input is trusted"]
    monkeypatch.setenv("BRIEFGEN_LIMIT_CHART_SERIES", "1")
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {categories: [a, b], values: {S: [1, 2]}}
series: [{name: S}, {name: T}]
""") == [
        "brief.yaml:12:19: sections[0].blocks[0].chart.series: the chart styles 2 series; at most 1 can be told"
        " apart (limits.chart_series); raise the limit with --limit chart_series=N or"
        " BRIEFGEN_LIMIT_CHART_SERIES=N if the input is trusted"]


def test_filter_values_must_be_finite(tmp_path, monkeypatch):
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data:
  categories: [a, b]
  values: {S: [1, 2]}
  filter: [{column: S, op: '>', value: .nan}, {column: S, op: in, value: [1, -.inf]}]
""") == [
        "brief.yaml:14:50: sections[0].blocks[0].chart.data.filter[0].value: expected a finite number, found .nan",
        "brief.yaml:14:88: sections[0].blocks[0].chart.data.filter[1].value[1]: expected a finite number, found"
        " -.inf"]


def test_inline_data_has_the_bounds_of_a_csv_file(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_LIMIT_CSV_ROWS", "2")
    assert errors(tmp_path, monkeypatch, """
type: bar
title: T
data: {categories: [a, b, c], values: {S: [1, 2, 3]}}
""") == [
        "brief.yaml:11:30: sections[0].blocks[0].chart.data.categories: inline data has 3 categories; the limit is"
        " 2 (limits.csv_rows); raise the limit with --limit csv_rows=N or BRIEFGEN_LIMIT_CSV_ROWS=N if the input"
        " is trusted"]


def test_a_chart_taller_than_a_page_is_refused_at_load(tmp_path, monkeypatch):
    categories = ", ".join(f"c{i}" for i in range(60))
    values = ", ".join(str(i) for i in range(60))
    assert errors(tmp_path, monkeypatch, f"""
type: dot
title: Sixty rows
alt: a dot chart
data: {{categories: [{categories}], values: {{A: [{values}]}}}}
""") == ["brief.yaml:9:11: sections[0].blocks[0].chart: the chart is 485 mm tall, more than the 253 mm a page has"
         " room for; show fewer categories (filter, or sort and top), or split it into several charts"]
