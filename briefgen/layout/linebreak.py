"""Total-fit line breaking (Knuth and Plass) for justified paragraphs.

In:  a ReportLab paragraph (its frags and style) and its line widths.
Out: the paragraph's lines, as ReportLab's own breaker sets them when each line is
     given the width planned for it (:func:`break_lines`): links, note references,
     inline styles, no-break spaces and tagging work as they always have.

The paragraph is a sequence of boxes (words, with the widths ReportLab measures),
glue (the space after a word, which may stretch by :data:`STRETCH` and shrink by
:data:`SHRINK` of its width) and penalties (hyphenation points, found by ReportLab's
own hyphenation with the brief's pyphen patterns). Of all ways to break it, the one
with the least total demerits wins (Knuth and Plass, "Breaking paragraphs into
lines", 1981). Passes, as in TeX, go from strict to loose (:func:`_plan`); past the
last, ReportLab's own first-fit breaker takes the paragraph. No line is ever wider
than its column. A line looser than its spaces may stretch is letter-spaced
(:func:`_track`), so no word space is wider than 1 + STRETCH times the font's.

Plans are remembered per process by the paragraph's text, fonts, widths and style,
so a rebuild in ``watch`` or a batch pays for each paragraph once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.abag import ABag
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import (
    _FK_BREAK,
    _getFragWords,
    _handleBulletWidth,
    _HSFrag,
    _hyGenFragsPair,
    _processed_frags,
)

from ..memo import Remembered
from ..pdf.marking import TRACKING_CALLBACK

#: How far a word space may stretch, as a share of its width: at most 1.6 times the font's space.
STRETCH = 0.6
#: How far a word space may shrink, as a share of its width.
SHRINK = 0.3
#: Largest adjustment ratio of a line in the first pass (1: spaces at most 1 + STRETCH wide).
TOLERANCE = 1.0
#: Largest adjustment ratio in the later passes. Past 1, a line's spaces stay at 1 + STRETCH and
#: the rest is spread between its letters (see :func:`_justified`), up to :data:`MAX_TRACKING`.
TRACKED_TOLERANCE = 2.5
#: The last pass's tolerance, for paragraphs that cannot be set within TRACKED_TOLERANCE.
LOOSE_TOLERANCE = 4.0
#: Demerits for a line looser than TOLERANCE (letter-spaced): about what a hyphen costs, so that
#: neither is used where the other would do better.
TRACKED_LINE = 700 ** 2
#: Most space added between letters, as a share of the font size.
MAX_TRACKING = 0.05
#: Demerits (Knuth-Plass): per line, per hyphen, for hyphens on consecutive lines (forbidden but in
#: the last pass), for a hyphen on a paragraph's last full line, and for lines of very different
#: tightness side by side.
LINE_PENALTY = 10
HYPHEN_PENALTY = 2500
CONSECUTIVE_HYPHENS = 10000
LAST_LINE_HYPHEN = 5000
FITNESS_JUMP = 1000
#: Plans remembered per process, at most.
MEMO = 8192
#: A paragraph of more words is set by ReportLab's first fit, whose work grows only with its length:
#: total fit's grows with its length times the breaks a line may end at (a paragraph of 200,000
#: characters took 6 s). Real paragraphs have a few hundred words.
MAX_WORDS = 1500
#: Words of fewer letters are never hyphenated (as ReportLab's rl_settings).
MIN_WORD = 5


@dataclass
class _Word:
    width: float
    space: float  # the space after the word (0: joined to the next word, or none)
    stretch: float  # stretchable width of the space before this word on a line, plus its no-break spaces
    forced: bool = False  # a hard line break
    source: object = None  # what ReportLab hyphenates: the word's text (one style) or frag word; None: never
    splits: list | None = None  # [(head width with hyphen, tail width)], longest head first, once found
    any_splits: list | None = None  # the same, capitalised words included (the last resort)


@lru_cache(maxsize=1)  # one store per process
def plans() -> Remembered:
    return Remembered(MEMO)


class Budget:
    """How many more words total fit may set in this layout pass (``limits.total_fit_words``).

    One per render, shared by its styles (``style.line_budget``) and refilled at the start of each
    pass, so every pass makes the same choices, in the order the paragraphs are laid out. A
    paragraph counts whether its plan is remembered or not, so warm and cold builds agree.
    """

    def __init__(self, words: int):
        self.words = self.left = words

    def refill(self) -> None:
        self.left = self.words

    def take(self, words: int) -> bool:
        if words > self.left:
            self.left = 0  # later paragraphs, even short ones, are set first fit too
            return False
        self.left -= words
        return True


def eligible(paragraph) -> bool:
    """Is this paragraph set by total fit? Justified text in plain words, while the budget lasts; anything
    unusual keeps ReportLab's rules. Decided once per paragraph."""
    decided = paragraph.__dict__.get("_fit_decided")
    if decided is None:
        decided = paragraph._fit_decided = _eligible(paragraph)
    return decided


def _eligible(paragraph) -> bool:
    style = paragraph.style
    if style.alignment != 4 or getattr(style, "wordWrap", None) or getattr(style, "endDots", None):
        return False
    if getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off", None):
        return False
    frags = paragraph.frags
    if not frags or _processed_frags(frags):
        return False
    words = 0
    for frag in frags:
        if not hasattr(frag, "text"):  # a part of a one-style paragraph split by ReportLab: words, no text
            return False
        text = frag.text or ""
        if "\xad" in text:  # soft hyphens in the text: ReportLab's own rules for them
            return False
        words += text.count(" ") + 1
        if words > MAX_WORDS:
            return False
    budget = getattr(style, "line_budget", None)
    return budget is None or budget.take(words)


def break_lines(paragraph, widths, greedy):
    """The paragraph's lines, broken by total fit.

    ``greedy(widths, guided)`` is ReportLab's own breaker; ``guided`` asks it to set
    exactly the planned lines (each given its natural width, spaces not shrunk).
    """
    style = paragraph.style
    if len(paragraph.frags) == 1 and not hasattr(paragraph.frags[0], "cbDefn"):
        # one style: a zero-width callback after it makes ReportLab set it as words of frags (kind 1),
        # whose lines can be letter-spaced
        paragraph.frags = paragraph.frags + [_callback(paragraph.frags[0], TRACKING_CALLBACK, "0 0 0 0 0")]
    real = list(widths)
    _handleBulletWidth(paragraph.bulletText, style, real)  # as ReportLab will, on the widths it is given
    bullet_shift = real[0] - widths[0]
    hyphenator = style.hyphenationLang
    key = (_texts(paragraph.frags), tuple(real), style.fontName, style.fontSize, style.embeddedHyphenation,
           id(getattr(hyphenator, "hyphen", hyphenator)) if hyphenator else None, str(paragraph.bulletText))
    store, stored = plans(), getattr(style, "stored_plans", None)  # in this process; across processes
    found = store.get(key)
    if found is None:
        lasting = stored.key(paragraph, real) if stored is not None else None  # (see planstore)
        plan = stored.get(lasting) if lasting is not None else None
        if plan is None:
            words = _words(paragraph)
            plan = (_plan(paragraph, words, real) if words else None) or ()
            if lasting is not None:
                stored.put(lasting, plan)
        found = (plan, lasting)
        store.put(key, found)
    plan, lasting = found
    if stored is not None and lasting is not None:
        stored.use(lasting, plan)  # a plan this process remembered still goes into this brief's entry
        paragraph._stored_plan = found  # and so does the plan of lines the paragraph remembers (Para.breakLines)
    if not plan:
        return greedy(widths, False)
    limits = [line[0] + 1e-6 for line in plan]
    limits[0] -= bullet_shift
    frags = paragraph.frags
    broken = greedy(limits, True)
    if not _matches(broken, plan, limits, bullet_shift):
        paragraph.frags = frags
        return greedy(widths, False)
    return _justified(broken, plan)


def _texts(frags) -> tuple:
    """What a paragraph says and in which fonts: its words and their widths follow from it."""
    return tuple((getattr(frag, "text", None), frag.fontName, frag.fontSize, getattr(frag, "rise", 0),
                  getattr(frag, "lineBreak", False), getattr(frag, "nobr", False),
                  getattr(getattr(frag, "cbDefn", None), "width", None)) for frag in frags)


def _words(paragraph) -> list | None:
    """The paragraph's words as ReportLab's breaker sees them (frag words), or None if it has none."""
    style, frags = paragraph.style, paragraph.frags
    hyphenate = bool(style.hyphenationLang or style.embeddedHyphenation)
    words = []
    for fw in _getFragWords(frags, None):
        first, last = fw[1][0], fw[-1][0]
        if first._fkind == _FK_BREAK:
            words.append(_Word(0, 0, 0, forced=True))
            continue
        if hasattr(first, "cbDefn") and getattr(first.cbDefn, "width", 0):
            return None  # an inline image: ReportLab's rules
        space = stringWidth(" ", last.fontName, last.fontSize) if isinstance(fw, _HSFrag) else 0
        nbsp = sum(text.count("\xa0") for _, text in fw[1:] if isinstance(text, str))
        word = _Word(fw[0], space, nbsp * stringWidth(" ", first.fontName, first.fontSize) * STRETCH)
        plain = hyphenate and not getattr(first, "nobr", False) and not hasattr(first, "cbDefn")
        word.source = fw if plain else None
        words.append(word)
    if not words:
        return None
    words[-1].space = 0
    return words


def _splits(paragraph, word, capitals: bool = False) -> list:
    """(head width with its hyphen, tail width) for each place ReportLab could break the word, longest first.

    Found by asking ReportLab's own hyphenation for the longest head within ever smaller
    widths, so that given a planned width, ReportLab breaks the word at the planned place.
    ``capitals``: names and other capitalised words too (a last resort, see :class:`Anywhere`).
    """
    style = paragraph.style
    found = []
    if word.source is None or word.width <= 0:
        return found
    hyphenator, found_for = style.hyphenationLang or None, {}
    if hyphenator is not None:
        ask = Anywhere(hyphenator) if capitals else hyphenator

        def hyphenator(text):  # ReportLab asks again for each width: pyphen once per word
            if text not in found_for:
                found_for[text] = list(ask(text))
            return found_for[text]
    embedded = style.embeddedHyphenation
    minimum = getattr(style, "hyphenationMinWordLength", MIN_WORD)
    limit = math.inf
    for _ in range(64):
        got = _hyGenFragsPair(hyphenator, word.source, word.source[0], limit, 0, embedded, minimum)
        if not got:
            break
        head, tail = got[1][0], got[2][0]
        if head >= limit or head <= 0 or tail <= 0:
            break
        found.append((head, tail))
        limit = head - 1e-3
    return found


class Anywhere:
    """A hyphenator that also breaks capitalised words, which the brief's own one leaves whole.

    Planned lines are set with it: only a planned break fits the planned width, so it
    hyphenates no more than the plan says, and a capitalised word only when the plan does.
    """

    def __init__(self, hyphenator):
        self.hyphenator, self.soft = hyphenator, getattr(hyphenator, "soft", False)

    def __call__(self, word: str) -> list:
        hyphen = getattr(self.hyphenator, "hyphen", None)
        return list(hyphen.iterate(word)) if hyphen is not None else self.hyphenator(word)


def _plan(paragraph, words, widths):
    """[(natural width, width, next line's first word, its split, stretch, pass)] per line, or None.

    Passes, until one sets every line within its tolerance: no hyphens, spaces within their
    limits; then hyphens or letter-spaced lines, whichever costs less; the same with hyphens in
    capitalised words too; and a looser tolerance, with hyphens on consecutive lines.
    """
    for hyphens, tolerance, consecutive in ((None, TOLERANCE, False), ("splits", TRACKED_TOLERANCE, False),
                                            ("any_splits", TRACKED_TOLERANCE, False),
                                            ("any_splits", LOOSE_TOLERANCE, True)):
        if hyphens:
            for word in words:
                if getattr(word, hyphens) is None:
                    setattr(word, hyphens, _splits(paragraph, word, capitals=hyphens == "any_splits"))
        splits = [getattr(word, hyphens) for word in words] if hyphens else [None] * len(words)
        found = _best(words, widths, splits, tolerance, consecutive)
        if found is not None:
            return [line + (hyphens,) for line in found]
    return None


class _Node:
    """An active breakpoint: where the next line starts, and the best way here."""

    __slots__ = ("word", "split", "line", "fitness", "demerits", "previous", "flagged", "natural", "give")

    def __init__(self, word, split, line, fitness, demerits, previous, flagged, natural, give=0.0):
        self.word, self.split, self.line, self.fitness = word, split, line, fitness
        self.demerits, self.previous, self.flagged, self.natural, self.give = demerits, previous, flagged, natural, give


def _best(words, widths, splits, tolerance, consecutive):
    """The least-demerits breaks, as in :func:`_plan`, or None if none is within tolerance."""
    count = len(words)
    # Prefix sums of what each word adds after the first on its line: the space before it and its width,
    # as ReportLab adds them (a word of no width adds nothing, not even the space before it).
    adds, stretch, spaces = [0.0], [0.0], [0.0]
    for index, word in enumerate(words):
        before = words[index - 1].space if index and word.width > 0 else 0.0
        adds.append(adds[-1] + (before + word.width if word.width > 0 else 0.0))
        stretch.append(stretch[-1] + before * STRETCH + word.stretch)
        spaces.append(spaces[-1] + before)
    last_class = len(widths) - 1
    active = [_Node(0, None, 0, 1, 0.0, None, False, 0.0)]

    def measure(node, end, split):
        """Natural width, stretch and shrink of the line from ``node`` to the break (end, split)."""
        start = node.word
        first = splits[start][node.split][1] if node.split is not None else words[start].width
        give = words[start].stretch
        if split is None:
            natural = first + adds[end + 1] - adds[start + 1]
            give += stretch[end + 1] - stretch[start + 1]
            room = spaces[end + 1] - spaces[start + 1]
        else:
            before = words[end - 1].space
            natural = first + adds[end] - adds[start + 1] + before + splits[end][split][0]
            give += stretch[end] - stretch[start + 1] + before * STRETCH
            room = spaces[end] - spaces[start + 1] + before
        return natural, give, room * SHRINK

    for end in range(count):
        word = words[end]
        candidates = []
        if splits[end]:
            # shortest head first: breaks are tried in the order of the text, as dropping a node too wide
            # for this break is right only if every later break is wider still
            candidates += [(index, True) for index in reversed(range(len(splits[end])))]
        is_last = end == count - 1
        if word.forced or is_last or (word.space > 0 and words[end + 1].width > 0 and not words[end + 1].forced):
            candidates.append((None, False))
        for split, flagged in candidates:
            final = split is None and (word.forced or is_last)
            best, keep = {}, []
            for node in active:
                if split is not None and node.word >= end:
                    keep.append(node)  # a line of only a hyphenated head, or two breaks in one word: never
                    continue
                width = widths[min(node.line, last_class)]
                natural, give, shrink = measure(node, end, split)
                if natural > width + 1e-9:
                    ratio = (width - natural) / shrink if shrink > 0 else -math.inf
                elif final:
                    ratio = 0.0
                else:
                    ratio = (width - natural) / give if give > 0 else math.inf
                if ratio < -1:
                    continue  # too wide already: no later break can end a line begun here
                keep.append(node)
                if ratio > tolerance:
                    continue
                if flagged and node.flagged and not consecutive:
                    continue
                badness = 100 * abs(ratio) ** 3
                demerits = (LINE_PENALTY + badness) ** 2 + (HYPHEN_PENALTY ** 2 if flagged else 0)
                if flagged and node.flagged:
                    demerits += CONSECUTIVE_HYPHENS
                if final and node.flagged:
                    demerits += LAST_LINE_HYPHEN
                if ratio > TOLERANCE:
                    demerits += TRACKED_LINE
                fitness = 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3
                if abs(fitness - node.fitness) > 1 and not final:
                    demerits += FITNESS_JUMP
                total = node.demerits + demerits
                slot = (fitness, min(node.line + 1, last_class))
                if slot not in best or total < best[slot][0]:
                    best[slot] = (total, node, natural, give)
            active = [] if final else keep
            start = end if split is not None else end + 1
            for (fitness, _), (total, node, natural, give) in best.items():
                active.append(_Node(start, split, node.line + 1, fitness, total, node, flagged, natural, give))
            if not active:
                return None
    node = min(active, key=lambda found: found.demerits)
    lines = []
    while node.previous is not None:  # each line: natural width, width, where the next line starts, stretch
        lines.append((node.natural, widths[min(node.previous.line, last_class)], node.word, node.split, node.give))
        node = node.previous
    lines.reverse()
    return lines


def _matches(broken, plan, limits, bullet_shift) -> bool:
    """Did ReportLab, given the planned widths, set the planned lines?"""
    lines = broken.lines
    if broken.kind != 1 or len(lines) != len(plan):
        return False
    for index, (line, (natural, *_)) in enumerate(zip(lines, plan)):
        limit = limits[index] + (bullet_shift if index == 0 else 0)
        if abs(limit - line.extraSpace - natural) > 1e-3:
            return False
    return True


def _justified(broken, plan):
    """The lines with their spare room measured against the real widths, for justification.

    A line looser than its spaces may stretch keeps them at that limit and spreads the rest
    between its letters (up to MAX_TRACKING of the font size): a zero-width callback at the
    line's start sets the character spacing, one at the next line's start resets it (see
    :class:`briefgen.pdf.marking.SpanCanvas`).
    """
    lines = broken.lines
    # last line first: a line's reset goes in front of what the next line sets
    for index, (natural, width, _, _, give, _) in reversed(list(enumerate(plan))):
        line = lines[index]
        line.extraSpace, line.maxWidth = width - natural, width
        if index < len(plan) - 1 and give > 0 and line.extraSpace > give * (1 + 1e-9) and not line.lineBreak:
            _track(line, lines[index + 1], give)
    return broken


def _track(line, following, give) -> None:
    texts = [word for word in line.words if not hasattr(word, "cbDefn") and getattr(word, "text", "")]
    if not texts:
        return
    drawn = "".join(word.text for word in texts).rstrip()
    spaces = line.wordCount - 1 + sum(word.text.count("\xa0") for word in texts)
    gaps = len(drawn) - 1 - spaces  # between letters; Tc widens the spaces too, so they take less Tw
    size = max(word.fontSize for word in texts)
    if spaces <= 0 or gaps <= 0:
        return
    give *= 1 - 1e-3  # spaces just inside their limit, not on it
    tracking = min((line.extraSpace - give) / gaps, MAX_TRACKING * size)
    line.extraSpace -= tracking * (gaps + spaces)  # what is left for the word spaces
    # the label: the spacing, and what link rectangles need to follow it: the gaps it widens, the
    # line's glyphs' width, and the word spacing ReportLab sets and over how many spaces
    glyphs = line.maxWidth - line.extraSpace - tracking * (len(drawn) - 1)
    label = f"{tracking:.4f} {len(drawn) - 1} {glyphs:.3f} {line.extraSpace / spaces:.4f} {spaces}"
    line.words.insert(0, _callback(texts[0], TRACKING_CALLBACK, label))
    following.words.insert(0, _callback(texts[0], TRACKING_CALLBACK, "0 0 0 0 0"))


def _callback(like, name, label):
    """A zero-width frag that calls the canvas's ``name`` callback with ``label`` where it is drawn."""
    frag = like.clone(text="")
    frag.cbDefn = ABag(kind="onDraw", name=name, label=label)
    return frag
