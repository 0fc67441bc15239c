"""Display lists: a chart's ReportLab ``Drawing`` saved as compact JSON, and read back.

In:  a Drawing made by :mod:`briefgen.charts.svg` (groups with transforms,
     paths, clipping paths and strings), or the JSON saved from one.
Out: the JSON bytes, or an equal Drawing rebuilt from them. Rebuilding needs
     neither matplotlib nor svglib, which is what makes a warm rebuild fast.

Only these four shapes and plain values are read back (never pickle), so a
cache file cannot run code; anything unexpected makes :func:`load` return
None and the chart is simply drawn again.
"""

from __future__ import annotations

import json

FORMAT = "briefgen-displaylist-2"


def _color(color):
    if color is None:
        return None
    return [round(color.red, 5), round(color.green, 5), round(color.blue, 5), round(color.alpha, 5)]


def _num(value):
    return round(value, 3) if isinstance(value, float) else value


def _node(node):
    from reportlab.graphics.shapes import Group, Path, String

    if isinstance(node, String):
        return ["s", _num(node.x), _num(node.y), node.text, node.textAnchor, node.fontName, _num(node.fontSize),
                _color(node.fillColor)]
    if isinstance(node, Path):
        clip = bool(getattr(node, "isClipPath", 0))
        return ["p", [_num(p) for p in node.points], list(node.operators),
                None if clip else _color(node.fillColor), _num(node.fillOpacity),
                None if clip else _color(node.strokeColor), _num(node.strokeWidth), node.strokeLineCap,
                node.strokeLineJoin, node.strokeMiterLimit, node.strokeDashArray, _num(node.strokeOpacity),
                node.fillMode, int(clip)]
    if isinstance(node, Group):
        children = _children(node.contents)
        if not children or all(c[0] == "p" and c[-1] for c in children):
            return None  # empty, or a clip with nothing to clip
        return ["g", [_num(t) for t in node.transform], children]
    raise TypeError(f"cannot store a {type(node).__name__} in a display list")


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
    body = {"format": FORMAT, "width": _num(drawing.width), "height": _num(drawing.height),
            "font": [drawing.initialFontName, _num(drawing.initialFontSize)],
            "contents": _children(drawing.contents)}
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
        drawing.initialFontName, drawing.initialFontSize = body["font"]
        return drawing
    except (ValueError, KeyError, TypeError, IndexError):
        return None
