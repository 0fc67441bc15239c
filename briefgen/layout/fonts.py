"""Fonts: the theme's TrueType families registered with ReportLab.

In:  a :class:`~briefgen.theme.model.Theme`.
Out: the ReportLab font names to use: a :class:`FontNames` per family. Fonts are
     embedded and subset by ReportLab; no standard-14 font is ever used.
"""

from __future__ import annotations

import re
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


def register_fallback(font) -> str:
    """Register a fallback font (a :class:`~briefgen.theme.model.FallbackFont`); its family name.

    A face it lacks is its regular (bold italic: its bold), so bold or italic text still finds
    the character, in the weight the font has.
    """
    base = font.name
    regular = _register(base, font.regular)
    italic = _register(f"{base}-Italic", font.italic) if font.italic else regular
    bold = _register(f"{base}-Bold", font.bold) if font.bold else regular
    bold_italic = (_register(f"{base}-BoldItalic", font.bold_italic) if font.bold_italic else bold)
    for is_bold, is_italic, face in ((0, 0, regular), (0, 1, italic), (1, 0, bold), (1, 1, bold_italic)):
        addMapping(base, is_bold, is_italic, face)
    return base


def _faces_cover(names) -> frozenset:
    """The characters every one of the registered faces ``names`` has."""
    covered = None
    for name in names:
        # Glyph 0 is .notdef, the empty box: a cmap may map characters to it (0xFFFF often).
        chars = frozenset(chr(code) for code, glyph in pdfmetrics.getFont(name).face.charToGlyph.items() if glyph)
        covered = chars if covered is None else covered & chars
    return covered or frozenset()


class FontChain:
    """A family and its fallback fonts: which font sets each character of a text.

    The family's own coverage (every face) is known at once; a fallback font is registered
    and read only when a text has a character the family lacks, so a brief in Latin script
    never parses them.
    """

    #: Characters that are layout, not glyphs: never the reason to change font.
    LAYOUT = frozenset("\n\r\t")

    def __init__(self, family, names: FontNames | None = None):
        names = names or register_family(family)
        self.name = family.name
        self.bold_faces = {names.bold, names.bold_italic, names.display}
        self.italic_faces = {names.italic, names.bold_italic}
        self.covered = _faces_cover((names.regular, names.italic, names.bold, names.bold_italic)) | self.LAYOUT
        self.fallbacks = list(getattr(family, "fallback", None) or ())
        self._loaded: list = []  # (family name, characters every face has), in chain order

    def _fallback_fonts(self) -> list:
        while len(self._loaded) < len(self.fallbacks):
            font = self.fallbacks[len(self._loaded)]
            base = register_fallback(font)
            names = {f"{base}{suffix}" for suffix, path in (("", font.regular), ("-Italic", font.italic),
                                                           ("-Bold", font.bold), ("-BoldItalic", font.bold_italic))
                     if path}
            self._loaded.append((base, _faces_cover(names)))
        return self._loaded

    def names(self) -> list[str]:
        """The chain's family names, in order."""
        return [self.name] + [font.name for font in self.fallbacks]

    def font_for(self, char: str) -> str | None:
        """The family that sets ``char``: the chain's first with it; None if none has it."""
        if char in self.covered:
            return self.name
        for base, covered in self._fallback_fonts():
            if char in covered:
                return base
        return None

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` no font of the chain has, in order of first use."""
        outside = set(text) - self.covered
        return sorted((c for c in outside if self.font_for(c) is None), key=text.index) if outside else []

    def markup(self, markup: str, face: str | None = None) -> str:
        """Paragraph markup with each run the family lacks set in its fallback font (``<font name>``).

        ``face``: the style's own face; a bold or italic one makes the fallback runs bold or italic.
        """
        if not set(markup) - self.covered:
            return markup  # the common case: nothing to change
        # ReportLab applies <b> and <i> to a <font name> only inside it: carry them in.
        depth = {"b": int(face in self.bold_faces), "i": int(face in self.italic_faces)}
        out = []
        for tag, text in _MARKUP_TOKEN.findall(markup):
            if tag:
                name = tag.strip("</>").split()[0].lower() if tag.startswith("<") else ""
                kind = {"strong": "b", "em": "i"}.get(name, name)
                if kind in depth:
                    depth[kind] = max(0, depth[kind] + (-1 if tag.startswith("</") else 1))
                out.append(tag)
                continue
            opening = ("<b>" if depth["b"] else "") + ("<i>" if depth["i"] else "")
            closing = ("</i>" if depth["i"] else "") + ("</b>" if depth["b"] else "")
            for font, run in _runs(text, self.font_for, self.name):
                out.append(run if font == self.name else f'<font name="{font}">{opening}{run}{closing}</font>')
        return "".join(out)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """(family name, run) for plain text drawn outside a paragraph (running heads)."""
        return list(_runs(text, self.font_for, self.name))


_MARKUP_TOKEN = re.compile(r"(<[^>]*>|&[#\w]+;)|([^<&]+)")


def _runs(text: str, font_for, own: str):
    current, start = None, 0
    for index, char in enumerate(text):
        font = font_for(char) or own  # a character no font has is refused at load; never here
        if font != current:
            if current is not None:
                yield current, text[start:index]
            current, start = font, index
    if current is not None:
        yield current, text[start:]
