"""Images: PNG, JPEG and SVG files as flowables of a given size.

In:  a resolved image path, a target width or height in points, and the
     cache folder.
Out: a ReportLab flowable (an ``Image`` or a scaled ``Drawing``).

An SVG is read by svglib once; its drawing is kept in the cache folder as a
display list (see :mod:`briefgen.charts.displaylist`),
keyed by the file's bytes, so later builds need neither svglib nor its parse.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path



def image_size(path: Path, cache_dir=None) -> tuple[float, float]:
    """Natural size in points (SVG) or pixels (raster)."""
    if path.suffix.lower() == ".svg":
        drawing = svg_drawing(path, cache_dir)
        return drawing.width, drawing.height
    from ..media.raster import raster_size

    return raster_size(path)


def svg_drawing(path: Path, cache_dir=None):
    """The SVG as a ReportLab Drawing, from the cache in ``cache_dir`` when the file is unchanged."""
    from ..charts import cache, displaylist

    data = path.read_bytes()
    folder = key = None
    if cache_dir is not None:
        folder = Path(cache_dir) / "images"
        digest = hashlib.sha256(data)
        digest.update(f"{displaylist.FORMAT} svglib {version('svglib')}".encode())
        key = digest.hexdigest()
        stored = cache.read(folder, key, "rl.json")
        drawing = displaylist.load(stored) if stored is not None else None
        if drawing is not None:
            return drawing
    drawing = _parse_svg(path)
    if folder is not None:
        try:
            stored = displaylist.dump(drawing)
        except TypeError:
            return drawing  # a shape the display list cannot hold (an embedded image): not cached
        cache.write(folder, key, "rl.json", stored)
        drawing = displaylist.load(stored)  # the same rounding as a cached build: identical PDFs
    return drawing


def _parse_svg(path: Path):
    from svglib.svglib import svg2rlg  # imported only when an SVG is not cached

    drawing = svg2rlg(str(path))
    if drawing is None:
        raise ValueError(f"cannot read SVG {path}")
    return drawing


def _use_theme_fonts(node, fonts) -> None:
    """Map text in an SVG onto the theme's sans family, so no unembedded standard font is used."""
    from reportlab.graphics.shapes import Group, String

    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            bold = "bold" in child.fontName.lower()
            child.fontName = fonts.bold if bold else fonts.regular
        elif isinstance(child, Group):
            _use_theme_fonts(child, fonts)


def image_flowable(path: Path, fonts, *, width: float | None = None, height: float | None = None,
                   cache_dir=None):
    """The image scaled to ``width`` or ``height`` (keeping its proportions).

    Text in an SVG is set in ``fonts`` (a FontNames of the theme's sans family).
    """
    if path.suffix.lower() == ".svg":
        drawing = svg_drawing(path, cache_dir)
        drawing.initialFontName = fonts.regular  # else the renderer starts in Helvetica
        _use_theme_fonts(drawing, fonts)
        natural_w, natural_h = drawing.width, drawing.height
        scale = width / natural_w if width else height / natural_h
        drawing.width, drawing.height = natural_w * scale, natural_h * scale
        drawing.scale(scale, scale)
        return drawing
    from ..media.raster import raster_image, raster_size

    natural_w, natural_h = raster_size(path)
    scale = width / natural_w if width else height / natural_h
    return raster_image(path, natural_w * scale, natural_h * scale)
