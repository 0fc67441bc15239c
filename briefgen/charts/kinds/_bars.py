"""Helpers shared by the bar kinds: bar geometry, stacking and value labels.

In:  a :class:`~briefgen.charts.figure.Plot` and the layout of the bars
     (single, grouped side by side, or stacked).
Out: bars (missing values leave a gap, never a zero-height bar), the value
     range the value axis must show, the room value labels need beyond the
     bars, and the labels themselves at the bar ends (or inside stacked segments).
"""

from __future__ import annotations

from ...schema.fields import Str
from ...schema.model import Model

BAR_SHARE = 0.72  # of each category's slot


class BarOptions(Model):
    """Options of bar charts."""

    orientation = Str("Bars up ('vertical') or sideways ('horizontal'); 'auto' turns them sideways when"
                      " there are many categories or long names.", choices=("auto", "vertical", "horizontal"),
                      default="auto")


def auto_horizontal(kind) -> bool:
    orientation = getattr(kind.options, "orientation", "auto")
    if orientation != "auto":
        return orientation == "horizontal"
    names = [str(c) for c in kind.data.categories]
    return len(names) > 10 or max((len(n) for n in names), default=0) > 14


def geometry(plot, mode: str):
    """(series, positions, lengths, starts, thickness) for each series' bars."""
    data = plot.data
    n, k = len(data.categories), len(data.series)
    result = []
    up = [0.0] * n
    down = [0.0] * n
    for j, s in enumerate(data.series):
        if mode == "grouped":
            thickness = BAR_SHARE / k
            positions = [i - BAR_SHARE / 2 + thickness * (j + 0.5) for i in range(n)]
        else:
            thickness = BAR_SHARE
            positions = [float(i) for i in range(n)]
        starts = [0.0] * n
        if mode == "stacked":
            for i, v in enumerate(s.values):
                if v is None:
                    continue
                if v >= 0:
                    starts[i], up[i] = up[i], up[i] + v
                else:
                    starts[i], down[i] = down[i], down[i] + v
        result.append((s, positions, list(s.values), starts, thickness))
    return result


def value_range(kind, mode: str):
    if mode != "stacked":
        values = [v for s in kind.data.series for v in s.values if v is not None]
        return (min(values), max(values)) if values else None
    n = len(kind.data.categories)
    up = [sum(s.values[i] for s in kind.data.series if s.values[i] is not None and s.values[i] > 0)
          for i in range(n)]
    down = [sum(s.values[i] for s in kind.data.series if s.values[i] is not None and s.values[i] < 0)
            for i in range(n)]
    return (min(down + [0.0]), max(up + [0.0]))


def draw_bars(plot, mode: str, colors=None) -> list:
    """Draw the bars; ``colors(series, value)`` may colour bars one by one."""
    ax = plot.ax
    drawn = []
    for s, positions, lengths, starts, thickness in geometry(plot, mode):
        present = [i for i, v in enumerate(lengths) if v is not None]
        pos = [positions[i] for i in present]
        size = [lengths[i] for i in present]
        base = [starts[i] for i in present]
        color = [colors(s, v) for v in size] if colors else plot.color(s)
        edge = "white" if mode == "stacked" else "none"
        if plot.horizontal:
            ax.barh(pos, size, height=thickness, left=base, color=color, edgecolor=edge, linewidth=0.6, zorder=2)
        else:
            ax.bar(pos, size, width=thickness, bottom=base, color=color, edgecolor=edge, linewidth=0.6, zorder=2)
        drawn.append((s, pos, size, base, thickness))
    return drawn


def reserve_value_label_room(plot, mode: str, *, sign: bool = False) -> None:
    """Room beyond the bar ends for their value labels (none for stacked, labelled inside)."""
    if not plot.spec.value_labels or mode == "stacked":
        return
    values = [v for s in plot.data.series for v in s.values if v is not None]
    style = plot.style
    if plot.horizontal:
        positive = [style.width(plot.fmt(v, sign=sign)) for v in values if v >= 0]
        negative = [style.width(plot.fmt(v, sign=sign)) for v in values if v < 0]
        plot.room["after"] = max(positive, default=0) + 6 if positive else 0
        plot.room["before"] = max(negative, default=0) + 6 if negative else 0
    else:
        plot.room["after"] = plot.line_height() + 2 if any(v >= 0 for v in values) else 0
        plot.room["before"] = plot.line_height() + 2 if any(v < 0 for v in values) else 0


def value_labels(plot, drawn, mode: str, *, sign: bool = False) -> None:
    if not plot.spec.value_labels:
        return
    style = plot.style
    for s, positions, lengths, starts, thickness in drawn:
        for p, v, b in zip(positions, lengths, starts):
            text = plot.fmt(v, sign=sign)
            if mode == "stacked":
                _inside_label(plot, s, p, v, b, text, thickness)
                continue
            end = plot.xy(p, b + v)
            if plot.horizontal:
                offset, ha, va = ((4, 0), "left", "center") if v >= 0 else ((-4, 0), "right", "center")
            else:
                offset, ha, va = ((0, 2.5), "center", "bottom") if v >= 0 else ((0, -2.5), "center", "top")
            # A white halo keeps the label clear of a reference line; without one it would only notch bars.
            halo = dict(facecolor="white", edgecolor="none", pad=2.0) if plot.spec.reference_lines else None
            plot.note(end, text, offset, ha=ha, va=va, color=style.text, bbox=halo)


def _inside_label(plot, series, position, value, start, text, thickness):
    """A stacked segment's value, inside it, if the segment is big enough to hold it."""
    style = plot.style
    low = plot.display(plot.xy(position, start))
    high = plot.display(plot.xy(position, start + value))
    length = abs(high[0] - low[0]) if plot.horizontal else abs(high[1] - low[1])
    need = style.width(text) + 4 if plot.horizontal else plot.line_height()
    if length < need:
        return
    color = plot.color(series)
    ink = "white" if _luminance(color) < 0.55 else style.text
    plot.text(*plot.xy(position, start + value / 2), text, ha="center", va="center", color=ink)


def _luminance(color: str) -> float:
    r, g, b = (int(color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def default_height(kind, width: float, size: float, mode: str) -> float:
    n = max(1, len(kind.data.categories))
    if kind.is_horizontal():
        per_row = size * (1.9 if mode != "grouped" else 1.1 + 0.9 * len(kind.data.series))
        return min(n * per_row + size * 3, 620)
    return min(width * 0.5, 250)
