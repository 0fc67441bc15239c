"""Escaping user text for ReportLab's paragraph markup, and which links it may hold.

In:  any text from a brief.
Out: the same text with ``&``, ``<``, ``>`` and quotes escaped, so it prints
     literally and can never be read as a tag or attribute; and :data:`LINK_SCHEMES`,
     the only targets a link in a brief may have besides ``#`` cross-references.
"""

#: Links in a brief may only start with these (checked at load time, kept by markup).
LINK_SCHEMES = ("http://", "https://", "mailto:")

_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"))


def escape(text) -> str:
    text = str(text)
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return text
