"""Drawing: a checked chart spec and a style in, the chart as SVG, PNG or PDF bytes out.

In:  a :class:`~briefgen.charts.spec.ChartSpec` whose data was resolved at load
     time, a :class:`~briefgen.charts.style.ChartStyle`, the width in points,
     and whether the chart carries its own furniture (title, subtitle, notes,
     source: yes for exported files, no inside a brief, where the block sets
     them as text around the chart).
Out: the file's bytes. Each chart is its own ``matplotlib.figure.Figure``
     (never pyplot), drawn inside ``matplotlib.rc_context``; nothing global is
     patched. Margins are computed from measured label widths, not by
     ``tight_layout``, so a chart fills exactly the width it is given and the
     same input gives the same bytes. A Python warning raised while drawing
     becomes a warning diagnostic at the chart, never raw text on stderr.

This module and the kind modules are the only ones that import matplotlib, and
only when a chart has to be drawn (not when it comes from the cache).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from ..text.i18n import label as i18n_label
from .registry import chart_kinds
from .style import auto_decimals, dot_marker
from .ticks import date_ticks, nice_ticks, short_date, step_decimals

MM = 72 / 25.4
GAP = 4.0  # between tick labels and the plot, and around the edges


def matplotlib_families(style, spec) -> list[str]:
    """Make the chain's font files known to matplotlib; return its family names as matplotlib knows them.

    matplotlib takes them as one ``font.family`` list and sets each glyph in the first
    family that has it, as the PDF's runs do (:meth:`ChartStyle.runs`). Only the
    fallback fonts the chart's text needs are listed: each listed font costs time
    on every text matplotlib measures.
    """
    from matplotlib import font_manager

    from .texts import printed

    needed = style.fallbacks_for(text for text, _ in printed(spec, spec.chart_data, ()))
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    families = []
    for files in [style.font_files] + [files for _, files in needed]:
        for path in files:
            if path and path not in known:
                font_manager.fontManager.addfont(path)
                known.add(path)
        name = font_manager.get_font(files[0]).family_name
        if name not in families:
            families.append(name)
    return families


#: White margin around a chart exported on its own (with its furniture), in points.
EXPORT_MARGIN = 3 * MM


def render(spec, style, width: float, *, furniture: bool, fmt: str = "svg", dpi: int = 300) -> bytes:
    """The chart as ``fmt`` ('svg', 'png' or 'pdf') bytes, ``width`` points wide.

    A chart with its furniture (an export) is drawn ``EXPORT_MARGIN`` narrower and
    saved with that margin all round, so its text never touches the file's edge.
    """
    import matplotlib

    from .texts import drawing_warnings

    margin = EXPORT_MARGIN if furniture else 0.0
    with drawing_warnings(spec, style.family_names()):
        with matplotlib.rc_context(style.rc(matplotlib_families(style, spec))):
            plot = Plot(spec, style, width - 2 * margin, furniture)
            plot.build()
            return _save(plot, fmt, dpi, margin)


def display_size(spec, style, width: float, *, furniture: bool) -> tuple[float, float]:
    """The width and height :func:`briefgen.charts.vector.display_list` will give the chart, found without matplotlib."""
    margin = EXPORT_MARGIN if furniture else 0.0
    plot = Plot(spec, style, width - 2 * margin, furniture)
    plot.measure()
    return round(float(width), 3), round(float(plot.height + 2 * margin), 3)  # as the display list rounds


def _save(plot, fmt: str, dpi: int, margin: float = 0.0) -> bytes:
    spec, buffer = plot.spec, io.BytesIO()
    title, alt = spec.title, spec.alt or ""
    if fmt == "svg":
        metadata = {"Date": None, "Creator": "briefgen", "Title": title, "Description": alt}
    elif fmt == "png":
        metadata = {"Software": None, "Title": title, "Description": alt}
    elif fmt == "pdf":
        metadata = {"Creator": "briefgen", "Producer": None, "CreationDate": None, "Title": title,
                    "Subject": alt}
    else:
        raise ValueError(f"unknown chart format {fmt!r}")
    options = {}
    if margin:
        from matplotlib.transforms import Bbox

        pad = margin / 72
        width, height = plot.fig.get_size_inches()
        options["bbox_inches"] = Bbox.from_bounds(-pad, -pad, width + 2 * pad, height + 2 * pad)
    plot.fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white", **options)
    return buffer.getvalue()


@dataclass
class Layout:
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    value_limits: tuple = (0.0, 1.0)
    value_ticks: tuple = ()
    value_labels: tuple = ()
    cat_limits: tuple = (0.0, 1.0)
    cat_ticks: tuple = ()
    cat_labels: tuple = ()
    event_rows: int = 0


class Plot:
    """One chart being drawn: the figure, its axes, and helpers the kinds use."""

    def __init__(self, spec, style, width: float, furniture: bool):
        self.spec, self.style, self.width, self.furniture = spec, style, float(width), furniture
        self.data = spec.chart_data
        self.kind = chart_kinds()[spec.type](spec, self.data, spec.kind_options)
        self.horizontal = self.kind.is_horizontal()
        mode = spec.labels if spec.labels != "auto" else self.kind.auto_labels
        self.label_mode = "none" if mode == "legend" and len(self.data.series) < 2 else mode
        fmt = spec.number_format
        values = [v for s in self.data.series for v in s.values]
        if fmt and fmt.decimals is not None:
            self.decimals = fmt.decimals
        else:  # one precision for the whole chart: whole numbers stay whole, the rest get one decimal
            self.decimals = auto_decimals(values, 1)
        self.prefix = (fmt.prefix or "") if fmt else ""
        self.suffix = (fmt.suffix or "") if fmt else ""
        #: Room the kind asks for, in points: beyond the value range ('before', 'after'), right and top.
        self.room = {"before": 0.0, "after": 0.0, "right": 0.0, "top": 0.0}
        self.layout = Layout()

    # -- helpers for kinds ---------------------------------------------------------------------
    def color(self, series) -> str:
        ref = series.style.color if series.style is not None else None
        return self.style.color(ref, series.index)

    def fmt(self, value, *, sign: bool = False, suffix: str | None = None) -> str:
        decimals = self.decimals if self.decimals is not None else auto_decimals([value], 2)
        return self.style.number(value, decimals, prefix=self.prefix,
                                 suffix=self.suffix if suffix is None else suffix, sign=sign)

    def x(self, value) -> float:
        return self.data.x_position(value)

    def xy(self, x: float, value: float) -> tuple:
        """Data coordinates of a point at position ``x`` along the x axis and ``value``."""
        return (value, x) if self.horizontal else (x, value)

    def display(self, xy) -> tuple:
        """Data coordinates to points from the figure's bottom-left corner."""
        return tuple(self.ax.transData.transform(xy))

    def category_text(self, value) -> str:
        if isinstance(value, dt.date):
            return short_date(value, self.style.lang)
        if isinstance(value, float):
            return self.style.number(value, step_decimals([0, value]))
        return str(value)

    def text(self, x, y, text, *, size=None, bold=False, color=None, coords="data", **kw):
        """Text at (x, y): data coordinates, or 'points' from the figure's bottom-left corner."""
        options = dict(fontsize=size or self.style.size, fontweight="bold" if bold else "normal",
                       color=color or self.style.text, **kw)
        if coords == "points":
            return self.fig.text(x, y, text, transform=self.points, **options)
        return self.ax.text(x, y, text, clip_on=False, **options)

    def note(self, xy, text, offset, *, size=None, bold=False, color=None, **kw):
        """Text ``offset`` points away from data point ``xy`` (never clipped)."""
        return self.ax.annotate(text, xy=xy, xytext=offset, textcoords="offset points",
                                fontsize=size or self.style.size, fontweight="bold" if bold else "normal",
                                color=color or self.style.text, annotation_clip=False, **kw)

    def line_height(self, size=None) -> float:
        return (size or self.style.size) * 1.25

    # -- building ------------------------------------------------------------------------------
    def measure(self) -> tuple[float, float]:
        """Set the chart's height and its parts' places (no matplotlib needed); return header and legend heights."""
        style, spec = self.style, self.spec
        self.header = self._header_lines() if self.furniture else []
        self.footer = self._footer_lines() if self.furniture else []
        header_h = sum(h for _, h, *_ in self.header) + (8 if self.header else 0)
        footer_h = sum(h for _, h, *_ in self.footer) + (6 if self.footer else 0)
        self.legend = self._legend_items() if self.label_mode == "legend" else []
        self.legend_rows = self._legend_rows()
        legend_h = (max(r for r, *_ in self.legend_rows) + 1) * style.size * 1.6 if self.legend_rows else 0
        plot_h = spec.height * MM if spec.height else self.kind.default_height(self.width, style.size)
        self.height = header_h + legend_h + plot_h + footer_h + (2 if self.furniture else 0)
        self.block = (footer_h, footer_h + plot_h)  # the plot block, bottom-up
        return header_h, legend_h

    def build(self):
        from matplotlib.figure import Figure
        from matplotlib.transforms import Affine2D

        width = self.width
        header_h, legend_h = self.measure()
        self.fig = Figure(figsize=(width / 72, self.height / 72), dpi=72)
        # Points from the bottom-left corner, through the figure's own box, so an export's margin moves them too.
        self.points = Affine2D().scale(1 / width, 1 / self.height) + self.fig.transFigure
        self.ax = self.fig.add_axes((0.1, 0.1, 0.8, 0.8))
        self.ax.patch.set_visible(False)
        self.kind.draw(self)
        from .annotate import event_spans

        self.layout = self._layout(0)
        self._apply(self.layout)
        rows = event_spans(self)
        if rows:  # event labels need rows of their own above the plot: lay it out again
            self.layout = self._layout(rows)
            self._apply(self.layout)
        self.kind.label(self)
        from .annotate import draw_annotations, draw_reference_lines

        draw_reference_lines(self)
        draw_annotations(self)
        self._draw_legend(header_h, legend_h)
        self._draw_furniture()
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        """Every text in the chart's font chain: the family, then its fallback fonts, glyph by glyph."""
        from matplotlib import rcParams
        from matplotlib.font_manager import FontProperties
        from matplotlib.text import Text

        families = list(rcParams["font.family"])  # matplotlib_families(), set by the caller's rc_context
        for text in self.fig.findobj(Text):
            weight = text.get_fontweight()
            bold = weight == "bold" or isinstance(weight, (int, float)) and weight >= 600
            text.set_fontproperties(FontProperties(family=families, size=text.get_fontsize(),
                                                   weight="bold" if bold else "normal"))

    # -- layout --------------------------------------------------------------------------------
    def _value_range(self):
        spec, kind = self.spec, self.kind
        found = kind.value_range() or (0.0, 1.0)
        low, high = found
        axis = spec.value_axis
        if kind.zero_based or low >= 0 and (axis is None or axis.min is None):
            low, high = min(low, 0.0), max(high, 0.0)
        extra = [r.value for r in spec.reference_lines] + [a.y for a in spec.annotations if a.y is not None]
        if extra:
            low, high = min(low, *extra), max(high, *extra)
        if axis is not None and axis.min is not None:
            low = axis.min
        if axis is not None and axis.max is not None:
            high = axis.max
        if high <= low:
            high = low + 1.0
        return low, high

    def show_value_axis(self) -> bool:
        axis = self.spec.value_axis
        if axis is not None and axis.show is not None:
            return axis.show
        return getattr(self.kind, "show_value_axis", lambda plot: True)(self)

    def tick_suffix(self) -> str:
        axis = self.spec.value_axis
        if axis is not None and axis.suffix is not None:
            return axis.suffix
        return self.suffix if self.suffix.strip() == "%" else ""

    def _category_axis(self, length: float):
        """Limits, tick positions and labels of the x axis (dates, numbers or categories)."""
        data, spec = self.data, self.spec
        if data.x_type == "category":
            n = len(data.categories)
            return (-0.6, n - 0.4), tuple(range(n)), tuple(self.category_text(c) for c in data.categories)
        xs = data.categories
        first, last = xs[0], xs[-1]
        if spec.x_axis is not None:
            first = spec.x_axis.min if spec.x_axis.min is not None else first
            last = spec.x_axis.max if spec.x_axis.max is not None else last
        for note in spec.annotations:
            for value in (note.x, note.x_end):
                if value is not None:
                    first, last = min(first, value), max(last, value)
        lo, hi = self.x(first), self.x(last)
        pad = (hi - lo) * 0.02 or 1.0
        limits = (lo - pad, hi + pad)
        if data.x_type == "date":
            ticks = date_ticks(first, last, int(length // 58), self.style.lang)
            return limits, tuple(self.x(t) for t, _ in ticks), tuple(text for _, text in ticks)
        values = [t for t in nice_ticks(lo, hi, max(2, int(length // 60))) if lo - 1e-9 <= t <= hi + 1e-9]
        decimals = step_decimals(values)
        labels = tuple(self.style.number(v, decimals) if abs(v) >= 10000 else
                       f"{v:.{decimals}f}".replace(".", "." if self.style.lang == "en" else ",") for v in values)
        return limits, tuple(values), labels

    def _layout(self, event_rows: int) -> Layout:
        style, spec = self.style, self.spec
        lh, size = self.line_height(), style.size
        block_bottom, block_top = self.block
        plot_block_h = block_top - block_bottom
        show = self.show_value_axis()
        layout = Layout(event_rows=event_rows)
        low, high = self._value_range()
        axis_label = spec.value_axis.label if spec.value_axis is not None else None
        x_label = spec.x_axis.label if spec.x_axis is not None else None
        # Category side first: it does not depend on the value range.
        if self.horizontal:
            cat_limits, cat_ticks, cat_labels = self._category_axis(plot_block_h)
            wrapped = [style.wrap(t, self.width * 0.34) for t in cat_labels]
            cat_labels = tuple("\n".join(w) for w in wrapped)
            layout.left = max((style.width(line) for w in wrapped for line in w), default=0) + GAP + 2
            layout.right = max(self.room["right"], GAP)
            layout.bottom = (lh + GAP if show else GAP) + (lh if axis_label else 0)
            layout.top = (self.room["top"] + event_rows * self.line_height(style.small) + size * 0.5
                          + (self.line_height(style.small) if any(r.label for r in spec.reference_lines) else 0))
            length = self.width - layout.left - layout.right
        else:
            guess_w = self.width - self.room["right"] - 40
            cat_limits, cat_ticks, cat_labels = self._category_axis(guess_w)
            if self.data.x_type == "category":
                slot = guess_w / max(1, len(cat_ticks)) - 4
                wrapped = [style.wrap(t, max(slot, 20)) for t in cat_labels]
                cat_labels = tuple("\n".join(w) for w in wrapped)
                lines = max((len(w) for w in wrapped), default=1)
            else:
                lines = 1
            layout.bottom = lines * lh + GAP + (lh if x_label else 0)
            layout.top = (self.room["top"] + event_rows * self.line_height(style.small) + size * 0.6
                          + (lh if axis_label else 0))
            length = plot_block_h - layout.top - layout.bottom
        # Value range: room for value labels beyond the data, then round ticks.
        room = self.room["before"] + self.room["after"]
        if room:
            span = high - low
            per_pt = span / max(length - room, length * 0.3)
            low = low - self.room["before"] * per_pt if low < 0 or self.room["before"] else low
            high = high + self.room["after"] * per_pt
        axis = spec.value_axis
        fixed_min = axis is not None and axis.min is not None
        fixed_max = axis is not None and axis.max is not None
        if show:
            ticks = nice_ticks(low, high, max(3, min(6, int(length // 40))))
            lo = low if fixed_min else ticks[0]
            hi = high if fixed_max else ticks[-1]
            ticks = [t for t in ticks if lo - 1e-9 <= t <= hi + 1e-9]
            decimals = max(step_decimals(ticks), 0)
            suffix = self.tick_suffix()
            labels = tuple(style.number(t, decimals, suffix=suffix) for t in ticks)
            layout.value_limits, layout.value_ticks, layout.value_labels = (lo, hi), tuple(ticks), labels
        else:
            layout.value_limits = (low, high)
        if self.horizontal and layout.value_labels:  # the last tick label is centred on the plot's edge
            layout.right = max(layout.right, style.width(layout.value_labels[-1]) / 2 + 1)
        if not self.horizontal:
            widest = max((style.width(t) for t in layout.value_labels), default=0)
            layout.left = widest + GAP + 2 if show else GAP
            last_tick = style.width(cat_labels[-1]) / 2 if cat_labels and self.data.x_type != "category" else 0
            layout.right = max(self.room["right"], last_tick, GAP)
        layout.cat_limits, layout.cat_ticks, layout.cat_labels = cat_limits, cat_ticks, cat_labels
        return layout

    def _apply(self, layout: Layout) -> None:
        ax, style = self.ax, self.style
        block_bottom, block_top = self.block
        legend_h = (max(r for r, *_ in self.legend_rows) + 1) * style.size * 1.6 if self.legend_rows else 0
        left, bottom = layout.left, block_bottom + layout.bottom
        width = max(10.0, self.width - layout.left - layout.right)
        height = max(10.0, block_top - legend_h - layout.top - bottom)
        ax.set_position((left / self.width, bottom / self.height, width / self.width, height / self.height))
        value_axis, cat_axis = (ax.xaxis, ax.yaxis) if self.horizontal else (ax.yaxis, ax.xaxis)
        set_value = ax.set_xlim if self.horizontal else ax.set_ylim
        set_cat = ax.set_ylim if self.horizontal else ax.set_xlim
        set_value(*layout.value_limits)
        lo, hi = layout.cat_limits
        set_cat(hi, lo) if self.horizontal else set_cat(lo, hi)  # first category at the top
        value_axis.set_ticks(list(layout.value_ticks), labels=list(layout.value_labels))
        cat_axis.set_ticks(list(layout.cat_ticks), labels=list(layout.cat_labels))
        ax.tick_params(axis="both", pad=GAP, length=0)
        if not self.horizontal and self.data.x_type != "category":
            ax.tick_params(axis="x", length=3, width=0.5, color=style.axis)
        if self.horizontal:
            ax.tick_params(axis="y", labelcolor=style.text)
        if layout.value_ticks:
            value_axis.grid(True, color=style.grid, linewidth=0.5)
        else:
            value_axis.grid(False)
        cat_axis.grid(False)
        spec = self.spec
        if spec.value_axis is not None and spec.value_axis.label:
            if self.horizontal:
                ax.set_xlabel(spec.value_axis.label, fontsize=style.small, color=style.muted, loc="right")
            else:
                self._axis_title = getattr(self, "_axis_title", None) or self.fig.text(
                    0, 0, spec.value_axis.label, transform=self.points, fontsize=style.small, color=style.muted,
                    va="baseline", ha="left")
                self._axis_title.set_position((2, block_top - legend_h - style.small * 1.1))
        if spec.x_axis is not None and spec.x_axis.label and not self.horizontal:
            ax.set_xlabel(spec.x_axis.label, fontsize=style.small, color=style.muted, loc="right")
        low, high = layout.value_limits
        baseline = 0.0 if low <= 0 <= high else low
        line = getattr(self, "_baseline", None)
        if line is not None:
            line.remove()
        draw_line = ax.axvline if self.horizontal else ax.axhline
        self._baseline = draw_line(baseline, color=style.axis, linewidth=0.8, zorder=2.6)

    # -- legend and furniture ------------------------------------------------------------------
    def _legend_items(self) -> list:
        marker = getattr(self.kind, "legend_marker", "square")
        return [(s.label, self.color(s), marker) for s in self.data.series]

    def _legend_rows(self) -> list:
        """(row, x, label, color, marker) for each legend item, wrapped to the width."""
        style, placed, x, row = self.style, [], 0.0, 0
        for text, color, marker in self.legend:
            item = 12 + style.width(text) + 12
            if x and x + item > self.width:
                row, x = row + 1, 0.0
            placed.append((row, x, text, color, marker))
            x += item
        return placed

    def _draw_legend(self, header_h: float, legend_h: float) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        style = self.style
        top = self.block[1]
        for index, (row, x, text, color, marker) in enumerate(self.legend_rows):
            y = top - (row + 1) * style.size * 1.6 + style.size * 0.45
            if marker == "line":
                self.fig.add_artist(Line2D([x, x + 10], [y + 2.8, y + 2.8], color=color, linewidth=2,
                                           transform=self.points))
            elif marker == "dot":  # as the dot kinds draw them
                self.fig.add_artist(Line2D([x + 4], [y + 2.8], color=color, marker="o", markersize=6.5,
                                           linestyle="none", transform=self.points,
                                           **dot_marker(self.data.series[index].index, color)))
            else:
                self.fig.add_artist(Rectangle((x, y - 0.5), 7.5, 7.5, facecolor=color, edgecolor="none",
                                              transform=self.points))
            self.text(x + 12, y, text, coords="points", va="baseline", ha="left")

    def _header_lines(self) -> list:
        """(text, height, size, bold, colour) lines of the title and subtitle."""
        style, lines = self.style, []
        for text in style.wrap(self.spec.title, self.width - 4, style.title_size, bold=True):
            lines.append((text, style.title_size * 1.22, style.title_size, True, style.text))
        if self.spec.subtitle:
            for text in style.wrap(self.spec.subtitle, self.width - 4, style.subtitle_size):
                lines.append((text, style.subtitle_size * 1.3, style.subtitle_size, False, style.muted))
        return lines

    def _footer_lines(self) -> list:
        style, spec, lines = self.style, self.spec, []
        parts = []
        if spec.notes:
            parts.append(spec.notes)
        if spec.source or spec.source_url:
            source = f"{i18n_label(style.lang, 'source')}: {spec.source or ''}".rstrip()
            if spec.source_url:
                source += ("" if not spec.source or source.endswith((".", ":")) else ".") + " " + spec.source_url
            parts.append(source)
        for part in parts:
            for text in style.wrap(part, self.width - 4, style.small):
                lines.append((text, style.small * 1.3, style.small, False, style.muted))
        return lines

    def _draw_furniture(self) -> None:
        y = self.height - 2
        for text, height, size, bold, color in self.header:
            y -= height
            self.text(1, y + height * 0.22, text, coords="points", size=size, bold=bold, color=color,
                      va="baseline", ha="left")
        y = sum(h for _, h, *_ in self.footer) + 2
        for text, height, size, bold, color in self.footer:
            y -= height
            self.text(1, y + height * 0.25, text, coords="points", size=size, bold=bold, color=color,
                      va="baseline", ha="left")
