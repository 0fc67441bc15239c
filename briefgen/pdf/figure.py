"""A chart exported as a PDF of its own, tagged as one figure with its alt text.

In:  the chart as a ReportLab Drawing (the display list a brief's PDF draws, with
     the chart's title, notes and source), its title and alt text, the language and
     the font its text starts in.
Out: a one-page PDF whose drawing is one ``Figure`` (its /Alt and /BBox) in a
     structure tree, with XMP claiming PDF/UA-1 and PDF/A-2b and the sRGB output
     intent: a file another report can embed or a reader can open, keeping the
     promises a brief's PDF keeps. The same drawing gives the same bytes.
"""

from __future__ import annotations

import io

from .conform import conform
from .marking import TaggingCanvas, marked
from .structure import StructureTree


def figure_pdf(drawing, *, title: str, alt: str, language: str, font: str) -> bytes:
    """``drawing`` on a page of its own, tagged as one Figure."""
    from ..standards import DEFAULT

    width, height = drawing.width, drawing.height
    buffer = io.BytesIO()
    canvas = TaggingCanvas(buffer, pagesize=(width, height), invariant=1, pageCompression=1,
                           initialFontName=font, lang=language)
    canvas.setTitle(title)
    canvas.setSubject(alt)
    canvas.setCreator("briefgen")
    canvas.setProducer("briefgen (ReportLab)")
    tree = StructureTree(language)
    with marked(canvas, tree.add("Figure", alt=alt or title), bbox=(0, 0, width, height)):
        drawing.drawOn(canvas, 0, 0)
    canvas.showPage()
    canvas.save()
    return conform(buffer.getvalue(), DEFAULT, tree=tree, language=language)


__all__ = ["figure_pdf"]
