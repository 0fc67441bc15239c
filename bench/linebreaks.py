"""Benchmark (not a test): hyphenated lines and word spacing of justified body text, read from the PDF.

Usage: python bench/linebreaks.py BRIEF.yaml|FILE.pdf ... [--json] [--worst N] [--font FAMILY] [--size PT]
                                   [--rev REV]

``--rev HEAD`` builds the briefs with briefgen as committed (a ``git archive`` copy, in a process
of its own), so the figures before uncommitted changes to the line breaker sit beside those after.

In:  briefs (each built into a temporary folder with ``briefgen.build``) or ready PDFs (any
     producer: briefgen, Typst, ...).
Out: a table with, for each file, its page count and, for its body text:
     - lines, lines that end in a hyphen (their share) and the most in a row;
     - for justified lines, the word space divided by the font's normal space: min, median,
       p90, p99, max and the number of lines above 1.6, then the worst lines (page and text);
     with issue #13's targets beside the figures. ``--json`` prints the same as JSON.

How the PDF is read (pypdfium2, one character at a time: its text, font, size, origin and
"loose" box, whose width is the glyph's advance):
- Body text is the characters in the body font family at the body size: for a brief, its theme's
  (NotoSerif at 10 pt in briefgen's default theme); for a PDF, the family and size that cover the
  most area (letters and digits, each counted as its size squared, so that a long sources list in
  7.5 pt does not outweigh the body); ``--font``/``--size`` override both. That leaves
  out headings, captions, tables, charts, running heads, footnotes, key-findings boxes, pull
  quotes and the sources list, which are set in other families or sizes. Characters in other fonts
  drawn next to body characters in the content stream on (about) the same baseline, such as
  footnote markers and fallback-font letters, join the body line they sit on.
- A line is the body characters of one page on one baseline.
- A line ends in a hyphen when its last character is a soft hyphen (U+00AD, which briefgen draws for
  a hyphen it adds; pdfium reports it as U+0002), a hyphen-minus or U+2010, after a letter. The
  most in a row counts consecutive body lines in reading order, across a page break.
- A word space runs from the origin of a space the PDF draws (where the word before it ends) to
  the origin of the next word, and is divided by that space character's own advance (the font's
  normal space at that size, from the PDF's widths). Spaces pdfium infers but the PDF does not
  draw (between a bullet and its text, or briefgen's no-break spaces) are left out. A line's
  figure is its widest space: justification stretches all spaces of a line alike.
- A line is justified when its spaces are stretched or shrunk, or when it ends on a right edge
  of the text with normal spaces: where at least three stretched or shrunk body lines end
  together (within 0.5 pt; up to 1 pt beyond for a glyph that passes its advance, an 'f').
  A paragraph's last line and ragged text (recommendations) have normal spaces and end short of
  the edge. Justified lines that end short of every edge are listed ("short of the edge").
"""

from __future__ import annotations

import argparse
import ctypes
import io
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Issue #13's targets, and Typst's figures on the issue's own reference text.
TARGET_SHARE, TARGET_RUN, TARGET_STRETCH = 0.03, 1, 1.6
TYPST_SHARE, TYPST_RUN = 0.019, 1
#: Characters that end a hyphenated line (pdfium reports a soft hyphen as U+0002).
HYPHENS = frozenset({"\u00ad", "\u0002", "-", "\u2010"})
SPACES = frozenset({" ", "\u00a0"})
EDGE_TOLERANCE = 0.5  # pt: justified lines end on the same edge, up to rounding
EDGE_LINES = 3  # lines that end together make an edge; two ragged lines may by chance
NATURAL = 0.002  # a line whose widest space is within this of normal is set with normal spaces
OVERHANG = 1.0  # pt: a glyph whose outline passes its advance (an 'f') ends a little beyond the edge


@dataclass
class Char:
    index: int
    text: str
    font: str
    size: float
    x: float
    y: float
    left: float
    right: float
    generated: bool


@dataclass
class Line:
    page: int
    y: float
    chars: list = field(default_factory=list)
    justified: bool = False
    on_edge: bool = False

    @property
    def ink(self) -> list:
        """The characters other than spaces, left to right."""
        return [c for c in self.chars if c.text not in SPACES]

    @property
    def right(self) -> float:
        return max(c.right for c in self.ink)

    @property
    def left(self) -> float:
        return min(c.left for c in self.ink)

    @property
    def text(self) -> str:
        out, last = [], None
        for c in self.chars:
            if last is not None and c.text not in SPACES and last.text not in SPACES and c.left - last.right > 1:
                out.append(" ")  # a space the PDF does not draw (a no-break space, after a bullet)
            out.append(c.text)
            last = c
        return "".join(out).replace("\u0002", "-").replace("\u00ad", "-").strip()

    @property
    def hyphenated(self) -> bool:
        ink = self.ink
        return len(ink) >= 2 and ink[-1].text in HYPHENS and ink[-2].text.isalpha()

    def space_ratios(self) -> list:
        """Each word space's width over its font's normal space width.

        From origins, not glyph boxes (an 'f' or an italic letter reaches past its advance): the
        word space runs from the space character's origin, where the word before it ends, to the
        next word's origin; its normal width is the space character's advance (the width of the
        loose box of a glyph without ink). Spaces in a row are one word space."""
        ratios, chars, i = [], sorted(self.chars, key=lambda c: c.x), 1
        while i < len(chars):
            if chars[i].text not in SPACES or chars[i - 1].text in SPACES:
                i += 1
                continue
            j = i
            while j < len(chars) and chars[j].text in SPACES:
                j += 1
            natural = sum(s.right - s.left for s in chars[i:j])
            if j < len(chars) and natural > 0:  # not a space at the end of a line (Typst draws them)
                ratios.append((chars[j].x - chars[i].x) / natural)
            i = j
        return ratios

    @cached_property
    def ratio(self):
        """The line's widest word space over normal; None without one. (Read once its chars are all in.)"""
        ratios = self.space_ratios()
        return max(ratios) if ratios else None


def family(font: str) -> str:
    """'ABCDEF+NotoSerif-BoldItalic' -> 'NotoSerif'."""
    return re.sub(r"^[A-Z]{6}\+", "", font).split("-")[0].split(",")[0]


def read_chars(pdf_path: Path) -> tuple[int, list]:
    """The page count, and each page's characters in content order."""
    import pypdfium2 as pdfium
    from pypdfium2 import raw

    pdf = pdfium.PdfDocument(str(pdf_path))
    buf, flags = ctypes.create_string_buffer(256), ctypes.c_int()
    x, y, box = ctypes.c_double(), ctypes.c_double(), raw.FS_RECTF()
    pages = []
    try:
        for page in pdf:
            textpage = page.get_textpage()
            chars = []
            for i in range(textpage.count_chars()):
                raw.FPDFText_GetFontInfo(textpage, i, buf, len(buf), ctypes.byref(flags))
                raw.FPDFText_GetCharOrigin(textpage, i, x, y)
                raw.FPDFText_GetLooseCharBox(textpage, i, box)
                chars.append(Char(i, chr(raw.FPDFText_GetUnicode(textpage, i)), buf.value.decode("latin-1"),
                                  round(raw.FPDFText_GetFontSize(textpage, i), 2), x.value, y.value,
                                  box.left, box.right, bool(raw.FPDFText_IsGenerated(textpage, i))))
            pages.append(chars)
            textpage.close()
            page.close()
        return len(pdf), pages
    finally:
        pdf.close()


def body_style(pages: list) -> tuple[str, float]:
    """The (font family, size) whose letters and digits cover the most area."""
    counts: Counter = Counter()
    for chars in pages:
        for c in chars:
            if c.text.isalnum() and not c.generated:
                counts[family(c.font), c.size] += c.size * c.size
    return counts.most_common(1)[0][0]


def body_lines(pages: list, font: str, size: float) -> list:
    """The body text's lines in reading order (page, then top to bottom)."""
    def is_body(c: Char) -> bool:
        return family(c.font) == font and abs(c.size - size) < 0.05 and not c.generated

    lines = []
    for number, chars in enumerate(pages, 1):
        page_lines: list = []
        owner: dict = {}
        for c in sorted(filter(is_body, chars), key=lambda c: -c.y):
            if not page_lines or abs(page_lines[-1].y - c.y) > 0.3:
                page_lines.append(Line(number, c.y))
            page_lines[-1].chars.append(c)
            owner[c.index] = page_lines[-1]
        # Markers and other fonts drawn next to a body character, on about its baseline, join its line.
        for order in (range(len(chars)), range(len(chars) - 1, -1, -1)):
            neighbour = None
            for i in order:
                c = chars[i]
                if c.index in owner:
                    neighbour = owner[c.index]
                elif neighbour is not None and not c.generated and -1 <= c.y - neighbour.y <= 0.6 * size:
                    neighbour.chars.append(c)
                    owner[c.index] = neighbour
                elif not c.generated:
                    neighbour = None
        for line in page_lines:
            line.chars.sort(key=lambda c: c.left)
            if any(c.text.isalnum() and is_body(c) for c in line.chars):  # not a bullet alone at the body size
                lines.append(line)
    mark_justified(lines)
    return lines


def mark_justified(lines: list) -> None:
    """Set ``justified`` on lines that end on a right edge of the text (see the module docstring)."""
    # Ragged lines have exactly normal spaces: only stretched or shrunk lines make an edge.
    rights = sorted(line.right for line in lines if line.ratio is not None and abs(line.ratio - 1) > NATURAL)
    edges, i = [], 0
    while i < len(rights):  # clusters of line ends at most EDGE_TOLERANCE wide, of EDGE_LINES or more
        j = i
        while j + 1 < len(rights) and rights[j + 1] - rights[i] <= EDGE_TOLERANCE:
            j += 1
        if j + 1 - i >= EDGE_LINES:
            edges.append(rights[j])
        i = j + 1
    for line in lines:
        line.on_edge = any(e - EDGE_TOLERANCE <= line.right <= e + OVERHANG for e in edges)
        line.justified = line.ratio is not None and (line.on_edge or abs(line.ratio - 1) > NATURAL)


def percentile(values: list, share: float) -> float:
    """The nearest-rank percentile of sorted ``values``."""
    return values[min(len(values) - 1, max(0, math.ceil(share * len(values)) - 1))]


def measure(pdf_path: Path, font: str | None = None, size: float | None = None, worst: int = 5) -> dict:
    """Every figure of the module docstring for one PDF."""
    page_count, pages = read_chars(pdf_path)
    found_font, found_size = body_style(pages)
    font, size = font or found_font, size or found_size
    lines = body_lines(pages, font, size)
    longest = run = 0
    for line in lines:
        run = run + 1 if line.hyphenated else 0
        longest = max(longest, run)
    hyphenated = sum(line.hyphenated for line in lines)
    justified = [line for line in lines if line.justified]
    ratios = sorted(line.ratio for line in justified)
    spacing = {}
    if ratios:
        spacing = {"min": ratios[0], "median": statistics.median(ratios), "p90": percentile(ratios, 0.9),
                   "p99": percentile(ratios, 0.99), "max": ratios[-1],
                   "above_target": sum(r > TARGET_STRETCH for r in ratios)}
    worst_lines = sorted(justified, key=lambda line: -line.ratio)[:worst]
    return {
        "file": str(pdf_path), "pages": page_count, "body_font": font, "body_size": size,
        "lines": len(lines), "hyphenated": hyphenated,
        "hyphenated_share": hyphenated / len(lines) if lines else 0.0, "most_in_a_row": longest,
        "hyphenated_at": [{"page": line.page, "text": line.text} for line in lines if line.hyphenated],
        "justified_lines": len(justified), "spacing": spacing,
        "short_of_edge": [{"page": line.page, "right": round(line.right, 2), "text": line.text}
                          for line in justified if not line.on_edge],
        "worst": [{"page": line.page, "ratio": round(line.ratio, 3), "text": line.text} for line in worst_lines],
    }


def pdf_for(path: Path, out_dir: Path, tree: Path | None = None) -> tuple:
    """``(path, None, None)`` for a PDF; for a brief, the PDF briefgen builds from it into
    ``out_dir`` (with the briefgen in ``tree``, in a process of its own, if given) and its
    theme's body font family and size (None if this checkout cannot load it)."""
    if path.suffix.lower() == ".pdf":
        return path, None, None
    import briefgen

    try:
        theme = briefgen.load(path).theme
        font, size = theme.fonts.body.name, float(theme.sizes.body)
    except (briefgen.BriefError, AttributeError):  # a briefgen mid-change: the PDF's own style stands in
        font = size = None
    if tree is None:
        return Path(briefgen.build(path, out_dir / path.stem)), font, size
    pdf = out_dir / f"{path.stem}.pdf"
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(path.resolve()), "-o", str(pdf)],
                   check=True, env=env, cwd=tree, stdout=subprocess.DEVNULL)
    return pdf, font, size


@contextmanager
def checkout(rev: str | None):
    """A copy of briefgen as committed at ``rev`` (``git archive``: the working tree, its index
    and branches stay as they are), or None for this checkout."""
    if rev is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix=f"linebreaks-{rev}-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, "briefgen"],
                                 check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        yield Path(tmp)


def table(results: list) -> str:
    """The figures side by side, one column per file, targets on the right."""
    def pct(r):
        return f"{r['hyphenated']} ({100 * r['hyphenated_share']:.1f}%)"

    def sp(key, digits=2):
        return lambda r: f"{r['spacing'][key]:.{digits}f}" if r["spacing"] else "-"

    rows = [
        ("pages", lambda r: str(r["pages"]), "about the same as before"),
        ("body text", lambda r: f"{r['body_font']} {r['body_size']:g}", ""),
        ("body lines", lambda r: str(r["lines"]), ""),
        ("lines ending in a hyphen", pct, f"<= {100 * TARGET_SHARE:g}%  (Typst {100 * TYPST_SHARE:g}%)"),
        ("most in a row", lambda r: str(r["most_in_a_row"]), f"<= {TARGET_RUN}  (Typst {TYPST_RUN})"),
        ("justified lines", lambda r: str(r["justified_lines"]), ""),
        ("word space / normal: min", sp("min"), ""),
        ("  median", sp("median"), ""),
        ("  p90", sp("p90"), ""),
        ("  p99", sp("p99"), ""),
        ("  max", sp("max"), f"<= {TARGET_STRETCH}"),
        (f"  lines above {TARGET_STRETCH}", lambda r: str(r["spacing"].get("above_target", "-")), "0"),
        ("justified, short of the edge", lambda r: str(len(r["short_of_edge"])), "0"),
    ]
    names = [Path(r["input"]).name.replace(".yaml", "").replace(".pdf", "") for r in results]
    widths = [max(len(n), 16) for n in names]
    label = max(len(row[0]) for row in rows)
    out = [" " * label + "  " + "  ".join(n.rjust(w) for n, w in zip(names, widths)) + "  target"]
    for name, cell, target in rows:
        out.append(name.ljust(label) + "  " + "  ".join(cell(r).rjust(w) for r, w in zip(results, widths))
                   + "  " + target)
    for r, name in zip(results, names):
        if r["worst"]:
            out.append(f"\nwidest word spaces in {name}:")
            out += [f"  {w['ratio']:.2f}  p.{w['page']}  {w['text']}" for w in r["worst"]]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="briefs (.yaml) to build, or PDFs to read")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--worst", type=int, default=5, help="how many of the widest-spaced lines to list")
    parser.add_argument("--font", help="the body font family (default: the most common)")
    parser.add_argument("--size", type=float, help="the body font size in pt (default: the most common)")
    parser.add_argument("--rev", help="build briefs with briefgen as committed at this git revision "
                                      "(e.g. HEAD: the figures before uncommitted changes)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="linebreaks-") as tmp, checkout(args.rev) as tree:
        results = []
        for path in args.inputs:
            pdf, font, size = pdf_for(path, Path(tmp), tree)
            result = measure(pdf, args.font or font, args.size or size, args.worst)
            result["input"] = str(path) + (f"@{args.rev}" if args.rev and pdf != path else "")
            results.append(result)
    if args.json:
        targets = {"hyphenated_share": TARGET_SHARE, "most_in_a_row": TARGET_RUN, "max_stretch": TARGET_STRETCH,
                   "typst": {"hyphenated_share": TYPST_SHARE, "most_in_a_row": TYPST_RUN}}
        print(json.dumps({"targets": targets, "results": results}, indent=2, ensure_ascii=False))
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
