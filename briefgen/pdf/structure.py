"""The logical structure of a tagged PDF, built from the brief's own model.

In:  calls made while the story is built (:mod:`briefgen.layout`): one element per
     section, heading, paragraph, list item, table cell, figure, note...; in the
     brief's source order, whatever page each one lands on.
Out: a tree of :class:`Element`. While pages are drawn (:mod:`.marking`) its
     elements gather their marked content (page, MCID) and link annotations;
     :mod:`.tags` then writes it into the PDF as the structure tree.

Nothing here imports ReportLab: the tree is plain data.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

#: Roles of our own, and the standard role each one means to a reader (the PDF's /RoleMap).
ROLE_MAP = {
    "Summary": "Div",
    "Callout": "Div",
    "About": "Div",
}


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: content stream of page ``page`` (0-based), id ``mcid``."""

    page: int
    mcid: int


@dataclass(frozen=True)
class LinkAnnotation:
    """The ``index``-th annotation of page ``page``, and what it says to a reader."""

    page: int
    index: int
    contents: str


@dataclass(eq=False)
class Element:
    """One structure element: a role, its attributes, and its kids in reading order."""

    role: str
    parent: "Element | None" = None
    alt: str | None = None
    lang: str | None = None
    ident: str | None = None  # /ID (notes need one)
    scope: str | None = None  # TH: "Column" or "Row"
    colspan: int = 1  # a cell set across several columns
    headers: tuple = ()  # TD: the ids of its header cells, when its scope is not enough (group rows)
    bbox: tuple | None = None  # Figure: x0, y0, x1, y1 on its (first) page
    files: list = field(default_factory=list)  # associated files (PDF/A-3), by name
    kids: list = field(default_factory=list)  # Element | Content | LinkAnnotation
    # Read after the element's own content, which is only marked when drawn: a paragraph's notes.
    after: list = field(default_factory=list)

    def add(self, role: str, **attributes) -> "Element":
        child = Element(role, self, **attributes)
        self.kids.append(child)
        return child

    def add_after(self, role: str, **attributes) -> "Element":
        child = Element(role, self, **attributes)
        self.after.append(child)
        return child

    def all_kids(self) -> list:
        return self.kids + self.after

    def has_content(self) -> bool:
        """Does anything a reader gets hang below this element?"""
        return any(not isinstance(kid, Element) or kid.has_content() for kid in self.all_kids())


class StructureTree:
    """The document's tree, with a cursor: where the next element goes.

    ``open(role)`` makes an element the parent of what is added inside the ``with``;
    ``add(role)`` adds a leaf under the current parent.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.root = Element("Document")
        self._stack = [self.root]

    @property
    def current(self) -> Element:
        return self._stack[-1]

    def add(self, role: str, **attributes) -> Element:
        return self.current.add(role, **attributes)

    @contextmanager
    def open(self, role_or_element, **attributes):
        element = (role_or_element if isinstance(role_or_element, Element)
                   else self.current.add(role_or_element, **attributes))
        self._stack.append(element)
        try:
            yield element
        finally:
            self._stack.pop()

    @contextmanager
    def under(self, element: Element):
        """Add to ``element`` for a while (e.g. a table's cells, made row by row)."""
        self._stack.append(element)
        try:
            yield element
        finally:
            self._stack.pop()

    def heading_role(self, level: int) -> str:
        """H2 for a section, H3 for a subsection: the title is the only H1."""
        return f"H{min(6, level + 2)}"


__all__ = ["Content", "Element", "LinkAnnotation", "ROLE_MAP", "StructureTree"]
