"""SVG to ReportLab: a chart's SVG bytes in, a ReportLab ``Drawing`` with real text out.

In:  SVG written by matplotlib with ``svg.fonttype: none`` (text kept as
     ``<text>`` elements naming the theme's headings family) and the chart style.
Out: an svglib :class:`~reportlab.graphics.shapes.Drawing` whose strings use
     the ReportLab fonts registered by :mod:`briefgen.layout.fonts`, so chart
     labels are embedded, selectable and searchable like the body text.

Fonts are mapped by a font map object handed to this one conversion; svglib's
global font table is left alone. Nothing here imports matplotlib.
"""

from __future__ import annotations

import io

_BOLD = {"bold", "bolder", "600", "700", "800", "900"}


class ThemeFonts:
    """svglib font map: every family in a chart's SVG is the theme's headings family."""

    def __init__(self, names):
        self.names = names  # briefgen.layout.fonts.FontNames

    def find_font(self, font_name, weight="normal", style="normal"):
        bold = str(weight).lower() in _BOLD
        italic = str(style).lower() in ("italic", "oblique")
        names = self.names
        chosen = {(False, False): names.regular, (True, False): names.bold, (False, True): names.italic,
                  (True, True): names.bold_italic}[(bold, italic)]
        return chosen, True


def to_drawing(svg: bytes, style):
    """The SVG as a Drawing, its text in the theme's registered fonts."""
    from svglib.svglib import SvgRenderer, load_svg_file

    root = load_svg_file(io.BytesIO(svg))
    if root is None:
        raise ValueError("chart SVG could not be read")
    drawing = SvgRenderer("chart.svg", font_map=ThemeFonts(style.rl_fonts)).render(root)
    drawing.initialFontName = style.rl_fonts.regular  # no standard-14 font in the PDF
    drawing.initialFontSize = style.size
    return drawing
