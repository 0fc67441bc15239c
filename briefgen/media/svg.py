"""SVG images: checked at load time, then drawn by svglib once and cached.

In:  an SVG path (already confined by :mod:`briefgen.schema.files`) and the
     check context (its folders, ``allow_outside`` and limits).
Out: :func:`svg_problem` (load time): why the SVG cannot be used, as a phrase
     that follows "SVG 'name.svg'", or None; :func:`svg_drawing`: the SVG as a
     ReportLab Drawing, from the image cache when no file it reads has changed;
     :func:`svg_form`: the SVG as a ready form (:mod:`briefgen.charts.forms`),
     from this process's memory or the cache, made once from its display list.

:mod:`.svgscan` reads the SVG and what it pulls in safely first (references
confined, entities refused, elements, points and depth bounded); only then does
svglib decode it, at load time, so ``validate`` finds what ``build`` would.
svglib never looks a font up (the theme's fonts replace SVG fonts) and its
log never reaches the terminal. The drawing is cached as a display list keyed
by the bytes of every file the SVG reads.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
from contextlib import contextmanager
from pathlib import Path

from .svgscan import Refused, Walk, quoted

#: A natural size (points) outside these bounds cannot be scaled onto a page.
MIN_POINTS, MAX_POINTS = 0.1, 100_000
#: The largest coordinate or transform entry kept (ReportLab cannot write numbers past about 1e20).
MAX_NUMBER = 1e9
_LENGTH = re.compile(r"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*(px|pt|pc|mm|cm|in|em|ex|%)?\s*$")
_SVGLIB_REFUSALS = ("Refusing", "Unable to read the image", "Failed to load", "Circular", "Too many <use>")


def _size_problem(attrs: dict) -> str | None:
    """Why the root <svg> element's width, height and viewBox give no usable size, or None."""
    box = attrs.get("viewBox")
    if box is not None:
        try:
            numbers = [float(x) for x in re.split(r"[\s,]+", box.strip())]
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not all(map(math.isfinite, numbers)) or numbers[2] <= 0 or numbers[3] <= 0:
            return (f"has the viewBox {quoted(box)}, which is not four numbers with a positive width and height;"
                    " fix the viewBox of its <svg> element, or delete it and give a width and height")
    for name in ("width", "height"):
        value = attrs.get(name)
        if value is None:
            if box is None:
                return ("has no size: give its <svg> element a width and a height (such as width=\"200\""
                        " height=\"100\"), or a viewBox")
            continue
        match = _LENGTH.match(value)
        number = float(match.group(1)) if match else math.nan
        if not math.isfinite(number) or number <= 0:
            return (f"has {name}={quoted(value)}, which is not a positive length; give its <svg> element a {name}"
                    " such as \"200\" or \"60mm\"")
    return None


def _drawing_problem(drawing) -> str | None:
    width, height = drawing.width, drawing.height
    sizes = (width, height)
    if not all(isinstance(v, (int, float)) and math.isfinite(v) and MIN_POINTS <= v <= MAX_POINTS for v in sizes):
        return (f"is {width:g} by {height:g} points; a width and height between {MIN_POINTS:g} and"
                f" {MAX_POINTS:,} points are needed: fix the width, height or viewBox of its <svg> element")
    return _numbers_problem(drawing)


def _numbers_problem(drawing) -> str | None:
    """Why some number in the drawing (coordinates, widths, transforms) cannot be written to a PDF, or None."""
    stack = list(getattr(drawing, "contents", []))
    while stack:
        node = stack.pop()
        for value in vars(node).values():
            for item in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(item, (int, float)) and not (math.isfinite(item) and abs(item) <= MAX_NUMBER):
                    return ("has numbers too large to draw, or not finite, in its shapes or transforms (beyond"
                            f" {MAX_NUMBER:g}); fix the shapes' sizes and transforms")
        matrix = getattr(node, "transform", None)
        if matrix is not None and len(matrix) == 6 and not abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]) > 1e-18:
            return ("has a transform that flattens its shapes to nothing (such as scale(0)), which cannot be drawn;"
                    " fix or delete the transform")
        stack.extend(getattr(node, "contents", []))
    return None


# -- decoding (svglib) -----------------------------------------------------------------------

class _StandardFonts:
    """A font map for svglib that looks nothing up: the theme's fonts replace every SVG font."""

    def find_font(self, font_name, weight="normal", style="normal"):
        bold = str(weight).strip().lower() in ("bold", "bolder", "600", "700", "800", "900")
        oblique = str(style).strip().lower() in ("italic", "oblique")
        return "Helvetica" + {(0, 0): "", (1, 0): "-Bold", (0, 1): "-Oblique", (1, 1): "-BoldOblique"}[
            bold, oblique], True


@contextmanager
def _svglib_errors():
    """svglib's log records at ERROR and above, kept from the terminal (they can hold SVG text)."""
    logger, found = logging.getLogger("svglib"), []

    class Keep(logging.Handler):
        def emit(self, record):
            try:
                found.append(record.getMessage())
            except Exception:  # noqa: BLE001 - a malformed record is still a failure
                found.append("an error")

    handler, propagate = Keep(logging.ERROR), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _render(path: Path, walk: Walk):
    """svglib's drawing of a scanned SVG; :class:`Refused` if svglib refused or skipped part of it."""
    from svglib import fonts as svg_fonts
    from svglib.svglib import SvgRenderer, load_svg_file

    root = os.path.commonpath([str(p.parent) for p in walk.inputs] or [str(path.parent)])
    with _svglib_errors() as errors:
        # Pulled-in SVGs use svglib's global font map: map their names to a standard font first.
        for family in walk.fonts["font-family"]:
            for weight in walk.fonts["font-weight"] | {"normal"}:
                for style in walk.fonts["font-style"] | {"normal"}:
                    svg_fonts.register_font(family, weight=weight, style=style, rlgFontName="Helvetica")
        svg_root = load_svg_file(str(path))
        drawing = None
        if svg_root is not None:
            renderer = SvgRenderer(str(path), font_map=_StandardFonts(), external_reference_root=root)
            drawing = renderer.render(svg_root)
    refused = [e for e in errors if e.startswith(_SVGLIB_REFUSALS)]
    if drawing is None or refused:
        raise Refused(f"could not be read by the SVG reader ({quoted(refused[0]) if refused else 'no drawing'});"
                         " open it in an editor and save it again as plain SVG")
    return drawing


def _key(walk: Walk) -> str:
    from ..charts import displaylist
    from ..resources import installed_version

    digest = hashlib.sha256(f"{displaylist.FORMAT} svglib {installed_version('svglib')} svg-2".encode())
    top = next(iter(walk.inputs)).parent
    for path, content in walk.inputs.items():
        digest.update(f"\0{os.path.relpath(path, top)}\0{content}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _store(folder, key: str, drawing):
    """Cache ``drawing`` as a display list; return it as read back (the rounding of a cached build), or None."""
    from ..charts import cache, displaylist

    try:
        stored = displaylist.dump(drawing)
    except (TypeError, ValueError, RecursionError):
        return None  # a shape a display list cannot hold (an embedded image): not cached
    cache.write(folder, key, "rl.json", stored)
    return stored


def svg_problem(path: Path, ctx) -> str | None:
    """Why the SVG at ``path`` cannot be used (a phrase after "SVG 'name'"), or None; see the docstring.

    The SVG is read and decoded once per load (its verdict kept), but every use counts towards the
    brief's totals, as every use is drawn: its elements, and the pixels of the images it draws.
    """
    from .raster import brief_pixels_problem

    path = Path(path).resolve()
    verdicts = ctx.extra.setdefault("svg_verdicts", {})
    verdict = verdicts.get(path)
    if isinstance(verdict, str):
        return verdict
    if verdict is None:
        walk = Walk(ctx)
        try:
            elements, points, _, pixels = walk.file(path)
        except Refused as refused:
            verdicts[path] = str(refused)
            return verdicts[path]
        problem = _size_problem(walk.root_attrs)
        if problem:
            verdicts[path] = problem
            return problem
        verdict = verdicts[path] = {"elements": elements, "points": points, "pixels": pixels, "walk": walk,
                                    "texts": walk.texts}
    # Before decoding: a brief over its totals is not drawn.
    problem = (_over_total(ctx, "svg_image_pixels", "svg_pixels", verdict["pixels"],
                           "pixels of the images the brief's SVGs draw", "an image counts each time it is drawn",
                           "use smaller images in the SVGs, or draw the images as figures of their own")
               or brief_pixels_problem(verdict["pixels"], ctx, "draws images that bring the brief's images to")
               or _over_total(ctx, "brief_svg_elements", "svg_elements", verdict["elements"],
                              "elements of the brief's SVGs", "an SVG counts each time it is used",
                              "simplify the figures, use them fewer times or export some as PNG")
               or _over_total(ctx, "brief_svg_points", "svg_points", verdict["points"],
                              "points of the paths in the brief's SVGs", "an SVG counts each time it is used",
                              "simplify the paths, use the figures fewer times or export some as PNG"))
    if problem:
        return problem
    if "walk" in verdict:
        problem = _decoded_problem(path, verdict.pop("walk"))
        if problem:
            verdicts[path] = problem
            return problem
    ctx.extra["raster_pixels"] = ctx.extra.get("raster_pixels", 0) + verdict["pixels"]
    ctx.extra["svg_elements"] = ctx.extra.get("svg_elements", 0) + verdict["elements"]
    ctx.extra["svg_points"] = ctx.extra.get("svg_points", 0) + verdict["points"]
    ctx.extra["svg_pixels"] = ctx.extra.get("svg_pixels", 0) + verdict["pixels"]
    return None


def _decoded_problem(path: Path, walk: Walk) -> str | None:
    """Why svglib's drawing of the scanned SVG cannot be used, or None; cached when it can."""
    from ..cache import section
    from ..charts import cache

    folder = section("images")
    key = _key(walk) if folder is not None else None
    if key is not None and cache.read(folder, key, "rl.json") is not None:
        return None  # decoded and checked before: entries are written only after the checks below
    try:
        drawing = _render(path, walk)
    except Refused as refused:
        return str(refused)
    except Exception as error:  # noqa: BLE001 - svglib fails in many ways on odd input
        return (f"could not be read by the SVG reader ({type(error).__name__}: {quoted(str(error))}); open it in an"
                " editor and save it again as plain SVG")
    problem = _drawing_problem(drawing)
    if problem is None and key is not None:
        _store(folder, key, drawing)
    return problem


def _over_total(ctx, name: str, total_key: str, amount: int, counted: str, each: str, advice: str) -> str | None:
    """Drawing SVGs costs per element and per pixel of their images, each time one is drawn: bound the
    brief's SVGs together (``ctx.extra[total_key]`` so far, plus ``amount``) by ``limits.<name>``."""
    total, limit = ctx.extra.get(total_key, 0) + amount, getattr(ctx.limits, name)
    if total > limit:
        return (f"brings the {counted} to {total:,} ({each}), more than the limit of"
                f" {limit:,} ({name}); {advice}, or {ctx.limits.hint(name)}")
    return None


def svg_drawing(path: Path, cache_dir=None):
    """The SVG (already checked by :func:`svg_problem`) as a ReportLab Drawing.

    From the ``images`` cache under ``cache_dir`` when the SVG and every file it
    pulls in are unchanged; else drawn by svglib (and cached).
    """
    from ..charts import cache, displaylist

    path, walk = Path(path).resolve(), Walk()
    walk.file(path)
    folder = Path(cache_dir) / "images" if cache_dir is not None else None
    key = _key(walk) if folder is not None else None
    stored = cache.read(folder, key, "rl.json") if key is not None else None
    drawing = displaylist.load(stored, unknown_font="Helvetica") if stored is not None else None
    if drawing is not None:
        return drawing
    drawing = _render(path, walk)
    stored = _store(folder, key, drawing) if key is not None else None
    loaded = displaylist.load(stored, unknown_font="Helvetica") if stored is not None else None
    return loaded if loaded is not None else drawing


def svg_form(path: Path, cache_dir=None, fonts: tuple | None = None):
    """The SVG (already checked) as a :class:`~briefgen.charts.forms.Form` with its text set in ``fonts``
    ((regular, bold) font names), or None if its drawing cannot be held in a display list (then draw
    :func:`svg_drawing`). Kept in the ``images`` cache under ``cache_dir`` as a form and a display list,
    keyed by the bytes of every file the SVG reads and by ``fonts``."""
    from ..charts import cache, displaylist, forms

    path, walk = Path(path).resolve(), Walk()
    walk.file(path)
    folder = Path(cache_dir) / "images" if cache_dir is not None else None
    key = _key(walk) if folder is not None else None
    # The form also depends on the code that compiles it (hashed with the chart code) and on the fonts.
    form_key = (hashlib.sha256(f"{key} {forms.FORMAT} {cache.versions()['code']} {fonts!r}".encode()).hexdigest()
                if key else None)
    data = cache.read(folder, form_key, "form.json") if form_key is not None else None
    form = forms.load(data) if data is not None else None
    if form is not None:
        return form
    stored = cache.read(folder, key, "rl.json") if key is not None else None
    form = forms.compile_list(stored, fonts) if stored is not None else None
    if form is None:
        try:
            stored = displaylist.dump(_render(path, walk))
        except (TypeError, ValueError, RecursionError):
            return None  # a shape a display list cannot hold (an embedded image)
        if key is not None:
            cache.write(folder, key, "rl.json", stored)
        form = forms.compile_list(stored, fonts)
    if form is not None and form_key is not None:
        cache.write(folder, form_key, "form.json", forms.dump(form))
    return form
