"""Escaping user text for ReportLab's paragraph markup.

In:  any text from a brief.
Out: the same text with ``&``, ``<``, ``>`` and quotes escaped, so it prints
     literally and can never be read as a tag or attribute.
"""

_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"))


def escape(text) -> str:
    text = str(text)
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return text
