"""Chart style: a brief's theme and language in, everything a chart's look depends on out.

In:  a :class:`~briefgen.theme.model.Theme` and a language code.
Out: a :class:`ChartStyle`: the headings font family (its files for matplotlib,
     its ReportLab names for measuring and for mapping SVG text back to the PDF's
     fonts), type sizes (the caption size, never below 7 pt), colours from the
     theme's palette, language-aware number formatting, and the matplotlib rc
     parameters of a chart. ``key()`` is the part of the cache key that
     depends on the theme.

Text is measured with ReportLab's metrics of the same TrueType files that
matplotlib draws with, so wrapping and label room are computed without a
renderer (and without matplotlib).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..text.i18n import format_number, group_digits

MIN_SIZE = 7.0
#: The rc parameters that do not depend on the theme.
BASE_RC = {
    "svg.fonttype": "none",  # text stays text: selectable and searchable in the PDF
    "svg.hashsalt": "briefgen",  # stable ids: the same chart gives the same bytes
    "pdf.fonttype": 42,
    "text.parse_math": False,  # a '$' in a label is a dollar sign
    "axes.unicode_minus": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.spines.left": False,
    "axes.spines.bottom": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "xtick.major.size": 0,
    "ytick.major.size": 0,
    "xtick.minor.visible": False,
    "ytick.minor.visible": False,
    "lines.solid_capstyle": "round",
    "lines.dash_capstyle": "butt",
    "legend.frameon": False,
    "path.simplify": True,
    "text.hinting": "no_hinting",  # true outline widths, the same ReportLab measures and the PDF shows
}


@dataclass(frozen=True)
class ChartStyle:
    lang: str
    family: str  # the theme family's name in the PDF, e.g. "Lato"
    font_files: tuple  # regular, bold, italic, bold italic
    rl_fonts: object  # briefgen.layout.fonts.FontNames
    size: float  # tick, direct and value labels: the caption size
    small: float  # annotations, notes, source
    subtitle_size: float
    title_size: float
    text: str
    muted: str
    grid: str
    axis: str
    tint: str
    palette: tuple
    named: dict  # brand, accent, muted, text

    @classmethod
    def from_theme(cls, theme, lang: str) -> "ChartStyle":
        from ..layout.fonts import register_family

        family = theme.fonts.body if theme.chart_font == "body" else theme.fonts.headings
        names = register_family(family)
        colors, sizes = theme.colors, theme.sizes
        size = max(MIN_SIZE, float(sizes.caption))
        return cls(
            lang=lang, family=family.name,
            font_files=(str(family.regular), str(family.bold), str(family.italic), str(family.bold_italic)),
            rl_fonts=names, size=size, small=max(MIN_SIZE, size - 0.5), subtitle_size=size + 1,
            title_size=max(size + 3, float(sizes.h2)), text=colors.text, muted=colors.muted,
            grid=mix(colors.rule, "#ffffff", 0.45), axis=mix(colors.text, "#ffffff", 0.35),
            tint=mix(colors.tint, colors.rule, 0.25), palette=tuple(colors.chart),
            named={"brand": colors.brand, "accent": colors.accent, "muted": colors.muted, "text": colors.text},
        )

    # -- colours ----------------------------------------------------------------------------
    def color(self, ref, index: int) -> str:
        """A series colour: its style's reference, else the palette in order."""
        if isinstance(ref, int):
            return self.palette[(ref - 1) % len(self.palette)]
        if isinstance(ref, str):
            return self.named[ref]
        return self.palette[index % len(self.palette)]

    def ink(self, color: str) -> str:
        """``color`` darkened until text in it reads on white (contrast 4.5:1), for labels."""
        rgb = [int(color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        for _ in range(20):
            if _contrast_on_white(rgb) >= 4.5:
                break
            rgb = [c * 0.9 for c in rgb]
        return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)

    # -- numbers ----------------------------------------------------------------------------
    def number(self, value: float, decimals: int = 0, *, prefix: str = "", suffix: str = "",
               sign: bool = False) -> str:
        text = format_number(value, self.lang, decimals, group_min_digits=group_digits(self.lang))
        if sign and value > 0 and text.strip("0,.") != "":
            text = "+" + text
        return f"{prefix}{text}{suffix}"

    # -- text -------------------------------------------------------------------------------
    def font_name(self, bold: bool = False) -> str:
        return self.rl_fonts.bold if bold else self.rl_fonts.regular

    def has_glyphs(self, text: str, bold: bool = False) -> bool:
        """Does the chart font draw every character of ``text``? (A serif body font may lack arrows.)"""
        from reportlab.pdfbase.pdfmetrics import getFont

        face = getattr(getFont(self.font_name(bold)), "face", None)
        covered = getattr(face, "charToGlyph", None)
        return covered is None or all(ord(c) in covered for c in text)

    def arrow(self, direction: str, bold: bool = False) -> str:
        """'→' or '←', or '›' / '‹' when the chart font has no arrows."""
        arrow, fallback = {"right": ("→", "›"), "left": ("←", "‹")}[direction]
        return arrow if self.has_glyphs(arrow, bold) else fallback

    def width(self, text: str, size: float | None = None, bold: bool = False) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(str(text), self.font_name(bold), size or self.size)

    def wrap(self, text: str, width: float, size: float | None = None, bold: bool = False) -> list:
        """Lines of ``text`` that fit ``width`` points (explicit newlines are kept)."""
        from reportlab.lib.utils import simpleSplit

        lines = []
        for part in str(text).split("\n"):
            split = simpleSplit(part, self.font_name(bold), size or self.size, width) or [""]
            lines.extend(_no_orphan(split, lambda line: self.width(line, size, bold=bold) <= width))
        return lines

    def key(self) -> dict:
        """What the chart's pixels depend on in the theme (for the cache key).

        Fonts count by their content, never their path or date: a copied or
        touched font gives the same key, hence the same PDF."""
        fields = {k: v for k, v in self.__dict__.items() if k not in ("rl_fonts", "font_files")}
        return {**fields, "fonts": [file_digest(path) for path in self.font_files],
                "rl_fonts": list(self.rl_fonts.__dict__.values())}

    def rc(self, matplotlib_family: str) -> dict:
        rc = dict(BASE_RC)
        rc.update({
            "font.family": [matplotlib_family],
            "font.size": self.size,
            "text.color": self.text,
            "axes.labelcolor": self.muted,
            "axes.edgecolor": self.axis,
            "xtick.color": self.muted,
            "ytick.color": self.muted,
            "xtick.labelcolor": self.muted,
            "ytick.labelcolor": self.muted,
            "xtick.labelsize": self.size,
            "ytick.labelsize": self.size,
            "grid.color": self.grid,
            "grid.linewidth": 0.5,
            "axes.prop_cycle": _cycler(self.palette),
        })
        return rc


def file_digest(path) -> str:
    """SHA-256 of a file's bytes ("missing" if it cannot be read), hashed once per process and version."""
    import os

    try:
        info = os.stat(path)
    except OSError:
        return "missing"
    return _digest(str(path), info.st_size, info.st_mtime_ns, info.st_ino)


@lru_cache(maxsize=32)  # a chart key is made several times per chart; the stat tells a changed file
def _digest(path: str, size: int, mtime_ns: int, inode: int) -> str:
    import hashlib

    try:
        with open(path, "rb") as file:
            return hashlib.sha256(file.read()).hexdigest()
    except OSError:
        return "missing"


def _cycler(palette):
    from cycler import cycler

    return cycler(color=list(palette))


def dot_marker(index: int, color: str) -> dict:
    """Marker colours of series ``index`` in the dot kinds and their key: every other one hollow,
    so the two ends of a dumbbell differ in greyscale too."""
    if index % 2 == 0:
        return {"markerfacecolor": color, "markeredgecolor": "white", "markeredgewidth": 0.8}
    return {"markerfacecolor": "white", "markeredgecolor": color, "markeredgewidth": 1.6}


def _no_orphan(lines: list, fits) -> list:
    """Never leave one word alone on the last line: the line above gives it a companion."""
    if len(lines) < 2 or " " in lines[-1]:
        return lines
    words = lines[-2].split(" ")
    last = f"{words[-1]} {lines[-1]}"
    if len(words) < 3 or not fits(last):
        return lines
    return lines[:-2] + [" ".join(words[:-1]), last]


def mix(color: str, other: str, share: float) -> str:
    """``color`` moved ``share`` of the way towards ``other`` (both '#rrggbb')."""
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(x + (y - x) * share) for x, y in zip(a, b)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


def auto_decimals(values, cap: int = 1) -> int:
    """As few decimals as the values need (0 for whole numbers), at most ``cap``."""
    for decimals in range(cap + 1):
        if all(abs(v * 10 ** decimals - round(v * 10 ** decimals)) < 1e-6 for v in values if v is not None):
            return decimals
    return cap


def _contrast_on_white(rgb) -> float:
    """WCAG contrast ratio of an sRGB colour (0-1 channels) against white."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)
