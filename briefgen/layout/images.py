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
        drawing = _svg(path)
        return drawing.width, drawing.height
    return ImageReader(str(path)).getSize()


def _svg(path: Path):
    from svglib.svglib import svg2rlg  # imported only when an SVG is used

    drawing = svg2rlg(str(path))
    if drawing is None:
        raise ValueError(f"cannot read SVG {path}")
    return drawing


def image_flowable(path: Path, *, width: float | None = None, height: float | None = None):
    """The image scaled to ``width`` or ``height`` (keeping its proportions)."""
    if path.suffix.lower() == ".svg":
        drawing = _svg(path)
        natural_w, natural_h = drawing.width, drawing.height
        scale = width / natural_w if width else height / natural_h
        drawing.width, drawing.height = natural_w * scale, natural_h * scale
        drawing.scale(scale, scale)
        return drawing
    natural_w, natural_h = ImageReader(str(path)).getSize()
    scale = width / natural_w if width else height / natural_h
    return Image(str(path), width=natural_w * scale, height=natural_h * scale)


def logo_flowable(organisation, *, height: float):
    flowable = image_flowable(organisation.logo, height=height)
    flowable.hAlign = "LEFT"
    return flowable
