"""Rendering with the cache: a checked chart in, its file bytes or a ReportLab flowable out.

In:  a checked chart (its data resolved), the theme and language, the width in
     points, whether the chart carries its own title/subtitle/notes/source,
     and the format (a display list for the PDF, SVG/PNG/PDF files for export,
     PNG at 300 dpi when raster is asked).
Out: bytes (from the cache when nothing changed, else drawn by
     :mod:`briefgen.charts.vector` or :mod:`briefgen.charts.figure` and
     stored), or a flowable: a ReportLab ``Drawing`` for vector charts, an
     ``Image`` for raster ones, and for a brief's chart block a form placed now
     and filled in when the pages are done (its drawing possibly still coming
     from :mod:`briefgen.charts.worker`). :func:`chart_jobs` lists a brief's
     uncached charts for that worker.

This module imports matplotlib only on a cache miss.
"""

from __future__ import annotations

import io
import re
from ..text.markup import escape

from . import cache
from .style import ChartStyle

RASTER_DPI = 300


def chart_bytes(spec, style: ChartStyle, width: float, *, furniture: bool, fmt: str = "svg",
                dpi: int = RASTER_DPI, folder=None) -> bytes:
    """The chart as ``fmt`` bytes, from the cache in ``folder`` or freshly drawn."""
    key = cache.chart_key(spec, style, width=width, furniture=furniture, fmt=fmt, dpi=dpi)
    data = cache.read(folder, key, fmt)
    if data is None:
        if fmt == "pdf":  # drawn by ReportLab as in a brief, so that it can be tagged (PDF/UA, PDF/A)
            data = figure_pdf_bytes(spec, style, width, furniture=furniture, folder=folder)
        else:
            from .figure import render

            data = render(spec, style, width, furniture=furniture, fmt=fmt, dpi=dpi)
            if fmt == "svg":
                data = finish_svg(data, spec)
        cache.write(folder, key, fmt, data)
    return data


def figure_pdf_bytes(spec, style: ChartStyle, width: float, *, furniture: bool, folder=None) -> bytes:
    """The chart as a tagged one-page PDF (see :mod:`briefgen.pdf.figure`)."""
    from ..pdf.figure import figure_pdf

    drawing = vector_drawing(spec, style, width, furniture=furniture, folder=folder)  # margin included
    return figure_pdf(drawing, title=spec.title, alt=spec.alt or "", language=style.lang,
                      font=style.rl_fonts.regular)


def finish_svg(svg: bytes, spec) -> bytes:
    """Give the SVG a <title> and <desc> (alt text) and a sans-serif fallback (after the chain) for other machines."""
    text = svg.decode("utf-8")
    # After the whole chain: 'Lato', 'NotoSansExt', ..., sans-serif.
    text = re.sub(r"font-family: ('[^']+'(?:, '[^']+')*)", r"font-family: \1, sans-serif", text)
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
        from .vector import display_list

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


class VectorSource:
    """A chart's form name and size, and how to get its Drawing when the form is filled in."""

    def __init__(self, name: str, width: float, height: float, fetch):
        self.name, self.width, self.height, self._fetch = name, width, height, fetch
        self._drawing = None

    def drawing(self):
        if self._drawing is None:
            self._drawing = self._fetch()
        return self._drawing


def vector_source(spec, style, width: float, folder, worker) -> VectorSource:
    key = cache.chart_key(spec, style, width=width, furniture=False, fmt="svg", dpi=RASTER_DPI)
    name = f"chart-{key[:16]}"
    if worker is not None and (key in worker.pending or key in worker.results):
        from . import displaylist
        from .figure import display_size

        def fetch():
            data = worker.result(key)
            found = displaylist.load(data) if data is not None else None
            return found or vector_drawing(spec, style, width, furniture=False, folder=folder)

        return VectorSource(name, *display_size(spec, style, width, furniture=False), fetch)
    drawing = vector_drawing(spec, style, width, furniture=False, folder=folder)  # cached, or drawn here
    return VectorSource(name, drawing.width, drawing.height, lambda: drawing)


def chart_jobs(brief, width: float) -> tuple:
    """The cache folder, and (key, spec, style, width) for each vector chart of ``brief`` not cached there."""

    jobs, seen, folder, style = [], set(), None, None
    for _, block in brief_charts(brief):
        if block.raster or getattr(brief.meta, "raster_charts", False):
            continue
        style = style or ChartStyle.from_theme(brief.theme, brief.meta.language)
        folder = cache.cache_dir()  # the same for every block
        key = cache.chart_key(block, style, width=width, furniture=False, fmt="svg", dpi=RASTER_DPI)
        if key not in seen and not cache.exists(folder, key, "rl.json"):
            seen.add(key)
            jobs.append((key, block, style, width))
    return folder, jobs


def brief_charts(brief) -> list:
    """(figure number, chart block) for every chart of a loaded brief, in reading order."""
    return [(brief.index.block_numbers.get(id(block)), block) for block in brief.blocks("chart")]
