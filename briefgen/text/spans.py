"""Inline spans that a tagged PDF marks: a foreign phrase's language.

In:  a span's language tag.
Out: ReportLab paragraph markup around the span: zero-width ``<onDraw>`` callbacks
     that the canvas (:mod:`briefgen.pdf.marking`) turns into a marked-content
     ``/Span <</Lang (fr)>> BDC … EMC`` inside the paragraph's own sequence. On an
     untagged canvas they draw nothing.

The label carries its value hex-encoded, so no user text ever meets the markup parser.
(Right-to-left passages carry no /ActualText: poppler and PDFium read it in visual order
and reverse it; their ToUnicode maps give the letters instead, see
:mod:`briefgen.layout.shaping`.)
"""

from __future__ import annotations

#: The canvas callbacks' names (see ``reportlab.pdfgen.canvas.Canvas.setNamedCB``).
OPEN_CALLBACK = "briefgen_span"
CLOSE_CALLBACK = "briefgen_span_end"


def open_span(lang: str) -> str:
    """Markup that opens a span in language ``lang``."""
    return f'<onDraw name="{OPEN_CALLBACK}" label="lang={lang.encode("utf-8").hex()}"/>'


def close_span() -> str:
    """Markup that closes the span opened last."""
    return f'<onDraw name="{CLOSE_CALLBACK}" label=""/>'


def parse_label(label: str | None) -> dict:
    """The span's values from its label: ``{"lang": "fr"}`` (empty if it has none)."""
    values = {}
    for field in (label or "").split(";"):
        key, _, value = field.partition("=")
        if key == "lang":
            try:
                values[key] = bytes.fromhex(value).decode("utf-8")
            except ValueError:
                continue
    return values


__all__ = ["CLOSE_CALLBACK", "OPEN_CALLBACK", "close_span", "open_span", "parse_label"]
