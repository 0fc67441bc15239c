"""Display lists: a ReportLab ``Drawing`` saved as compact JSON, and read back.

In:  items drawn by :mod:`briefgen.charts.vector` (a chart), or a Drawing made
     by svglib (an SVG image: groups with transforms, paths, basic shapes,
     clipping paths and strings), or the JSON saved from either.
Out: the JSON bytes, or an equal Drawing rebuilt from them. Rebuilding needs
     neither matplotlib nor svglib, which is what makes a warm rebuild fast.

A text set in several fonts (a chart label with a Cyrillic name or a '≥' from a
fallback font) is one item of runs, drawn as one PDF text object that switches
font between runs, so it reads and copies as one string.

Only groups, paths, strings and runs with plain values are read back (never pickle),
so a cache file cannot run code, and every value is checked (numbers finite and
in range, known fonts, operators matching points): anything unexpected makes
:func:`load` return None and the drawing is simply made again.
"""

from __future__ import annotations

import json
from functools import lru_cache

FORMAT = "briefgen-displaylist-3"


def _color(color):
    if color is None:
        return None
    return [round(color.red, 5), round(color.green, 5), round(color.blue, 5), round(color.alpha, 5)]


def _num(value):
    return round(value, 3) if isinstance(value, float) else value


_KAPPA = 0.5523  # control-point distance of a cubic quarter circle, per unit radius


def _ellipse(cx, cy, rx, ry):
    k, ops = _KAPPA, [0, 2, 2, 2, 2, 3]
    points = [cx + rx, cy,
              cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry,
              cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy,
              cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry,
              cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy]
    return points, ops


def _outline(node):
    """Points and operators of a basic shape (as svglib makes them), or None."""
    from reportlab.graphics import shapes

    if isinstance(node, shapes.Rect):
        if node.rx or node.ry:
            return None  # rounded rectangles are rare; such drawings are simply not stored
        x, y, w, h = node.x, node.y, node.width, node.height
        return [x, y, x + w, y, x + w, y + h, x, y + h], [0, 1, 1, 1, 3]
    if isinstance(node, shapes.Circle):
        return _ellipse(node.cx, node.cy, node.r, node.r)
    if isinstance(node, shapes.Ellipse):
        return _ellipse(node.cx, node.cy, node.rx, node.ry)
    if isinstance(node, shapes.Line):
        return [node.x1, node.y1, node.x2, node.y2], [0, 1]
    if isinstance(node, shapes.PolyLine):  # before Polygon: neither is a subclass of the other
        points = list(node.points)
        return points, [0] + [1] * (len(points) // 2 - 1)
    if isinstance(node, shapes.Polygon):
        points = list(node.points)
        return points, [0] + [1] * (len(points) // 2 - 1) + [3]
    return None


@lru_cache(maxsize=1)  # one class, so that every Runs shape is an instance of it
def runs_class():
    """The ReportLab shape of a text in several fonts: made on first use (ReportLab is imported lazily)."""
    from reportlab.graphics.shapes import DirectDraw

    class Runs(DirectDraw):
        """Runs of text (ReportLab face, text) laid end to end from (x, y), in one text object."""

        def __init__(self, x, y, runs, size, color):
            super().__init__()
            self.x, self.y, self.runs, self.fontSize, self.fillColor = x, y, runs, size, color

        def drawDirectly(self, renderer):  # ReportLab calls it with the PDF renderer
            canvas = renderer._canvas
            canvas.saveState()  # the text's colour must not leak into the renderer's tracked state
            text = canvas.beginText(self.x, self.y)
            if self.fillColor is not None:
                text.setFillColor(self.fillColor)
            for face, run in self.runs:
                text.setFont(face, self.fontSize)
                text.textOut(run)
            canvas.drawText(text)
            canvas.restoreState()

    return Runs


def _node(node):
    from reportlab.graphics.shapes import DirectDraw, Group, Path, String

    if isinstance(node, DirectDraw) and hasattr(node, "runs"):
        return ["r", _num(node.x), _num(node.y), [[face, text] for face, text in node.runs], _num(node.fontSize),
                _color(node.fillColor)]
    if isinstance(node, String):
        return ["s", _num(node.x), _num(node.y), node.text, node.textAnchor, node.fontName, _num(node.fontSize),
                _color(node.fillColor)]
    if isinstance(node, Group):
        children = _children(node.contents)
        if not children or all(c[0] == "p" and c[-1] for c in children):
            return None  # empty, or a clip with nothing to clip
        return ["g", [_num(t) for t in node.transform], children]
    if isinstance(node, Path):
        points, operators = node.points, node.operators
    else:
        outline = _outline(node)
        if outline is None:
            raise TypeError(f"cannot store a {type(node).__name__} in a display list")
        points, operators = outline
    clip = bool(getattr(node, "isClipPath", 0))
    fill = getattr(node, "fillColor", None)
    return ["p", [_num(p) for p in points], list(operators),
            None if clip else _color(fill), _num(getattr(node, "fillOpacity", 1)),
            None if clip else _color(node.strokeColor), _num(node.strokeWidth), node.strokeLineCap,
            node.strokeLineJoin, node.strokeMiterLimit, node.strokeDashArray, _num(node.strokeOpacity),
            getattr(node, "fillMode", 1), int(clip)]


def _children(contents) -> list:
    """Items for ``contents``, with plain groups (no transform, no clip of their own) flattened away.

    svglib nests a group per SVG element; drawing each costs a save/restore of the
    graphics state, so flattening makes the chart several times faster to draw.
    """
    items = []
    for child in contents:
        item = _node(child)
        if item is None:
            continue
        if item[0] == "g" and item[1] == [1, 0, 0, 1, 0, 0] and not any(c[0] == "p" and c[-1] for c in item[2]):
            items.extend(item[2])
        else:
            items.append(item)
    return items


def dump(drawing) -> bytes:
    """The drawing as JSON bytes."""
    return dump_items(_children(drawing.contents), drawing.width, drawing.height,
                      getattr(drawing, "initialFontName", None), getattr(drawing, "initialFontSize", None))


def dump_items(items: list, width: float, height: float, font: str, size: float) -> bytes:
    """Display-list items (as made by :mod:`briefgen.charts.vector`) as JSON bytes."""
    body = {"format": FORMAT, "width": _num(width), "height": _num(height), "font": [font, _num(size)],
            "contents": items}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Invalid(ValueError):
    """Stored data that is not a display list this module wrote."""


#: Bounds on stored values: far beyond any real drawing, and safe for ReportLab to draw.
_MAX_COORD = 1e9
_MAX_DEPTH = 64
_ANCHORS = ("start", "middle", "end")


def _number(value, low=-_MAX_COORD, high=_MAX_COORD):
    if type(value) not in (int, float) or not low <= value <= high:  # also refuses NaN and bools
        raise _Invalid(f"expected a number from {low} to {high}, found {value!r}")
    return value


def _int(value, *allowed):
    if type(value) is not int and type(value) is not bool or value not in allowed:
        raise _Invalid(f"expected one of {allowed}, found {value!r}")
    return int(value)


def _rgba(value):
    from reportlab.lib.colors import Color

    if value is None:
        return None
    if type(value) is not list or len(value) != 4:
        raise _Invalid(f"expected a colour [r, g, b, a], found {value!r}")
    return Color(*[_number(c, 0, 1) for c in value])


def _dashes(value):
    """None, [on, off, ...], or [phase, [on, off, ...]], as ReportLab takes them."""
    if value is None:
        return None
    if type(value) is list and len(value) == 2 and type(value[1]) is list:
        return [_number(value[0]), _dashes(value[1])]
    if type(value) is not list or not value:
        raise _Invalid(f"expected a dash pattern, found {value!r}")
    return [_number(v, 0) for v in value]


#: Coordinates taken by each path operator: moveTo, lineTo, curveTo, closePath.
_OPERANDS = {0: 2, 1: 2, 2: 6, 3: 0}


def _path_data(points, operators):
    if type(points) is not list or type(operators) is not list:
        raise _Invalid("expected lists of points and operators")
    for op in operators:
        _int(op, *_OPERANDS)
    if sum(_OPERANDS[op] for op in operators) != len(points):
        raise _Invalid("the path's points do not match its operators")
    return [_number(p) for p in points], operators


def _font(name, known, fallback):
    if type(name) is not str:
        raise _Invalid(f"expected a font name, found {name!r}")
    if name in known:
        return name
    if fallback is None:
        raise _Invalid(f"unknown font {name!r}")
    return fallback


def _build(item, known, fallback, depth=0):
    from reportlab.graphics.shapes import Group, Path, String

    if type(item) is not list or not item:
        raise _Invalid(f"expected a display-list item, found {item!r}")
    tag = item[0]
    if tag == "s" and len(item) == 8:
        _, x, y, text, anchor, font, size, fill = item
        if type(text) is not str or anchor not in _ANCHORS:
            raise _Invalid("expected a string's text and anchor")
        return String(_number(x), _number(y), text, textAnchor=anchor, fontName=_font(font, known, fallback),
                      fontSize=_number(size, 0, 10000), fillColor=_rgba(fill))
    if tag == "r" and len(item) == 6:
        _, x, y, runs, size, fill = item
        if type(runs) is not list or not runs or any(type(r) is not list or len(r) != 2 or type(r[1]) is not str
                                                     for r in runs):
            raise _Invalid("expected runs of [font, text]")
        return runs_class()(_number(x), _number(y), [(_font(face, known, fallback), text) for face, text in runs],
                            _number(size, 0, 10000), _rgba(fill))
    if tag == "p" and len(item) == 14:
        (_, points, operators, fill, fill_opacity, stroke, width, cap, join, miter, dashes, stroke_opacity,
         fill_mode, clip) = item
        points, operators = _path_data(points, operators)
        path = Path(points=points, operators=operators, fillColor=_rgba(fill), strokeColor=_rgba(stroke),
                    strokeWidth=_number(width, 0), strokeLineCap=_int(cap, 0, 1, 2),
                    strokeLineJoin=_int(join, 0, 1, 2), strokeMiterLimit=_number(miter, 0),
                    strokeDashArray=_dashes(dashes), fillMode=_int(fill_mode, 0, 1))
        path.fillOpacity, path.strokeOpacity = _number(fill_opacity, 0, 1), _number(stroke_opacity, 0, 1)
        path.isClipPath = _int(clip, 0, 1)
        return path
    if tag == "g" and len(item) == 3 and type(item[1]) is list and len(item[1]) == 6 and type(item[2]) is list:
        if depth >= _MAX_DEPTH:
            raise _Invalid("groups nested too deeply")
        group = Group(*[_build(child, known, fallback, depth + 1) for child in item[2]])
        group.transform = tuple(_number(t) for t in item[1])
        return group
    raise _Invalid(f"unknown display-list item {str(tag)[:20]!r}")


def _reject(constant):
    raise _Invalid(f"{constant} is not a number a drawing can hold")


def load(data: bytes, *, unknown_font: str | None = None):
    """The Drawing stored in ``data``, or None unless it is a well-formed display list of this version.

    Every value is checked before ReportLab sees it, so stored data that was
    not written here (bad numbers, wrong types, a font that is not registered)
    is a cache miss, never an error later in the build. With ``unknown_font``,
    strings in a font that is not registered are set in that font instead.
    """
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfbase import pdfmetrics

    try:
        body = json.loads(data.decode("utf-8"), parse_constant=_reject)
        if not isinstance(body, dict) or body.get("format") != FORMAT or type(body.get("contents")) is not list:
            return None
        known = set(pdfmetrics.standardFonts) | set(pdfmetrics.getRegisteredFontNames())
        drawing = Drawing(_number(body["width"], 0), _number(body["height"], 0))
        for item in body["contents"]:
            drawing.add(_build(item, known, unknown_font))
        font, size = body["font"]
        if font is not None:
            drawing.initialFontName = _font(font, known, unknown_font)
            drawing.initialFontSize = _number(size, 0, 10000)
        return drawing
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None
