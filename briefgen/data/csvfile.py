"""CSV files: a path in, a :class:`~briefgen.data.table.Table` of text cells with positions out.

The file must be UTF-8 (a byte-order mark is allowed), with a header row of
unique, non-empty column names, and the same number of cells on every row.
The delimiter is a comma, or a semicolon or tab when the header has no comma.
Problems are raised as :class:`~briefgen.errors.BriefError` positioned in the
CSV file itself, e.g. ``assets/data/x.csv:14:1: (row): row has 5 cells ...``.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import BriefError, Diagnostic, display_name
from .table import Table, TableSource

#: Largest CSV read, in bytes (the raw tally-sheet file is 1.2 MB).
MAX_CSV_BYTES = 50_000_000


def _fail(name, line, col, message, path="(file)"):
    return BriefError([Diagnostic(name, line, col, path, message)])


def _decode(path: Path, name: str) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _fail(name, 0, 0, f"cannot read file: {exc.strerror}") from None
    if size > MAX_CSV_BYTES:
        raise _fail(name, 1, 1, f"file is {size:,} bytes; the limit is {MAX_CSV_BYTES:,} bytes."
                    " Aggregate it first (see tools/aggregate_tally.py for an example)")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _fail(name, line, col, f"file is not UTF-8 (invalid byte 0x{raw[exc.start]:02x}); save it as"
                                     " UTF-8 CSV") from None


def _delimiter(header: str) -> str:
    if "," in header:
        return ","
    for candidate in (";", "\t"):
        if candidate in header:
            return candidate
    return ","


class _LineCounter:
    """Feeds lines to ``csv.reader`` and remembers the line each record starts on."""

    def __init__(self, lines):
        self.lines = lines
        self.next_line = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.next_line >= len(self.lines):
            raise StopIteration
        self.next_line += 1
        return self.lines[self.next_line - 1]


def read_csv(path, *, name: str | None = None) -> Table:
    """Read ``path`` into a table of text cells; raise BriefError on a malformed file."""
    path = Path(path)
    name = name or display_name(path)
    text = _decode(path, name)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise _fail(name, 1, 1, "expected a header row with column names, found an empty first line")
    delimiter = _delimiter(lines[0])
    feeder = _LineCounter(text.splitlines(keepends=True))
    reader = csv.reader(feeder, delimiter=delimiter, strict=True)
    problems: list[Diagnostic] = []
    source = TableSource(name, lines, [], 1, delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise _fail(name, 1, 1, f"cannot read the header row: {exc}") from None
    columns = [h.strip() for h in header]
    seen: dict = {}
    for i, column in enumerate(columns):
        if not column:
            problems.append(Diagnostic(name, 1, source.locate_header(i, column)[2], "(header)",
                                       f"column {i + 1} has no name; every column needs a name"))
        elif column in seen:
            problems.append(Diagnostic(name, 1, source.locate_header(i, column)[2], "(header)",
                                       f"duplicate column name '{column}' (also column {seen[column] + 1})"))
        seen.setdefault(column, i)
    rows, origins = [], []
    while True:
        start = feeder.next_line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Diagnostic(name, start, 1, "(row)", f"cannot read this row: {exc}"))
            break
        if not record or all(not cell.strip() for cell in record):
            continue  # blank lines are ignored
        if len(record) != len(columns):
            problems.append(Diagnostic(name, start, 1, "(row)",
                                       f"row has {len(record)} cells but the header has {len(columns)}"
                                       " columns; add or remove cells (quote cells that contain"
                                       f" '{delimiter}')"))
            if len(problems) >= 10:
                break
            continue
        source.row_lines.append(start)
        origins.append(len(source.row_lines) - 1)
        rows.append(record)
    if problems:
        raise BriefError(problems)
    if not rows:
        raise _fail(name, 1, 1, "file has a header row but no data rows")
    return Table(name, columns, rows, origins, source)
