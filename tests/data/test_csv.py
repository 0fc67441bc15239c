"""The data stage: CSV files with positions, value parsing, shaping."""

import pytest

from briefgen.data import apply_steps, parse_date, parse_number, read_csv
from briefgen.data.shaping import Step
from briefgen.data.values import BadValue
from briefgen.errors import BriefError


def write(tmp_path, text, name="t.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_header_rows_and_positions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, '\ufeffstate,votes\nZulia,10\n"Distrito Capital, DC",x12\n')
    table = read_csv("t.csv")
    assert table.columns == ["state", "votes"]
    assert table.rows == [["Zulia", "10"], ["Distrito Capital, DC", "x12"]]
    assert table.locate(1, "votes") == ("t.csv", 3, 24, "column 'votes'")


def test_semicolon_files_are_read(tmp_path):
    table = read_csv(write(tmp_path, "a;b\n1;2\n"))
    assert table.rows == [["1", "2"]]


def test_row_with_wrong_cell_count_is_positioned(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a,b\n1,2\n3\n")
    with pytest.raises(BriefError) as error:
        read_csv("t.csv")
    assert str(error.value) == ("t.csv:3:1: (row): row has 1 cells but the header has 2 columns; add or remove"
                                " cells (quote cells that contain ',')")


def test_not_utf8_and_duplicate_header(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a,b\nM\xe9rida,1\n", encoding="latin-1")
    with pytest.raises(BriefError, match=r"t.csv:2:2: \(file\): file is not UTF-8 \(invalid byte 0xe9\)"):
        read_csv("t.csv")
    write(tmp_path, "a,a\n1,2\n", name="d.csv")
    with pytest.raises(BriefError, match=r"d.csv:1:3: \(header\): duplicate column name 'a' \(also column 1\)"):
        read_csv("d.csv")


@pytest.mark.parametrize("text,expected", [
    ("2229", 2229.0), ("-3.5", -3.5), ("\u22122", -2.0), ("1e3", 1000.0), ("", None), ("NA", None), ("–", None),
])
def test_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text,message", [
    ("12a", "expected a number, found text ('12a')"),
    ("1,234", "expected a number, found '1,234'; write numbers without thousands separators and with a '.'"
              " decimal point, e.g. 1234.5"),
    ("51%", "expected a number, found '51%'; write it without the '%' sign (put the unit in the chart's"
            " number_format)"),
])
def test_bad_numbers_say_what_was_found(text, message):
    assert parse_number(text) == BadValue(message)


def test_dates():
    import datetime as dt

    assert parse_date("2024-07-28") == dt.date(2024, 7, 28)
    assert parse_date("2024-07") == dt.date(2024, 7, 1)
    assert parse_date("") is None
    assert parse_date("2024-13-01").message == ("expected a date like 2024-07-28, found '2024-13-01'"
                                                " (month must be in 1..12)")
    assert parse_date("28/07/2024").message.startswith("expected a date like 2024-07-28 (YYYY-MM-DD)")


def _table(tmp_path):
    return read_csv(write(tmp_path, "state,region,a,b,total\nX,N,5,3,10\nY,S,2,,4\nZ,N,1,4,10\nW,S,7,1,\n"))


def _run(table, *steps):
    problems = []
    result = apply_steps(table, [Step(op, args) for op, args in steps], lambda where, msg: problems.append(msg))
    assert not problems, problems
    return result


def test_filter_group_compute_sort_top(tmp_path):
    table = _table(tmp_path)
    kept = _run(table, ("filter", {"column": "region", "op": "==", "value": "N"}))
    assert kept.values("state") == ["X", "Z"]
    grouped = _run(table, ("group", {"by": ["region"], "sum": ["a", "b"]}))
    assert grouped.as_rows() == [["region", "a", "b"], ["N", 6.0, 7.0], ["S", 9.0, 1.0]]
    shaped = _run(table, ("compute", {"name": "m", "margin": ["a", "b"], "of": "total", "percent": True}),
                  ("sort", {"by": "m", "descending": True}), ("top", {"n": 3}))
    assert shaped.values("state") == ["X", "Z", "Y"]  # W and Y have no margin: missing sorts last
    assert shaped.values("m") == [20.0, -30.0, None]


def test_missing_values_stay_missing_never_zero(tmp_path):
    table = _table(tmp_path)
    shares = _run(table, ("compute", {"name": "s", "share": "b", "of": "total", "percent": True}))
    assert shares.values("s") == [30.0, None, 40.0, None]
    assert _run(table, ("filter", {"column": "b", "op": ">", "value": 0})).values("state") == ["X", "Z", "W"]


def test_bad_cell_reported_at_its_csv_position(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    table = read_csv(write(tmp_path, "k,v\na,1\nb,oops\n"))
    problems = []
    assert apply_steps(table, [Step("group", {"by": ["k"], "sum": ["v"]})],
                       lambda where, msg: problems.append((where, msg))) is None
    assert problems == [(("t.csv", 3, 3, "column 'v'"), "expected a number, found text ('oops') (summed by group_by)")]


def test_the_raw_tally_sheets_aggregate_to_the_published_totals(tmp_path):
    from tests.helpers import SHARED_DATA

    source = SHARED_DATA / "tally_sheets_2024.csv"
    if not source.exists():
        pytest.skip("shared data not present")
    table = read_csv(source)
    grouped = _run(table, ("group", {"by": ["Estado"], "sum": ["validos", "egu", "nm", "otros"]}))
    assert len(grouped) == 24
    assert sum(grouped.values("egu")) == 7156462 and sum(grouped.values("validos")) == 10659128
