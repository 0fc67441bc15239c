"""Table cells and sizes that cannot be printed are positioned errors at load time."""

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.limits import Limits
from tests.helpers import write_brief

TABLE = """\
meta:
  title: T
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - table:
          title: Cells
          columns: [{header: A}, {header: B, format: percent}]
          rows:
            - [a, %s]
"""


@pytest.mark.parametrize("cell,message", [
    (".inf", "expected a number or text, found infinity (.inf); write a finite number, or quote the text to print"),
    ("-.inf", "expected a number or text, found infinity (-.inf); write a finite number, or quote the text to print"),
    (".nan", "expected a number or text, found .nan (not a number); write the number, or ~ for an empty cell"
             " (printed as '–'), or quote the text to print"),
    ("9" * 310, "expected a number below 1,000,000,000,000,000 (15 digits), found a number with 310 digits; give it"
                " in larger units (millions, billions) or quote it to print it as text"),
    ("1.0e+300", "expected a number below 1,000,000,000,000,000 (15 digits), found 1e+300; give it in larger units"
                " (millions, billions) or quote it to print it as text"),
])
def test_a_cell_that_cannot_print_is_an_error(tmp_path, cell, message):
    path = write_brief(tmp_path, TABLE % cell)
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:12:19: sections[0].blocks[0].table.rows[0][1]: {message}"]


def test_large_but_exact_numbers_print(tmp_path):
    path = write_brief(tmp_path, TABLE % "999999999999999")
    assert briefgen.build(path, tmp_path / "out").exists()


def test_too_many_rows_is_an_error_naming_the_limit(tmp_path):
    rows = "".join(f"            - [r{i}, {i}]\n" for i in range(12))
    path = write_brief(tmp_path, (TABLE % "1").replace("            - [a, 1]\n", rows))
    with pytest.raises(BriefError) as caught:
        briefgen.load(path, limits=Limits.from_env(overrides={"table_rows": 10}))
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:12:13: sections[0].blocks[0].table.rows: table has 12 rows; the limit is 10 (table_rows);"
        " split it into several tables or chart the data instead; raise the limit with --limit table_rows=N or"
        " BRIEFGEN_LIMIT_TABLE_ROWS=N if the input is trusted"]


COLUMNS = """\
meta:
  title: T
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - table:
          title: Wide
          columns: %s
          rows: [%s]
"""


def _columns_brief(tmp_path, columns: list[str]):
    cells = "[" + ", ".join("x" for _ in columns) + "]"
    return write_brief(tmp_path, COLUMNS % ("[" + ", ".join(columns) + "]", cells))


def test_too_many_columns_is_an_error_at_load_time(tmp_path):
    path = _columns_brief(tmp_path, [f"{{header: h{i}}}" for i in range(100)])
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)  # validate and build both load: neither reaches layout
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:10:20: sections[0].blocks[0].table.columns: table has 100 columns, too many for the 166.0 mm text"
        " column: each would be 1.7 mm wide, narrower than the 8.5 mm a column needs; use at most 19 columns, or"
        " split the table into several"]


def test_a_column_too_narrow_for_its_width_is_an_error_naming_a_width_that_works(tmp_path):
    path = _columns_brief(tmp_path, ["{header: a, width: 0.1}", "{header: b, width: 100}"])
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:10:40: sections[0].blocks[0].table.columns[0].width: column 'a' would be 0.2 mm wide (width 0.1 of"
        " 100.1 in all), narrower than the 8.5 mm a column needs; give it a width of at least 5.4, or narrow the"
        " other columns"]
    fixed = _columns_brief(tmp_path, ["{header: a, width: 5.4}", "{header: b, width: 100}"])
    assert briefgen.build(fixed, tmp_path / "out").exists()


def test_the_most_columns_allowed_print(tmp_path):
    path = _columns_brief(tmp_path, [f"{{header: h{i}}}" for i in range(19)])
    assert briefgen.build(path, tmp_path / "out").exists()


def test_a_table_reportlab_cannot_lay_out_is_the_positioned_too_large_error(tmp_path):
    """Should a table reach layout with a column narrower than its padding, no internal error follows."""
    from briefgen.render import render_pdf

    path = _columns_brief(tmp_path, ["{header: a}", "{header: b}"])
    brief = briefgen.load(path)
    table = brief.blocks("table")[0]
    table.columns[0].width, table.columns[1].width = 0.1, 100  # as if the load-time check had missed it
    with pytest.raises(BriefError) as caught:
        render_pdf(brief, chart_worker=None)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:9:11: sections[0].blocks[0]: this block is too large to fit on a page; split it into smaller"
        " blocks or shorten it"]


def test_table_cells_are_bounded_brief_wide_at_the_first_row_over(tmp_path):
    two = "          rows: [[a, b], [c, d], [e, f]]\n"
    text = COLUMNS.replace("          rows: [%s]\n", two) % "[{header: A}, {header: B}]"
    text += text[text.index("      - table:"):]  # a second table of 6 cells: 12 in all
    path = write_brief(tmp_path, text)
    with pytest.raises(BriefError) as caught:
        briefgen.load(path, limits=Limits.from_env(overrides={"table_cells": 9}))
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:15:26: sections[0].blocks[1].table.rows[1]: the brief has 12 table cells, more than the limit of 9"
        " (table_cells); shorten the tables or chart the data instead, or raise the limit with --limit"
        " table_cells=N or BRIEFGEN_LIMIT_TABLE_CELLS=N if the input is trusted"]
