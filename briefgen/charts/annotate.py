"""Annotations and reference lines, drawn the same way on every kind of chart.

In:  a :class:`~briefgen.charts.figure.Plot` whose axes are placed.
Out: on the figure: event lines (a thin vertical line with a short label above
     the plot: election day, a release wave), shaded periods, text at a value
     with an optional arrow, and reference lines (e.g. 50%) with their labels.
     Event labels that would collide are stacked in rows; :func:`event_spans`
     says how many rows, so the plot leaves room for them.
"""

from __future__ import annotations

from .labels import rows


def _events(plot):
    """Annotations drawn as event lines or periods: an x position and no value."""
    return [a for a in plot.spec.annotations if a.x is not None and a.y is None]


def event_spans(plot) -> int:
    """Place event labels in rows above the plot; return how many rows they need."""
    style = plot.style
    placed, spans = [], []
    right_edge = plot.width - 2
    for note in _events(plot):
        x_pt = plot.display(plot.xy(plot.x(note.x), 0))[1 if plot.horizontal else 0]
        width = style.width(note.text, style.small)
        align = note.align or ("left" if x_pt + 3 + width <= right_edge else "right")
        if align == "left":
            span = (x_pt + 3 + note.dx, x_pt + 3 + note.dx + width)
        elif align == "right":
            span = (x_pt - 3 + note.dx - width, x_pt - 3 + note.dx)
        else:
            span = (x_pt + note.dx - width / 2, x_pt + note.dx + width / 2)
        placed.append((note, align, span))
        spans.append(span)
    assigned = rows(spans)
    plot.event_placements = [(note, align, span, row) for (note, align, span), row in zip(placed, assigned)]
    return max(assigned) + 1 if assigned else 0


def draw_annotations(plot) -> None:
    from matplotlib.transforms import blended_transform_factory

    style, ax = plot.style, plot.ax
    lh = plot.line_height(style.small)
    axes_top = ax.get_position().y1 * plot.height
    axes_bottom = ax.get_position().y0 * plot.height
    rows_count = max((row for *_, row in getattr(plot, "event_placements", [])), default=-1) + 1
    x_data_y_points = blended_transform_factory(ax.transData, plot.points)
    for note, align, span, row in getattr(plot, "event_placements", []):
        x = plot.x(note.x)
        baseline = axes_top + 3 + (rows_count - 1 - row) * lh
        if note.x_end is not None:
            ax.axvspan(x, plot.x(note.x_end), color=style.tint, linewidth=0, zorder=0.5)
        ax.plot([x, x], [axes_bottom, baseline + style.small * 0.8], transform=x_data_y_points,
                color=style.muted, linewidth=0.6, dashes=(2, 1.5), zorder=1.5, clip_on=False)
        x_text = span[0] if align == "left" else span[1] if align == "right" else (span[0] + span[1]) / 2
        plot.text(x_text, baseline, note.text, coords="points", size=style.small, color=style.text,
                  ha=align, va="baseline")
    for note in plot.spec.annotations:
        if note.y is None:
            continue
        if note.x is None:  # text at a value, at the plot's far end
            xy, coords = ((note.y, 1.0), ("data", "axes fraction")) if plot.horizontal else \
                ((1.0, note.y), ("axes fraction", "data"))
            plot.ax.annotate(note.text, xy=xy, xycoords=coords, xytext=(note.dx, note.dy + 2),
                             textcoords="offset points", ha=note.align or "right", va="bottom",
                             fontsize=style.small, color=style.text, annotation_clip=False)
            continue
        xy = plot.xy(plot.x(note.x), note.y)
        dx, dy = note.dx, note.dy
        if note.arrow and dx == 0 and dy == 0:
            dx, dy = 18, 18
        align = note.align or ("left" if dx > 0 else "right" if dx < 0 else "center")
        va = "bottom" if dy > 0 else "top" if dy < 0 else "center"
        arrow = dict(arrowstyle="-|>", color=style.muted, linewidth=0.6, shrinkA=2, shrinkB=3,
                     mutation_scale=6) if note.arrow else None
        plot.note(xy, note.text, (dx, dy), size=style.small, ha=align, va=va, arrowprops=arrow)


def draw_reference_lines(plot) -> None:
    style, ax = plot.style, plot.ax
    for line in plot.spec.reference_lines:
        if plot.horizontal:
            ax.axvline(line.value, color=style.text, linewidth=0.7, dashes=(3, 2), zorder=2.7)
            if line.label:
                ax.annotate(line.label, xy=(line.value, 1.0), xycoords=("data", "axes fraction"), xytext=(0, 3),
                            textcoords="offset points", ha="center", va="bottom", fontsize=style.small,
                            color=style.text, annotation_clip=False)
        else:
            ax.axhline(line.value, color=style.text, linewidth=0.7, dashes=(3, 2), zorder=2.7)
            if line.label:
                ax.annotate(line.label, xy=(1.0, line.value), xycoords=("axes fraction", "data"), xytext=(0, 2),
                            textcoords="offset points", ha="right", va="bottom", fontsize=style.small,
                            color=style.text, annotation_clip=False,
                            bbox=dict(facecolor="white", edgecolor="none", pad=0.6))
