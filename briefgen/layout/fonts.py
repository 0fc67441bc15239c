"""Fonts: the theme's TrueType families registered with ReportLab.

In:  a :class:`~briefgen.theme.model.Theme`.
Out: the ReportLab font names to use: a :class:`FontNames` per family. Fonts are
     embedded and subset by ReportLab; no standard-14 font is ever used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..text import bidi
from ..text.clusters import clusters
from . import shaping


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
    font = TTFont(name, str(path))
    fix_trailing_advances(font.face)
    pdfmetrics.registerFont(font)
    return name


def fix_trailing_advances(face) -> None:
    """Give the glyphs past the font's last full hmtx entry that entry's advance, in font units.

    ReportLab reads the shared advance of those glyphs already scaled to 1000 units per em and
    writes it back into the subset it embeds, so in a font whose em is not 1000 units they draw
    narrower or wider than the PDF's /Widths say (PDF/A and PDF/UA validators refuse that). Its
    other advances are whole font units, the scaled ones fractions: that tells them apart.
    """
    if not face.hmetrics or all(isinstance(advance, int) for advance, _ in face.hmetrics):
        return
    last = 0
    for index, (advance, side_bearing) in enumerate(face.hmetrics):
        if isinstance(advance, int):
            last = advance
        else:
            face.hmetrics[index] = (last, side_bearing)


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
    return _cover(tuple(pdfmetrics.getFont(name).face for name in names))


@lru_cache(maxsize=64)  # by the face objects themselves: a font registered anew is read anew
def _cover(faces: tuple) -> frozenset:
    """The characters every face has. Read once per process: the load-time glyph check and the styles of
    every build ask for the same chains (each read costs about a millisecond)."""
    covered = None
    for face in faces:
        # Glyph 0 is .notdef, the empty box: a cmap may map characters to it (0xFFFF often).
        chars = frozenset(chr(code) for code, glyph in face.charToGlyph.items() if glyph)
        covered = chars if covered is None else covered & chars
    return covered or frozenset()


@lru_cache(maxsize=64)  # by the face object: a font registered anew is hashed anew
def _face_digest(face) -> str | None:
    import hashlib

    data = getattr(face, "_ttf_data", None)
    return hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else None


def font_digest(name: str) -> str | None:
    """A digest of the bytes of the TrueType font registered as ``name``, or None (not a TrueType font): what
    the caches that outlive a process name a font by."""
    if name not in pdfmetrics.getRegisteredFontNames():  # getFont would search for AFM files
        return None
    return _face_digest(getattr(pdfmetrics.getFont(name), "face", None))


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
        self.family = family
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

    def family_has(self, family: str, chars: str) -> bool:
        """Does every face of a family of the chain have each of ``chars``?"""
        if family == self.name:
            return self.covered.issuperset(chars)
        return dict(self._fallback_fonts()).get(family, frozenset()).issuperset(chars)

    def cluster_family(self, cluster: str) -> str | None:
        """The chain's first family that has a letter and all its marks, or None."""
        return next((family for family in self.names() if self.family_has(family, cluster)), None)

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` no font of the chain has, in order of first use."""
        outside = set(text) - self.covered
        return sorted((c for c in outside if self.font_for(c) is None), key=text.index) if outside else []

    def face_file(self, family_name: str, bold: bool = False, italic: bool = False):
        """The file of a chain family's face; a fallback's missing face is its bold, then its regular."""
        family = self.family if family_name == self.name else next(
            font for font in self.fallbacks if font.name == family_name)
        candidates = {(1, 1): ("bold_italic", "bold", "regular"), (1, 0): ("bold", "regular"),
                      (0, 1): ("italic", "regular"), (0, 0): ("regular",)}[(int(bold), int(italic))]
        return next(path for path in (getattr(family, key, None) for key in candidates) if path)

    def pieces(self, text: str, bold: bool = False, italic: bool = False):
        """(family or font name, run, passage) over ``text``: right-to-left passages shaped, in visual
        order (``passage`` is their logical text; None elsewhere)."""
        at = 0
        text_levels = bidi.levels(text) if bidi.has_rtl(text) else []
        for start, end in bidi.passages(text) if text_levels else ():
            for font, run in _runs(text[at:start], self):
                yield font, run, None
            passage = text[start:end]
            for font, run in shaping.visual_pieces(passage, self.font_for,
                                                   lambda family: self.face_file(family, bold, italic), self.name,
                                                   text_levels[start:end]):
                yield font, run, passage
            at = end
        for font, run in _runs(text[at:], self):
            yield font, run, None

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
            for font, run, in_passage in self.pieces(text, depth["b"], depth["i"]):
                if font == self.name:
                    out.append(run)
                elif in_passage:
                    out.append(f'<font name="{font}">{run}</font>')  # a fixed face: no <b>/<i> inside
                else:
                    out.append(f'<font name="{font}">{opening}{run}{closing}</font>')
        return "".join(out)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """(family name, run) for plain text drawn outside a paragraph (running heads)."""
        return [(font, run) for font, run, _ in self.pieces(text)]


_MARKUP_TOKEN = re.compile(r"(<[^>]*>|&[#\w]+;)|([^<&]+)")


def _runs(text: str, chain):
    """(family, run) over ``text``: each character in the chain's first family that has it, a letter and
    its combining marks in the first that has them all (else each in its own)."""
    current, run = None, []
    for cluster in clusters(text) if not chain.covered.issuperset(text) else [text]:
        family = chain.cluster_family(cluster) if len(cluster) > 1 else None
        for char in cluster:
            font = family or chain.font_for(char) or chain.name  # a character no font has is refused at load
            if font != current and run:
                yield current, "".join(run)
                run = []
            current = font
            run.append(char)
    if run:
        yield current, "".join(run)
