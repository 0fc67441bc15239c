"""The structure tree, written into the PDF that ReportLab made.

In:  an open :class:`pikepdf.Pdf` (ReportLab's output, whose pages carry marked
     content), the :class:`~.structure.StructureTree` gathered while it was drawn,
     and the associated files' specifications by name (PDF/A-3).
Out: the same PDF with /StructTreeRoot (elements in the brief's order, /RoleMap,
     /ParentTree), /StructParents and /Tabs /S on every page, each link
     annotation inside a /Link element with its /Contents, /MarkInfo, /Lang and
     /ViewerPreferences /DisplayDocTitle.

Elements that got no content (a note never drawn, a caption of an empty table)
are left out, so the tree holds only what a reader can reach.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .structure import ROLE_MAP, Content, Element, LinkAnnotation


class _Writer:
    """Elements for the tree's pages ``first_page``...; parent-tree keys from ``first_key``."""

    def __init__(self, pdf: pikepdf.Pdf, files: dict, first_page: int = 0, first_key: int = 0):
        self.pdf = pdf
        self.files = files
        self.pages = [page.obj for page in pdf.pages][first_page:]
        self.first_key = first_key
        self.by_mcid: list[dict] = [{} for _ in self.pages]  # page -> mcid -> element reference
        self.annotations: list = []  # link elements in /StructParent order
        self.idents: dict = {}  # /ID -> element, for the root's /IDTree
        self.tagged_annotations: set = set()  # (page, index)
        self.kept: set = set()  # ids of the elements written (those with content below them)
        self.annots: dict = {}  # page -> its /Annots, as a list
        self.roles: dict = {}  # role -> its name object

    def tree(self, element: Element, parent) -> pikepdf.Object:
        """``element`` and what hangs below it, less the elements that got no content."""
        self.kept = _with_content(element)
        return self.element(element, parent)

    def element(self, element: Element, parent) -> pikepdf.Object:
        # An empty object first, which the kids name as their parent, then filled in one call:
        # qpdf sets an indirect object's keys one call each, and copies a full one made indirect.
        entry = self.pdf.make_indirect(Dictionary())
        first_page = next((kid.page for kid in element.kids if isinstance(kid, Content)), None)
        kids = []
        for kid in element.all_kids():
            if isinstance(kid, Element):
                if id(kid) in self.kept:
                    kids.append(self.element(kid, entry))
            elif isinstance(kid, Content):
                self.by_mcid[kid.page][kid.mcid] = entry
                kids.append(kid.mcid if kid.page == first_page else
                            Dictionary(Type=Name.MCR, Pg=self.pages[kid.page], MCID=kid.mcid))
            elif isinstance(kid, LinkAnnotation):
                kids.append(self.link(kid, entry))
        fields = {"/Type": Name.StructElem, "/S": self.role(element.role), "/P": parent, "/K": Array(kids)}
        if first_page is not None:
            fields["/Pg"] = self.pages[first_page]
        self.attributes(element, entry, fields)
        self.pdf._replace_object(entry.objgen, Dictionary(fields))
        return entry

    def role(self, role: str) -> pikepdf.Name:
        name = self.roles.get(role)
        if name is None:
            name = self.roles[role] = Name("/" + role)
        return name

    def attributes(self, element: Element, entry, fields: dict) -> None:
        """``element``'s attributes, into the ``fields`` of its ``entry``."""
        if element.alt is not None:
            fields["/Alt"] = String(element.alt)
        if element.lang:
            fields["/Lang"] = String(element.lang)
        if element.ident:
            fields["/ID"] = String(element.ident)
            self.idents[element.ident] = entry
        if element.scope or element.colspan > 1 or element.headers:
            table = Dictionary(O=Name.Table)  # filled before it is set: pikepdf copies a direct object
            if element.scope:
                table.Scope = Name("/" + element.scope)
            if element.colspan > 1:
                table.ColSpan = element.colspan
            if element.headers:
                table.Headers = Array([String(ident) for ident in element.headers])
            fields["/A"] = table
        if element.bbox is not None:
            fields["/A"] = Dictionary(O=Name.Layout, BBox=Array(element.bbox))
        files = [self.files[name] for name in element.files if name in self.files]
        if files:
            fields["/AF"] = Array(files)

    def link(self, kid: LinkAnnotation, parent) -> pikepdf.Object:
        """A /Link element holding the annotation (OBJR); the annotation says where it goes."""
        page = self.pages[kid.page]
        annots = self.annots.get(kid.page)
        if annots is None:  # each lookup through pikepdf makes new wrappers: once per page
            annots = self.annots[kid.page] = list(page.Annots)
        annotation = annots[kid.index]
        link = self.pdf.make_indirect(Dictionary())
        self.pdf._replace_object(link.objgen, Dictionary(Type=Name.StructElem, S=Name.Link, P=parent, Pg=page, K=Array(
            [Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)])))
        annotation.Contents = String(kid.contents)
        annotation.StructParent = self.first_key + len(self.pages) + len(self.annotations)
        self.annotations.append(link)
        self.tagged_annotations.add((kid.page, kid.index))
        return link

    def stray_links(self, parent) -> list:
        """Links drawn only in artifacts (none today): still tagged, as PDF/UA wants every annotation."""
        links = []
        for number, page in enumerate(self.pages):
            for index, annotation in enumerate(page.get("/Annots", ())):
                if (number, index) not in self.tagged_annotations and annotation.get("/Subtype") == Name.Link:
                    contents = str(annotation.get("/Contents", "")) or "Link"
                    links.append(self.link(LinkAnnotation(number, index, contents), parent))
        return links


def _parent_tree_entries(pdf, writer: _Writer) -> list:
    """Give the writer's pages and annotations their keys; return the (key, value) pairs for /ParentTree."""
    entries = []
    for number, page in enumerate(writer.pages):
        marks = writer.by_mcid[number]
        key = writer.first_key + number
        entries.append((key, pdf.make_indirect(Array([marks[mcid] for mcid in sorted(marks)]))))
        page.StructParents = key
        page.Tabs = Name.S
    start = writer.first_key + len(writer.pages)
    entries += [(key, link) for key, link in enumerate(writer.annotations, start)]
    return entries


def write_structure(pdf: pikepdf.Pdf, tree, files: dict | None = None) -> None:
    """Write ``tree`` (a :class:`~.structure.StructureTree`) into ``pdf`` as its structure tree."""
    writer = _Writer(pdf, files or {})
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = writer.tree(tree.root, root)
    for link in writer.stray_links(document):
        document.K.append(link)
    root.K = Array([document])
    root.RoleMap = Dictionary({"/" + role: Name("/" + standard) for role, standard in ROLE_MAP.items()})
    entries = _parent_tree_entries(pdf, writer)
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([item for entry in entries for item in entry])))
    root.ParentTreeNextKey = len(entries)
    _add_idents(pdf, root, writer.idents)
    catalog = pdf.Root
    catalog.StructTreeRoot = root
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = String(tree.lang)
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)


def append_structure(pdf: pikepdf.Pdf, tree, first_page: int) -> bool:
    """Join ``tree``, drawn on ``pdf``'s pages from ``first_page`` on, to the end of ``pdf``'s own tree.

    For pages appended to a tagged document (``briefgen attach``): the tree's top
    elements go after the document's last top element, with parent-tree keys after
    its own. False (and nothing changed) when ``pdf`` has no structure tree to join.
    """
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return False
    kids = root.get("/K")
    top = kids[len(kids) - 1] if isinstance(kids, Array) and len(kids) else kids
    if not isinstance(top, Dictionary) or top.get("/Type", Name.StructElem) != Name.StructElem:
        top = root  # no single top element: join the root itself
    tree_parent = root.get("/ParentTree")
    if not isinstance(tree_parent, Dictionary):
        tree_parent = root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array()))
    first_key = int(root.get("/ParentTreeNextKey", 0)) or _next_key(tree_parent)
    writer = _Writer(pdf, {}, first_page, first_key)
    added = [writer.tree(kid, top) for kid in tree.root.kids if isinstance(kid, Element) and kid.has_content()]
    added += writer.stray_links(top)
    kids = top.get("/K")
    kids = Array([]) if kids is None else kids if isinstance(kids, Array) else Array([kids])
    kids.extend(added)
    top.K = kids
    entries = _parent_tree_entries(pdf, writer)
    numbers = tree_parent.get("/Nums")
    if not isinstance(numbers, Array):  # a tree of /Kids: keep it, and add ours beside it
        tree_parent = root.ParentTree = pdf.make_indirect(Dictionary(Kids=Array([tree_parent, pdf.make_indirect(
            Dictionary(Nums=Array(), Limits=Array([first_key, first_key + max(len(entries) - 1, 0)])))])))
        numbers = tree_parent.Kids[1].Nums
    numbers.extend(item for entry in entries for item in entry)
    root.ParentTreeNextKey = first_key + len(entries)
    _add_idents(pdf, root, writer.idents)
    role_map = root.get("/RoleMap")
    if not isinstance(role_map, Dictionary):
        role_map = root.RoleMap = Dictionary()
    for role, standard in ROLE_MAP.items():
        if "/" + role not in role_map:
            role_map["/" + role] = Name("/" + standard)
    return True


def _add_idents(pdf, root, idents: dict) -> None:
    """Elements with an /ID (notes, header cells) in the root's /IDTree, where /Headers are looked up."""
    if not idents:
        return
    existing = root.get("/IDTree")
    if not isinstance(existing, Dictionary):
        # A new tree is one leaf, its keys in byte order: qpdf inserts one key at a time, slowly.
        keyed = sorted(((bytes(String(ident)), entry) for ident, entry in idents.items()), key=lambda pair: pair[0])
        root.IDTree = pdf.make_indirect(Dictionary(Names=Array([item for key, entry in keyed
                                                                for item in (String(key), entry)])))
        return
    tree = pikepdf.NameTree(existing)
    for ident, entry in sorted(idents.items()):
        tree[ident] = entry
    root.IDTree = tree.obj


def _with_content(element: Element) -> set:
    """The ids of ``element`` and of the elements below it that hold content, found in one walk."""
    kept: set = set()

    def visit(node) -> bool:
        holds = False
        for kid in node.all_kids():
            holds = (visit(kid) if isinstance(kid, Element) else True) or holds
        if holds:
            kept.add(id(node))
        return holds

    visit(element)
    return kept


def _next_key(parent_tree) -> int:
    """One more than the largest key in a /Nums array (the common, flat case), else 100000."""
    numbers = parent_tree.get("/Nums")
    if isinstance(numbers, Array) and len(numbers) >= 2:
        return max(int(numbers[i]) for i in range(0, len(numbers), 2)) + 1
    return 100_000


__all__ = ["append_structure", "write_structure"]
