"""Bidirectional levels of a left-to-right line's characters (the Unicode Bidirectional Algorithm, UAX #9).

In:  a text set in a left-to-right paragraph, with no explicit embedding, override or
     isolate controls (those are refused at load time).
Out: :func:`levels`: each character's embedding level (0 left to right, 1 right to left,
     2 a number inside right-to-left text); :func:`passages`: the (start, end) of each
     right-to-left run (levels 1 and above), which :mod:`briefgen.layout.shaping` sets
     in visual order; :func:`runs`: a passage's runs of one level, in visual order.

Rules W1–W7, N0–N2 and I1–I2 are applied to the single level run of the paragraph
(start and end of sequence: L). Line breaks (class B or S) end a passage.
"""

from __future__ import annotations

import unicodedata

_NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN"})
#: Classes of explicit embeddings, overrides and isolates.
EXPLICIT = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


def is_rtl(char: str) -> bool:
    """A strong right-to-left letter (not an invisible mark such as U+200F)."""
    return unicodedata.bidirectional(char) in ("R", "AL") and unicodedata.category(char) != "Cf"


def has_rtl(text: str) -> bool:
    return not text.isascii() and any(is_rtl(char) for char in set(text))  # each letter once: asked of every text


def levels(text: str) -> list[int]:
    """The embedding level of each character of ``text`` in a left-to-right paragraph."""
    types = [unicodedata.bidirectional(char) or "L" for char in text]
    types = ["L" if t in EXPLICIT else t for t in types]
    previous = "L"
    for i, t in enumerate(types):  # W1: a mark takes the class of what it marks
        if t == "NSM":
            types[i] = "ON" if previous in ("B", "S") else previous
        previous = types[i]
    strong = "L"
    for i, t in enumerate(types):  # W2, W3: numbers after Arabic letters are Arabic numbers
        if t in ("L", "R", "AL"):
            strong = t
        elif t == "EN" and strong == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    for i in range(1, len(types) - 1):  # W4: one separator between two numbers of a kind joins them
        before, after = types[i - 1], types[i + 1]
        if types[i] == "ES" and before == after == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    i = 0
    while i < len(types):  # W5: terminators (%, $) next to a European number belong to it
        if types[i] == "ET":
            j = i
            while j < len(types) and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < len(types) and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]  # W6
    strong = "L"
    for i, t in enumerate(types):  # W7: numbers in left-to-right text are left to right
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[i] = "L"
    _brackets(text, types)  # N0
    i = 0
    while i < len(types):  # N1, N2: neutrals take the direction around them, else the paragraph's
        if types[i] in _NEUTRAL:
            j = i
            while j < len(types) and types[j] in _NEUTRAL:
                j += 1
            before = _direction(types[i - 1]) if i > 0 else "L"
            after = _direction(types[j]) if j < len(types) else "L"
            types[i:j] = [before if before == after else "L"] * (j - i)
            i = j
        else:
            i += 1
    return [1 if t == "R" else 2 if t in ("AN", "EN") else 0 for t in types]  # I1


#: Paired brackets (Bidi_Paired_Bracket), opening -> closing.
_PAIRS = {"(": ")", "[": "]", "{": "}", "\u2045": "\u2046", "\u207D": "\u207E", "\u208D": "\u208E",
          "\u2329": "\u232A", "\u3008": "\u3009", "\uFF08": "\uFF09", "\uFF3B": "\uFF3D"}
_CLOSING = {closing: opening for opening, closing in _PAIRS.items()}


def _brackets(text: str, types: list) -> None:
    """Rule N0: a bracket pair takes the direction of the text inside it, or of the text before it."""
    pairs, stack = [], []
    for i, char in enumerate(text):  # BD16: pairs found with a bounded stack
        if types[i] != "ON":
            continue
        if char in _PAIRS:
            if len(stack) == 63:
                break
            stack.append((char, i))
        elif char in _CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == _CLOSING[char]:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    for opening, closing in sorted(pairs):
        inside = {_direction(t) for t in types[opening + 1:closing] if t in ("L", "R", "EN", "AN")}
        if "L" in inside:
            direction = "L"
        elif "R" in inside:
            before = next((_direction(t) for t in reversed(types[:opening]) if t in ("L", "R", "EN", "AN")), "L")
            direction = "R" if before == "R" else "L"
        else:
            continue
        types[opening] = types[closing] = direction


def _direction(kind: str) -> str:
    return "R" if kind in ("R", "AN", "EN") else "L"


def passages(text: str) -> list[tuple[int, int]]:
    """(start, end) of each right-to-left run of ``text``, with the numbers and neutrals inside it."""
    found, start = [], None
    for index, level in enumerate(levels(text) + [0]):
        if level and start is None and text[index] not in "\n\t":
            start = index
        elif (not level or text[index:index + 1] in ("\n", "\t")) and start is not None:
            found.append((start, index))
            start = None
    return found


def runs(passage: str, passage_levels: list[int] | None = None) -> list[tuple[bool, str]]:
    """A passage's runs of one level in visual order: (right to left?, text in logical order).

    ``passage_levels``: its characters' levels in the whole text (by default, as if alone).
    All of a passage is at level 1 or 2, so its level runs simply reverse (rule L2); a
    right-to-left run's own characters are put in visual order by the shaper.
    """
    found: list = []
    for char, level in zip(passage, passage_levels or levels(passage)):
        rtl = level != 2
        if found and found[-1][0] == rtl:
            found[-1][1] += char
        else:
            found.append([rtl, char])
    return [(rtl, text) for rtl, text in reversed(found)]


__all__ = ["EXPLICIT", "has_rtl", "is_rtl", "levels", "passages", "runs"]
