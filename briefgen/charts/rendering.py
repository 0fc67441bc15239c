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


def as_flowable(data: bytes, fmt: str, style: ChartStyle, width: float, dpi: int = RASTER_DPI):
    """A flowable for rendered bytes: a Drawing for SVG, an Image for PNG."""
    if fmt == "svg":
        from .svg import to_drawing

        return to_drawing(data, style)
    from reportlab.platypus import Image

    pixels_w, pixels_h = png_size(data)
    return Image(io.BytesIO(data), width=width, height=width * pixels_h / pixels_w)


def block_flowable(block, doc):
    """The chart of a brief's ``chart`` block, sized to the column, drawn once per build."""
    from .flowable import ChartFlowable

    raster = bool(block.raster or getattr(doc.brief.meta, "raster_charts", False))
    fmt = "png" if raster else "svg"
    width = doc.full_width
    memo = getattr(block, "_rendered", None)
    wanted = (fmt, round(width, 3), doc.lang, id(doc.theme))
    if memo is None or memo[0] != wanted:
        style = ChartStyle.from_theme(doc.theme, doc.lang)
        folder = cache.cache_dir(getattr(block, "project_dir", None))
        data = chart_bytes(block, style, width, furniture=False, fmt=fmt, folder=folder)
        memo = (wanted, data, style)
        block._rendered = memo
    _, data, style = memo
    inner = as_flowable(data, fmt, style, width)
    return ChartFlowable.prerendered(inner, alt=block.alt or block.title, name=block.title)
