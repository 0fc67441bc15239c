"""Fonts: the theme's TrueType families registered with ReportLab.

In:  a :class:`~briefgen.theme.model.Theme`.
Out: the ReportLab font names to use: a :class:`FontNames` per family. Fonts are
     embedded and subset by ReportLab; no standard-14 font is ever used.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont


@dataclass(frozen=True)
class FontNames:
    regular: str
    italic: str
    bold: str
    bold_italic: str
    display: str


def _register(name: str, path) -> str:
    # ReportLab keeps one process-wide font table; registering the same file twice is harmless.
    # getRegisteredFontNames avoids getFont's slow search through AFM files for unknown names.
    if name in pdfmetrics.getRegisteredFontNames():
        if getattr(pdfmetrics.getFont(name).face, "filename", None) == str(path):
            return name
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def register_family(family) -> FontNames:
    """Register one theme font family and its bold/italic mapping."""
    base = family.name
    names = FontNames(
        regular=_register(base, family.regular),
        italic=_register(f"{base}-Italic", family.italic),
        bold=_register(f"{base}-Bold", family.bold),
        bold_italic=_register(f"{base}-BoldItalic", family.bold_italic),
        display=_register(f"{base}-Display", family.display) if family.display else f"{base}-Bold",
    )
    addMapping(base, 0, 0, names.regular)
    addMapping(base, 0, 1, names.italic)
    addMapping(base, 1, 0, names.bold)
    addMapping(base, 1, 1, names.bold_italic)
    return names
