"""Right-to-left passages: shaped by HarfBuzz, set in visual order, read back in logical order.

In:  a right-to-left passage of a text (:func:`briefgen.text.bidi.passages`), the font
     that sets each of its characters (a font chain's choice) and that font's file for
     the face in use.
Out: the passage's pieces in visual order (left to right), each a (font name, string)
     that a paragraph or a canvas sets like any other run. A shaped piece is a string of
     private-use characters of a :class:`ShapingFont`: each stands for one glyph HarfBuzz
     chose (joined Arabic forms, ligatures, mirrored brackets) with its advance, and the
     font's ToUnicode map gives back the characters it came from, so text extraction reads
     letters, not glyph codes, and puts them in logical order as it does for any
     right-to-left text. A ligature's letters are mapped in visual order, since readers
     reverse a right-to-left glyph's text with the rest of the run.

A passage never breaks across lines: its spaces are glyphs of a shaped piece, so the
paragraph sees one word. Numbers inside it read left to right (bidi level 2) and are set
unshaped. Shaping applies no kerning, and a glyph that HarfBuzz moves off its own advance
(a mark over or under a letter) is refused: PDF/A requires each glyph's width in the PDF
to be the font's own. Load-time checks (:mod:`briefgen.schema.glyphs`) refuse a passage
that cannot be set right, before anything is drawn.
"""

from __future__ import annotations

import unicodedata

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from ..text import bidi

#: Private-use codes for shaped glyphs (plane 15): the PDF never shows them, only the glyph and its text.
_FIRST_CODE, _LAST_CODE = 0xF0000, 0xFFFFD


class ShapingError(ValueError):
    """A passage that cannot be set right (the message says why)."""


class ShapingFont(TTFont):
    """A TrueType face whose characters are glyphs HarfBuzz chose, each mapped back to its text.

    Codes are given out per (glyph, advance, text) as passages are shaped, so one face
    serves every build in a process; a PDF never contains a code, only the glyph
    (embedded), its width, and its text (ToUnicode), so its bytes do not depend on the
    order in which codes were given out.
    """

    def __init__(self, name: str, path: str):
        super().__init__(name, path)
        from .fonts import fix_trailing_advances

        fix_trailing_advances(self.face)
        # ReportLab keeps one font per face name: the face's own TTFont (unshaped) would be taken for this.
        self.face.name += b"-Shaped"
        self._codes: dict = {}  # (glyph id, width, text) -> code
        self._texts: dict = {}  # code -> text
        self._hb_font = None

    def _harfbuzz(self):
        if self._hb_font is None:
            import uharfbuzz

            self._hb_font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob(self.face._ttf_data)))
        return self._hb_font

    def shape(self, text: str, rtl: bool) -> str:
        """``text`` shaped: one code per glyph, in visual order. Raises :class:`ShapingError`."""
        import uharfbuzz

        buffer = uharfbuzz.Buffer()
        buffer.add_codepoints([ord(char) for char in text])
        buffer.guess_segment_properties()
        buffer.direction = "rtl" if rtl else "ltr"
        buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
        font = self._harfbuzz()
        # No kerning: a PDF/A reader checks each glyph's width against the font's own advance.
        uharfbuzz.shape(font, buffer, {"kern": False, "liga": True})
        infos, positions = buffer.glyph_infos, buffer.glyph_positions
        starts = sorted({info.cluster for info in infos})
        ends = dict(zip(starts, starts[1:] + [len(text)]))
        given, codes = set(), []
        for info, position in zip(infos, positions):
            if info.codepoint == 0:
                raise ShapingError(f"{self.face.name.decode('latin-1')} has no glyph for part of it")
            if position.x_offset or position.y_offset or position.x_advance != font.get_glyph_h_advance(
                    info.codepoint):
                raise ShapingError("it has marks (vowel signs, points) placed over or under its letters, which"
                                   " briefgen cannot place yet")
            cluster = info.cluster
            piece = "" if cluster in given else text[cluster:ends[cluster]]
            if rtl:  # readers reverse a right-to-left glyph's text with the line: a ligature's letters too
                piece = piece[::-1]
            given.add(cluster)
            codes.append(self._code(info.codepoint, self.face._pdfScale(position.x_advance), piece))
        return "".join(map(chr, codes))

    def _code(self, glyph: int, width: float, text: str) -> int:
        key = (glyph, width, text)
        code = self._codes.get(key)
        if code is None:
            code = _FIRST_CODE + len(self._codes)
            if code > _LAST_CODE:
                raise ShapingError("too many different glyphs in one process")
            self._codes[key] = code
            self._texts[code] = text
            self.face.charToGlyph[code] = glyph
            self.face.charWidths[code] = width
        return code

    def addObjects(self, doc):
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            base = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = to_unicode_cmap(base, [self._texts.get(code, chr(code)) for code in subset])


def to_unicode_cmap(name: str, texts: list) -> str:
    """A ToUnicode CMap: code ``i`` of a subset reads as ``texts[i]`` (codes for no text map to nothing)."""
    entries = [(i, text) for i, text in enumerate(texts) if text]
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
             f"/CMapName /{name} def", "/CMapType 2 def", "1 begincodespacerange",
             f"<00> <{max(len(texts) - 1, 0):02X}>", "endcodespacerange"]
    for start in range(0, len(entries), 100):  # a bfchar section holds at most 100 entries
        chunk = entries[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        lines += [f"<{i:02X}> <{text.encode('utf-16-be').hex().upper()}>" for i, text in chunk]
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def shaping_font(face_name: str, path) -> str:
    """Register (once per process) the shaping font for a face file; its name, usable as a family."""
    name = f"{face_name}-Shaped"
    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        if isinstance(font, ShapingFont) and font.face.filename == str(path):
            return name
    pdfmetrics.registerFont(ShapingFont(name, str(path)))
    for bold in (0, 1):  # the face is fixed: bold or italic markup around it changes nothing
        for italic in (0, 1):
            addMapping(name, bold, italic, name)
    return name


def visual_pieces(passage: str, font_for, face_file, own: str, passage_levels=None) -> list[tuple[str, str]]:
    """A passage's pieces in visual order: (font name, text to set).

    ``font_for(char)``: the family that sets a character (None: none has it);
    ``face_file(family)``: that family's file for the face in use; ``own``: the
    paragraph's own family, whose numbers are set as they are, without shaping;
    ``passage_levels``: the passage's bidirectional levels in its text.
    """
    pieces = []
    for rtl, text in bidi.runs(passage, passage_levels):
        runs = _font_runs(text, font_for, own)
        if rtl:
            runs.reverse()  # the first run in reading order is the rightmost
        for family, run in runs:
            if not rtl and family == own:
                pieces.append((own, run))
            else:
                path = face_file(family)
                shaper = pdfmetrics.getFont(shaping_font(f"{family}-{_stem(path)}", path))
                pieces.append((shaper.fontName, shaper.shape(run, rtl=rtl)))
    return pieces


def _stem(path) -> str:
    from pathlib import Path

    return Path(str(path)).stem.replace(" ", "")


def _font_runs(text: str, font_for, own: str) -> list[tuple[str, str]]:
    """(family, run) in logical order; neutral characters go with the letters before them, when that font has them."""
    fonts: list = []
    for char in text:
        strong = bidi.is_rtl(char) or unicodedata.bidirectional(char) == "L"
        family = font_for(char) or own
        if not strong and fonts and _has(fonts[-1], char):
            family = fonts[-1]
        fonts.append(family)
    # Leading neutrals go with the first letter's font when it has them.
    first_strong = next((i for i, char in enumerate(text) if bidi.is_rtl(char)), None)
    if first_strong:
        for i in range(first_strong):
            if _has(fonts[first_strong], text[i]):
                fonts[i] = fonts[first_strong]
    runs: list = []
    for char, family in zip(text, fonts):
        if runs and runs[-1][0] == family:
            runs[-1][1] += char
        else:
            runs.append([family, char])
    return [(family, run) for family, run in runs]


def _has(family: str, char: str) -> bool:
    try:
        face = pdfmetrics.getFont(family).face
    except KeyError:
        return False
    return bool(face.charToGlyph.get(ord(char)))


__all__ = ["ShapingError", "ShapingFont", "shaping_font", "to_unicode_cmap", "visual_pieces"]
