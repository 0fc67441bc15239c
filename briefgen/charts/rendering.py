"""Rendering with the cache: a checked chart in, its file bytes or a ReportLab flowable out.

In:  a checked chart (its data resolved), the theme and language, the width in
     points, whether the chart carries its own title/subtitle/notes/source,
     and the format (vector SVG for the PDF, PNG at 300 dpi when raster is asked).
Out: bytes (from the cache when nothing changed, else drawn by
     :mod:`briefgen.charts.figure` and stored), or a flowable: an svglib
     ``Drawing`` for vector charts, a ReportLab ``Image`` for raster ones.

This module imports matplotlib only on a cache miss.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from . import cache
from .style import ChartStyle

RASTER_DPI = 300


def chart_bytes(spec, style: ChartStyle, width: float, *, furniture: bool, fmt: str = "svg",
                dpi: int = RASTER_DPI, folder=None) -> bytes:
    """The chart as ``fmt`` bytes, from the cache in ``folder`` or freshly drawn."""
    key = cache.chart_key(spec, style, width=width, furniture=furniture, fmt=fmt, dpi=dpi)
    data = cache.read(folder, key, fmt)
    if data is None:
        from .figure import render

        data = render(spec, style, width, furniture=furniture, fmt=fmt, dpi=dpi)
        if fmt == "svg":
            data = finish_svg(data, spec)
        cache.write(folder, key, fmt, data)
    return data


def finish_svg(svg: bytes, spec) -> bytes:
    """Give the SVG a <title> and <desc> (alt text) and a sans-serif fallback for other machines."""
    text = svg.decode("utf-8")
    text = re.sub(r"font-family: '([^']+)'", r"font-family: '\1', sans-serif", text)
    head = f"<title>{escape(spec.title)}</title>"
    if spec.alt:
        head += f"<desc>{escape(spec.alt)}</desc>"
    text = re.sub(r"<svg\b", '<svg role="img"', text, count=1)
    text = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + "\n " + head, text, count=1)
    return text.encode("utf-8")


def png_size(data: bytes) -> tuple[int, int]:
    """Pixel width and height of PNG bytes (from the IHDR chunk)."""
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def vector_drawing(spec, style: ChartStyle, width: float, *, furniture: bool, folder=None):
    """The chart as a ReportLab Drawing: from the display-list cache, or drawn, converted and stored."""
    from . import displaylist

    key = cache.chart_key(spec, style, width=width, furniture=furniture, fmt="svg", dpi=RASTER_DPI)
    stored = cache.read(folder, key, "rl.json")
    drawing = displaylist.load(stored) if stored is not None else None
    if drawing is None:
        from .figure import display_list

        stored = display_list(spec, style, width, furniture=furniture)
        cache.write(folder, key, "rl.json", stored)
        drawing = displaylist.load(stored)  # the same rounding as a warm build: identical PDFs
    return drawing


def raster_image(data: bytes, width: float):
    from reportlab.platypus import Image

    pixels_w, pixels_h = png_size(data)
    return Image(io.BytesIO(data), width=width, height=width * pixels_h / pixels_w)


def chart_flowable(spec, style: ChartStyle, width: float, *, furniture: bool, raster: bool, folder=None):
    """A flowable for a checked chart: a vector Drawing, or a 300 dpi PNG image if ``raster``."""
    if raster:
        data = chart_bytes(spec, style, width, furniture=furniture, fmt="png", folder=folder)
        return raster_image(data, width)
    return vector_drawing(spec, style, width, furniture=furniture, folder=folder)


def block_flowable(block, doc):
    """The chart of a brief's ``chart`` block, sized to the column, drawn once per build."""
    from .flowable import ChartFlowable

    raster = bool(block.raster or getattr(doc.brief.meta, "raster_charts", False))
    width = doc.full_width
    wanted = (raster, round(width, 3), doc.lang, id(doc.theme))
    memo = getattr(block, "_rendered", None)
    if memo is None or memo[0] != wanted:  # layout runs in several passes: render once
        style = ChartStyle.from_theme(doc.theme, doc.lang)
        folder = cache.cache_dir(getattr(block, "project_dir", None))
        inner = chart_flowable(block, style, width, furniture=False, raster=raster, folder=folder)
        memo = (wanted, inner)
        block._rendered = memo
    return ChartFlowable.prerendered(memo[1], alt=block.alt or block.title, name=block.title)
