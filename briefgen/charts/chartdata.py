"""Chart data: a shaped table in, the x values and named series a chart draws out.

In:  a checked :class:`~briefgen.data.spec.DataSpec` (its shaped ``table`` and
     which columns are x, y and split_by), the chart's series styles and the
     check context.
Out: :class:`ChartData`: the x axis type (date, number or category), the
     categories in order, and :class:`Series` of ``(x, value)`` points where a
     missing value is ``None`` (drawn as a gap, never as zero). Problems (an
     unreadable date, a non-numeric value, an x value given twice for one series,
     a style naming no series) are diagnostics at the CSV cell or YAML key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..data.values import BadValue, looks_like_date, parse_date, parse_number
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
    index: int = 0  # position among the series (colour order)

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
        for x in xs:
            row = [x.isoformat() if isinstance(x, dt.date) else x]
            for s in self.series:
                value = next((v for sx, v in zip(s.xs, s.values) if sx == x), None)
                row.append("" if value is None else _plain_number(value))
            rows.append(row)
        return rows


def _plain_number(value: float):
    return int(value) if float(value).is_integer() else round(value, 10)


def parse_x(value, x_type):
    """An x value of the given type (date, number or category text), or a BadValue."""
    if x_type == "date":
        parsed = parse_date(value)
    elif x_type == "number":
        parsed = parse_number(value)
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
    table = table.converted(x_col, f"x-{x_type}", lambda v: parse_x(v, x_type), report,
                            f" (x values of this chart are {x_type}s)" if x_type != "category" else "")
    if table is None:
        return None
    value_cols = data_spec.y_columns
    for column in value_cols:
        table = table.converted(column, "number", parse_number, report, " (values of the chart)")
        if table is None:
            return None
    xs = table.values(x_col)
    groups: dict = {}
    if data_spec.split_by:
        names = table.values(data_spec.split_by)
        values = table.values(value_cols[0])
        for r, (name, x, v) in enumerate(zip(names, xs, values)):
            name = "" if name is None else str(name).strip()
            if not name:
                file, line, col, where = table.locate(r, data_spec.split_by)
                ctx.diagnostics.add(file, line, col, where, "expected a series name, found an empty cell")
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
                file, line, col, where = table.locate(r, x_col)
                other = table.locate(seen[x], x_col)[1]
                ctx.diagnostics.add(file, line, col, where,
                                    f"x value {_shown(x)} appears twice for series '{key}'"
                                    + (f" (also on line {other})" if other else "")
                                    + "; give one value per x and series")
            seen.setdefault(x, r)
        if x_type != "category":
            points = sorted(points, key=lambda p: p[1])
        series.append(Series(key, key, [p[1] for p in points], [p[2] for p in points], index=len(series)))
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
        data.series.sort(key=lambda s: order.index(s.key) if s.key in order else len(order))
        for i, s in enumerate(data.series):
            s.index = i


def _shown(value) -> str:
    return repr(value.isoformat() if isinstance(value, dt.date) else value)


def _reporter(ctx):
    def report(where, message):
        file, line, col, path = where
        ctx.diagnostics.add(file, line, col, path, message)

    return report
