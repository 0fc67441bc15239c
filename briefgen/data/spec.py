"""The ``data:`` mapping of a chart: where its table comes from and how it is shaped.

In:  a chart's ``data:`` mapping (checked field by field like any block) and
     the check context (for file paths, positions and diagnostics).
Out: a :class:`DataSpec` whose ``table`` is the shaped :class:`~briefgen.data.table.Table`
     (set by :meth:`DataSpec.check`, at load time), or diagnostics: a column
     missing from the CSV, a non-numeric cell, series of different lengths...

Either ``file`` (a CSV, columns named by ``x`` and ``y``, optionally
``split_by`` for long tables) or inline ``categories`` plus ``values``
(a mapping of series name to a list of numbers). Shaping runs in this order:
``filter`` -> ``group_by``/``sum`` -> ``compute`` -> ``sort`` -> ``top``.
"""

from __future__ import annotations

import datetime as dt

from ..errors import did_you_mean, format_path
from ..schema.fields import INVALID, Bool, Field, File, ListOf, Nested, Number, Str, type_name
from ..schema.model import Model
from .csvfile import CsvLimitError, read_csv
from .shaping import ShapeError, Step, apply_steps
from .table import MAX_REPORTED, Table
from .values import DECIMAL_MARKS, number_problem, parse_number

#: Name of the category column of an inline table.
CATEGORY_COLUMN = "category"
FILTER_OPS = ("==", "!=", "<", "<=", ">", ">=", "in", "not in")
X_TYPES = ("auto", "date", "number", "category")
#: CSV cell separators that may be named (``tab`` is the same as a tab character).
DELIMITERS = (",", ";", "tab", "\t", "|")


class Scalar(Field):
    """A single text, number, date or true/false value (or a list of them for 'in')."""

    json_type = {"type": ["string", "number", "boolean", "array"]}
    expected = "a value (text, number or date)"

    def __init__(self, doc, *, allow_list=False, **kw):
        super().__init__(doc, **kw)
        self.allow_list = allow_list

    def convert(self, value, ctx, path):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, (str, int, float, bool, dt.date)):
            return value
        if self.allow_list and isinstance(value, list):
            items = [self.convert(v, ctx, path + (i,)) for i, v in enumerate(value)]
            return INVALID if any(v is INVALID or isinstance(v, list) for v in items) else items
        return self.wrong_type(value, ctx, path)


class Columns(Field):
    """One column name or a list of them."""

    json_type = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    expected = "a column name or a list of column names"

    def convert(self, value, ctx, path):
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(v, str) and v.strip() for v in items):
            return self.wrong_type(value, ctx, path)
        return [v.strip() for v in items]


class InlineValues(Field):
    """Series written in the YAML: ``{series name: [numbers]}``; null or '' is a missing value."""

    json_type = {"type": "object", "additionalProperties": {"type": "array", "items": {"type": ["number", "null"]}}}
    expected = "a mapping of series names to lists of numbers"

    def convert(self, value, ctx, path):
        if not isinstance(value, dict) or not value:
            return self.wrong_type(value, ctx, path)
        result, ok = {}, True
        for name, items in value.items():
            if not isinstance(items, list):
                ctx.error(path + (name,), f"expected a list of numbers for series '{name}', found {type_name(items)}")
                ok = False
                continue
            numbers, bad = [], 0
            for i, item in enumerate(items):
                number = parse_number(item)
                if not isinstance(number, (float, type(None))):
                    bad += 1
                    if bad <= MAX_REPORTED:
                        ctx.error(path + (name, i), number.message)
                    ok = False
                numbers.append(number if isinstance(number, float) else None)
            if bad > MAX_REPORTED:
                ctx.error(path + (name,), f"{bad - MAX_REPORTED:,} more value(s) of series '{name}' cannot be"
                                          " read either")
            result[str(name)] = numbers
        return result if ok else INVALID


class Filter(Model):
    """Keep only the rows where the condition holds, e.g. {column: year, op: '>=', value: 2020}."""

    column = Str("The column to test.", required=True)
    op = Str("The comparison.", choices=FILTER_OPS, default="==")
    value = Scalar("The value to compare with (a list for 'in' and 'not in').", allow_list=True, required=True)

    def check(self, ctx, path):
        values = self.value if isinstance(self.value, list) else [self.value]
        for i, value in enumerate(values):  # NaN matches nothing and inf everything: a mistake either way
            problem = number_problem(value) if type(value) in (int, float) else None
            if problem is not None:
                ctx.error(path + (("value", i) if isinstance(self.value, list) else ("value",)), problem.message)
        if self.op in ("in", "not in") and not isinstance(self.value, list):
            ctx.error(path + ("value",), f"'{self.op}' needs a list of values, e.g. [a, b], found"
                                         f" {type_name(self.value)}")
        elif self.op not in ("in", "not in") and isinstance(self.value, list):
            ctx.error(path + ("value",), f"'{self.op}' compares with one value, found a list; use 'in'")


class Compute(Model):
    """A computed column: a share, a margin or a ratio of other columns."""

    name = Str("Name of the new column.", required=True)
    share = Str("Share of this column, in percent: of the 'of' column, or of the column's total.")
    margin = ListOf(Str("A column."), "Margin [a, b] = a - b; in percentage points of 'of' if given.")
    ratio = ListOf(Str("A column."), "Ratio [a, b] = a / b.")
    of = Str("The column to divide by (the total), for share and margin.")
    percent = Bool("Scale shares and margins to percent (x 100).", default=True)

    def check(self, ctx, path):
        given = [k for k in ("share", "margin", "ratio") if getattr(self, k)]
        if len(given) != 1:
            found = "none" if not given else ", ".join(given)
            ctx.error(path, f"expected exactly one of 'share', 'margin' or 'ratio', found {found}")
        for key in ("margin", "ratio"):
            items = getattr(self, key)
            if items and len(items) != 2:
                ctx.error(path + (key,), f"expected two columns [a, b], found {len(items)}")
        if self.ratio and self.of:
            ctx.error(path + ("of",), "'of' applies to 'share' and 'margin', not to 'ratio'")


class Sort(Model):
    """Sort rows by a column."""

    by = Str("The column to sort by.", required=True)
    descending = Bool("Largest first.", default=False)


class SortField(Nested):
    """``sort: column`` or ``sort: {by: column, descending: true}``."""

    def convert(self, value, ctx, path):
        if isinstance(value, str):
            return Sort(by=value)
        return super().convert(value, ctx, path)


class DataSpec(Model):
    """The chart's data: a CSV file with named columns, or categories and values written inline."""

    file = File("CSV file (UTF-8, header row), found beside the brief or under assets/, e.g."
                " 'data/states.csv'.", suffixes=(".csv",))
    delimiter = Str("CSV cell separator: ',', ';', 'tab' or '|' (default: a comma, or ';' or tab when the"
                    " header row has no comma).", choices=DELIMITERS)
    decimal = Str("Decimal mark of the CSV file's numbers: '.' (49.5, the default) or ',' (49,5, as Spanish,"
                  " French and German spreadsheets write them; then '49.5' is an error).", choices=DECIMAL_MARKS)
    x = Str("CSV column with the categories, dates or numbers along the chart's x axis.")
    y = Columns("CSV column(s) holding the values, one series each (or one column with 'split_by').")
    split_by = Str("CSV column naming the series of each row (a 'long' table: x, series, value).")
    categories = ListOf(Scalar("A category, date or number."), "Inline data: the categories (or dates).")
    values = InlineValues("Inline data: {series name: [one number per category]}.")
    x_type = Str("How x values are read: 'auto' takes dates if the first looks like one, else categories.",
                 choices=X_TYPES, default="auto")
    filter = ListOf(Nested(Filter, "A condition."), "Keep only rows matching every condition.", default=list)
    group_by = Columns("Group rows by these columns (one row per group)...")
    sum = Columns("...summing these columns.")
    compute = ListOf(Nested(Compute, "A computed column."), "Computed share, margin or ratio columns.",
                     default=list)
    sort = SortField(Sort, "Sort by a column: 'column' or {by: column, descending: true}.")
    top = Number("Keep the first N rows (after sorting).", integer=True, minimum=1)

    def check(self, ctx, path):
        self.table = None
        inline = self.categories is not None or self.values is not None
        if self.file is not None and inline:
            ctx.error(path, "give either 'file' or inline 'categories' and 'values', not both")
            return
        if self.file is None and not inline:
            ctx.error(path, "expected 'file' (a CSV) or inline 'categories' and 'values'")
            return
        table = self._csv_table(ctx, path) if self.file is not None else self._inline_table(ctx, path)
        if table is None:
            return
        steps = self._steps(table, ctx, path)
        if steps is None:
            return
        report = _reporter(ctx)
        try:
            self.table = apply_steps(table, steps, report)
        except ShapeError as exc:
            ctx.error(exc.path, str(exc))

    # -- sources ------------------------------------------------------------------------------
    def _csv_table(self, ctx, path):
        from ..errors import BriefError

        for key in ("x", "y"):
            if getattr(self, key) is None:
                ctx.error(path, f"missing required key '{key}' (the CSV column(s) to chart)")
        if self.x is None or self.y is None:
            return None
        if self.split_by and len(self.y) != 1:
            ctx.error(path + ("y",), f"with 'split_by', 'y' names one value column, found {len(self.y)}")
            return None
        delimiter = "\t" if self.delimiter == "tab" else self.delimiter
        decimal = self.decimal or "."
        if delimiter == decimal:
            ctx.error(path + ("decimal",), f"the decimal mark and the delimiter are both '{decimal}'; a file with"
                                           " decimal commas separates its cells with ';' (delimiter: ';')")
            return None
        tables = ctx.extra.setdefault("data_tables", {})  # one read per file per check (None: unreadable)
        read = (self.file, delimiter, decimal)
        if read in tables:  # its problems, if any, are reported once
            return tables[read]
        tables[read] = None
        used = sum(table.source.size for table in tables.values() if table is not None)
        try:
            tables[read] = read_csv(self.file, limits=ctx.limits, used=used, delimiter=delimiter, decimal=decimal)
        except CsvLimitError as error:
            ctx.error(path + ("file",), str(error))
        except BriefError as error:
            for d in error.diagnostics:
                ctx.diagnostics.add(d.file, d.line, d.col, d.path, d.message)
        return tables[read]

    def _inline_table(self, ctx, path):
        if self.categories is None or self.values is None:
            missing = "categories" if self.categories is None else "values"
            ctx.error(path, f"inline data needs both 'categories' and 'values'; add '{missing}'")
            return None
        for key in ("x", "y", "split_by"):
            if getattr(self, key) is not None:
                ctx.error(path + (key,), f"'{key}' names CSV columns; inline data does not use it", key=True)
        for key in ("delimiter", "decimal"):
            if getattr(self, key) is not None:
                ctx.error(path + (key,), f"'{key}' says how a CSV file is written; inline data does not use it"
                                         " (numbers in the YAML take a '.')", key=True)
        limits = ctx.limits
        if len(self.categories) > limits.csv_rows:  # the bounds of a CSV file hold for inline data too
            ctx.error(path + ("categories",), f"inline data has {len(self.categories):,} categories; the limit is"
                                              f" {limits.csv_rows:,} (limits.csv_rows); {limits.hint('csv_rows')}")
            return None
        if len(self.values) > limits.csv_columns:
            ctx.error(path + ("values",), f"inline data has {len(self.values):,} series; the limit is"
                                          f" {limits.csv_columns:,} (limits.csv_columns);"
                                          f" {limits.hint('csv_columns')}")
            return None
        ok = True
        for name, items in self.values.items():
            if len(items) != len(self.categories):
                ctx.error(path + ("values", name), f"series '{name}' has {len(items)} values but there are"
                                                   f" {len(self.categories)} categories; give one value per"
                                                   " category (null for a missing one)")
                ok = False
            if name == CATEGORY_COLUMN:
                ctx.error(path + ("values", name), f"'{CATEGORY_COLUMN}' is reserved for the categories;"
                                                   " rename the series", key=True)
                ok = False
        if not ok:
            return None
        columns = {CATEGORY_COLUMN: list(self.categories), **self.values}
        table = Table.from_columns(ctx.source.name, columns)
        table.origins = list(range(len(self.categories)))
        table.source = YamlCells(ctx, tuple(path))
        table.types.update({name: "number" for name in self.values})
        return table

    @property
    def x_column(self) -> str:
        return self.x if self.file is not None else CATEGORY_COLUMN

    @property
    def y_columns(self) -> list:
        return list(self.y) if self.file is not None else list(self.values)

    # -- steps ---------------------------------------------------------------------------------
    def _steps(self, table, ctx, path):
        """Check every column name against the columns present at that step; build the steps."""
        columns = list(table.columns)
        ok = True

        def need(name, where, *, key=False):
            nonlocal ok
            if name not in columns:
                ok = False
                shown = ", ".join(columns[:12]) + (", ..." if len(columns) > 12 else "")
                origin = f"in {table.name}" if self.file is not None else "in the inline data"
                ctx.error(where, f"column '{name}' is not {origin} (columns: {shown}){did_you_mean(name, columns)}",
                          key=key)

        steps = []
        for i, item in enumerate(self.filter):
            need(item.column, path + ("filter", i, "column"))
            steps.append(Step("filter", {"column": item.column, "op": item.op, "value": item.value},
                              path + ("filter", i)))
        if self.group_by or self.sum:
            if not (self.group_by and self.sum):
                ctx.error(path, "'group_by' and 'sum' go together: name the columns to group by and to sum")
                return None
            for key in ("group_by", "sum"):
                for j, name in enumerate(getattr(self, key)):
                    need(name, path + (key, j) if len(getattr(self, key)) > 1 else path + (key,))
            steps.append(Step("group", {"by": self.group_by, "sum": self.sum}, path + ("group_by",)))
            columns = list(self.group_by) + list(self.sum)
        for i, item in enumerate(self.compute):
            where = path + ("compute", i)
            for key in ("share", "of"):
                if getattr(item, key):
                    need(getattr(item, key), where + (key,))
            for key in ("margin", "ratio"):
                for j, name in enumerate(getattr(item, key) or ()):
                    need(name, where + (key, j))
            steps.append(Step("compute", {"name": item.name, "share": item.share, "margin": item.margin,
                                          "ratio": item.ratio, "of": item.of, "percent": item.percent}, where))
            if item.name not in columns:
                columns.append(item.name)
        if self.sort is not None:
            need(self.sort.by, path + ("sort", "by") if (path + ("sort", "by")) in ctx.source.values
                 else path + ("sort",))
            steps.append(Step("sort", {"by": self.sort.by, "descending": self.sort.descending}, path + ("sort",)))
        if self.top is not None:
            steps.append(Step("top", {"n": self.top}, path + ("top",)))
        if self.file is not None:
            need(self.x, path + ("x",))
            for j, name in enumerate(self.y):
                need(name, path + ("y", j) if len(self.y) > 1 else path + ("y",))
            if self.split_by:
                need(self.split_by, path + ("split_by",))
        return steps if ok else None


class YamlCells:
    """Positions of inline table cells in the YAML file (so bad values point at the YAML)."""

    def __init__(self, ctx, path):
        self.ctx, self.path = ctx, path

    def _path(self, row, column):
        if column == CATEGORY_COLUMN:
            return self.path + ("categories", row)
        return self.path + ("values", column, row)

    def locate(self, row, index, column):
        path = self._path(row, column)
        line, col = self.ctx.source.where(path)
        return self.ctx.source.name, line, col, format_path(path)

    def locate_header(self, index, column):
        path = self.path + (("categories",) if column == CATEGORY_COLUMN else ("values", column))
        line, col = self.ctx.source.where(path)
        return self.ctx.source.name, line, col, format_path(path)


def _reporter(ctx):
    def report(where, message):
        file, line, col, path = where
        ctx.diagnostics.add(file, line, col, path, message)

    return report

