"""Typography for plain-text fields (titles, captions, chart labels).

In:  text as typed: straight quotes, '--', '...'.
Out: the same text with typographic quotes and apostrophes (’ ‘ “ ”), en and em
     dashes and an ellipsis, as Markdown prose gets from markdown-it's
     typographer, so titles and captions match the body text.
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
