"""The table model: named columns of cells that remember where they came from.

In:  rows read from a CSV file (or built from inline YAML data).
Out: a :class:`Table` whose cells can be converted column by column (text to
     numbers or dates), with every bad cell reported at its own ``file:line:col``.

A table is immutable in use: shaping steps build new tables. Rows made by a
step (a group-by total, say) have no source position of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .values import BadValue, parse_number

#: Reports one problem: ``report((file, line, col, path), message)``.
Report = Callable[[tuple, str], None]
#: At most this many bad cells are reported per column; the rest are counted.
MAX_REPORTED = 3


@dataclass
class TableSource:
    """Where a table's rows came from: a file's name, raw lines and each row's first line."""

    name: str
    lines: list = field(default_factory=list)
    row_lines: list = field(default_factory=list)
    header_line: int = 1
    delimiter: str = ","
    size: int = 0  # bytes read
    decimal: str = "."  # the file's decimal mark ('.' or ',')

    def locate(self, row: int, index: int, column: str) -> tuple:
        """(file, line, col, path) of cell ``index`` of data row ``row`` (both 0-based)."""
        line = self.row_lines[row]
        return self.name, line, _field_col(self.lines, line, index, self.delimiter), f"column '{column}'"

    def locate_header(self, index: int, column: str) -> tuple:
        col = _field_col(self.lines, self.header_line, index, self.delimiter)
        return self.name, self.header_line, col, f"column '{column}'"


def _field_col(lines, line: int, column: int, delimiter: str) -> int:
    """1-based character column where field ``column`` starts on ``line`` (quotes respected)."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if line == 1:
        text = text.lstrip("\ufeff")
    index, quoted, pos = 0, False, 0
    while pos < len(text) and index < column:
        char = text[pos]
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            index += 1
        pos += 1
    return pos + 1


@dataclass
class Table:
    """Columns of values; ``origins[i]`` is the source row of row ``i`` (None if computed)."""

    name: str
    columns: list
    rows: list
    origins: list
    source: TableSource | None = None
    #: Columns already converted: name -> "number" or "date" (others hold text).
    types: dict = field(default_factory=dict)

    @classmethod
    def from_columns(cls, name: str, data: dict) -> "Table":
        """A table without positions, from ``{column: [values]}`` of equal lengths."""
        columns = list(data)
        length = len(next(iter(data.values()), []))
        rows = [[data[c][i] for c in columns] for i in range(length)]
        return cls(name, columns, rows, [None] * length)

    def __len__(self) -> int:
        return len(self.rows)

    def index(self, column: str) -> int:
        return self.columns.index(column)

    def values(self, column: str) -> list:
        i = self.index(column)
        return [row[i] for row in self.rows]

    def locate(self, row: int, column: str) -> tuple:
        """(file, line, col, path) of a cell; line and col are 0 for a computed row."""
        origin = self.origins[row]
        if origin is None or self.source is None:
            return (self.name, 0, 0, f"column '{column}'")
        return self.source.locate(origin, self.index(column), column)

    def locate_header(self, column: str) -> tuple:
        if self.source is None:
            return (self.name, 0, 0, f"column '{column}'")
        return self.source.locate_header(self.index(column) if column in self.columns else 0, column)

    @property
    def decimal(self) -> str | None:
        """The decimal mark of the CSV file the table was read from; None for data written in the YAML."""
        return getattr(self.source, "decimal", None)

    def parse_number(self, value):
        """A cell of this table as a number (see :func:`~briefgen.data.values.parse_number`)."""
        return parse_number(value, self.decimal)

    def replace(self, *, columns=None, rows=None, origins=None) -> "Table":
        """A new table sharing this one's name and source."""
        types = {c: t for c, t in self.types.items() if columns is None or c in columns}
        return Table(self.name, list(self.columns if columns is None else columns),
                     list(self.rows if rows is None else rows),
                     list(self.origins if origins is None else origins), self.source, types)

    def converted(self, column: str, kind: str, parse, report: Report, context: str = "") -> "Table | None":
        """A copy with ``column`` parsed by ``parse`` into ``kind`` values; bad cells go to ``report``.

        Returns None when any cell was bad. A column already of ``kind`` is returned as is.
        """
        return self.converted_all([column], kind, parse, report, context)

    def converted_all(self, columns, kind: str, parse, report: Report, context: str = "") -> "Table | None":
        """Like :meth:`converted` for several columns at once: each row is copied once, not once per column."""
        todo = [c for c in dict.fromkeys(columns) if self.types.get(c) != kind]
        if not todo:
            return self
        indexes = [self.index(c) for c in todo]
        bad = dict.fromkeys(todo, 0)
        rows = []
        for r, row in enumerate(self.rows):
            row = list(row)
            for i, column in zip(indexes, todo):
                value = parse(row[i])
                if isinstance(value, BadValue):
                    bad[column] += 1
                    if bad[column] <= MAX_REPORTED:
                        report(self.locate(r, column), value.message + context)
                    value = None
                row[i] = value
            rows.append(row)
        for column, count in bad.items():
            if count > MAX_REPORTED:
                report(self.locate_header(column),
                       f"{count - MAX_REPORTED} more cell(s) in this column cannot be read either")
        if any(bad.values()):
            return None
        table = self.replace(rows=rows)
        table.types.update(dict.fromkeys(todo, kind))
        return table

    def as_rows(self) -> list:
        """Header and rows, for writing the table out as CSV."""
        return [list(self.columns)] + [list(row) for row in self.rows]
