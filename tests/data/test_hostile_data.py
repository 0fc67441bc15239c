"""Hostile data files and values: bounded reads, positioned errors, and no number a chart cannot draw."""

import os

import pytest

from briefgen.data import parse_number, read_csv
from briefgen.data.csvfile import CsvLimitError
from briefgen.data.values import BadValue
from briefgen.errors import BriefError
from briefgen.limits import Limits


def write(tmp_path, data: bytes, name="t.csv"):
    (tmp_path / name).write_bytes(data)
    return name


def csv_error(tmp_path, monkeypatch, data: bytes, limits=None) -> list[str]:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BriefError) as error:
        read_csv(write(tmp_path, data), limits=limits)
    return [str(d) for d in error.value.diagnostics]


def limit_error(tmp_path, monkeypatch, data: bytes, limits=None, used=0) -> str:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CsvLimitError) as error:
        read_csv(write(tmp_path, data), limits=limits, used=used)
    return str(error.value)


def test_nul_byte_is_positioned(tmp_path, monkeypatch):
    assert csv_error(tmp_path, monkeypatch, b"a,b\nx,1\ny,2\x003\n") == [
        "t.csv:3:4: (file): file contains a NUL byte (0x00), so it is not UTF-8 text (UTF-16, or not text at"
        " all?); save it as UTF-8 CSV"]


def test_utf16_is_named(tmp_path, monkeypatch):
    assert csv_error(tmp_path, monkeypatch, "a,b\nx,1\n".encode("utf-16")) == [
        "t.csv:1:1: (file): file is UTF-16 text; save it as UTF-8 CSV"]


def test_invalid_utf8_column_counts_characters(tmp_path, monkeypatch):
    # 'Mérida' is fine; the lone 0xe9 after it is the fault, at character 8 of line 3.
    assert csv_error(tmp_path, monkeypatch, b"a,b\nx,1\nM\xc3\xa9rida,\xe9\n") == [
        "t.csv:3:8: (file): file is not UTF-8 (invalid byte 0xe9); save it as UTF-8 CSV"]


def test_a_line_longer_than_text_chars_is_refused_before_parsing(tmp_path, monkeypatch):
    wide = b",".join([b"1"] * 150_000)
    assert csv_error(tmp_path, monkeypatch, b"a,b\nx,1\n" + wide + b"\n") == [
        "t.csv:3:1: (row): line is 300,000 characters long; a line may hold at most 200,000 (limits.text_chars):"
        " shorten its cells, or check that this is a CSV file; raise the limit with --limit text_chars=N or"
        " BRIEFGEN_LIMIT_TEXT_CHARS=N if the input is trusted"]


def test_a_cell_of_megabytes_is_refused(tmp_path, monkeypatch):
    assert csv_error(tmp_path, monkeypatch, b"a,b\nx," + b"9" * 3_000_000 + b"\n")[0].startswith(
        "t.csv:2:1: (row): line is 3,000,003 characters long; a line may hold at most 200,000")
    quoted = b'a,b\nx,"' + (b"9" * 1000 + b"\n") * 200 + b'"\n'  # a cell over many short lines
    assert csv_error(tmp_path, monkeypatch, quoted) == [
        "t.csv:2:1: (row): a cell is longer than 131,072 characters; is a quote (\") left open? Close it, or"
        " shorten the cell"]


def test_a_row_with_many_cells(tmp_path, monkeypatch):
    assert csv_error(tmp_path, monkeypatch, b"a,b\nx,1\n" + b",".join([b"1"] * 50_000) + b"\n") == [
        "t.csv:3:1: (row): row has 50,000 cells but the header has 2 columns; add or remove cells (quote cells"
        " that contain ',')"]


def test_too_many_columns(tmp_path, monkeypatch):
    header = ",".join(f"c{i}" for i in range(1_001)).encode()
    assert limit_error(tmp_path, monkeypatch, header + b"\n" + b"1," * 1_000 + b"1\n") == (
        "t.csv has 1,001 columns; the limit is 1,000 (limits.csv_columns). Keep the columns the chart uses;"
        " raise the limit with --limit csv_columns=N or BRIEFGEN_LIMIT_CSV_COLUMNS=N if the input is trusted")


def test_too_many_rows_stops_reading(tmp_path, monkeypatch):
    limits = Limits(csv_rows=100)
    assert limit_error(tmp_path, monkeypatch, b"a,b\n" + b"x,1\n" * 101, limits) == (
        "t.csv has more than 100 rows (limits.csv_rows; row 101 starts on line 102). Aggregate it first (see"
        " tools/aggregate_tally.py for an example); raise the limit with --limit csv_rows=N or"
        " BRIEFGEN_LIMIT_CSV_ROWS=N if the input is trusted")
    read_csv("t.csv", limits=Limits(csv_rows=101))  # exactly at the limit is fine


def test_too_many_bytes_for_the_file_and_for_the_brief(tmp_path, monkeypatch):
    limits = Limits(csv_bytes=1_000)
    data = b"a,b\n" + b"x,1\n" * 300
    assert limit_error(tmp_path, monkeypatch, data, limits) == (
        "t.csv is 1,204 bytes; the limit is 1,000 bytes of CSV data per brief (limits.csv_bytes). Aggregate it"
        " first (see tools/aggregate_tally.py for an example); raise the limit with --limit csv_bytes=N or"
        " BRIEFGEN_LIMIT_CSV_BYTES=N if the input is trusted")
    assert limit_error(tmp_path, monkeypatch, data[:804], limits, used=500).startswith(
        "t.csv is 804 bytes, after 500 bytes of the brief's other CSV files; the limit is 1,000 bytes")


def test_only_regular_files_are_opened(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "pipe.csv")  # opening it for reading the usual way would wait for a writer
    with pytest.raises(CsvLimitError, match=r"^pipe.csv is not a regular file; give a CSV file$"):
        read_csv("pipe.csv")


@pytest.mark.parametrize("value,message", [
    (float("inf"), "expected a finite number, found .inf"),
    (float("-inf"), "expected a finite number, found -.inf"),
    (float("nan"), "expected a finite number, found .nan; write null for a missing value"),
    (1e308, "expected a number from -1e15 to 1e15, found 1e+308; give large values in a larger unit (thousands,"
            " millions)"),
    (10 ** 309, "expected a number from -1e15 to 1e15, found a whole number of 310 digits; give large values in"
                " a larger unit (thousands, millions)"),
    ("inf", "expected a finite number, found 'inf'"),
    ("-Infinity", "expected a finite number, found '-Infinity'"),
    ("NaN", "expected a finite number, found 'NaN'; leave the cell empty or write NA for a missing value"),
    ("1e400", "expected a number from -1e15 to 1e15, found '1e400'; give large values in a larger unit"
              " (thousands, millions)"),
    ("2e15", "expected a number from -1e15 to 1e15, found '2e15'; give large values in a larger unit"
             " (thousands, millions)"),
])
def test_non_finite_and_absurd_numbers_are_refused(value, message):
    assert parse_number(value) == BadValue(message)


def test_the_largest_numbers_still_read():
    assert parse_number("1e15") == 1e15 and parse_number(-10 ** 15) == -1e15 and parse_number("1e-300") == 1e-300
