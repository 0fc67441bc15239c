"""Chart style: a brief's theme and language in, everything a chart's look depends on out.

In:  a :class:`~briefgen.theme.model.Theme` and a language code.
Out: a :class:`ChartStyle`: the chart's font chain (the theme's chart family, then
     its ``fallback:`` fonts: their files for matplotlib, which takes the chain as a
     list of families; their ReportLab names for measuring and drawing each run of
     text in the font that has it), type sizes (the caption size, never below
     7 pt), colours from the theme's palette, language-aware number formatting, and the matplotlib rc
     parameters of a chart. ``key()`` is the part of the cache key that
     depends on the theme.

Text is measured with ReportLab's metrics of the same TrueType files that
matplotlib draws with, run by run (:meth:`ChartStyle.runs`: a Cyrillic name in
the fallback font, the rest in the family), so wrapping and label room are
computed without a renderer (and without matplotlib).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    fallback: tuple  # (name, (regular, bold, italic, bold italic)) per fallback font; a missing face is None
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
    #: briefgen.layout.fonts.FontChain of the family: which font sets each character (fallbacks read lazily).
    chain: object = field(default=None, compare=False, repr=False)
    role: str = field(default="headings", compare=False)  # the theme's fonts the chart uses: headings or body

    @classmethod
    def from_theme(cls, theme, lang: str) -> "ChartStyle":
        from ..layout.fonts import FontChain, register_family

        family = theme.fonts.body if theme.chart_font == "body" else theme.fonts.headings
        names = register_family(family)
        fallback = tuple((font.name, tuple(str(path) if path else None for path in
                                           (font.regular, font.bold, font.italic, font.bold_italic)))
                         for font in family.fallback or ())
        colors, sizes = theme.colors, theme.sizes
        size = max(MIN_SIZE, float(sizes.caption))
        return cls(
            lang=lang, family=family.name,
            font_files=(str(family.regular), str(family.bold), str(family.italic), str(family.bold_italic)),
            rl_fonts=names, fallback=fallback, chain=FontChain(family, names), role=theme.chart_font, size=size,
            small=max(MIN_SIZE, size - 0.5), subtitle_size=size + 1,
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

    def family_names(self) -> list[str]:
        """The chain's family names as the PDF knows them: the family, then its fallback fonts."""
        return [self.family] + [name for name, _ in self.fallback]

    def runs(self, text: str, bold: bool = False, italic: bool = False) -> list[tuple[str, str]]:
        """(ReportLab face, run) for ``text``: each run in the chain's first font that has all of it."""
        names = self.rl_fonts
        own = (names.bold_italic if italic else names.bold) if bold else names.italic if italic else names.regular
        text = str(text)
        if self.chain is None or self.chain.covered.issuperset(text):
            return [(own, text)]  # the common case: the family has it all, no fallback font is read
        from reportlab.lib.fonts import tt2ps

        # register_fallback mapped each fallback family's faces (a face it lacks is its regular).
        return [(own if family == self.family else tt2ps(family, int(bold), int(italic)), run)
                for family, run in self.family_runs(text)]

    def family_runs(self, text: str) -> list[tuple[str, str]]:
        """(family, run) of the chain; a letter and its combining marks in one font when one has them all."""
        return self.chain.runs(text)

    def fallbacks_for(self, texts) -> tuple:
        """The fallback fonts (name, files) that set some character of ``texts``, in chain order."""
        if self.chain is None:
            return ()
        chars = set().union(*map(set, texts)) - self.chain.covered
        used = {self.chain.font_for(c) for c in chars}
        return tuple((name, files) for name, files in self.fallback if name in used)

    def has_glyphs(self, text: str, bold: bool = False) -> bool:
        """Does the chart family itself draw every character of ``text``? (A serif body font may lack arrows.)"""
        from reportlab.pdfbase.pdfmetrics import getFont

        face = getattr(getFont(self.font_name(bold)), "face", None)
        covered = getattr(face, "charToGlyph", None)
        return covered is None or all(ord(c) in covered for c in text)

    def arrow(self, direction: str, bold: bool = False) -> str:
        """'→' or '←', or '›' / '‹' when the chart family has no arrows (kept in the family's own look)."""
        arrow, fallback = {"right": ("→", "›"), "left": ("←", "‹")}[direction]
        return arrow if self.has_glyphs(arrow, bold) else fallback

    def width(self, text: str, size: float | None = None, bold: bool = False) -> float:
        """The width of ``text`` in points: the sum of its runs, each in its own font."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = size or self.size
        return sum(stringWidth(run, face, size) for face, run in self.runs(text, bold))

    def wrap(self, text: str, width: float, size: float | None = None, bold: bool = False) -> list:
        """Lines of ``text`` that fit ``width`` points (explicit newlines are kept)."""
        from reportlab.lib.utils import simpleSplit

        lines = []
        for part in str(text).split("\n"):
            runs = self.runs(part, bold)
            if len(runs) == 1:  # one font (the family's, mostly): ReportLab's own split
                split = simpleSplit(part, runs[0][0], size or self.size, width) or [""]
            else:  # runs in other fonts: the same greedy split, measured run by run
                split = _split(part, width, lambda words: self.width(words, size, bold=bold)) or [""]
            lines.extend(_no_orphan(split, lambda line: self.width(line, size, bold=bold) <= width))
        return lines

    def key(self) -> dict:
        """What the chart's pixels depend on in the theme (for the cache key).

        Fonts count by their content, never their path or date: a copied or
        touched font gives the same key, hence the same PDF."""
        paths = ("rl_fonts", "font_files", "fallback", "chain", "role")
        fields = {k: v for k, v in self.__dict__.items() if k not in paths}
        fallback = [[name, [file_digest(path) if path else None for path in files]] for name, files in self.fallback]
        return {**fields, "fonts": [file_digest(path) for path in self.font_files], "fallback": fallback,
                "rl_fonts": list(self.rl_fonts.__dict__.values())}

    def rc(self, matplotlib_families: list) -> dict:
        """The chart's rc parameters; ``matplotlib_families``: the chain's family names as matplotlib knows them."""
        rc = dict(BASE_RC)
        rc.update({
            "font.family": list(matplotlib_families),
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


def _split(text: str, width: float, measure) -> list:
    """``text`` split at spaces into lines of at most ``width`` (a longer word alone), as ReportLab's simpleSplit."""
    lines, words, used, space = [], [], 0.0, measure(" ")
    for word in text.split():
        wide = measure(word)
        if not words or used + space + wide <= width:
            used = used + space + wide if words else wide
            words.append(word)
        else:
            lines.append(" ".join(words))
            words, used = [word], wide
    if words:
        lines.append(" ".join(words))
    return lines


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
