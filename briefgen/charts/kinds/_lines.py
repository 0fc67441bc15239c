"""Helpers shared by the line-type kinds (line, step, area): drawing series and their end labels.

In:  a :class:`~briefgen.charts.figure.Plot`.
Out: lines with gaps where values are missing (never drawn as zero), dots on
     isolated points, and direct labels at each series' last point: in the
     right margin for series that reach the end of the x axis (spread so they
     do not overlap), beside the point for series that end earlier.
"""

from __future__ import annotations

import math

from ...schema.fields import Bool
from ...schema.model import Model
from ..labels import spread
from ..style import mix

MAX_LABEL_SHARE = 0.24  # of the chart width, for labels in the right margin
MARKER_LIMIT = 40


class LineOptions(Model):
    """Options of line-type charts."""

    markers = Bool("Dots at every point (default: when every series has 40 points or fewer).")


def values(series) -> list:
    return [math.nan if v is None else v for v in series.values]


def wants_markers(plot, series, longest: int) -> bool:
    """``longest``: the most points any series has (counted once per chart, not once per series)."""
    if series.style is not None and series.style.markers is not None:
        return series.style.markers
    option = getattr(plot.kind.options, "markers", None)
    if option is not None:
        return option
    return longest <= MARKER_LIMIT


def isolated(series) -> list:
    """Indexes of points with no present neighbour: invisible as a line, so they get a dot."""
    present = [v is not None for v in series.values]
    return [i for i, ok in enumerate(present)
            if ok and not (i > 0 and present[i - 1]) and not (i + 1 < len(present) and present[i + 1])]


def draw_series(plot, *, drawstyle="default", fill=False) -> None:
    ax = plot.ax
    longest = max(sum(v is not None for v in s.values) for s in plot.data.series)
    for s in plot.data.series:
        xs = [plot.x(x) for x in s.xs]
        ys = values(s)
        color = plot.color(s)
        dashed = s.style is not None and s.style.dashed
        markers = wants_markers(plot, s, longest)
        if fill:
            # An opaque tint, not transparency: where areas overlap the later one covers, and lines stay on top.
            ax.fill_between(xs, ys, 0, color=mix(color, "#ffffff", 0.78), linewidth=0, step=_fill_step(drawstyle),
                            zorder=2)
        ax.plot(xs, ys, color=color, linewidth=1.8, drawstyle=drawstyle, zorder=3,
                dashes=(4, 2) if dashed else (None, None),
                marker="o" if markers else None, markersize=3.4, markeredgewidth=0)
        lonely = [i for i in isolated(s) if not markers]
        if lonely:
            ax.plot([xs[i] for i in lonely], [ys[i] for i in lonely], linestyle="none", marker="o",
                    markersize=3.4, markeredgewidth=0, color=color, zorder=3)


def _fill_step(drawstyle):
    return {"steps-post": "post", "steps-pre": "pre", "steps-mid": "mid"}.get(drawstyle)


def _label_lines(plot, series, last_value) -> list:
    style = plot.style
    lines = []
    if plot.label_mode == "direct":
        lines = style.wrap(series.label, plot.width * MAX_LABEL_SHARE, bold=True)
    if plot.spec.value_labels and last_value is not None:
        lines.append(plot.fmt(last_value))
    return lines


def _x_extent(plot) -> tuple:
    """Lowest and highest x position of any point (once per chart: a scan of every point)."""
    all_x = [plot.x(x) for s in plot.data.series for x, _ in s.points()]
    return (min(all_x), max(all_x)) if all_x else (0.0, 0.0)


def _ends_at_right(plot, series, extent) -> bool:
    points = series.points()
    if not points:
        return False
    last_x = plot.x(points[-1][0])
    low, high = extent
    span = (high - low) or 1.0
    return last_x >= high - span * 0.03


def reserve_label_room(plot) -> None:
    """Ask for room in the right margin for the labels of series that end at the right."""
    widest = 0.0
    extent = _x_extent(plot)
    for s in plot.data.series:
        points = s.points()
        if not points or not _ends_at_right(plot, s, extent):
            continue
        lines = _label_lines(plot, s, points[-1][1])
        widest = max([widest] + [plot.style.width(t, bold=i < len(lines) - 1 or not plot.spec.value_labels)
                                 for i, t in enumerate(lines)])
    if widest:
        plot.room["right"] = max(plot.room["right"], widest + 8)


def direct_labels(plot) -> None:
    """Label each series at its last point (name and/or last value)."""
    style = plot.style
    lh = plot.line_height()
    ax_box = plot.ax.get_position()
    bottom, top = ax_box.y0 * plot.height, ax_box.y1 * plot.height
    right_edge = ax_box.x1 * plot.width
    groups = {True: [], False: []}
    extent = _x_extent(plot)
    for s in plot.data.series:
        points = s.points()
        if not points:
            continue
        lines = _label_lines(plot, s, points[-1][1])
        if not lines:
            continue
        xy = plot.xy(plot.x(points[-1][0]), points[-1][1])
        px, py = plot.display(xy)
        groups[_ends_at_right(plot, s, extent)].append((s, lines, xy, px, py))
    for at_right, items in groups.items():
        if not items:
            continue
        wanted = [py for *_, py in items]
        heights = [len(lines) * lh for _, lines, *_ in items]
        placed = spread(wanted, heights, bottom - lh, top + lh, gap=1.5)
        for (s, lines, xy, px, py), y in zip(items, placed):
            nudge = s.style.label_offset if s.style is not None and s.style.label_offset else (0, 0)
            x_text = (right_edge + 6 if at_right else px + 6) + nudge[0]
            offset = (x_text - px, y - py + nudge[1])
            label = "\n".join(lines)
            named = plot.label_mode == "direct"
            plot.note(xy, label, offset, color=plot.style.ink(plot.color(s)), bold=named and not plot.spec.value_labels,
                      ha="left", va="center", linespacing=1.1, bbox=None if at_right else dict(facecolor="white", edgecolor="none", pad=0.8))
            if at_right and abs(offset[1]) > lh * 0.8:  # a thin leader when the label moved away
                plot.ax.annotate("", xy=xy, xytext=(offset[0] - 2, offset[1]), textcoords="offset points",
                                 arrowprops=dict(arrowstyle="-", color=style.grid, linewidth=0.6,
                                                 shrinkA=0, shrinkB=3), annotation_clip=False)
