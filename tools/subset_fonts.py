"""Make the Latin subsets of the OFL fonts shipped in assets/fonts (run by hand, not at build time).

Usage: python tools/subset_fonts.py [SOURCE_DIR ...]

Sources are Debian's fonts-noto-core (Noto Serif) and fonts-lato (Lato), both
under the SIL Open Font License 1.1 with no Reserved Font Name, so subsets may
keep their names. Subsetting to the Latin, punctuation and currency characters a
brief uses makes each file ~10 times smaller and ~10 times faster to load;
ReportLab subsets again when it embeds them in a PDF.
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


def subset_font(source: Path, target: Path) -> None:
    options = subset.Options()
    options.layout_features = []  # ReportLab does not apply OpenType features
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    font.save(target)


def main(argv) -> None:
    sources = dict(DEFAULT_SOURCES)
    for folder in argv:
        for key in sources:
            if key in folder.lower():
                sources[key] = folder
    for name, family in FONTS.items():
        target = ROOT / "assets" / "fonts" / name
        subset_font(Path(sources[family]) / name, target)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
