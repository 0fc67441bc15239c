"""Font files (TrueType, and OpenType with TrueType outlines): checked before ReportLab loads them.

In:  a font path (already confined), and the check context.
Out: :func:`font_problem` (load time): why the font cannot be used, or None.

A font is parsed with ReportLab's own TrueType reader, and a first subset is
made from it, at load time, so that a truncated or corrupt file is a positioned
error and never fails later when the PDF is written. Fonts shipped with
briefgen are part of the program, not of the input: only their size and
signature are checked, which keeps the default theme as fast as before.
"""

from __future__ import annotations

import struct
from pathlib import Path

#: Signatures: TrueType outlines (sfnt 1.0, Apple 'true'), CFF outlines, and collections.
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_CFF = b"OTTO"
_COLLECTION = b"ttcf"
#: How many of a font's characters are subset at load time (about 25 ms for a large font).
_CHECKED_CHARACTERS = 2550
#: briefgen's own fonts (see briefgen.schema.files.PACKAGE_ASSETS).
_SHIPPED = Path(__file__).resolve().parents[2] / "assets" / "fonts"


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
        memo[str(path)] = _parse_problem(path)
    return memo[str(path)]


def _parse_problem(path: Path) -> str | None:
    """Parse the font as ReportLab will when it registers and subsets it."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        font = TTFontFile(str(path))
        characters = sorted(font.charToGlyph)
        if not characters:
            return "it maps no characters to glyphs (no usable cmap table); use another font file"
        # Subsets as the PDF writer makes them (255 characters each), over the first characters
        # (Latin, Greek, Cyrillic...): bounded, as a font may have 65,535 glyphs.
        for start in range(0, min(len(characters), _CHECKED_CHARACTERS), 255):
            font.makeSubset(characters[start:start + 255])
    except TTFError as exc:
        return f"ReportLab cannot use it: {_reason(exc)}; use another font file"
    except Exception as exc:  # noqa: BLE001 - any parse failure means the file is damaged
        return f"it is damaged or cut short ({_reason(exc)}); get a fresh copy of the font"
    return None


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r} entry where one is needed"
    if isinstance(exc, (struct.error, IndexError)):
        return "its tables run past the end of the file"
    text = str(exc).split("\n")[0][:120].rstrip(".")
    return text or type(exc).__name__
