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
