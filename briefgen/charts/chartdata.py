"""Chart data: a shaped table in, the x values and named series a chart draws out.

In:  a checked :class:`~briefgen.data.spec.DataSpec` (its shaped ``table`` and
     which columns are x, y and split_by), the chart's series styles and the
     check context.
Out: :class:`ChartData`: the x axis type (date, number or category), the
     categories in order, and :class:`Series` of ``(x, value)`` points where a
     missing value is ``None`` (drawn as a gap, never as zero). Problems (an
     unreadable date, a non-numeric value, an x value given twice for one series,
     a style naming no series) are diagnostics at the CSV cell or YAML key.
     So is a chart too big to read or to draw in time (``limits.chart_categories``,
     ``chart_series``, ``chart_points``), found before any drawing code is imported,
     and a value that shaping made infinite or larger than 1e15.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..data.table import MAX_REPORTED
from ..data.values import LARGEST, BadValue, looks_like_date, parse_date, parse_number
from ..errors import did_you_mean

EPOCH = dt.date(1970, 1, 1)


@dataclass
class Series:
    """One series: its key (column or split value), printed label and points."""

    key: str
    label: str
    xs: list
    values: list
    style: object = None  # the SeriesStyle that names it, if any
    index: int = 0  # position in the data (its column or first row): the colour, whatever its label or order

    def points(self):
        """(x, value) pairs with a value present."""
        return [(x, v) for x, v in zip(self.xs, self.values) if v is not None]


@dataclass
class ChartData:
    """What every kind draws from."""

    x_type: str  # "date", "number" or "category"
    categories: list
    series: list = field(default_factory=list)
    x_column: str = ""
    table: object = None  # the shaped Table, exported beside the chart

    def series_by_key(self, key):
        return next((s for s in self.series if s.key == key), None)

    def x_position(self, value) -> float:
        """Where an x value sits on the axis: days since 1970 for dates, index for categories."""
        if self.x_type == "date":
            return float((value - EPOCH).days)
        if self.x_type == "number":
            return float(value)
        return float(self.categories.index(value))

    def canonical(self) -> dict:
        """Plain JSON-able content, for the cache key and exports."""
        def plain(v):
            return v.isoformat() if isinstance(v, dt.date) else v

        return {"x_type": self.x_type, "categories": [plain(c) for c in self.categories],
                "series": [{"key": s.key, "label": s.label, "xs": [plain(x) for x in s.xs], "values": s.values}
                           for s in self.series]}

    def wide_rows(self) -> list:
        """Header and one row per x value: x, then one column per series (blank = missing)."""
        xs = self.categories if self.x_type == "category" else sorted({x for s in self.series for x in s.xs})
        header = [self.x_column or "x"] + [s.label for s in self.series]
        rows = [header]
        by_x = [dict(zip(s.xs, s.values)) for s in self.series]  # one lookup per cell, not a scan
        for x in xs:
            row = [x.isoformat() if isinstance(x, dt.date) else x]
            for values in by_x:
                value = values.get(x)
                row.append("" if value is None else _plain_number(value))
            rows.append(row)
        return rows


def _plain_number(value: float):
    return int(value) if float(value).is_integer() else round(value, 10)


def parse_x(value, x_type, decimal=None):
    """An x value of the given type (date, number or category text), or a BadValue.

    ``decimal``: the decimal mark of the CSV file the value comes from (None: the YAML)."""
    if x_type == "date":
        parsed = parse_date(value)
    elif x_type == "number":
        parsed = parse_number(value, decimal)
    else:
        parsed = None if value is None else (value if isinstance(value, dt.date) else str(value).strip())
        parsed = None if parsed == "" else parsed
    if parsed is None:
        return BadValue("expected a value on the x axis, found an empty cell; every row needs one")
    return parsed


def build(spec, ctx, path):
    """ChartData for a chart spec whose ``data`` is checked; None after recording problems."""
    data_spec = spec.data
    table = data_spec.table
    if table is None:
        return None
    report = _reporter(ctx)
    x_col = data_spec.x_column
    x_type = data_spec.x_type
    if x_type == "auto":
        first = next((v for v in table.values(x_col) if v not in (None, "")), None)
        x_type = "date" if looks_like_date(first) else "category"
    problems = len(ctx.diagnostics.errors)
    decimal = table.decimal
    table = table.converted(x_col, f"x-{x_type}", lambda v: parse_x(v, x_type, decimal), report,
                            f" (x values of this chart are {x_type}s)" if x_type != "category" else "")
    if table is None:
        return None
    value_cols = data_spec.y_columns
    series_key = "values" if data_spec.file is None else "split_by" if data_spec.split_by else "y"
    if not _few_enough(len(value_cols), len(table), ctx, path, path + ("data", series_key)):
        return None
    table = table.converted_all(value_cols, "number", table.parse_number, report, " (values of the chart)")
    if table is None:
        return None
    if not _values_in_range(table, value_cols, x_col, ctx, path):
        return None
    xs = table.values(x_col)
    groups: dict = {}
    reported = _Capped(ctx)
    if data_spec.split_by:
        names = table.values(data_spec.split_by)
        values = table.values(value_cols[0])
        for r, (name, x, v) in enumerate(zip(names, xs, values)):
            name = "" if name is None else str(name).strip()
            if not name:
                reported.add(table.locate(r, data_spec.split_by), "expected a series name, found an empty cell")
                continue
            groups.setdefault(name, []).append((r, x, v))
    else:
        for column in value_cols:
            groups[column] = [(r, x, v) for r, (x, v) in enumerate(zip(xs, table.values(column)))]
    series = []
    for key, points in groups.items():
        seen: dict = {}
        for r, x, _ in points:
            if x in seen:
                other = table.locate(seen[x], x_col)[1]
                reported.add(table.locate(r, x_col), f"x value {_shown(x)} appears twice for series '{key}'"
                                                     + (f" (also on line {other})" if other else "")
                                                     + "; give one value per x and series")
            seen.setdefault(x, r)
        if x_type != "category":
            points = sorted(points, key=lambda p: p[1])
        series.append(Series(key, key, [p[1] for p in points], [p[2] for p in points], index=len(series)))
    reported.close(path + ("data",))
    if len(ctx.diagnostics.errors) > problems:
        return None
    categories = list(dict.fromkeys(xs)) if x_type == "category" else sorted(set(xs))
    if x_type == "category":
        for s in series:
            by_x = dict(zip(s.xs, s.values))
            s.xs, s.values = list(categories), [by_x.get(c) for c in categories]
    result = ChartData(x_type, categories, series, x_col, table)
    _apply_styles(result, spec, ctx, path)
    return result


#: For each size limit of a chart: what is counted, why the limit, and what to do instead.
_SIZE_LIMITS = {
    "chart_series": ("series", "can be told apart", "Chart fewer: filter the rows, or name fewer columns"),
    "chart_categories": ("categories", "can be read on a page",
                         "Aggregate them (group_by and sum), keep the largest (sort and top), or filter them"),
    "chart_points": ("data points", "can be drawn", "Aggregate them (by month, say) or filter them"),
}


def _too_many(limit: str, count: int, ctx, where) -> bool:
    """Report ``count`` over ``limits.<limit>`` at ``where``; True if it was over."""
    limits = ctx.limits
    most = getattr(limits, limit)
    if count <= most:
        return False
    what, why, advice = _SIZE_LIMITS[limit]
    ctx.error(where, f"the chart has {count:,} {what}; at most {most:,} {why} (limits.{limit}). {advice};"
                     f" {limits.hint(limit)}")
    return True


def check_size(data: ChartData, ctx, path, *, on_categories: bool) -> bool:
    """Whether the chart is small enough to read on a page and to draw quickly (else: an error).

    ``on_categories``: the kind draws x values as categories (bars by month, say).
    """
    where = path + ("data",)
    points = sum(len(s.xs) for s in data.series)
    if (_too_many("chart_series", len(data.series), ctx, where + ("split_by",))
            or on_categories and _too_many("chart_categories", len(data.categories), ctx, where)
            or _too_many("chart_points", points, ctx, where)):
        return False
    before = ctx.extra.get("chart_points", 0)  # the brief's other charts: drawing time adds up
    ctx.extra["chart_points"] = before + points
    limits = ctx.limits
    if before + points > limits.chart_points:
        ctx.error(where, f"the brief's charts have {before + points:,} data points together, {points:,} of them"
                         f" in this chart; at most {limits.chart_points:,} can be drawn (limits.chart_points)."
                         f" Aggregate or filter the data; {limits.hint('chart_points')}")
        return False
    return True


def _few_enough(columns: int, rows: int, ctx, path, where) -> bool:
    """The series and points that ``y`` asks for, checked before any work is done on them."""
    return not (_too_many("chart_series", columns, ctx, where)
                or _too_many("chart_points", columns * rows, ctx, path + ("data",)))


def _values_in_range(table, columns, x_col, ctx, path) -> bool:
    """Values made by shaping (sums, ratios) must be finite and in range too (cells were checked when read)."""
    ok = True
    for column in columns:
        i, bad = table.index(column), 0
        for r, row in enumerate(table.rows):
            value = row[i]
            if value is None or -LARGEST <= value <= LARGEST:
                continue
            ok, bad = False, bad + 1
            if bad == 1:
                x = row[table.index(x_col)]
                ctx.error(path + ("data",), f"column '{column}' is {value:.3g} for {_shown(x)} once shaped; a chart"
                                            " shows numbers from -1e15 to 1e15: give the values in a larger unit,"
                                            " or check the 'compute' steps")
    return ok


class _Capped:
    """Reports problems at table cells, the first few in full and then how many more."""

    def __init__(self, ctx):
        self.ctx, self.count = ctx, 0

    def add(self, where, message) -> None:
        self.count += 1
        if self.count <= MAX_REPORTED:
            file, line, col, path = where
            self.ctx.diagnostics.add(file, line, col, path, message)

    def close(self, path) -> None:
        if self.count > MAX_REPORTED:
            self.ctx.error(path, f"{self.count - MAX_REPORTED:,} more problem(s) like these in the data")


def _apply_styles(data: ChartData, spec, ctx, path) -> None:
    keys = [s.key for s in data.series]
    for i, style in enumerate(spec.series or ()):
        found = data.series_by_key(style.name)
        if found is None:
            ctx.error(path + ("series", i, "name"), f"no series named '{style.name}' in the data (series:"
                                                    f" {', '.join(keys)}){did_you_mean(style.name, keys)}")
            continue
        found.style = style
        found.label = style.label or found.key
    if spec.series:  # styled series come first, in the order styled; the rest keep their order
        order = [s.name for s in spec.series]
        # Drawing order only: each keeps its index, so an edition whose labels (or style order) differ
        # keeps the same colours.
        data.series.sort(key=lambda s: order.index(s.key) if s.key in order else len(order))


def _shown(value) -> str:
    return repr(value.isoformat() if isinstance(value, dt.date) else value)


def _reporter(ctx):
    def report(where, message):
        file, line, col, path = where
        ctx.diagnostics.add(file, line, col, path, message)

    return report
