"""Font files (TrueType, and OpenType with TrueType outlines): checked before ReportLab loads them.

In:  a font path (already confined), and the check context.
Out: :func:`font_problem` (load time): why the font cannot be used, or None.

A font is parsed with ReportLab's own TrueType reader, and a first subset is
made from it, at load time, so that a truncated or corrupt file is a positioned
error and never fails later when the PDF is written. Fonts shipped with
briefgen are part of the program, not of the input: only their size and
signature are checked, which keeps the default theme as fast as before.

ReportLab's reader does work for every character its cmap lists and every part
of a composite glyph, however few bytes describe them (one cmap group can list
two billion characters): both are counted with cheap reads first, the cmap
before ReportLab reads the font and the composite glyphs before it subsets it.
"""

from __future__ import annotations

import struct
from pathlib import Path

from ..resources import PACKAGE_ASSETS

#: Signatures: TrueType outlines (sfnt 1.0, Apple 'true'), CFF outlines, and collections.
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_CFF = b"OTTO"
_COLLECTION = b"ttcf"
#: How many of a font's characters are subset at load time (about 25 ms for a large font).
_CHECKED_CHARACTERS = 2550
#: The last Unicode character: a cmap listing characters past it is damaged or hostile.
_LAST_CHARACTER = 0x10FFFF
#: Most parts of composite glyphs in one font (real fonts have a few thousand); ReportLab walks them per subset.
_MAX_COMPONENTS = 200_000
#: Composite glyph flags (TrueType 'glyf' table).
_MORE_COMPONENTS, _WORDS, _SCALE, _XY_SCALE, _TWO_BY_TWO = 0x20, 0x01, 0x08, 0x40, 0x80
#: briefgen's own fonts (package data, see briefgen.resources).
_SHIPPED = PACKAGE_ASSETS / "fonts"


def font_problem(path: Path, ctx) -> str | None:
    size = path.stat().st_size
    if size > ctx.limits.font_bytes:
        return (f"it is {size:,} bytes, more than the limit of {ctx.limits.font_bytes:,} (font_bytes); use a"
                f" smaller font, or {ctx.limits.hint('font_bytes')}")
    with path.open("rb") as handle:
        head = handle.read(4)
    if head == _CFF:
        return ("it is an OpenType font with PostScript (CFF) outlines, and ReportLab can embed only TrueType"
                " outlines; use the TrueType (.ttf) version of the font")
    if head == _COLLECTION:
        return "it is a font collection (TTC); give one TrueType (.ttf) font of the collection instead"
    if head not in _TRUETYPE:
        return f"it is not a valid {path.suffix[1:].upper()} file"
    if path.resolve().parent == _SHIPPED:
        return None
    memo = ctx.extra.setdefault("font_problems", {})
    if str(path) not in memo:
        memo[str(path)] = _parse_problem(path, ctx.limits)
    return memo[str(path)]


def _parse_problem(path: Path, limits) -> str | None:
    """Parse the font as ReportLab will when it registers and subsets it."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        problem = _cmap_problem(path.read_bytes(), limits)
        if problem:
            return problem
        font = TTFontFile(str(path))
        characters = sorted(font.charToGlyph)
        if not characters:
            return "it maps no characters to glyphs (no usable cmap table); use another font file"
        problem = _glyphs_problem(font)
        if problem:
            return problem
        # Subsets as the PDF writer makes them (255 characters each), over the first characters
        # (Latin, Greek, Cyrillic...): bounded, as a font may have 65,535 glyphs.
        for start in range(0, min(len(characters), _CHECKED_CHARACTERS), 255):
            font.makeSubset(characters[start:start + 255])
    except TTFError as exc:
        return f"ReportLab cannot use it: {_reason(exc)}; use another font file"
    except Exception as exc:  # noqa: BLE001 - any parse failure means the file is damaged
        return f"it is damaged or cut short ({_reason(exc)}); get a fresh copy of the font"
    return None


def _tables(data: bytes) -> dict:
    """Table tag -> (offset, length), as ReportLab reads the table directory (the last record of a tag wins)."""
    count = struct.unpack_from(">H", data, 4)[0]
    records = (struct.unpack_from(">4s4xII", data, 12 + 16 * n) for n in range(count))
    return {tag: (offset, length) for tag, offset, length in records}


def _cmap_subtable(data: bytes, start: int) -> int | None:
    """Where the cmap subtable ReportLab reads starts (its own choice of platform and encoding), or None."""
    version, count = struct.unpack_from(">HH", data, start)
    if count == 0 and version != 0:
        count = version
    chosen, kind = None, 0
    for n in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, start + 4 + 8 * n)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, kind = offset, 1
        elif platform == 1 and encoding == 0 and kind != 1:
            chosen, kind = offset, 2
    return None if chosen is None else start + chosen


def _cmap_problem(data: bytes, limits) -> str | None:
    """Why the characters ReportLab's reader would list from the cmap are too many, or past Unicode, or None.

    Counts what ReportLab iterates (overlapping ranges count again) with a few reads per range.
    """
    place = _tables(data).get(b"cmap")
    at = _cmap_subtable(data, place[0]) if place else None
    if at is None:
        return None  # ReportLab refuses it, cheaply
    fmt = struct.unpack_from(">H", data, at)[0]
    total, last = 0, 0
    if fmt == 4:
        segments = struct.unpack_from(">H", data, at + 6)[0] // 2
        ends = struct.unpack_from(f">{segments}H", data, at + 14)
        starts = struct.unpack_from(f">{segments}H", data, at + 16 + 2 * segments)
        total = sum(max(0, end - begin + 1) for begin, end in zip(starts, ends))
    elif fmt == 10:
        total = struct.unpack_from(">I", data, at + 16)[0]
    elif fmt in (12, 13):
        groups = struct.unpack_from(">I", data, at + 12)[0]
        if at + 16 + 12 * groups > len(data):
            raise struct.error("cmap groups past the end")
        for n in range(groups):
            begin, end = struct.unpack_from(">II", data, at + 16 + 12 * n)
            if end >= begin:
                total, last = total + end - begin + 1, max(last, end)
            if last > _LAST_CHARACTER:
                return (f"its character map (cmap) lists characters up to U+{last:04X}, past the last Unicode"
                        f" character U+10FFFF, so the file is damaged; get a fresh copy of the font")
            if total > limits.font_characters:
                break
    elif fmt == 2:
        keys = struct.unpack_from(">256H", data, at + 6)
        total = 256 + sum(struct.unpack_from(">H", data, at + 518 + 8 * key + 2)[0] for key in keys if key)
    if total > limits.font_characters:
        return (f"its character map (cmap) lists {total:,} characters, more than the limit of"
                f" {limits.font_characters:,} (font_characters); use a font with fewer characters, or"
                f" {limits.hint('font_characters')}")
    return None


def _glyphs_problem(font) -> str | None:
    """Why ReportLab's subsetting could fail or loop on the glyphs (read as it reads them), or None."""
    count = font.numGlyphs
    if max(font.charToGlyph.values()) >= count:
        return (f"its character map (cmap) uses glyph {max(font.charToGlyph.values())} but the font has only"
                f" {count:,} glyphs, so the file is damaged; get a fresh copy of the font")
    data, (glyf, size) = font._ttf_data, font.get_table_pos("glyf")
    positions, parts = font.glyphPos, 0
    for glyph in range(count):
        begin, end = positions[glyph], positions[glyph + 1]
        if end < begin or (end > begin and end > size):
            return ("its glyph locations (loca table) go backwards or past its glyphs, so the file is damaged;"
                    " get a fresh copy of the font")
        if end - begin < 10 or struct.unpack_from(">h", data, glyf + begin)[0] >= 0:
            continue  # empty or simple
        at, flags = glyf + begin + 10, _MORE_COMPONENTS
        while flags & _MORE_COMPONENTS:
            parts += 1
            if at + 6 > glyf + end:
                return (f"its composite glyph {glyph} lists parts past its own data, so the file is damaged; get"
                        " a fresh copy of the font")
            if parts > _MAX_COMPONENTS:
                return (f"its composite glyphs have more than {_MAX_COMPONENTS:,} parts (real fonts have a few"
                        " thousand), so the file is damaged; get a fresh copy of the font")
            flags, part = struct.unpack_from(">HH", data, at)
            if part >= count:
                return (f"its composite glyph {glyph} uses glyph {part} but the font has only {count:,} glyphs,"
                        " so the file is damaged; get a fresh copy of the font")
            at += 4 + (4 if flags & _WORDS else 2)
            at += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
    return None


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r} entry where one is needed"
    if isinstance(exc, (struct.error, IndexError)):
        return "its tables run past the end of the file"
    text = str(exc).split("\n")[0][:120].rstrip(".")
    return text or type(exc).__name__
