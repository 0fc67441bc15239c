"""Make the subsets of the OFL fonts shipped in briefgen/assets/fonts (run by hand, not at build time).

Usage: python tools/subset_fonts.py [SOURCE_DIR ...]

Sources are Debian's fonts-noto-core (Noto Serif) and fonts-lato (Lato), both
under the SIL Open Font License 1.1 with no Reserved Font Name, so subsets may
keep their names. Subsetting to the Latin, punctuation and currency characters a
brief uses makes each file ~10 times smaller and ~10 times faster to load;
ReportLab subsets again when it embeds them in a PDF.

The fallback fonts (:data:`FALLBACKS`) print what the Latin families lack: Greek and
Cyrillic (Noto Serif and Noto Sans, kept whole for those scripts and their accents),
mathematical signs and arrows (Noto Sans Math), and check marks and other symbols
(Noto Sans Symbols 2). They are parsed only by a brief that uses one of their characters.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = {
    "NotoSerif-Regular.ttf": "noto", "NotoSerif-Italic.ttf": "noto", "NotoSerif-Bold.ttf": "noto",
    "NotoSerif-BoldItalic.ttf": "noto",
    "Lato-Regular.ttf": "lato", "Lato-Italic.ttf": "lato", "Lato-Bold.ttf": "lato",
    "Lato-BoldItalic.ttf": "lato", "Lato-Black.ttf": "lato",
}
DEFAULT_SOURCES = {"noto": "/usr/share/fonts/truetype/noto", "lato": "/usr/share/fonts/truetype/lato"}

# Basic Latin, Latin-1, Latin Extended-A and B (part), punctuation, currency, arrows, maths minus, boxes.
UNICODES = (
    list(range(0x20, 0x7F)) + list(range(0xA0, 0x250)) + list(range(0x2000, 0x206F))
    + list(range(0x20A0, 0x20C0)) + [0x2116, 0x2122, 0x2190, 0x2191, 0x2192, 0x2193, 0x2212, 0x2248,
                                     0x2260, 0x2264, 0x2265, 0x25A0, 0x25CF, 0x2713]
)


_GREEK_CYRILLIC = (list(range(0x20, 0x7F)) + [0xA0] + list(range(0x300, 0x370)) + list(range(0x370, 0x400))
                   + list(range(0x1F00, 0x2000)) + list(range(0x400, 0x530)) + list(range(0x1C80, 0x1C90))
                   + list(range(0x2DE0, 0x2E00)) + list(range(0xA640, 0xA6A0)))
_MATH = ([0x20] + list(range(0x2100, 0x2150)) + list(range(0x2190, 0x2400)) + list(range(0x27C0, 0x2800))
         + list(range(0x2900, 0x2B00)))
_SYMBOLS = ([0x20] + list(range(0x2190, 0x2200)) + list(range(0x2300, 0x2400)) + list(range(0x2460, 0x2580))
            + list(range(0x25A0, 0x27C0)) + list(range(0x2B00, 0x2C00)))
# Arabic (with its supplements and presentation forms) and Hebrew, and what a passage in them uses:
# spaces, joiners and direction marks, ASCII punctuation and brackets.
_ARABIC = ([0x20, 0xA0, 0x200C, 0x200D, 0x200E, 0x200F] + list(range(0x21, 0x40)) + list(range(0x600, 0x700))
           + list(range(0x750, 0x780)) + list(range(0x8A0, 0x900)) + list(range(0xFB50, 0xFE00))
           + list(range(0xFE70, 0xFF00)))
_HEBREW = ([0x20, 0xA0, 0x200C, 0x200D, 0x200E, 0x200F] + list(range(0x21, 0x40)) + list(range(0x590, 0x600))
           + list(range(0xFB1D, 0xFB50)))
#: Fallback fonts: file made -> (source file, characters kept).
FALLBACKS = {
    **{f"NotoSerifExt-{face}.ttf": (f"NotoSerif-{face}.ttf", _GREEK_CYRILLIC)
       for face in ("Regular", "Italic", "Bold", "BoldItalic")},
    **{f"NotoSansExt-{face}.ttf": (f"NotoSans-{face}.ttf", _GREEK_CYRILLIC)
       for face in ("Regular", "Italic", "Bold", "BoldItalic")},
    "NotoSansMath-Regular.ttf": ("NotoSansMath-Regular.ttf", _MATH),
    "NotoSansSymbols2-Regular.ttf": ("NotoSansSymbols2-Regular.ttf", _SYMBOLS),
    **{f"{family}-{face}.ttf": (f"{family}-{face}.ttf", chars)
       for family, chars in (("NotoNaskhArabic", _ARABIC), ("NotoSansArabic", _ARABIC),
                             ("NotoSerifHebrew", _HEBREW), ("NotoSansHebrew", _HEBREW))
       for face in ("Regular", "Bold")},
}
#: Fallbacks that briefgen shapes with HarfBuzz (right-to-left scripts): they keep their OpenType layout
#: features (joining forms, ligatures, mark positions), which the others drop.
SHAPED = frozenset(name for name in FALLBACKS if "Arabic" in name or "Hebrew" in name)


def _rename(font, target: Path) -> None:
    """Name a fallback subset after its file (NotoSerifExt-Bold): ReportLab keeps one face per
    PostScript name, so a subset named like its source would be taken for the Latin font."""
    family, _, style = target.stem.partition("-")
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = family
        elif record.nameID == 4:
            record.string = f"{family} {style}"
        elif record.nameID in (3, 6):
            record.string = target.stem


def subset_font(source: Path, target: Path, unicodes=UNICODES, hinting: bool = True, shaped: bool = False) -> None:
    options = subset.Options()
    options.layout_features = ["*"] if shaped else []  # ReportLab itself applies no OpenType feature
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = TTFont(source)
    options.hinting = hinting  # the fallbacks drop hints: smaller, and ReportLab ignores them
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    if not hinting:  # a fallback
        _rename(font, target)
    font.save(target)


def main(argv) -> None:
    sources = dict(DEFAULT_SOURCES)
    for folder in argv:
        for key in sources:
            if key in folder.lower():
                sources[key] = folder
    for name, family in FONTS.items():
        target = ROOT / "briefgen" / "assets" / "fonts" / name
        subset_font(Path(sources[family]) / name, target)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes")
    for name, (source, unicodes) in FALLBACKS.items():
        target = ROOT / "briefgen" / "assets" / "fonts" / name
        subset_font(Path(sources["noto"]) / source, target, unicodes, hinting=False, shaped=name in SHAPED)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
