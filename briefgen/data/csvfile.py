"""CSV files: a path in, a :class:`~briefgen.data.table.Table` of text cells with positions out.

The file must be UTF-8 (a byte-order mark is allowed), with a header row of
unique, non-empty column names, and the same number of cells on every row.
The delimiter is the one given (``delimiter:`` of the chart's data), else a
comma, or a semicolon or tab when the header has no comma. The decimal mark
(``decimal:``, '.' or ',') is kept with the table; numbers are read with it later.
Problems inside the file are raised as :class:`~briefgen.errors.BriefError`
positioned in the CSV itself, e.g. ``assets/data/x.csv:14:1: (row): row has 5 cells ...``.

The file is untrusted: it is bounded by ``limits.csv_bytes`` (for all the CSV
files of a brief together; never more is read), ``limits.csv_rows``, ``limits.csv_columns`` and ``limits.text_chars``
(the longest line), and only a regular file is opened (a FIFO or a device
would block or never end). A file over a limit raises :class:`CsvLimitError`,
which the caller positions at the YAML value naming the file.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

from ..errors import BriefError, Diagnostic, display_name
from ..limits import Limits
from .table import Table, TableSource

#: At most this many problems are reported per file.
MAX_PROBLEMS = 10


class CsvLimitError(Exception):
    """The file as a whole cannot be read (too big, not a file); the message names the file."""


def _fail(name, line, col, message, path="(file)"):
    return BriefError([Diagnostic(name, line, col, path, message)])


def _read_bounded(path: Path, name: str, limits: Limits, used: int) -> bytes:
    """At most ``limits.csv_bytes - used`` bytes of a regular file; CsvLimitError past that."""
    limit = limits.csv_bytes - used
    try:  # non-blocking, so opening a FIFO returns at once and is refused below
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise CsvLimitError(f"cannot read {name}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise CsvLimitError(f"{name} is not a regular file; give a CSV file")
        if info.st_size > limit:
            raise CsvLimitError(_too_big(name, f"{info.st_size:,} bytes", limits, used))
        raw = handle.read(max(limit, 0) + 1)  # the file may have grown since fstat
    if len(raw) > limit:
        raise CsvLimitError(_too_big(name, f"over {limit:,} bytes", limits, used))
    return raw


def _too_big(name: str, size: str, limits: Limits, used: int) -> str:
    others = f", after {used:,} bytes of the brief's other CSV files" if used else ""
    return (f"{name} is {size}{others}; the limit is {limits.csv_bytes:,} bytes of CSV data per brief"
            f" (limits.csv_bytes). Aggregate it first (see tools/aggregate_tally.py for an example);"
            f" {limits.hint('csv_bytes')}")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of byte ``offset``."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, col


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(name, 1, 1, "file is UTF-16 text; save it as UTF-8 CSV")
    nul = raw.find(b"\0")
    if nul >= 0:
        line, col = _position(raw, nul)
        raise _fail(name, line, col, "file contains a NUL byte (0x00), so it is not UTF-8 text (UTF-16, or"
                                     " not text at all?); save it as UTF-8 CSV")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise _fail(name, line, col, f"file is not UTF-8 (invalid byte 0x{raw[exc.start]:02x}); save it as"
                                     " UTF-8 CSV") from None


def _delimiter(header: str) -> str:
    if "," in header:
        return ","
    for candidate in (";", "\t"):
        if candidate in header:
            return candidate
    return ","


class _Lines:
    """Feeds physical lines to ``csv.reader``, keeping each (without its end) for positions.

    Refuses a line longer than ``limits.text_chars`` before the CSV parser sees it.
    """

    def __init__(self, text: str, name: str, limits: Limits):
        self.stream = io.StringIO(text, newline="")  # lines end at \\n, \\r\\n or \\r, as csv reads them
        self.name, self.limits = name, limits
        self.lines: list = []

    def __iter__(self):
        return self

    def __next__(self):
        line = self.stream.readline()
        if not line:
            raise StopIteration
        self.lines.append(line.rstrip("\r\n"))
        if len(line) > self.limits.text_chars:
            raise _fail(self.name, len(self.lines), 1,
                        f"line is {len(line):,} characters long; a line may hold at most"
                        f" {self.limits.text_chars:,} (limits.text_chars): shorten its cells, or check that this"
                        f" is a CSV file; {self.limits.hint('text_chars')}", "(row)")
        return line

    @property
    def next_line(self) -> int:
        return len(self.lines)


def _csv_error(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return (f"a cell is longer than {csv.field_size_limit():,} characters; is a quote (\") left"
                " open? Close it, or shorten the cell")
    return f"cannot read this row: {text}"


def read_csv(path, *, name: str | None = None, limits: Limits | None = None, used: int = 0,
             delimiter: str | None = None, decimal: str = ".") -> Table:
    """Read ``path`` into a table of text cells; ``used``: bytes of CSV the brief has read already.

    ``delimiter``: the cell separator (None: from the header row); ``decimal``: the numbers' decimal mark.

    Raises CsvLimitError for a file that is too big or not a file, BriefError for
    a malformed one (positioned in the file). ``table.source.size`` is the file's size.
    """
    path = Path(path)
    name = name or display_name(path)
    limits = limits or Limits()
    raw = _read_bounded(path, name, limits, used)
    size = len(raw)
    text = _decode(raw, name)
    del raw  # the text is all that is needed from here
    feeder = _Lines(text, name, limits)
    end = text.find("\n", 0, limits.text_chars + 1)
    first = text[:end if end >= 0 else limits.text_chars + 1]
    if not first.strip():
        raise _fail(name, 1, 1, "expected a header row with column names, found an empty first line")
    delimiter = delimiter or _delimiter(first)
    reader = csv.reader(feeder, delimiter=delimiter, strict=True)
    source = TableSource(name, feeder.lines, [], 1, delimiter, size, decimal)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise _fail(name, 1, 1, _csv_error(exc).replace("this row", "the header row")) from None
    if len(header) > limits.csv_columns:
        raise CsvLimitError(f"{name} has {len(header):,} columns; the limit is {limits.csv_columns:,}"
                            f" (limits.csv_columns). Keep the columns the chart uses;"
                            f" {limits.hint('csv_columns')}")
    columns = [h.strip() for h in header]
    problems: list[Diagnostic] = []
    seen: dict = {}
    for i, column in enumerate(columns):
        if not column:
            problems.append(Diagnostic(name, 1, source.locate_header(i, column)[2], "(header)",
                                       f"column {i + 1} has no name; every column needs a name"))
        elif column in seen:
            problems.append(Diagnostic(name, 1, source.locate_header(i, column)[2], "(header)",
                                       f"duplicate column name '{column}' (also column {seen[column] + 1})"))
        seen.setdefault(column, i)
        if len(problems) >= MAX_PROBLEMS:
            break
    rows, origins, records = [], [], 0
    while len(problems) < MAX_PROBLEMS:
        start = feeder.next_line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Diagnostic(name, start, 1, "(row)", _csv_error(exc)))
            break
        records += 1
        if records > limits.csv_rows:
            raise CsvLimitError(f"{name} has more than {limits.csv_rows:,} rows (limits.csv_rows; row"
                                f" {records:,} starts on line {start:,}). Aggregate it first (see"
                                f" tools/aggregate_tally.py for an example); {limits.hint('csv_rows')}")
        if not record or all(not cell.strip() for cell in record):
            continue  # blank lines are ignored
        if len(record) != len(columns):
            problems.append(Diagnostic(name, start, 1, "(row)",
                                       f"row has {len(record):,} cells but the header has {len(columns):,}"
                                       " columns; add or remove cells (quote cells that contain"
                                       f" '{delimiter}')"))
            continue
        source.row_lines.append(start)
        origins.append(len(source.row_lines) - 1)
        rows.append(record)
    if problems:
        raise BriefError(problems)
    if not rows:
        raise _fail(name, 1, 1, "file has a header row but no data rows")
    return Table(name, columns, rows, origins, source)
