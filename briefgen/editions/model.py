"""The ``editions:`` key of a brief: one edition per row of a table, and the brief's text filled in for one.

In:  a brief's raw mapping with an ``editions:`` key, the check context, and which edition to fill in
     (``ctx.extra["edition"]``, a row number; None: the first, so that ``validate`` checks the template).
Out: :func:`prepare` gives the brief's mapping with every placeholder filled in from that row, or INVALID
     after reporting, at their ``file:line:col``, every placeholder that names no column, uses a filter
     that is not allowed or is refused by the sandbox, every value a filter cannot format, and every name
     that two editions share or that cannot be a file name.

The table is a CSV file (with the same confinement and positioned errors as chart data) or rows written
in the YAML, optionally filtered and with computed columns (the chart data's ``filter`` and ``compute``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.csvfile import CsvLimitError, read_csv
from ..data.shaping import ShapeError, Step, apply_steps
from ..data.spec import DECIMAL_MARKS, DELIMITERS, Compute, Filter, Scalar
from ..data.table import Table
from ..schema.fields import INVALID, Field, File, ListOf, Nested, Str
from ..schema.model import Model
from .template import OPENERS, Renderer, as_date, as_number, bare_column, has_tags, scan, tag_count

#: A file name an edition may not take (besides anything with a folder separator or a control character).
_RESERVED = {"", ".", ".."}


class InlineRows(Field):
    """Rows written in the YAML: a list of mappings of column names to values, all with the same columns."""

    json_type = {"type": "array", "items": {"type": "object", "additionalProperties": {
        "type": ["string", "number", "boolean", "null"]}}}
    expected = "a list of rows, each a mapping of column names to values"

    def convert(self, value, ctx, path):
        if not isinstance(value, list) or not value or not all(isinstance(row, dict) for row in value):
            return self.wrong_type(value, ctx, path)
        columns, ok = list(value[0]), True
        for i, row in enumerate(value):
            if list(row) != columns:
                missing = [c for c in columns if c not in row] or [c for c in row if c not in columns]
                ctx.error(path + (i,), f"every row needs the same columns as the first ({', '.join(map(str, columns))});"
                                       f" this one differs at '{missing[0]}'")
                ok = False
            for column, cell in row.items():
                if Scalar("").convert(cell, ctx, path + (i, column)) is INVALID or isinstance(cell, list):
                    ok = False
        return [{str(k): v for k, v in row.items()} for row in value] if ok else INVALID


class Editions(Model):
    """One edition of the brief per row of a table; text in the brief names the row's columns with {{ column }}."""

    file = File("CSV file with one row per edition (UTF-8, header row), e.g. 'data/states.csv'.", suffixes=(".csv",))
    delimiter = Str("CSV cell separator: ',', ';', 'tab' or '|' (default: from the header row).", choices=DELIMITERS)
    decimal = Str("Decimal mark of the CSV file's numbers: '.' (the default) or ','.", choices=DECIMAL_MARKS)
    rows = InlineRows("Rows written here instead of a file: [{state: Zulia, margin: 12.5}, ...].")
    filter = ListOf(Nested(Filter, "A condition."), "Make editions only of the rows matching every condition.",
                    default=list)
    compute = ListOf(Nested(Compute, "A computed column."), "Computed share, margin or ratio columns, as in chart"
                     " data, e.g. {name: margin, margin: [egu, nm], of: validos}.", default=list)
    name = Str("Each edition's PDF file name, without '.pdf', with placeholders, e.g. 'margins-{{ state | slug }}'.",
               required=True, max_length=200)

    def check(self, ctx, path):
        self.table = None
        if (self.file is None) == (self.rows is None):
            ctx.error(path, "expected either 'file' (a CSV) or 'rows' written here, not both" if self.file else
                      "expected 'file' (a CSV with one row per edition) or 'rows' written here")
            return
        table = self._read(ctx, path)
        if table is None:
            return
        steps = []
        for i, item in enumerate(self.filter):
            steps.append(Step("filter", {"column": item.column, "op": item.op, "value": item.value},
                              path + ("filter", i)))
        for i, item in enumerate(self.compute):
            steps.append(Step("compute", {"name": item.name, "share": item.share, "margin": item.margin,
                                          "ratio": item.ratio, "of": item.of, "percent": item.percent},
                              path + ("compute", i)))
        if not self._columns_known(table, ctx, path):
            return
        try:
            shaped = apply_steps(table, steps, lambda where, message: ctx.diagnostics.add(*where, message))
        except ShapeError as exc:
            ctx.error(exc.path, str(exc))
            return
        if shaped is not None and not shaped.rows:
            ctx.error(path + ("filter",) if self.filter else path, "no row is left to make an edition of;"
                      " check the filter against the data")
            return
        self.source_table, self.table = table, shaped

    def _read(self, ctx, path) -> Table | None:
        from ..errors import BriefError

        if self.rows is not None:
            columns = {c: [row[c] for row in self.rows] for c in self.rows[0]}
            table = Table.from_columns(ctx.source.name, columns)
            table.origins = list(range(len(self.rows)))
            return table
        delimiter = "\t" if self.delimiter == "tab" else self.delimiter
        try:
            return read_csv(self.file, limits=ctx.limits, delimiter=delimiter, decimal=self.decimal or ".")
        except CsvLimitError as error:
            ctx.error(path + ("file",), str(error))
        except BriefError as error:
            for d in error.diagnostics:
                ctx.diagnostics.add(d.file, d.line, d.col, d.path, d.message)
        return None

    def _columns_known(self, table, ctx, path) -> bool:
        from ..errors import did_you_mean

        columns, ok = list(table.columns), True
        for key, items in (("filter", self.filter), ("compute", self.compute)):
            for i, item in enumerate(items):
                names = [("column", item.column)] if key == "filter" else \
                    [(k, getattr(item, k)) for k in ("share", "of") if getattr(item, k)] + \
                    [((k, j), c) for k in ("margin", "ratio") for j, c in enumerate(getattr(item, k) or ())]
                for where, name in names:
                    if name not in columns:
                        where = where if isinstance(where, tuple) else (where,)
                        ctx.error(path + (key, i) + where, f"column '{name}' is not in the editions' table (columns:"
                                                           f" {', '.join(columns[:12])}){did_you_mean(name, columns)}")
                        ok = False
                if key == "compute" and item.name not in columns:
                    columns.append(item.name)
        return ok

    # -- the rows ----------------------------------------------------------------------------------
    @property
    def columns(self) -> list:
        return list(self.table.columns)

    def row(self, index: int) -> dict:
        """Row ``index`` as the placeholders see it: cells as written, computed columns as numbers."""
        shaped = dict(zip(self.table.columns, self.table.rows[index]))
        origin = self.table.origins[index]
        written = dict(zip(self.source_table.columns, self.source_table.rows[origin])) if origin is not None else {}
        return {column: written.get(column, value) for column, value in shaped.items()}

    def where(self, index: int) -> str:
        """Where row ``index`` comes from: 'data/states.csv:7', or 'editions.rows[6]' of the brief."""
        origin = self.table.origins[index]
        if self.rows is not None:
            return f"editions.rows[{origin}]"
        source = self.table.source
        return f"{source.name}:{source.row_lines[origin]}" if source is not None and origin is not None else "?"

    def cell(self, index: int, column: str) -> str:
        """'file:line:col' of one cell (its row, for a row written in the YAML)."""
        if self.rows is not None or column not in self.source_table.columns:
            return self.where(index)
        file, line, col, _ = self.table.locate(index, column)
        return f"{file}:{line}:{col}"


@dataclass
class Prepared:
    """A template and the edition filled in: its data, its row number and its file name."""

    editions: Editions
    index: int | None  #: the edition filled in; None: the first, for a check of the template
    names: dict  #: row number -> file name (every row's for the template; the edition's own otherwise)
    data: dict


def prepare(raw: dict, ctx):
    """Check the editions and every placeholder of ``raw``; return a :class:`Prepared` edition, or INVALID."""
    path = ("editions",)
    errors = len(ctx.diagnostics.errors)
    editions = Editions.parse(raw["editions"], ctx, path)
    if editions is INVALID or not editions.valid or editions.table is None:
        return INVALID
    columns = editions.columns
    meta = raw.get("meta") if isinstance(raw.get("meta"), dict) else {}
    language = meta.get("language") if meta.get("language") in ("en", "es", "fr", "pt") else "en"
    renderer = Renderer(language, editions.decimal)
    texts = list(_texts(raw))
    index = ctx.extra.get("edition")
    count = len(editions.table.rows)
    if index is not None and not 0 <= index < count:
        ctx.error(path, f"there is no edition {index + 1}: the editions' table has {count} row(s)")
        return INVALID
    # One edition of a batch checks its own row; the batch's plan (index None) checked every row.
    rows = range(count) if index is None else [index]
    for where, text, key in texts:
        placeholders, problems = scan(text, columns)
        for problem in problems:
            ctx.error(where, problem.message, key=key, at=tag_position(ctx.source, where, problem.count, key))
        for placeholder in placeholders:
            _check_values(placeholder, editions, rows, ctx, where, key, text)
    if len(ctx.diagnostics.errors) > errors:
        return INVALID
    names = _names(editions, renderer, rows, ctx)
    if names is None:
        return INVALID
    row = _clean(editions.row(index or 0))
    data = _render(raw, _Row(row), renderer, ())
    return Prepared(editions, index, names, data)


def _texts(data, path=()):
    """(path, text, is_key) of every text of the brief that may hold placeholders: keys and values, and
    the editions' name (the rest of ``editions:`` says where the rows come from)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if path == () and key == "editions":
                if isinstance(value, dict) and isinstance(value.get("name"), str):
                    yield ("editions", "name"), value["name"], False
                continue
            if has_tags(key):
                yield path + (key,), key, True
            yield from _texts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _texts(value, path + (i,))
    elif has_tags(data):
        yield path, data, False


def tag_position(source, path, count: int, key: bool = False) -> tuple:
    """(line, col) of the ``count``-th tag ('{{', '{%' or '{#') of the text at ``path``, as written in the file."""
    line, col = source.where(path, key=key)
    seen = 0
    for number in range(line, len(source.lines) + 1):
        text = source.lines[number - 1]
        for match in OPENERS.finditer(text, col - 1 if number == line else 0):
            if seen == count:
                return number, match.start() + 1
            seen += 1
    return line, col


def _check_values(placeholder, editions, rows, ctx, where, key, text) -> None:
    """Every row's value must suit the placeholder's filters: a number for number and percent, a date for date."""
    wanted = {"number": "a number", "percent": "a number", "date": "a date (YYYY-MM-DD)"}
    count = tag_count(text, placeholder.start)
    for name, _ in placeholder.filters[:1]:  # the first filter reads the cell; the others its text
        if name not in wanted:
            continue
        for index in rows:
            value = editions.row(index)[placeholder.column]
            ok = as_date(value) is not None if name == "date" else as_number(value, editions.decimal) is not None
            if not ok:
                shown = "an empty cell" if value in (None, "") else repr(value)
                ctx.error(where, f"'{placeholder.text}': the filter '{name}' needs {wanted[name]}, but column"
                                 f" '{placeholder.column}' holds {shown} at {editions.cell(index, placeholder.column)}",
                          key=key, at=tag_position(ctx.source, where, count, key))
                return


def _names(editions, renderer, rows, ctx) -> dict | None:
    """The file name of each edition in ``rows``; None after reporting one that is not a file name or is
    taken twice."""
    path, seen, names = ("editions", "name"), {}, {}
    for index in rows:
        name = renderer.render(editions.name, _clean(editions.row(index))).strip()
        bad = name in _RESERVED or any(c in name for c in "/\\") or any(ord(c) < 32 for c in name)
        if bad:
            ctx.error(path, f"edition {index + 1} ({editions.where(index)}) would be named {name!r}, which cannot be"
                            " a file name; build the name from columns that are never empty, e.g. with | slug")
            return None
        if name in seen:
            ctx.error(path, f"editions {seen[name] + 1} ({editions.where(seen[name])}) and {index + 1}"
                            f" ({editions.where(index)}) would both be named {name!r}; add a column that tells"
                            " them apart to the name")
            return None
        seen[name] = index
        names[index] = name
    return names


def _clean(row: dict) -> dict:
    """A row as text goes into the brief: a line break in a cell becomes a space (it would shift positions)."""
    return {k: " ".join(v.split()) if isinstance(v, str) and ("\n" in v or "\r" in v) else v for k, v in row.items()}


def _render(data, row, renderer, path):
    """``data`` with every placeholder filled in; a value that is one bare placeholder keeps the cell's type."""
    if isinstance(data, dict):
        return {(_render(k, row, renderer, None) if has_tags(k) else k):
                (v if path == () and k == "editions" else _render(v, row, renderer, path + (k,)))
                for k, v in data.items()}
    if isinstance(data, list):
        return [_render(v, row, renderer, path + (i,)) for i, v in enumerate(data)]
    if not has_tags(data):
        return data
    column = bare_column(data)
    if column is not None and path is not None:
        return _typed(row.cells[column], renderer.decimal)
    return renderer.render(data, row.markdown if path is not None and is_markdown(path, row.kinds) else row.cells)


class _Row:
    """A row's cells, and the same with the text escaped for Markdown (a cell's '*' prints as a star)."""

    def __init__(self, cells: dict):
        from ..blocks.registry import block_kinds

        self.cells = cells
        self.kinds = block_kinds()  # found once: it lists the block modules
        self.markdown = {k: _MARKDOWN.sub(r"\\\g<0>", v) if isinstance(v, str) else v for k, v in cells.items()}


#: What Markdown (and briefgen's spans and references) would read in a cell: escaped with a backslash.
_MARKDOWN = re.compile(r"[\\`*_\[\]<>#!|~{}&]")


def is_markdown(path, kinds: dict) -> bool:
    """True if the value at ``path`` of a brief is Markdown (prose, a summary, a footnote...), from the schema;
    ``kinds``: the block kinds (:func:`briefgen.blocks.registry.block_kinds`)."""
    from ..blocks.registry import BlockField
    from ..schema.brief import Brief
    from ..schema.fields import Markdown, MapOf

    field = Nested(Brief, "")
    for part in path:
        if isinstance(field, Nested) and isinstance(part, str):
            field = field.model.fields.get(part)
        elif isinstance(field, ListOf) and isinstance(part, int):
            field = field.item
        elif isinstance(field, MapOf):
            field = field.value
        elif isinstance(field, BlockField):
            kind = kinds.get(part)
            field = Nested(kind, "") if kind is not None else None
        else:
            return False
        if field is None:
            return False
    shorthand = getattr(field.model, "shorthand", None) if isinstance(field, Nested) else None
    if shorthand:  # '- prose: text' is the block's main field written alone
        field = field.model.fields.get(shorthand)
    return isinstance(field, Markdown)


def _typed(value, decimal):
    """A cell standing alone as a value: a number if it reads as one (a table's number column, a chart's
    inline values), else as it is."""
    if not isinstance(value, str):
        return value
    number = as_number(value, decimal)
    if number is None:
        return value
    return int(number) if re.fullmatch(r"[+-]?[0-9]+", value.strip()) else number


__all__ = ["Editions", "Prepared", "is_markdown", "prepare", "tag_position"]
