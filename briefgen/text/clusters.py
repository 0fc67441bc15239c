"""Letters with their combining marks: the units a font must set whole.

In:  a text.
Out: :func:`clusters`: the text cut into letters, each with the combining marks that
     follow it (a mark that starts the text, or a line, stands alone); :func:`is_mark`.

A mark set in another font than its letter sits apart from it, and PDF readers that drop
text drawn twice at one place (PDFium, poppler) lose a doubled mark from the copied text:
:mod:`briefgen.layout.fonts` keeps a cluster in one font, :mod:`briefgen.schema.glyphs`
refuses the clusters that cannot print right.
"""

from __future__ import annotations

import unicodedata


def is_mark(char: str) -> bool:
    """A combining mark that takes no room of its own: it sits on the letter before it."""
    return unicodedata.category(char) in ("Mn", "Me")


def clusters(text: str) -> list[str]:
    """``text`` cut into letters, each with the combining marks after it."""
    found: list = []
    for char in text:
        if found and is_mark(char) and found[-1][-1] != "\n":
            found[-1] += char
        else:
            found.append(char)
    return found


__all__ = ["clusters", "is_mark"]
