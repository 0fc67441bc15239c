"""Typography for plain-text fields (titles, captions, chart labels).

In:  text as typed: straight quotes, '--', '...'.
Out: the same text with typographic quotes and apostrophes (’ ‘ “ ”), en and em
     dashes and an ellipsis, as Markdown prose gets from markdown-it's
     typographer, so titles and captions match the body text; and, for
     paragraph markup, dates whose day and month never part at a line end.
"""

from __future__ import annotations

import re

_RULES = (
    (re.compile(r"---"), "—"),
    (re.compile(r"--"), "–"),
    (re.compile(r"\.\.\."), "…"),
    (re.compile(r"(^|[\s(\[{—–-])\""), r"\1“"),  # an opening double quote follows a space or bracket
    (re.compile(r"\""), "”"),
    (re.compile(r"(^|[\s(\[{—–-])'"), r"\1‘"),
    (re.compile(r"'"), "’"),  # closing quotes and apostrophes
)


def smarten(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) (de )?({_MONTHS})\b")


def tie_dates(markup: str) -> str:
    """Keep '28 July' and '28 de julio' on one line (non-breaking spaces, as paragraph markup)."""
    return _DAY_MONTH.sub(lambda m: m.group(1) + "&nbsp;" + ("de&nbsp;" if m.group(2) else "") + m.group(3),
                          markup)


def tie_last_word(markup: str) -> str:
    """Join a title's last two words with a non-breaking space, so no word is left alone on a line."""
    head, space, last = markup.rpartition(" ")
    if not space or len(last) > 14 or " " not in head.strip():
        return markup
    return f"{head}&nbsp;{last}"


def ellipsize(text: str, width: float, measure) -> str:
    """``text`` cut at a word (or, failing that, a letter) and ended with '…' to fit ``width`` points.

    ``measure(text)`` gives a text's width; ``text`` is returned as it is if it fits.
    """
    if measure(text) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis: a binary search
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + "…") <= width:
            low = middle
        else:
            high = middle - 1
    head = text[:low]
    cut = head.rfind(" ")
    if cut > low * 0.6:  # end at a word when that loses little
        head = head[:cut]
    head = head.rstrip(" ,;:·–—-")
    return head + "…" if head else ""
