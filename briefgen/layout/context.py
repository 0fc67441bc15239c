"""The layout context handed to every block: styles, widths and text helpers.

In:  a checked brief (with theme and index) and the page geometry.
Out: a :class:`LayoutDoc` whose helpers turn Prose into paragraphs and lists,
     build captions and source lines, and measure and draw footnotes.
"""

from __future__ import annotations

from ..text.markup import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ..pdf.marking import artifact
from ..pdf.structure import StructureTree
from .paragraph import Para

from ..text import markdown
from ..text.i18n import label
from ..text.typography import tie_last_word
from .styles import build_styles


#: Structure elements that hold other elements, never text of their own (so never a note).
CONTAINER_ROLES = frozenset({"L", "LI", "Table", "THead", "TBody", "TR", "TOC", "Sect"})


class LayoutDoc(markdown.Resolver):
    """Everything a block's ``layout()`` needs; also resolves footnotes and anchors."""

    def __init__(self, brief, frame_width: float, frame_height: float = 700, styles=None, memo=None,
                 chart_worker=None, endnotes: bool = False):
        self.brief = brief
        self.theme = brief.theme
        self.index = brief.index
        self.lang = brief.meta.language
        self.indent = brief.theme.page.text_indent * mm
        self.full_width = frame_width
        self.text_width = frame_width - self.indent
        self.frame_height = frame_height
        self.memo = {} if memo is None else memo  # shared by all layout passes of one build
        self.chart_worker = chart_worker  # draws uncached charts in a second process, if any
        self.forms: dict = {}  # form name -> drawing placed in this pass, filled in at the end
        self.styles = styles or build_styles(brief.theme, self.lang, self.indent, getattr(brief, "cache_dir", None))
        self.link_color = brief.theme.colors.link
        # ``endnotes``: the notes did not fit at the page foot in an earlier try (see render_pdf).
        # The structure tree of a tagged PDF, in source order; notes hang under their first citation.
        self.tags = StructureTree(self.lang)
        self.section_level = -1  # of the section being laid out; -1 before the first
        self.note_elements: dict = {}  # footnote id -> its Note element
        self._cited: list = []  # notes cited by the markup made since the last element
        self._notes_drawn: set = set()
        self._source_numbers = None  # source id -> its number, for links' descriptions
        self.page_footnotes = brief.theme.footnotes == "page" and not endnotes and self._notes_fit_page_foot()

    # -- markdown.Resolver ------------------------------------------------------------------
    def footnote(self, ident):
        return self.index.footnote_number(ident), f"fn-{ident}"

    def anchor(self, ident):
        return self.index.anchors[ident].label

    def target(self, ident):
        return self.index.anchors[ident].name

    def on_footnote(self, ident):
        if ident not in self._cited:
            self._cited.append(ident)
        return f'<onDraw name="fnref" label="{escape(ident)}"/>'

    def describe_link(self, target: str) -> str:
        """What an internal link goes to, for its annotation's /Contents: 'Notes 3', 'Figure 2'..."""
        kind, _, rest = target.partition("-")
        if kind in ("fn", "ref") and rest.removeprefix("fn-") in self.brief.footnotes:
            number = self.index.footnote_number(rest.removeprefix("fn-"))
            return label(self.lang, "note" if kind == "fn" else "note_back", number=number)
        if kind in ("figure", "table", "section") or kind == "sec":
            return f"{label(self.lang, 'section' if kind == 'sec' else kind)} {rest}"
        if kind == "src":
            if self._source_numbers is None:  # once: a brief may hold thousands of citations
                self._source_numbers = {source.id: n for n, source in enumerate(self.brief.sources, 1)}
            return label(self.lang, "source_entry", number=self._source_numbers.get(rest, rest))
        if target == "contents":
            return label(self.lang, "contents")
        return target

    # -- text helpers -----------------------------------------------------------------------
    def markup(self, nodes) -> str:
        return markdown.markup(nodes, self, link_color=self.link_color)

    def element(self, role: str, **attributes):
        """A new structure element under the current one; notes cited since the last one hang under it."""
        element = self.tags.add(role, **attributes)
        if role not in CONTAINER_ROLES:
            self.attach_notes(element)
        return element

    def list_item(self):
        """A list item's label and body elements; the notes its text cites hang under the body."""
        item = self.element("LI")
        label_element, body = item.add("Lbl"), item.add("LBody")
        self.attach_notes(body)
        return label_element, body

    def attach_notes(self, element) -> None:
        """The notes cited since the last element are read after ``element``'s text."""
        if self.page_footnotes:
            # A note is in the brief's language: say so when it hangs under a passage in another.
            above, lang = element, None
            while above is not None and lang is None:
                lang = self.lang if above.lang and above.lang != self.lang else None
                above = above.parent
            for ident in self._cited:
                if ident not in self.note_elements:
                    self.note_elements[ident] = element.add_after("Note", ident=f"fn-{ident}", lang=lang)
        self._cited = []

    def heading_role(self, deeper: int = 0) -> str:
        """The heading role for a heading ``deeper`` levels below the current section's."""
        return self.tags.heading_role(self.section_level + deeper)

    def para(self, prose_or_text, style="body", role="P", **kw) -> Paragraph:
        """One paragraph from Prose (inline Markdown) or plain text (escaped), as a ``role`` element."""
        if isinstance(prose_or_text, markdown.Prose):
            text = self.markup(prose_or_text.inlines)
        else:
            text = escape(str(prose_or_text))
        if kw.get("bulletText") and role == "LI":  # a one-paragraph list item: number or bullet, then body
            kw["label_struct"], kw["struct"] = self.list_item()
        else:
            kw["struct"] = self.element(role)
        return Para(text, self.styles[style] if isinstance(style, str) else style, **kw)

    def prose(self, prose: markdown.Prose, style="body") -> list:
        """Flowables for Markdown paragraphs and lists (nested one level)."""
        return self._blocks(prose.blocks, self.styles[style] if isinstance(style, str) else style)

    def _blocks(self, blocks, style, depth=0) -> list:
        flowables = []
        for block in blocks:
            if block.kind == "para":
                text = self.markup(block.inlines)
                flowables.append(Para(text, style, struct=self.element("P")))
            else:
                with self.tags.open("L"):
                    flowables.extend(self._list(block, style, depth))
        return flowables

    def _list(self, block, style, depth) -> list:
        """A list as paragraphs with hanging bullets or numbers (nested one level)."""
        step = 13
        item_style = ParagraphStyle(f"{style.name}-l{depth}", parent=style, leftIndent=style.leftIndent + step,
                                    bulletIndent=style.leftIndent + 1, firstLineIndent=0, spaceAfter=2.5,
                                    bulletFontName=self.styles.body_fonts.regular,
                                    bulletColor=HexColor(self.theme.colors.accent))
        flowables = []
        for n, item in enumerate(block.items, block.start):
            bullet = f"{n}." if block.kind == "ordered" else ("•" if depth == 0 else "–")
            with self.tags.open("LI") as list_item:
                label_element = list_item.add("Lbl")
                with self.tags.open("LBody"):
                    content = self._blocks(item, item_style, depth + 1)
            if content and isinstance(content[0], Paragraph):
                first = content[0]
                content[0] = Para(first.text, item_style, bulletText=bullet, struct=first.struct,
                                  label_struct=label_element)
            flowables.extend(content)
        if flowables:
            flowables[-1].style = ParagraphStyle(f"{item_style.name}-last", parent=flowables[-1].style,
                                                 spaceAfter=style.spaceAfter)
        return flowables

    def caption(self, block, title, *, continued: bool = False) -> Paragraph:
        """'Figure 2  Title' caption with the cross-reference target, or 'Table 2 (continued)'."""
        number = self.index.block_numbers[id(block)]
        kind = block.numbered_as
        name = f"{kind}-{number}"
        accent = self.theme.colors.accent
        tag = f'<font color="{accent}">{label(self.lang, kind)} {number}</font>'
        if continued:  # an artifact: the caption was read where the table began
            return Para(f"{tag}&nbsp;({label(self.lang, 'continued')})", self.styles["caption"])
        return Para(f'<a name="{name}"/>{tag}&nbsp;&nbsp;{tie_last_word(escape(title))}', self.styles["caption"],
                    struct=self.element("Caption"))

    def continued_title(self, title: str) -> Paragraph:
        """A box's title for the parts after a page turn, 'KEY FINDINGS (CONTINUED)': an artifact."""
        text = f"{title} ({label(self.lang, 'continued')})".upper()
        return Para(escape(text), self.styles["box_title"])

    def source_line(self, text, url=None, *, cite=()) -> Paragraph:
        """'Source: text [3, 9–11]. url': ``cite`` holds citations of the brief's sources (Prose)."""
        prefix = f"{label(self.lang, 'source')}: "
        body = self.markup(text.inlines) if isinstance(text, markdown.Prose) else escape(text or "")
        if cite:
            nodes = []
            for prose in cite:
                nodes += prose.inlines + [markdown.Inline("text", " ")]
            body = f"{body.rstrip()} {self.markup(nodes[:-1])}".strip()
        if url:
            body = body.rstrip()
            body += ("" if body.endswith((".", ":")) or not body else ".")
            body += f' <a href="{escape(url)}" color="{self.link_color}">{escape(url)}</a>'
        return Para(prefix + body, self.styles["source_line"], struct=self.element("P"))

    # -- footnotes ----------------------------------------------------------------------------
    def footnote_paragraph(self, ident) -> Paragraph:
        number, name = self.footnote(ident)
        # The number links back to the first citation; it hangs in the indent.
        text = (f'<a name="{name}"/><a href="#ref-{name}">{number}</a>&nbsp;&nbsp;'
                + self.markup(self.brief.footnotes[ident].inlines))
        return Para(text, self.styles["footnote"], struct=self.note_elements.get(ident))

    def _notes_fit_page_foot(self) -> bool:
        """False when a note is too long for the foot of a page: then all notes become endnotes."""
        limit = self.frame_height * 0.3
        return all(self._note_height(i) <= limit for i in self.index.footnote_order)

    def _page_note(self, ident) -> tuple:
        """The note at the page foot and its height: made once, measured once, drawn as often as needed."""
        key = ("page-note", ident)
        if key not in self.memo:
            para = self.footnote_paragraph(ident)
            self.memo[key] = (para, para.wrap(self.full_width, 10_000)[1] + para.style.spaceAfter)
        return self.memo[key]

    def _note_height(self, ident) -> float:
        return self._page_note(ident)[1]

    def check_citations(self, flowables) -> None:
        """All notes become endnotes when one block cites more than ``limits.footnotes_per_block``.

        So many notes could not all sit at the foot of the page that cites them. The back
        matter is laid out after every block, so it lists the notes as endnotes then.
        """
        if not self.page_footnotes:
            return
        from .page import footnote_ids

        cited = set().union(*(footnote_ids(f) for f in flowables)) if flowables else set()
        limits = getattr(self.brief, "limits", None)
        if limits is not None and len(cited) > limits.footnotes_per_block:
            self.page_footnotes = False

    def footnote_height(self, idents) -> float:
        """Room to reserve at the page foot for these footnotes (0 for none)."""
        if not idents or not self.page_footnotes:
            return 0
        return 8 + sum(self._note_height(ident) for ident in idents)  # 8: the rule and its gap

    def draw_footnotes(self, canvas, idents, setup, squeeze: float = 0):
        """The notes at the page foot, under their rule; ``squeeze``: how much the space over them shrank."""
        if not self.page_footnotes:
            return
        left, _, _, bottom = setup.margins
        notes = [self._page_note(i) for i in sorted(idents, key=self.index.footnote_number)]
        paras, heights = [note[0] for note in notes], [note[1] for note in notes]
        y = bottom + sum(heights)
        with artifact(canvas):
            canvas.saveState()
            canvas.setStrokeColor(HexColor(self.theme.colors.rule))
            canvas.setLineWidth(0.5)
            rule = y + 5 - squeeze / 2  # the rule stays between the text and the notes
            canvas.line(left + self.indent, rule, left + self.indent + 40 * mm, rule)
            canvas.restoreState()
        for ident, para, height in zip(sorted(idents, key=self.index.footnote_number), paras, heights):
            y -= height
            # The note is read once, under its first citation; drawn again on a later page, it is furniture.
            para.struct = None if ident in self._notes_drawn else self.note_elements.get(ident)
            self._notes_drawn.add(ident)
            para.drawOn(canvas, left, y + para.style.spaceAfter)

    def image(self, path, *, width=None, height=None):
        """An image flowable, made once per build and reused by later passes."""
        from .images import image_flowable

        key = ("image", str(path), width, height)
        if key not in self.memo:
            self.memo[key] = image_flowable(path, self.styles.sans, width=width, height=height,
                                            cache_dir=getattr(self.brief, "cache_dir", None))
        return self.memo[key]

    def keep(self, flowables, *, floats: bool = False, space_before=None, space_after=None) -> list:
        """``flowables`` kept together on one page (split only if taller than a page).

        A floating group that does not fit in the space left lets the text after it
        fill the page, and opens the next page instead (figures, charts, tables).
        """
        from .flowables import Group

        if not flowables:
            return []
        group = Group(flowables, max_height=self.frame_height, space_before=space_before, space_after=space_after)
        group.floats = floats
        return [group]

    def spacer(self, points=None) -> Spacer:
        return Spacer(1, self.theme.spacing.block if points is None else points)
