"""Vector drawing: a checked chart in, a display list for ReportLab out.

In:  a chart spec, its style and width (:func:`display_list`), or a built
     matplotlib figure at 72 dpi, so a pixel is a point (:func:`display_items`).
Out: display-list items (see :mod:`briefgen.charts.displaylist`): paths with
     their fill, stroke and dashes, clip groups, and strings set in the theme's
     fonts, so chart labels stay real, selectable text in the PDF. A text the
     chart family lacks characters of is split into runs, each in the chain's
     font that has it, placed by ReportLab's widths (one item: one text
     object). Colours are opaque: anything translucent is mixed with the white
     page behind it.

The figure is drawn straight through a small matplotlib renderer: no SVG is
written and parsed again, which roughly halves the cost of a chart that is not
cached. The renderer is a local object handed to ``Figure.draw``; nothing
global in matplotlib is touched.
"""

from __future__ import annotations

import math

from matplotlib.backend_bases import RendererBase
from matplotlib.font_manager import weight_dict
from matplotlib.path import Path as MplPath

# matplotlib path codes -> ReportLab path operators (moveTo, lineTo, curveTo, closePath)
_MOVE, _LINE, _CURVE, _CLOSE = 0, 1, 2, 3
_CAPS = {"butt": 0, "round": 1, "projecting": 2}
_JOINS = {"miter": 0, "round": 1, "bevel": 2}


def _num(value: float) -> float:
    return round(float(value), 3)


def _opaque(rgb, alpha: float) -> list:
    """The colour as it shows over white, fully opaque.

    Charts carry no transparency: it prints the same on every device, and a
    ReportLab form XObject (how a brief places its charts) cannot hold it.
    """
    alpha = max(0.0, min(1.0, float(alpha)))
    return [round(float(c) * alpha + 1.0 - alpha, 5) for c in rgb[:3]] + [1.0]


def path_data(path, transform, clip=None, simplify=None) -> tuple[list, list]:
    """Flat points and ReportLab operators for a matplotlib path in display coordinates."""
    points, operators = [], []
    last = (0.0, 0.0)
    for vertices, code in path.iter_segments(transform, remove_nans=True, clip=clip, simplify=simplify,
                                             curves=True):
        if code == MplPath.MOVETO:
            last = (vertices[0], vertices[1])
            points += [_num(last[0]), _num(last[1])]
            operators.append(_MOVE)
        elif code == MplPath.LINETO:
            last = (vertices[0], vertices[1])
            points += [_num(last[0]), _num(last[1])]
            operators.append(_LINE)
        elif code == MplPath.CURVE3:  # quadratic: raise to a cubic with the same shape
            (qx, qy), end = (vertices[0], vertices[1]), (vertices[2], vertices[3])
            c1 = (last[0] + 2 / 3 * (qx - last[0]), last[1] + 2 / 3 * (qy - last[1]))
            c2 = (end[0] + 2 / 3 * (qx - end[0]), end[1] + 2 / 3 * (qy - end[1]))
            points += [_num(v) for v in (*c1, *c2, *end)]
            operators.append(_CURVE)
            last = end
        elif code == MplPath.CURVE4:
            points += [_num(v) for v in vertices[:6]]
            operators.append(_CURVE)
            last = (vertices[4], vertices[5])
        elif code == MplPath.CLOSEPOLY:
            operators.append(_CLOSE)
    return points, operators


def _run_strings(runs, anchor: str, size: float, color) -> list:
    """One display-list item at the origin for (face, text) runs: a string as anchored, or runs end to end.

    Runs are placed by ReportLab's widths of the fonts that draw them and are drawn as
    one text object, so the PDF's text reads (and copies) as one string.
    """
    if len(runs) == 1:
        face, text = runs[0]
        return ["s", 0, 0, text, anchor, face, size, color]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = sum(stringWidth(text, face, size) for face, text in runs)
    x = -{"start": 0.0, "middle": 0.5, "end": 1.0}[anchor] * width
    return ["r", _num(x), 0, [[face, text] for face, text in runs], size, color]


def _clip_item(points, operators) -> list:
    return ["p", points, operators, None, 1, None, 0, 0, 0, 4, None, 1, 1, 1]


class DisplayListRenderer(RendererBase):
    """A matplotlib renderer that records what it is asked to draw as display-list items."""

    def __init__(self, width: float, height: float, style):
        super().__init__()
        self.width, self.height = width, height
        self.style = style  # the ChartStyle: its font chain sets each run of text
        self.items: list = []
        self._clip_key = None  # consecutive items with the same clip share one clip group
        self._clip_group = None

    # -- what matplotlib asks of a renderer ------------------------------------------------------
    def get_canvas_width_height(self):
        return self.width, self.height

    def flipy(self):
        return False  # y grows upwards, as in PDF

    def points_to_pixels(self, points):
        return points  # 72 dpi: a pixel is a point

    def option_image_nocomposite(self):
        return True

    def draw_path(self, gc, path, transform, rgbFace=None):
        unclipped = rgbFace is None and gc.get_hatch_path() is None
        points, operators = path_data(path, transform,
                                      clip=(0.0, 0.0, self.width, self.height) if unclipped else None,
                                      simplify=path.should_simplify and unclipped)
        if not operators:
            return
        forced = gc.get_forced_alpha()
        fill = stroke = None
        if rgbFace is not None:
            fill = _opaque(rgbFace, gc.get_alpha() if forced else (rgbFace[3] if len(rgbFace) == 4 else 1.0))
        width = gc.get_linewidth()
        if width:
            rgb = gc.get_rgb()
            stroke = _opaque(rgb, gc.get_alpha() if forced else rgb[3])
        if fill is None and stroke is None:
            return
        offset, dashes = gc.get_dashes()
        dash_array = [_num(d) for d in dashes] if dashes is not None else None
        if dash_array and offset:
            dash_array = [_num(offset), dash_array]
        self._add(gc, ["p", points, operators, fill, 1, stroke, _num(width), _CAPS.get(gc.get_capstyle(), 0),
                       _JOINS.get(gc.get_joinstyle(), 0), 4, dash_array, 1, 1, 0])

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if not s.strip():
            return
        weight = prop.get_weight()
        weight = weight_dict.get(weight, weight)
        bold = isinstance(weight, (int, float)) and weight >= 600
        italic = prop.get_style() in ("italic", "oblique")
        runs = self.style.runs(s, bold, italic)
        anchor = "start"
        if mtext is not None and (angle == 0 or mtext.get_rotation_mode() == "anchor"):
            # Anchor at matplotlib's own reference point, so the PDF's font metrics
            # decide the extent of the text, not matplotlib's.
            ax, ay = mtext.get_transform().transform(mtext.get_unitless_position())
            rad = math.radians(angle)
            up = (-math.sin(rad), math.cos(rad))
            shift = up[0] * (x - ax) + up[1] * (y - ay)
            x, y = ax + shift * up[0], ay + shift * up[1]
            anchor = {"left": "start", "right": "end", "center": "middle"}[mtext.get_ha()]
        color = _opaque(gc.get_rgb(), gc.get_alpha() if gc.get_forced_alpha() else gc.get_rgb()[3])
        size = _num(prop.get_size_in_points())
        item = _run_strings(runs, anchor, size, color)
        if angle:
            rad = math.radians(angle)
            c, s_ = math.cos(rad), math.sin(rad)
            item = ["g", [_num(c), _num(s_), _num(-s_), _num(c), _num(x), _num(y)], [item]]
        else:  # moved from the origin to (x, y)
            item[1], item[2] = _num(item[1] + x), _num(y)
        self._add(gc, item)

    # -- clipping ------------------------------------------------------------------------------
    def _add(self, gc, item) -> None:
        key, clips = self._clip(gc)
        if key is None:
            self._clip_key = self._clip_group = None
            self.items.append(item)
            return
        if key != self._clip_key:
            self._clip_key, target = key, self.items
            for clip in clips:  # a clip rectangle and a clip path nest
                group = ["g", [1, 0, 0, 1, 0, 0], [clip]]
                target.append(group)
                target = group[2]
            self._clip_group = group
        self._clip_group[2].append(item)

    def _clip(self, gc):
        """A hashable key and clip-path items for the gc's clip rectangle and path, or (None, [])."""
        clips = []
        rect = gc.get_clip_rectangle()
        if rect is not None:
            x0, y0, x1, y1 = (_num(v) for v in rect.extents)
            if not (x0 <= 0 and y0 <= 0 and x1 >= self.width and y1 >= self.height):  # else nothing to clip
                clips.append(_clip_item([x0, y0, x1, y0, x1, y1, x0, y1], [_MOVE, _LINE, _LINE, _LINE, _CLOSE]))
        clip_path, affine = gc.get_clip_path()
        if clip_path is not None:
            path, path_affine = clip_path.get_transformed_path_and_affine()
            clips.append(_clip_item(*path_data(path, path_affine + affine)))
        if not clips:
            return None, []
        return repr([(c[1], c[2]) for c in clips]), clips


def display_items(figure, width: float, height: float, style) -> list:
    """Draw ``figure`` (72 dpi, on a white page) with ``style``'s fonts and return its display-list items."""
    renderer = DisplayListRenderer(width, height, style)
    figure.patch.set_facecolor("white")
    figure.draw(renderer)
    return renderer.items


def display_list(spec, style, width: float, *, furniture: bool) -> bytes:
    """The chart as display-list JSON bytes (vector, real text), ``width`` points wide.

    Drawn straight to ReportLab shapes by :mod:`briefgen.charts.vector`, with the
    same white margin as :func:`render` when the chart carries its furniture.
    """
    import matplotlib

    from . import displaylist
    from .figure import EXPORT_MARGIN, Plot, matplotlib_families
    from .texts import drawing_warnings

    margin = EXPORT_MARGIN if furniture else 0.0
    with drawing_warnings(spec, style.family_names()), \
            matplotlib.rc_context(style.rc(matplotlib_families(style, spec))):
        plot = Plot(spec, style, width - 2 * margin, furniture)
        plot.build()
        items = display_items(plot.fig, plot.width, plot.height, style)
    height = plot.height + 2 * margin
    if margin:
        page = [0, 0, width, 0, width, height, 0, height]
        items = [["p", page, [0, 1, 1, 1, 3], [1, 1, 1, 1], 1, None, 0, 0, 0, 4, None, 1, 1, 0],
                 ["g", [1, 0, 0, 1, margin, margin], items]]
    return displaylist.dump_items(items, width, height, style.rl_fonts.regular, style.size)
