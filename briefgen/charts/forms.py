"""Ready drawings: a display list compiled once into PDF drawing operators, and replayed on any canvas.

In:  display-list JSON (see :mod:`briefgen.charts.displaylist`: a chart, or an
     SVG image read by svglib), and for an SVG the theme's fonts its text is set in;
     or a compiled form as stored in the cache.
Out: a :class:`Form`: its size and its content, ready to draw. Paths, colours,
     line styles and transforms are finished PDF operators; only text is set when
     drawn, through the canvas, since a font subset's codes belong to each PDF.
     :func:`dump` and :func:`load` store it (``form.json`` entries in the cache).

A form is colour-neutral as stored (RGB operators): the CMYK edition converts them as it replays
them, through the canvas's colour mode (memoised per operator string), so the cache holds one form
for both editions and no cached RGB form can reach a CMYK PDF.

Replaying a form costs a few canvas calls per text, where drawing the Drawing
again built every ReportLab shape attribute by attribute (each one validated)
and walked it with ReportLab's renderer. The operators follow that renderer:
a path is filled only when each of its subpaths is closed, a clip path clips
the rest of its group, and a string is placed by its anchor and ReportLab's widths.

:func:`compile_list` and :func:`load` are pure and remembered per process (keyed by
the bytes), so a build in a process that has drawn the same chart or SVG before
reuses the form itself; a build in a new process reads the stored form. A stored
form is checked like a display list (operators only from a small alphabet, numbers
finite, fonts registered): anything else is a miss, and the form is compiled again.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache

FORMAT = "briefgen-form-1"
#: Forms remembered per process (a chart's is a few kilobytes).
MEMO = 128
#: Stored operators: numbers and PDF operator names only, never a string or a stream.
_RAW = re.compile(r"[0-9A-Za-z.\- \[\]*\n]*")
_MAX = 1e9


class Form:
    """A drawing ready to replay: ``width``, ``height`` and ``items``.

    Each item is a string of operators, or a list: ``["q"]``/``["Q"]`` (save and
    restore the graphics state), ``["cm", a, b, c, d, e, f]``, ``["alpha", fill, stroke]``
    and ``["t", x, y, [[face, text], ...], size, [r, g, b] or None]``: text from (x, y).
    """

    __slots__ = ("height", "items", "width")

    def __init__(self, width: float, height: float, items: tuple):
        self.width, self.height, self.items = width, height, items

    def drawOn(self, canvas, x: float = 0, y: float = 0, _sW=0) -> None:  # ReportLab's name, as flowables have
        """Draw at (x, y): the same operators on every canvas, text encoded for that canvas's PDF."""
        canvas.saveState()
        if x or y:
            canvas.translate(x, y)
        replay(canvas, self.items)
        canvas.restoreState()


def replay(canvas, items) -> None:
    literal, save, restore = canvas.addLiteral, canvas.saveState, canvas.restoreState
    # The CMYK edition's canvas converts every colour set through it (ReportLab's enforceColorSpace
    # hook, a briefgen.theme.color.ColorMode); the literal operators are converted by the same mode,
    # so one stored form serves both editions and each PDF holds one colour space.
    operators = getattr(getattr(canvas, "_enforceColorSpace", None), "operators", None)
    for item in items:
        if type(item) is str:
            literal(item if operators is None else operators(item))
            continue
        kind = item[0]
        if kind == "q":
            save()
        elif kind == "Q":
            restore()
        elif kind == "cm":
            canvas.transform(*item[1:])
        elif kind == "alpha":
            canvas.setFillAlpha(item[1])
            canvas.setStrokeAlpha(item[2])
        else:  # "t": one text object, its colour kept inside it
            _, x, y, runs, size, rgb = item
            text = canvas.beginText(x, y)
            if rgb is not None:
                text.setFillColorRGB(*rgb)
            for face, run in runs:
                text.setFont(face, size)
                text.textOut(run)
            canvas.drawText(text)


# -- compiling ----------------------------------------------------------------------------------

def _fmt(*values) -> str:
    from reportlab.lib.rl_accel import fp_str

    return fp_str(*values)


class _Compiler:
    """Display-list items to form items, with the graphics state tracked so only changes are written."""

    def __init__(self, fonts):
        self.fonts = fonts  # (regular, bold) for SVG text, or None to keep each string's font
        self.items: list = []
        self.ops: list = []
        self.state: dict = {}
        self.stack: list = []

    def flush(self) -> None:
        if self.ops:
            self.items.append("\n".join(self.ops))
            self.ops = []

    def special(self, item: list) -> None:
        self.flush()
        self.items.append(item)

    def set(self, name: str, value, code: str) -> None:
        if self.state.get(name, object()) != value:
            self.state[name] = value
            self.ops.append(code)

    def node(self, item: list) -> None:
        tag = item[0]
        if tag == "g":
            self.special(["q"])
            self.stack.append(dict(self.state))
            if item[1] != [1, 0, 0, 1, 0, 0]:
                self.special(["cm", *item[1]])
            for child in item[2]:
                self.node(child)
            self.state = self.stack.pop()
            self.special(["Q"])
        elif tag == "p":
            self.path(item)
        elif tag == "s":
            _, x, y, text, anchor, font, size, fill = item
            if fill is None:
                return  # ReportLab draws a string only with a fill colour
            if self.fonts is not None:
                font = self.fonts[1] if "bold" in font.lower() else self.fonts[0]
            if anchor != "start":
                from reportlab.pdfbase.pdfmetrics import stringWidth

                width = stringWidth(text, font, size)
                x -= width if anchor == "end" else width * 0.5
            self.text(x, y, [[font, text]], size, fill)
        elif tag == "r":
            _, x, y, runs, size, fill = item
            self.text(x, y, [list(run) for run in runs], size, fill)

    def text(self, x, y, runs, size, fill) -> None:
        alpha = fill[3] if fill is not None else 1
        if alpha != 1:
            self.special(["q"])
            self.special(["alpha", alpha, 1])
        self.special(["t", x, y, runs, size, None if fill is None else fill[:3]])
        if alpha != 1:
            self.special(["Q"])
        self.state.pop("fill", None)  # the text object set its own colour

    def path(self, item: list) -> None:
        (_, points, operators, fill, fill_opacity, stroke, width, cap, join, _miter, dashes, stroke_opacity,
         fill_mode, clip) = item
        code, at = [], 0
        for op in operators:
            if op == 0:
                code.append(_fmt(*points[at:at + 2]) + " m")
                at += 2
            elif op == 1:
                code.append(_fmt(*points[at:at + 2]) + " l")
                at += 2
            elif op == 2:
                code.append(_fmt(*points[at:at + 6]) + " c")
                at += 6
            else:
                code.append("h")
        if not operators:
            return
        closed = operators.count(0) == operators.count(3)
        body = " ".join(code)
        if clip:
            self.ops.append(body + (" W* n" if fill_mode == 0 else " W n"))
            return
        painted_fill = fill is not None and closed
        painted_stroke = stroke is not None
        if not (painted_fill or painted_stroke):
            return
        translucent = fill_opacity != 1 or stroke_opacity != 1
        if translucent:
            self.special(["q"])
            self.stack.append(dict(self.state))
            self.special(["alpha", fill_opacity, stroke_opacity])
        if painted_fill:
            self.set("fill", fill[:3], _fmt(*fill[:3]) + " rg")
        if painted_stroke:
            self.set("stroke", stroke[:3], _fmt(*stroke[:3]) + " RG")
            self.set("width", width, _fmt(width) + " w")
            self.set("cap", cap, f"{cap} J")
            self.set("join", join, f"{join} j")
            self.set("dash", dashes, _dash(dashes))
        paint = {(0, 1): "S", (1, 0): "f", (1, 1): "B"}[int(painted_fill), int(painted_stroke)]
        if painted_fill and fill_mode == 0:
            paint += "*"
        self.ops.append(f"{body} {paint}")
        if translucent:
            self.flush()
            self.state = self.stack.pop()
            self.special(["Q"])


def _dash(dashes) -> str:
    if not dashes:
        return "[] 0 d"
    phase, pattern = (dashes[0], dashes[1]) if len(dashes) == 2 and isinstance(dashes[1], list) else (0, dashes)
    return f"[{_fmt(*pattern)}] {_fmt(phase)} d"


@lru_cache(maxsize=MEMO)
def compile_list(data: bytes, fonts: tuple | None = None) -> Form | None:
    """The form of a display list (``fonts``: (regular, bold) for every string, as an SVG's text is set),
    or None when ``data`` is not a display list :mod:`.displaylist` reads back (checked the same way)."""
    from . import displaylist

    if displaylist.load(data, unknown_font=fonts[0] if fonts else None) is None:
        return None  # every value checked, as for a drawing; nothing unchecked is compiled
    body = json.loads(data.decode("utf-8"))
    compiler = _Compiler(fonts)
    for item in body["contents"]:
        compiler.node(item)
    compiler.flush()
    stored = dump(Form(body["width"], body["height"], tuple(compiler.items)))
    return load(stored)  # as a later build reads it back: the same numbers, the same PDF


# -- storing -----------------------------------------------------------------------------------

def dump(form: Form) -> bytes:
    body = {"format": FORMAT, "width": form.width, "height": form.height, "items": list(form.items)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Invalid(ValueError):
    pass


def _num(value, low=-_MAX, high=_MAX):
    if type(value) not in (int, float) or not low <= value <= high or not math.isfinite(value):
        raise _Invalid(f"not a number in range: {value!r}")
    return value


def _checked(item, known: set):
    if type(item) is str:
        if not _RAW.fullmatch(item):
            raise _Invalid("unexpected operators")
        return item
    if type(item) is not list or not item:
        raise _Invalid("not a form item")
    kind = item[0]
    if kind in ("q", "Q") and len(item) == 1:
        return item
    if kind == "cm" and len(item) == 7:
        return ["cm", *(_num(v) for v in item[1:])]
    if kind == "alpha" and len(item) == 3:
        return ["alpha", _num(item[1], 0, 1), _num(item[2], 0, 1)]
    if kind == "t" and len(item) == 6:
        _, x, y, runs, size, rgb = item
        if type(runs) is not list or not runs:
            raise _Invalid("expected runs")
        for run in runs:
            if type(run) is not list or len(run) != 2 or run[0] not in known or type(run[1]) is not str:
                raise _Invalid("expected [registered font, text]")
        if rgb is not None and (type(rgb) is not list or len(rgb) != 3):
            raise _Invalid("expected a colour")
        return ["t", _num(x), _num(y), runs, _num(size, 0, 10000), None if rgb is None else [_num(c, 0, 1)
                                                                                            for c in rgb]]
    raise _Invalid("unknown form item")


@lru_cache(maxsize=MEMO)
def load(data: bytes) -> Form | None:
    """The form stored in ``data``, or None unless it is a well-formed form of this version."""
    from reportlab.pdfbase import pdfmetrics

    try:
        body = json.loads(data.decode("utf-8"))
        if not isinstance(body, dict) or body.get("format") != FORMAT or type(body.get("items")) is not list:
            return None
        known = set(pdfmetrics.standardFonts) | set(pdfmetrics.getRegisteredFontNames())
        items = tuple(_checked(item, known) for item in body["items"])
        return Form(_num(body["width"], 0), _num(body["height"], 0), items)
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None
