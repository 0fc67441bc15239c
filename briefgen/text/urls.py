"""Long web addresses broken into lines at their own seams.

In:  a URL, the width of a line in points, and a function measuring text.
Out: the URL's lines, broken after a '/' where possible, else before '-', '.',
     '_', '?', '&' or '=' (so a line never ends in what looks like a hyphen),
     and only inside a run of letters when one part is wider than the whole line. ReportLab would otherwise break an address
     anywhere ("www.r|adio...") or let it run into the margin.
"""

from __future__ import annotations

import re

_SLASH_PARTS = re.compile(r"[^/]*/+|[^/]+$")
_FINE_PARTS = re.compile(r"[-._?&=]*[^-._?&=]+|[-._?&=]+$")  # a mark starts the next line, never ends one


def url_lines(url: str, width: float, measure) -> list[str]:
    """``url`` as lines no wider than ``width`` (``measure(text)`` gives a text's width)."""
    pieces = []
    for part in _SLASH_PARTS.findall(url):
        if measure(part) <= width:
            pieces.append(part)
            continue
        for fine in _FINE_PARTS.findall(part):
            pieces += [fine] if measure(fine) <= width else list(fine)  # letter by letter, as a last resort
    lines, line = [], ""
    for piece in pieces:
        if line and measure(line + piece) > width:
            lines.append(line)
            line = piece
        else:
            line += piece
    return lines + ([line] if line else [])
