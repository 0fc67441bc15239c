"""The chart spec: what a ``chart`` block (or a chart file of its own) may contain.

In:  the raw mapping of a chart, as written under ``- chart:`` in a brief or
     at the top of a chart file, and the check context.
Out: a checked :class:`ChartSpec` whose ``chart_data`` (x values and series)
     and ``kind_options`` are resolved at load time, so drawing never fails on
     bad input. Every field documents itself; ``docs/charts.md`` explains them
     with examples. Every number placed on a chart (values, annotations,
     reference lines, axis limits, offsets) is finite and bounded, and the
     notes and series are few enough to read (``limits.chart_notes``, ``chart_series``).
     Its text is bounded (:mod:`briefgen.charts.texts`) and, once the theme is
     known (``check_print`` in a brief), every character is in the chart font.
"""

from __future__ import annotations

import datetime as dt
import math

from ..data.spec import DataSpec, Scalar
from ..data.values import BadValue, number_problem, parse_date, parse_number, yaml_number
from ..errors import did_you_mean, format_path
from ..schema.fields import INVALID, Bool, Field, ListOf, Nested, Number, Str, Text, Url, type_name
from ..schema.model import Model
from . import chartdata, texts
from .registry import chart_kinds

LABEL_MODES = ("auto", "direct", "legend", "none")
COLOR_NAMES = ("brand", "accent", "muted", "text")


class KindField(Str):
    """A registered chart kind (``bar``, ``line``...)."""

    expected = "a chart type"

    def convert(self, value, ctx, path):
        value = super().convert(value, ctx, path)
        if value is INVALID:
            return value
        kinds = chart_kinds()
        if value not in kinds:
            ctx.error(path, f"unknown chart type '{value}'; expected one of {', '.join(sorted(kinds))}"
                            f"{did_you_mean(value, kinds)}")
            return INVALID
        return value

    def json_schema(self, defs):
        schema = super().json_schema(defs)
        schema["enum"] = sorted(chart_kinds())
        return schema


class ColorRef(Field):
    """A palette colour number (1 = the palette's first colour) or a theme colour name."""

    json_type = {"anyOf": [{"type": "integer", "minimum": 1}, {"enum": list(COLOR_NAMES)}]}
    expected = f"a palette number (1, 2, ...) or one of {', '.join(COLOR_NAMES)}"

    def convert(self, value, ctx, path):
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        if isinstance(value, str) and value in COLOR_NAMES:
            return value
        if isinstance(value, str):
            ctx.error(path, f"expected {self.expected}, found {value!r}{did_you_mean(value, COLOR_NAMES)}")
            return INVALID
        return self.wrong_type(value, ctx, path)


class ChartNumber(Number):
    """A number placed on a chart (a value, an offset, a size): finite, and within ±1e15 or its bounds.

    NaN passes every comparison, so the base class's minimum and maximum would not stop it.
    """

    def convert(self, value, ctx, path):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            unbounded = self.minimum is None and self.maximum is None
            problem = number_problem(value)
            if problem is not None and (unbounded or isinstance(value, float) and not math.isfinite(value)):
                ctx.error(path, problem.message)
                return INVALID
            if (self.minimum is not None and value < self.minimum
                    or self.maximum is not None and value > self.maximum):
                ctx.error(path, f"expected a number from {self.minimum} to {self.maximum},"
                                f" found {yaml_number(value)}")
                return INVALID
        return super().convert(value, ctx, path)


#: Offsets in points: a page is about 600 points wide, so more moves a label off it.
MAX_OFFSET = 500


class RawMapping(Field):
    """A mapping checked later against a model chosen at check time (the kind's options)."""

    json_type = {"type": "object"}
    expected = "a mapping"

    def convert(self, value, ctx, path):
        return value if isinstance(value, dict) else self.wrong_type(value, ctx, path)


class SeriesStyle(Model):
    """How one series is named and drawn."""

    name = Str("The series: a 'y' column, a 'split_by' value or an inline series name.", required=True)
    label = Text("Label printed for the series (direct label or legend).", max_length=80)
    color = ColorRef("Palette number (1 = first colour of the theme's chart palette) or brand, accent, muted.")
    dashed = Bool("Draw the line dashed (line kinds).", default=False)
    markers = Bool("Draw a dot at every point (line kinds); default: when a series has 40 points or fewer.")
    label_offset = ListOf(ChartNumber("Points.", minimum=-MAX_OFFSET, maximum=MAX_OFFSET),
                          "Nudge the direct label by [dx, dy] points (up is positive).")

    def check(self, ctx, path):
        if self.label_offset is not None and len(self.label_offset) != 2:
            ctx.error(path + ("label_offset",), f"expected two numbers [dx, dy], found {len(self.label_offset)}")


class NumberFormat(Model):
    """How values print in labels (language-aware separators come from the brief)."""

    decimals = Number("Decimal places (default: as few as the data needs, at most 1).", integer=True, minimum=0,
                      maximum=6)
    prefix = Str("Text before the number, e.g. '$'.", max_length=10)
    suffix = Str("Text after the number, e.g. '%' or ' pts'.", max_length=20)


class ValueAxis(Model):
    """The value axis (vertical, or horizontal for sideways bars and dot plots)."""

    min = ChartNumber("Lowest value shown (default: 0 for bars and areas, else from the data).")
    max = ChartNumber("Highest value shown (default: from the data).")
    label = Str("Axis title; only when the unit is not already in the subtitle.", max_length=60)
    suffix = Str("Text after each tick number (default: the number format's suffix when it is '%').",
                 max_length=10)
    show = Bool("Show ticks and gridlines (default: hidden for bars that carry value labels).")


class XAxis(Model):
    """The x axis: dates, numbers or categories."""

    min = Scalar("First date or number shown.")
    max = Scalar("Last date or number shown.")
    label = Str("Axis title, if the x values need one.", max_length=60)


class Annotation(Model):
    """A note on the chart: an event line, a shaded period, or text pointing at a value."""

    x = Scalar("Position on the x axis: a date, number or category.")
    x_end = Scalar("End of a shaded period that starts at 'x'.")
    y = ChartNumber("Position on the value axis (text at a value, optionally with an arrow).")
    text = Text("The note, short.", required=True, max_length=120)
    arrow = Bool("Draw an arrow from the text to the point (x, y).", default=False)
    dx = ChartNumber("Move the text right by this many points (negative: left).", default=0,
                     minimum=-MAX_OFFSET, maximum=MAX_OFFSET)
    dy = ChartNumber("Move the text up by this many points (negative: down).", default=0,
                     minimum=-MAX_OFFSET, maximum=MAX_OFFSET)
    align = Str("Text alignment.", choices=("left", "right", "center"))

    def check(self, ctx, path):
        if self.x is None and self.y is None:
            ctx.error(path, "an annotation needs 'x' (a date, number or category), 'y' (a value), or both")
        if self.x_end is not None and self.x is None:
            ctx.error(path + ("x_end",), "'x_end' ends a shaded period; give its start as 'x'")
        if self.arrow and (self.x is None or self.y is None):
            ctx.error(path + ("arrow",), "an arrow points at a value: give both 'x' and 'y'")


class ReferenceLine(Model):
    """A line across the chart at a value, e.g. 50%."""

    value = ChartNumber("Where the line sits on the value axis.", required=True)
    label = Text("Text at the line's end, e.g. 'Majority'.", max_length=60)


class ChartSpec(Model):
    """A chart drawn from data: kind, furniture (title, subtitle, notes, source, alt text) and data."""

    type = KindField("The kind of chart: bar, grouped_bar, stacked_bar, line, step, area, dot, dumbbell,"
                     " diverging_bar.", required=True)
    title = Text("A title that states the point, e.g. 'Tally sheets show González ahead in every state'.",
                required=True, max_length=200)
    subtitle = Text("What is measured, with unit and period, e.g. 'Margin, percentage points, by state'.",
                   max_length=300)
    notes = Text("Notes printed under the chart (plain text).", max_length=600)
    source = Text("Source line (plain text), e.g. 'Foro Penal; Attorney General's Office'.", max_length=300)
    source_url = Url("Link for the source line.")
    alt = Str("Alt text: what the chart shows, for readers who cannot see it.", max_length=1000)
    data = Nested(DataSpec, "The data: a CSV file with named columns, or inline categories and values.",
                  required=True)
    series = ListOf(Nested(SeriesStyle, "A series style."), "Labels, colours and line styles by series.")
    labels = Str("How series are named: direct labels, a legend, none, or auto (the kind decides).",
                 choices=LABEL_MODES, default="auto")
    value_labels = Bool("Print values on bars, at line ends and beside dots.", default=False)
    number_format = Nested(NumberFormat, "Decimals, prefix and suffix of printed values.")
    value_axis = Nested(ValueAxis, "Range, unit and visibility of the value axis.")
    x_axis = Nested(XAxis, "Range and title of the x axis.")
    annotations = ListOf(Nested(Annotation, "An annotation."), "Events, periods and notes on the chart.",
                         default=list)
    reference_lines = ListOf(Nested(ReferenceLine, "A reference line."), "Lines at fixed values, e.g. 50%.",
                             default=list)
    height = ChartNumber("Height of the plot area in millimetres (default: from the kind and the data).",
                    minimum=20, maximum=250)
    raster = Bool("Embed this chart as a 300 dpi PNG instead of vector graphics.", default=False)
    options = RawMapping("Options of this kind (see docs/charts.md), e.g. {orientation: horizontal}.")

    def title_text(self) -> str:
        return self.title

    def check(self, ctx, path):
        self.chart_data = None
        self.kind_options = None
        self.check_alt(ctx, path)  # first: a chart whose data is wrong still needs it
        self.origin = (ctx.source.name, *ctx.source.where(path), format_path(path))  # for drawing warnings
        kind_cls = chart_kinds()[self.type]
        options = kind_cls.Options.parse(self.options or {}, ctx, path + ("options",))
        if options is INVALID:
            return
        self.kind_options = options
        before = len(ctx.diagnostics.errors)
        if not self._few_enough(ctx, path):
            return
        data = chartdata.build(self, ctx, path)
        if data is None:
            return
        on_categories = data.x_type == "category" or not kind_cls.continuous_x
        if not chartdata.check_size(data, ctx, path, on_categories=on_categories):
            return
        low, high = kind_cls.series_count
        count = len(data.series)
        if count < low or high is not None and count > high:
            wanted = f"exactly {low}" if low == high else f"at least {low}" if high is None else f"{low} to {high}"
            ctx.error(path + ("data",), f"a {self.type} chart needs {wanted} series, found {count}"
                                        f" ({', '.join(s.key for s in data.series)})")
            return
        if data.x_type != "category" and not kind_cls.continuous_x:
            data = _as_categories(data)
        kind_cls(self, data, options).check(lambda where, message: ctx.error(path + tuple(where), message))
        self._check_positions(data, ctx, path)
        texts.check_lengths(self, data, ctx, path)
        if len(ctx.diagnostics.errors) == before:
            self.chart_data = data

    def check_alt(self, ctx, path) -> None:
        """A chart without alt text gets a warning (a brief's chart block makes it an error under PDF/UA)."""
        if self.alt is not None and not self.alt.strip():
            self.alt = None  # blanks say nothing: missing, so the layout falls back to the title too
        if not self.alt:
            ctx.warn(path, "chart has no alt text; add 'alt:' saying what it shows")

    def check_print(self, ctx, column_width: float) -> None:
        """In a brief, once its theme is known: every character printed is in the chart font."""
        theme = ctx.extra.get("theme")
        if theme is not None and self.chart_data is not None:
            check_font(self, theme, ctx, self.yaml_path)

    def _few_enough(self, ctx, path) -> bool:
        """Notes and series styles are bounded like the data: each costs drawing time (and a check)."""
        limits = ctx.limits
        notes = len(self.annotations) + len(self.reference_lines)
        if notes > limits.chart_notes:
            where = path + ("annotations" if self.annotations else "reference_lines",)
            ctx.error(where, f"the chart has {notes:,} annotations and reference lines; at most {limits.chart_notes:,}"
                             f" can be read (limits.chart_notes). Keep the few that matter;"
                             f" {limits.hint('chart_notes')}")
            return False
        styled = len(self.series or ())
        if styled > limits.chart_series:
            ctx.error(path + ("series",), f"the chart styles {styled:,} series; at most {limits.chart_series:,}"
                                          f" can be told apart (limits.chart_series);"
                                          f" {limits.hint('chart_series')}")
            return False
        return True

    def _check_positions(self, data, ctx, path):
        """Annotations and x-axis limits must use the x axis's type (and known categories)."""
        places = [(("x_axis", key), getattr(self.x_axis, key)) for key in ("min", "max")
                  if self.x_axis is not None and getattr(self.x_axis, key) is not None]
        for i, note in enumerate(self.annotations):
            places += [(("annotations", i, key), getattr(note, key)) for key in ("x", "x_end")
                       if getattr(note, key) is not None]
        for where, value in places:
            converted = x_value(value, data)
            if isinstance(converted, BadValue):
                ctx.error(path + where, converted.message)
            else:
                _set(self, where, converted)

    def canonical(self) -> dict:
        """The spec as plain data (for the cache key): every chart field except the data source.

        Fields a brief adds to its chart blocks (id, citations) do not change the drawing.
        """
        return _plain({name: getattr(self, name) for name in ChartSpec.fields if name != "data"})


def check_font(spec, theme, ctx, path) -> None:
    """Refuse text the theme's chart font cannot draw (matplotlib would drop it with a raw warning)."""
    from .style import ChartStyle

    texts.check_glyphs(spec, ChartStyle.from_theme(theme, "en"), ctx, path)


def x_value(value, data):
    """A position given in the spec, converted to the chart's x type, or a BadValue."""
    if data.x_type == "date":
        parsed = parse_date(value)
        return parsed if parsed is not None else BadValue("expected a date like 2024-07-28, found nothing")
    if data.x_type == "number":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return parse_number(value)  # a float, or why not (.inf, 1e308)
        return BadValue(f"expected a number (the x axis holds numbers), found {type_name(value)}")
    labels = {_category_text(c): c for c in data.categories}
    text = _category_text(value)
    if text in labels:
        return labels[text]
    return BadValue(f"expected one of the chart's categories, found {text!r}{did_you_mean(text, labels)}")


def _category_text(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value).strip()


def _as_categories(data):
    """Dates or numbers on a category axis (bars by month, say), in ascending order."""
    data.x_type = "category"
    for s in data.series:
        by_x = dict(zip(s.xs, s.values))
        s.xs, s.values = list(data.categories), [by_x.get(c) for c in data.categories]
    return data


def _set(spec, where, value):
    if where[0] == "x_axis":
        setattr(spec.x_axis, where[1], value)
    else:
        setattr(spec.annotations[where[1]], where[2], value)


def _plain(value):
    if isinstance(value, Model):
        return {name: _plain(getattr(value, name)) for name in value.fields}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
