"""Display lists: a ReportLab ``Drawing`` saved as compact JSON, and read back.

In:  items drawn by :mod:`briefgen.charts.vector` (a chart), or a Drawing made
     by svglib (an SVG image: groups with transforms, paths, basic shapes,
     clipping paths and strings), or the JSON saved from either.
Out: the JSON bytes, or an equal Drawing rebuilt from them. Rebuilding needs
     neither matplotlib nor svglib, which is what makes a warm rebuild fast.

Only groups, paths and strings with plain values are read back (never pickle),
so a cache file cannot run code; anything unexpected makes :func:`load` return
None and the drawing is simply made again.
"""

from __future__ import annotations

import json

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


def _node(node):
    from reportlab.graphics.shapes import Group, Path, String

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


def _rgba(value):
    from reportlab.lib.colors import Color

    return None if value is None else Color(*value)


def _build(item):
    from reportlab.graphics.shapes import Group, Path, String

    tag = item[0]
    if tag == "s":
        _, x, y, text, anchor, font, size, fill = item
        return String(x, y, text, textAnchor=anchor, fontName=font, fontSize=size, fillColor=_rgba(fill))
    if tag == "p":
        (_, points, operators, fill, fill_opacity, stroke, width, cap, join, miter, dashes, stroke_opacity,
         fill_mode, clip) = item
        path = Path(points=points, operators=operators, fillColor=_rgba(fill), strokeColor=_rgba(stroke),
                    strokeWidth=width, strokeLineCap=cap, strokeLineJoin=join, strokeMiterLimit=miter,
                    strokeDashArray=dashes, fillMode=fill_mode)
        path.fillOpacity, path.strokeOpacity, path.isClipPath = fill_opacity, stroke_opacity, clip
        return path
    if tag == "g":
        group = Group(*[_build(child) for child in item[2]])
        group.transform = tuple(item[1])
        return group
    raise ValueError(f"unknown display-list item {tag!r}")


def load(data: bytes):
    """The Drawing stored in ``data``, or None if the data is not a display list of this version."""
    from reportlab.graphics.shapes import Drawing

    try:
        body = json.loads(data.decode("utf-8"))
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            return None
        drawing = Drawing(body["width"], body["height"])
        for item in body["contents"]:
            drawing.add(_build(item))
        font, size = body["font"]
        if font is not None:
            drawing.initialFontName, drawing.initialFontSize = font, size
        return drawing
    except (ValueError, KeyError, TypeError, IndexError):
        return None
