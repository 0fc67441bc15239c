"""Images: PNG, JPEG and SVG files as flowables of a given size.

In:  a resolved image path and a target width or height in points.
Out: a ReportLab flowable (an ``Image`` or a scaled svglib ``Drawing``).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image


def image_size(path: Path) -> tuple[float, float]:
    """Natural size in points (SVG) or pixels (raster)."""
    if path.suffix.lower() == ".svg":
        drawing = _svg(path, None)
        return drawing.width, drawing.height
    return ImageReader(str(path)).getSize()


def _svg(path: Path, fonts=None):
    from svglib.svglib import svg2rlg  # imported only when an SVG is used

    drawing = svg2rlg(str(path))
    if drawing is None:
        raise ValueError(f"cannot read SVG {path}")
    if fonts is not None:
        drawing.initialFontName = fonts.regular  # else the renderer starts in Helvetica
        _use_theme_fonts(drawing, fonts)
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


def image_flowable(path: Path, fonts, *, width: float | None = None, height: float | None = None):
    """The image scaled to ``width`` or ``height`` (keeping its proportions).

    Text in an SVG is set in ``fonts`` (a FontNames of the theme's sans family).
    """
    if path.suffix.lower() == ".svg":
        drawing = _svg(path, fonts)
        natural_w, natural_h = drawing.width, drawing.height
        scale = width / natural_w if width else height / natural_h
        drawing.width, drawing.height = natural_w * scale, natural_h * scale
        drawing.scale(scale, scale)
        return drawing
    natural_w, natural_h = ImageReader(str(path)).getSize()
    scale = width / natural_w if width else height / natural_h
    return Image(str(path), width=natural_w * scale, height=natural_h * scale)
