"""Helpers shared by the dot kinds (dot plot, dumbbell): rows of dots on a sideways value axis.

In:  a :class:`~briefgen.charts.figure.Plot` (rows are categories, one dot per series).
Out: the dots (a missing value draws no dot), the joining bar of a dumbbell,
     series names above the first row (direct labels), value labels outside
     the outermost dots, and a dumbbell's gap printed over each bar.
"""

from __future__ import annotations

from ...schema.model import Model
from ..labels import spread
from ..spec import ChartNumber
from ..style import dot_marker

DOT_SIZE = 7.0


class DotOptions(Model):
    """Options of dot plots."""

    dot_size = ChartNumber("Dot diameter in points.", minimum=3, maximum=16, default=DOT_SIZE)


def default_height(kind, size: float, extra: float = 0.0) -> float:
    rows = max(1, len(kind.data.categories))
    return rows * (size * 2.8 + extra) + size * 4


def _rows(plot):
    for i, category in enumerate(plot.data.categories):
        yield i, [(s, s.values[i]) for s in plot.data.series if s.values[i] is not None]


def draw_dots(plot, *, connect: bool) -> None:
    ax, style = plot.ax, plot.style
    size = plot.kind.options.dot_size
    for i, present in _rows(plot):
        if connect and len(present) == 2:
            (_, a), (_, b) = present
            ax.plot([a, b], [i, i], color=style.grid, linewidth=size * 0.55, solid_capstyle="butt", zorder=2)
    for s in plot.data.series:
        rows = [i for i, v in enumerate(s.values) if v is not None]
        color = plot.color(s)
        ax.plot([s.values[i] for i in rows], rows, linestyle="none", marker="o", markersize=size,
                color=color, zorder=3, **dot_marker(s.index, color))
    if plot.label_mode == "direct":
        plot.room["top"] += plot.line_height() + 2
    if plot.spec.value_labels:
        widths = [style.width(plot.fmt(v)) for s in plot.data.series for v in s.values if v is not None]
        room = max(widths, default=0) + size / 2 + 6
        plot.room["before"] = plot.room["after"] = room


def label_dots(plot) -> None:
    style = plot.style
    size = plot.kind.options.dot_size
    if plot.label_mode == "direct":
        complete = [(i, present) for i, present in _rows(plot) if len(present) == len(plot.data.series)]
        # Name the series on the row where their dots are furthest apart (least crowded).
        first = max(complete, key=lambda row: max(v for _, v in row[1]) - min(v for _, v in row[1]),
                    default=next(_rows(plot), None))
        if first:  # names above the plot, over that row's dots
            i, present = first
            xs = [plot.display(plot.xy(i, v))[0] for _, v in present]
            widths = [style.width(s.label, bold=True) for s, _ in present]
            box = plot.ax.get_position()
            placed = spread(xs, widths, box.x0 * plot.width - 30, plot.width - 2, gap=8)
            placed = _clear_of_reference_labels(plot, placed, widths)
            for (s, v), x_pt in zip(present, placed):
                plot.text(x_pt, box.y1 * plot.height + 3, s.label, coords="points", ha="center", va="bottom",
                          bold=True, color=style.ink(plot.color(s)))
    if plot.spec.value_labels:
        for i, present in _rows(plot):
            ordered = sorted(present, key=lambda sv: sv[1])
            for rank, (s, v) in enumerate(ordered):
                if rank == 0 and len(ordered) > 1 or len(ordered) == 1 and v < 0:
                    offset, ha = (-(size / 2 + 4), 0), "right"
                elif rank == len(ordered) - 1:
                    offset, ha = (size / 2 + 4, 0), "left"
                else:
                    offset, ha = (0, -(size / 2 + 2)), "center"
                plot.note(plot.xy(i, v), plot.fmt(v), offset, ha=ha, va="center" if ha != "center" else "top",
                          color=style.text, bbox=dict(facecolor="white", edgecolor="none", pad=1.0))


def _clear_of_reference_labels(plot, centres, widths) -> list:
    """Move series names sideways off the reference lines' labels, which share the band above the plot."""
    style = plot.style
    obstacles = []
    for line in plot.spec.reference_lines:
        if line.label:
            x = plot.display((line.value, 0))[0]
            half = style.width(line.label, style.small) / 2 + 6
            obstacles.append((x - half, x + half))
    moved = []
    for centre, width in zip(centres, widths):
        for left, right in obstacles:
            if centre + width / 2 > left and centre - width / 2 < right:
                centre = left - width / 2 if centre < (left + right) / 2 else right + width / 2
        moved.append(centre)
    return moved


def difference_labels(plot, suffix: str) -> None:
    """The gap between a dumbbell's dots, under its bar: 'González +36.7'."""
    style = plot.style
    size = plot.kind.options.dot_size
    for i, present in _rows(plot):
        if len(present) != 2:
            continue
        (sa, a), (sb, b) = present
        leader = sa if a >= b else sb
        gap = abs(a - b)
        text = f"{leader.label} {plot.fmt(gap, sign=True, suffix=suffix)}" if gap else plot.fmt(0, suffix=suffix)
        plot.note(plot.xy(i, (a + b) / 2), text, (0, -(size / 2 + 2)), ha="center", va="top", size=style.small,
                  color=style.text, bbox=dict(facecolor="white", edgecolor="none", pad=2.0))
