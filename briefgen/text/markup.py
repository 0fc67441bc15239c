"""Escaping user text for ReportLab's paragraph markup, and which links it may hold.

In:  any text from a brief.
Out: the same text with ``&``, ``<``, ``>`` and quotes escaped, so it prints
     literally and can never be read as a tag or attribute, and each narrow no-break
     space (U+202F) a no-break space (U+00A0): ReportLab breaks lines at U+202F
     ("1 234" would split), never at U+00A0; and :data:`LINK_SCHEMES`,
     the only targets a link in a brief may have besides ``#`` cross-references.
"""

#: Links in a brief may only start with these (checked at load time, kept by markup).
LINK_SCHEMES = ("http://", "https://", "mailto:")

_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\u202f", "\u00a0"))


def escape(text) -> str:
    text = str(text)
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return text
