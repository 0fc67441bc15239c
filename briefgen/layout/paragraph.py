"""Paragraphs (:class:`Para`): line breaking remembered per width, work that grows linearly.

In:  paragraph markup (or frags) and a ParagraphStyle from :mod:`.styles`.
Out: a ReportLab Paragraph that platypus lays out like any other. Its work grows
     linearly with its length, where ReportLab's own would grow with its square
     (hard breaks, long words). In a tagged PDF it marks what it draws
     (:mod:`briefgen.pdf.marking`).
"""

from __future__ import annotations

import copy as _copy
import re
from functools import lru_cache

from reportlab.lib.abag import ABag
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, _processed_frags, _split_blParaSimple

from ..memo import Remembered
from ..pdf.marking import TRACKING_CALLBACK, marked, set_tracking
from ..text.hyphenate import soften
from ..text.typography import typeset
from . import linebreak
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
        parsed = self.__dict__.pop("_parsed", None)  # what _setup knows of a parse: (its text, a long word?)
        if parsed is None:
            parsed = _frags_text(self.frags), frags is None and _hyphenates(self.style) and _has_long_word(self.frags)
        self.source_text = parsed[0]  # a part split off keeps its paragraph's
        if parsed[1]:
            # Hyphenating re-reads the rest of the word for every line: quadratic in its length.
            self.style = ParagraphStyle(f"{self.style.name}-long-word", parent=self.style, hyphenationLang=None,
                                        uriWasteReduce=0, embeddedHyphenation=0)

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is not None or not text:
            return super()._setup(text, style, bulletText, frags, cleaner)
        # Parsing markup is a third of a warm build: remember each paragraph's parse by its markup and the
        # style values the parser reads, and hand out copies (platypus adds to frags as it lays them out).
        key = self._markup = (text, _parse_key(style), str(bulletText) if bulletText is not None else None)
        store = remembered_parses()
        found = store.get(key)
        if found is None:
            super()._setup(text, style, bulletText, None, cleaner)
            if self.style is style and self.bulletText is bulletText:  # a <para> tag can change both: not kept
                # The cleaned text, the frags, their text and whether a word is too long to hyphenate.
                found = (self.text, [_clone(frag) for frag in self.frags], _frags_text(self.frags),
                         _hyphenates(style) and _has_long_word(self.frags))
                store.put(key, found)
                _note(style, "parses", key, found)
                self._parsed = found[2:]
            else:
                del self._markup
            return None
        _note(style, "parses", key, found)
        self.text, self.style, self.bulletText, self.debug = found[0], style, bulletText, 0
        self.frags = [_clone(frag) for frag in found[1]]
        self._parsed = found[2:]
        return None

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
        if canvas.getNamedCB(TRACKING_CALLBACK) is None:  # a canvas of a ReportLab program, not one of ours
            canvas.setNamedCB(TRACKING_CALLBACK, set_tracking)
        with marked(canvas, self.struct, label=self.label_struct if self.bulletText else None):
            super().drawOn(canvas, x, y, _sW)
        getattr(canvas, "end_tracking", lambda: None)()  # a letter-spaced line's links are placed by now

    def breakLines(self, width):
        # Breaking lines is the costliest part of a paragraph: a paragraph made from the same markup, style
        # and widths as one broken before in this process gets copies of that one's lines.
        fit = _runs_of_breaks(self.frags) is None and linebreak.eligible(self)  # decided (and counted) once
        key = self.__dict__.get("_markup")
        if key is not None:
            key = (key, tuple(width) if isinstance(width, (list, tuple)) else width, _break_key(self.style), fit)
            found = remembered_lines().get(key)
            if found is not None:
                self.frags, broken, self._width_max, self._total_fit = _copied(*found[:4])
                stored, plan = getattr(self.style, "stored_plans", None), found[4]
                if stored is not None and plan is not None:
                    stored.use(plan[1], plan[0])  # the plan goes into this brief's entry all the same
                _note(self.style, "lines", key, found)
                return broken
        broken = self._break(width, fit)
        if key is not None:
            found = _copied(self.frags, broken, self._width_max, self.__dict__.get("_total_fit", False)) \
                + (self.__dict__.get("_stored_plan"),)
            remembered_lines().put(key, found)
            _note(self.style, "lines", key, found)
        return broken

    def _break(self, width, fit: bool):
        runs = _runs_of_breaks(self.frags)
        if runs is None:
            if fit:  # justified: the best breaks for the whole paragraph
                self._total_fit = True
                return linebreak.break_lines(self, list(width) if isinstance(width, (list, tuple)) else [width],
                                             self._first_fit)
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

    def _first_fit(self, widths, guided: bool):
        """ReportLab's own line breaking; ``guided``: to the planned widths, with no space shrunk."""
        if not guided:
            return super().breakLines(widths)
        style = self.style
        self.style = _unshrunk(style)
        try:
            return super().breakLines(widths)
        finally:
            self.style = style

    def split(self, avail_width, avail_height):
        avail_height = self._room_to_split(avail_width, avail_height)
        parts = self._split(avail_width, avail_height) if avail_height > 0 else []
        for index, part in enumerate(parts):  # every part is still this paragraph to a reader
            for piece in getattr(part, "content", None) or [part]:
                piece.struct, piece.source_text = self.struct, self.source_text
                piece.label_struct = self.label_struct if index == 0 else None
        return parts

    def _room_to_split(self, avail_width, avail_height) -> float:
        """The height to split at: at least 2 lines stay on each side (no orphan, no widow), and the
        part on this page does not end on a hyphen; 0 when no such split fits (it all moves on).

        Only for a paragraph of even lines in the flow or a box: a table cell splits as ReportLab
        does, and so does a piece of a long paragraph (its lines neighbour other pieces').
        """
        wrapped = self.__dict__.get("_wrapped")
        style = self.style
        if (wrapped is not None and wrapped[0] != avail_width) or "allowOrphans" in self.__dict__ \
                or getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off"):
            return avail_height
        self.wrap(avail_width, avail_height)
        lines = getattr(getattr(self, "blPara", None), "lines", None)
        if not lines:
            return avail_height
        fit = int(avail_height / style.leading + 1e-6)
        if fit >= len(lines):
            return avail_height
        fit = most = min(fit, len(lines) - 2)
        while fit >= 2 and _ends_with_hyphen(self.blPara, fit - 1):
            fit -= 1
        fit = fit if fit >= 2 else most  # hyphens on every line: better one at the foot than no split
        return fit * style.leading + 1e-3 if fit >= 2 else 0

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
        if "_wrapped_once" in self.__dict__ or self.__dict__.get("_total_fit"):  # keep its lines: cut here before,
            # or set by total fit (broken again, its last line would be set as a paragraph's last)
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


#: Style values the markup parser copies into a paragraph's frags.
_PARSED = ("fontName", "fontSize", "textColor", "backColor", "rise", "underline", "strike", "linkUnderline",
           "underlineColor", "underlineWidth", "underlineOffset", "underlineGap", "strikeColor", "strikeWidth",
           "strikeOffset", "strikeGap", "textTransform", "bulletFontName", "bulletFontSize", "bulletColor",
           "leading", "wordWrap", "allowWidows", "allowOrphans", "hyphenationLang", "uriWasteReduce",
           "embeddedHyphenation")


def _parse_key(style) -> tuple:
    key = style.__dict__.get("_parse_key")
    if key is None:  # once per style object; colours and hyphenators by value, not identity
        key = tuple(repr(getattr(style, name, None)) if name != "hyphenationLang" else
                    repr(getattr(getattr(style, name, None), "hyphen", None) is not None) for name in _PARSED)
        style._parse_key = key
    return key


#: Style values that line breaking reads, beyond those the parser copies into frags.
_BREAKING = ("alignment", "leftIndent", "rightIndent", "firstLineIndent", "spaceShrinkage", "splitLongWords",
             "hyphenationMinWordLength", "justifyBreaks", "justifyLastLine", "endDots", "bulletIndent",
             "autoLeading", "name")


def _break_key(style) -> tuple:
    key = style.__dict__.get("_break_key")
    if key is None:
        key = style._break_key = (_parse_key(style), tuple(repr(getattr(style, name, None)) for name in _BREAKING))
    return key


@lru_cache(maxsize=1)  # one store per process
def remembered_parses() -> Remembered:
    """Paragraph parses by markup and the style values the parser reads: (cleaned text, frags, their text,
    whether a word is too long to hyphenate)."""
    return Remembered(PARSES)


@lru_cache(maxsize=1)  # one store per process
def remembered_lines() -> Remembered:
    """Paragraphs' broken lines by markup, widths and the style values line breaking reads."""
    return Remembered(PARSES)


def _note(style, kind: str, key, value) -> None:
    """Tell the brief's store (:mod:`.parastore`) that its build used this parse or these lines."""
    stored = getattr(style, "stored_paragraphs", None)
    if stored is not None:
        stored.use(kind, key, value)


def _copied(frags, broken, width_max, total_fit) -> tuple:
    """A copy of a paragraph's broken lines and words that laying out and drawing may change freely.

    Platypus adds spaces to the words of a line it splits off and hyphens become soft when drawn;
    the frags themselves are shared, as the lines hold copies of them.
    """
    if broken.kind == 0:
        copy = broken.clone(lines=[(extra, list(words)) for extra, words in broken.lines])
    else:
        copy = ParaLines(kind=1, lines=[line.clone(words=[_clone(word) for word in line.words])
                                        for line in broken.lines])
    words = [_copy_word(word) if isinstance(word, list) else word for word in frags]
    return words, copy, width_max, total_fit


def _clone(frag):
    """``frag.clone()``: ReportLab's passes every attribute as a keyword, six times slower than this."""
    if type(frag).__init__ is not ABag.__init__:  # a frag type of its own: its own clone
        return frag.clone()
    twin = object.__new__(type(frag))
    twin.__dict__.update(frag.__dict__)
    return twin


def _copy_word(word: list) -> list:
    # ReportLab's word lists are list subclasses that carry no state but their type; copy.copy
    # takes five times as long to find that out.
    if type(word) is list:
        return word[:]
    return type(word)(word) if not word.__dict__ else _copy.copy(word)


#: Paragraph parses, and paragraphs' lines, remembered per process.
PARSES = 4096


@lru_cache(maxsize=256)
def _unshrunk(style) -> ParagraphStyle:
    """The style for setting planned lines: spaces never shrink, and any word may break where the plan says."""
    hyphens = linebreak.Anywhere(style.hyphenationLang) if style.hyphenationLang else None
    return ParagraphStyle(f"{style.name}-planned", parent=style, spaceShrinkage=0, hyphenationLang=hyphens)


def _ends_with_hyphen(broken, index: int) -> bool:
    """Does line ``index`` of a broken paragraph end on a hyphen (added, soft or the text's own)?"""
    line = broken.lines[index]
    if broken.kind == 0:
        words = line[1]
    else:
        words = [getattr(word, "text", "") for word in line.words if getattr(word, "text", "")]
    drawn = "".join(str(word) for word in words).rstrip()
    return drawn.endswith(("-", "\u00ad", "\u2010"))


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
