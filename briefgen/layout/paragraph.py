"""Paragraphs (:class:`Para`): line breaking remembered per width, work that grows linearly.

In:  paragraph markup (or frags) and a ParagraphStyle from :mod:`.styles`.
Out: a ReportLab Paragraph that platypus lays out like any other. Its work grows
     linearly with its length, where ReportLab's own would grow with its square
     (hard breaks, long words). In a tagged PDF it marks what it draws
     (:mod:`briefgen.pdf.marking`).
"""

from __future__ import annotations

import re

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, _processed_frags, _split_blParaSimple

from ..pdf.marking import marked
from ..text.hyphenate import soften
from ..text.typography import typeset
from .flowables import Group


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the last width it was wrapped to,
    and whose work grows linearly with its length.

    Platypus wraps a paragraph several times at the same width (to test a fit, to
    split, to keep a heading with it, to draw); breaking lines is the costly part.
    ReportLab's own line breaking is quadratic in places, so a long paragraph is
    broken a run of hard breaks at a time, a word too long to hyphenate is only cut
    letter by letter, and what is left after a page is cut into pieces of lines.

    In a tagged PDF the paragraph is marked as its ``struct`` element (an artifact
    without one); with a bullet or number and a ``label_struct``, that is marked
    as the list item's label and the text as ``struct``, its body.
    """

    struct = None
    label_struct = None

    def __init__(self, text, style=None, bulletText=None, frags=None, struct=None, label_struct=None, **kw):
        lang = getattr(style, "lang", None)
        if text and lang:  # the language's no-break spaces, quotes and spacing, whatever made the markup
            text = typeset(text, lang)
        chain = getattr(style, "font_chain", None)
        if text and chain is not None:  # what the style's family lacks goes to its fallback fonts
            text = chain.markup(text, style.fontName)
        super().__init__(text, style, bulletText, frags, **kw)
        self.struct, self.label_struct = struct, label_struct
        self.source_text = _frags_text(self.frags)  # a part split off keeps its paragraph's
        if frags is None and _hyphenates(self.style) and _has_long_word(self.frags):
            # Hyphenating re-reads the rest of the word for every line: quadratic in its length.
            self.style = ParagraphStyle(f"{self.style.name}-long-word", parent=self.style, hyphenationLang=None,
                                        uriWasteReduce=0, embeddedHyphenation=0)

    def wrap(self, avail_width, avail_height):
        cached = self.__dict__.get("_wrapped")
        if cached is not None and cached[0] == avail_width and cached[1] is self.style:
            _, _, self.width, self.height, self.blPara, self._wrapWidths = cached
            return self.width, self.height
        result = super().wrap(avail_width, avail_height)
        if getattr(self, "blPara", None) is not None:
            self._wrapped = (avail_width, self.style, self.width, self.height, self.blPara, self._wrapWidths)
        return result

    def drawOn(self, canvas, x, y, _sW=0):
        if getattr(getattr(self.style, "hyphenationLang", None), "soft", False) and getattr(self, "blPara", None):
            # Lines are final only now: ReportLab breaks a part of a split paragraph again.
            soften(self.blPara, self.source_text)
        with marked(canvas, self.struct, label=self.label_struct if self.bulletText else None):
            super().drawOn(canvas, x, y, _sW)

    def breakLines(self, width):
        runs = _runs_of_breaks(self.frags)
        if runs is None:
            return super().breakLines(width)
        # A hard break ends a line whatever follows it, so each run breaks as it would in the whole.
        widths = width if isinstance(width, (list, tuple)) else [width]
        lines, words, widest = [], [], 0
        for index, run in enumerate(runs):
            part = Paragraph(None, self.style, bulletText=self.bulletText if index == 0 else None, frags=run)
            broken = part.breakLines(widths if index == 0 else [widths[-1]])
            for line in broken.lines:
                line.sFW += len(words)
            if index and broken.lines:
                broken.lines[0].sFW -= 1  # as ReportLab does, a line after a hard break starts at the break
            lines += broken.lines
            words += part.frags  # breakLines leaves the processed words in frags
            widest = max(widest, part._width_max)
        self.frags, self._width_max = words, widest
        return ParaLines(kind=1, lines=lines)

    def split(self, avail_width, avail_height):
        parts = self._split(avail_width, avail_height)
        for index, part in enumerate(parts):  # every part is still this paragraph to a reader
            for piece in getattr(part, "content", None) or [part]:
                piece.struct, piece.source_text = self.struct, self.source_text
                piece.label_struct = self.label_struct if index == 0 else None
        return parts

    def _split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        if len(parts) < 2:
            return parts
        lines = self.blPara.lines
        start = len(parts[0].blPara.lines)
        # The lines are those of the last wrap, whose width a table cell's split does not pass on;
        # a table keeps only two parts of a cell, so there the rest is not cut into pieces.
        wrapped = self.__dict__.get("_wrapped", (avail_width,))[0]
        in_cell, avail_width = wrapped != avail_width, wrapped
        if "_wrapped_once" in self.__dict__:  # a part cut here before: keep its lines
            first = self._part(parts[0].style, 0, start, avail_width)
            first._JustifyLast = parts[0]._JustifyLast
        else:  # broken again when placed, as ReportLab does, so that PDFs stay as they were
            first = parts[0]
            if _blank(lines[start - 1]) and _processed_frags(first.frags):
                first.frags = first.frags + [self.frags[lines[start].sFW]]  # ReportLab drops that blank line
        # Each later page would break all that is left again: a long rest is cut into pieces once, here.
        bounds = [start]
        if len(lines) - start > 2 * PIECE_LINES and not in_cell:
            for line in range(start + PIECE_LINES, len(lines) - PIECE_LINES, PIECE_LINES):
                while (_blank(lines[line]) or _blank(lines[line - 1])) and line < len(lines) - 1:
                    line += 1  # keep blank lines inside a piece: ReportLab cuts them badly
                if line > bounds[-1]:
                    bounds.append(line)
        bounds.append(len(lines))
        if len(bounds) == 2:
            middle = last = parts[1].style
        else:
            middle = ParagraphStyle(f"{self.style.name}-piece", parent=self.style, spaceBefore=0, spaceAfter=0,
                                    firstLineIndent=0)
            last = ParagraphStyle(f"{self.style.name}-end", parent=middle, spaceAfter=self.style.spaceAfter)
        rest = []
        for begin, end in zip(bounds, bounds[1:]):
            final = end == len(lines)
            piece = self._part(last if final else middle, begin, end, avail_width)
            if len(bounds) > 2:
                piece.allowOrphans = 1  # a piece's first line is no paragraph's first line
            if not final:
                piece.allowWidows = 1
                piece._JustifyLast = not getattr(lines[end - 1], "lineBreak", False)
            rest.append(piece)
        for name in ("_JustifyLast", "allowWidows"):  # they belong to the paragraph's last line
            if name in self.__dict__:
                setattr(rest[-1], name, self.__dict__[name])
        if len(rest) == 1:
            return [first, rest[0]]
        # Two parts, as callers expect (a table cell keeps only two): the pieces travel in a group.
        group = Group(rest, max_height=None)
        group.notes_in_parts = True  # the page template asks which part cites which note
        return [first, group]

    def _part(self, style, begin, end, avail_width) -> "Para":
        """Lines begin..end of this paragraph as a paragraph of their own, already broken into those lines.

        ReportLab re-breaks each part from its words, which costs as much again, adds a
        blank line to a part that starts after a hard break and drops one at its end.
        """
        bl_para, frags = self.blPara, self.frags
        lines = bl_para.lines
        if bl_para.kind == 0:
            part = Para(None, style, frags=_split_blParaSimple(bl_para, begin, end) if begin < end else [])
            broken = bl_para.clone(lines=lines[begin:end])
        else:
            # A line after a hard break starts at that break; keep it only before a blank line, whose
            # own break would otherwise start the part (and ReportLab cannot split after that line).
            after_break = begin and getattr(lines[begin - 1], "lineBreak", False) and not _blank(lines[begin])
            low = lines[begin].sFW + (1 if after_break else 0)
            high = lines[end].sFW + (1 if _blank(lines[end - 1]) else 0) if end < len(lines) else len(frags)
            part = Para(None, style, frags=frags[low:high])
            broken = ParaLines(kind=1, lines=[line.clone(sFW=max(0, line.sFW - low)) for line in lines[begin:end]])
        autoLeading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        if autoLeading in ("", "off") and _processed_frags(frags) == (bl_para.kind == 1):
            part.blPara, part.width, part.height = broken, avail_width, (end - begin) * style.leading
            part._wrapWidths = [avail_width - style.leftIndent - style.firstLineIndent - style.rightIndent,
                                avail_width - style.leftIndent - style.rightIndent]
            part._wrapped = part._wrapped_once = (avail_width, style, part.width, part.height, broken,
                                                  part._wrapWidths)
        return part


#: A paragraph with more hard line breaks than this is broken into lines this many breaks at a time.
BREAKS_PER_RUN = 64
#: A word longer than this is cut letter by letter at the line's end, never hyphenated.
LONG_WORD = 200
#: What is left of a long paragraph after a page is cut into pieces of this many lines.
PIECE_LINES = 60


def _frags_text(frags) -> str:
    """The text of a paragraph's frags, or of its words once broken before (a part of a split)."""
    pieces = []
    for frag in frags:
        if isinstance(frag, list):  # a word: [width, (frag, text), ...]
            pieces += [piece[1] for piece in frag[1:] if isinstance(piece, tuple) and len(piece) > 1] + [" "]
        else:
            pieces.append(getattr(frag, "text", ""))
    return "".join(str(piece) for piece in pieces)


def _hyphenates(style) -> bool:
    return bool(style.hyphenationLang or style.uriWasteReduce or style.embeddedHyphenation)


def _has_long_word(frags) -> bool:
    run = 0
    for frag in frags:
        if getattr(frag, "lineBreak", False):
            run = 0
            continue
        for word in re.split(r"(\s+)", getattr(frag, "text", "") or ""):
            if not word:
                continue
            run = 0 if word.isspace() else run + len(word)
            if run > LONG_WORD:
                return True
    return False


def _blank(line) -> bool:
    """Is this line of a broken paragraph only a hard break (an empty line)?"""
    words = getattr(line, "words", None)
    return bool(words) and all(getattr(word, "lineBreak", False) or not getattr(word, "text", "") for word in words)


def _runs_of_breaks(frags):
    """Unprocessed frags cut after every BREAKS_PER_RUN-th hard break, or None for a few breaks."""
    if len(frags) < 2 * BREAKS_PER_RUN or _processed_frags(frags):
        return None
    runs, run, count = [], [], 0
    for frag in frags:
        run.append(frag)
        if getattr(frag, "lineBreak", False):
            count += 1
            if count % BREAKS_PER_RUN == 0:
                runs.append(run)
                run = []
    if len(run) < 2 and runs:  # a run of one frag would be broken another way (kind 0)
        runs[-1] += run
    elif run:
        runs.append(run)
    return runs if len(runs) > 1 else None
