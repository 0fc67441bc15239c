"""The brief schema: what a brief YAML file may contain.

In:  the raw mapping of a brief file.
Out: a checked :class:`Brief` (metadata, sections of blocks, footnotes,
     sources and theme overrides). Every field documents itself; the JSON
     Schema in ``briefgen/schema/brief.schema.json`` is generated from these classes.
"""

from __future__ import annotations

from ..blocks.registry import BlockField
from ..text.i18n import LANGUAGES
from ..standards import DEFAULT as DEFAULT_STANDARDS
from .fields import (INVALID, Bool, Date, Email, File, Ident, ListOf, MapOf, Markdown, Nested, Overrides, StandardClaims, Str,
                     Text, Url)
from .languages import BriefLanguage
from .model import Model

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


class Organisation(Model):
    """The organisation that publishes the brief."""

    name = Str("Full name, e.g. 'Observatorio de Derechos Humanos'.", required=True)
    logo = File("Logo file (SVG, PNG or JPEG), shown on the cover band.", suffixes=IMAGE_SUFFIXES)
    website = Url("Website address.")
    email = Email("Contact e-mail address.")
    address = Str("Postal address, one line.")
    about = Markdown("A short paragraph for the 'About' box on the last page.")


class Meta(Model):
    """Title-page and document metadata."""

    title = Text("The brief's title.", required=True, max_length=200)
    subtitle = Text("A subtitle under the title.", max_length=300)
    short_title = Text("Short title for the running header (defaults to the title).", max_length=80)
    series = Text("Series line, e.g. 'Policy Brief No. 7'.", max_length=100)
    date = Date("Publication date (YYYY-MM-DD); also the PDF's creation date.", required=True)
    authors = ListOf(Str("An author's name."), "Authors, in order.", default=list)
    organisation = Nested(Organisation, "The publishing organisation.", required=True)
    language = BriefLanguage("Language of the brief: labels, dates, numbers and hyphenation follow it.",
                   choices=LANGUAGES, default="en")
    keywords = ListOf(Str("A keyword."), "Keywords for the PDF metadata.", default=list)
    summary = Markdown("Summary shown in a box on the first page, and the PDF's subject.")
    page_size = Str("Paper size.", choices=("A4", "Letter"), default="A4")
    theme = Str("Theme: 'default' or a theme YAML file relative to the brief.", default="default")
    toc = Bool("Print a table of contents after the first-page summary.", default=False)
    raster_charts = Bool("Embed every chart as a 300 dpi PNG instead of vector graphics.", default=False)
    standard = StandardClaims("Standards the PDF claims: 'ua-1' (accessible: tagged, every figure and chart with alt"
                              " text), 'a-2b' or 'a-3b' (archival PDF/A; a-3b also embeds each chart's data and the"
                              " brief's YAML), combined as 'ua-1+a-2b' or a list, or 'none' (untagged, for drafts)."
                              " The command line's --standard overrides it.", default=DEFAULT_STANDARDS)
    print = Bool("Make the print edition: 3 mm bleed on every side (the cover band reaches into it), crop marks"
                 " outside the bleed, and TrimBox and BleedBox on every page; the trimmed page is the screen page."
                 " The command line's --print sets it.", default=False)
    cmyk = Bool("Set the whole PDF in CMYK (DeviceCMYK) for a print shop: theme colours given as 'cmyk(c, m, y, k)'"
                " are used as given, every other colour and image is converted through the press profile (ISO"
                " Coated v2 300%). The command line's --cmyk sets it. See docs/print.md.", default=False)


class Source(Model):
    """One entry of the numbered sources list."""

    id = Ident("Id used to cite the source: [](#id) prints its number, e.g. [3].", required=True)
    title = Text("Title of the work or page.", required=True)
    author = Str("Author or organisation responsible.")
    publisher = Str("Publisher or outlet.")
    date = Str("Publication date as it should print, e.g. '30 April 2025'.")
    url = Url("Address of the source; printed and clickable.")
    accessed = Date("Date the address was last checked.")


class Section(Model):
    """A section: a heading and the blocks under it, optionally with subsections."""

    heading = Text("Section heading (short; the lead sentence carries the finding).", required=True,
                  max_length=200)
    id = Ident("Id for cross-references: [](#id) prints 'Section 2'.")
    blocks = ListOf(BlockField("A content block."), "Content blocks, in order.", default=list)
    sections = ListOf(Nested(lambda: Section, "A subsection."), "Subsections (one level).", default=list)

    def check(self, ctx, path):
        after_break = warned = False  # the last block that prints was a page break; said so in this run
        for b_i, block in enumerate(self.blocks):
            if block.kind != "page_break":
                after_break = warned = False
            elif block.enabled:
                if after_break and not warned:
                    ctx.warn(path + ("blocks", b_i), "page break right after another page break; briefgen prints"
                                                     " no blank pages, so it is ignored; remove it")
                    warned = True
                after_break = True


class Brief(Model):
    """A policy brief."""

    edition = None  #: the row number of the edition checked, for a brief with editions built one by one
    edition_names = None  #: each edition's file name, for a brief with editions

    meta = Nested(Meta, "Title-page and document metadata.", required=True)
    sections = ListOf(Nested(Section, "A section."), "The body of the brief.", min_items=1, required=True)
    footnotes = MapOf(Markdown("Footnote text."), "Footnotes by id; cite one in prose with [^id].",
                      default=dict)
    sources = ListOf(Nested(Source, "A source."), "Numbered list of sources at the end.", default=list)
    style = Overrides(lambda: _theme_model(), "Overrides of single theme values, e.g. {colors: {brand: '#3b1f4a'}}.")
    editions = Nested(lambda: _editions_model(), "One brief per row of a table (a CSV file or rows written here):"
                      " text names the row's columns with placeholders, e.g. '{{ state }}' or"
                      " '{{ margin | percent }}' (see docs/brief-format.md, 'Editions').")

    @classmethod
    def parse(cls, raw, ctx, path=(), *, partial=False):
        """A brief with ``editions:`` is checked as one edition, its placeholders filled in from that row
        (``ctx.extra["edition"]``, the first if None); every placeholder is checked against the columns first."""
        if path or not isinstance(raw, dict) or raw.get("editions") is None:
            return super().parse(raw, ctx, path, partial=partial)
        from ..editions.model import prepare

        prepared = prepare(raw, ctx)
        if prepared is INVALID:
            return INVALID
        ctx.source.data = prepared.data  # this check's Source is the edition's: its texts as they will print
        brief = super().parse({k: v for k, v in prepared.data.items() if k != "editions"}, ctx, path, partial=partial)
        if brief is not INVALID:
            brief.editions, brief.edition, brief.edition_names = prepared.editions, prepared.index, prepared.names
            _check_charts_not_empty(brief, ctx)
        return brief

    def check(self, ctx, path):
        """Brief-wide bounds on the work of laying out: each item costs a little, but a short YAML can hold
        many (a reused alias, say). The error is at the first item over the limit."""
        limits = ctx.limits

        def over(name, count, where, what, fix, key=False):
            limit = getattr(limits, name)
            if count > limit:
                ctx.error(where, f"the brief has {count:,} {what}, more than the limit of {limit:,} ({name}); {fix},"
                                 f" or {limits.hint(name)}", key=key)

        sections = [each for section in self.sections for each in [section] + section.sections]  # reading order
        if sections:
            over("sections", len(sections), sections[min(limits.sections, len(sections) - 1)].yaml_path,
                 "sections", "merge sections or split the brief into several")
        blocks = self.blocks()
        if blocks:
            over("blocks", len(blocks), blocks[min(limits.blocks, len(blocks) - 1)].yaml_path[:-1], "blocks",
                 "merge short blocks or split the brief into several")
        if self.footnotes:
            idents = list(self.footnotes)
            over("footnotes", len(idents), path + ("footnotes", idents[min(limits.footnotes, len(idents) - 1)]),
                 "footnotes", "cite fewer notes or list the works under 'sources:'", key=True)
        if self.sources:
            over("sources", len(self.sources), path + ("sources", min(limits.sources, len(self.sources) - 1)),
                 "sources", "list fewer sources or split the brief into several")
        tables = [t for t in self.blocks("table") if len(t.rows) <= limits.table_rows]  # else told already
        total, cells = sum(len(t.columns) * len(t.rows) for t in tables), 0
        for table in tables:  # the error names the row that goes over the limit
            if cells + len(table.columns) * len(table.rows) > limits.table_cells:
                row = max(0, (limits.table_cells - cells) // len(table.columns))
                over("table_cells", total, table.yaml_path + ("rows", row), "table cells",
                     "shorten the tables or chart the data instead")
                break
            cells += len(table.columns) * len(table.rows)

        self._check_paragraphs(ctx)

    def _check_paragraphs(self, ctx):
        """Paragraphs, list items and recommendations, in the order read: each is a paragraph to lay out."""
        limit, count, first = ctx.limits.paragraphs, 0, None
        for prose in ctx.extra.get("prose", []):
            for line in _paragraph_lines(prose.blocks):
                count += 1
                if count == limit + 1:
                    first = (prose.path, prose.position(line))
        for block in self.blocks("recommendations"):
            for g_i, items in [(None, block.items)] + list(enumerate(g.items for g in block.groups)):
                for i, item in enumerate(items):
                    count += 1
                    if count == limit + 1:
                        where = block.yaml_path + (("items",) if g_i is None else ("groups", g_i, "items"))
                        first = (where + (i,), None)
        ctx.extra["paragraphs"] = count  # the brief's work budget weighs it with the other totals
        if first is not None:
            ctx.error(first[0], f"the brief has {count:,} paragraphs (list items, callout items and"
                                f" recommendations included), more than the limit of {limit:,} (paragraphs);"
                                f" shorten the brief or split it into several, or {ctx.limits.hint('paragraphs')}",
                      at=first[1])

    def blocks(self, kind: str | None = None) -> list:
        """Every block in reading order (subsections included), or only those of ``kind``."""
        found = []

        def walk(sections):
            for section in sections:
                found.extend(b for b in section.blocks if kind is None or b.kind == kind)
                walk(section.sections)

        walk(self.sections)
        return found

    def page_size(self) -> tuple[float, float]:
        """Width and height of the page in points."""
        from reportlab.lib.pagesizes import A4, LETTER

        return A4 if self.meta.page_size == "A4" else LETTER

    def column_width(self) -> float:
        """Width of the text frame in points: charts, tables and boxes span it."""
        page = self.theme.page
        return self.page_size()[0] - (page.margin_inner + page.margin_outer) * 72 / 25.4


def _paragraph_lines(blocks):
    """The Markdown line of each paragraph and list item in ``blocks``."""
    for block in blocks:
        if not block.items:
            yield block.line
        for item in block.items:
            yield from _paragraph_lines(item) if item else [block.line]


def _check_charts_not_empty(brief, ctx) -> None:
    """In an edition, a chart whose data keeps no row (a filter on the edition's values) is an error."""
    for chart in brief.blocks("chart"):
        data = getattr(chart, "data", None)
        table = getattr(data, "table", None)
        if table is not None and not table.rows:
            where = chart.yaml_path + ("data", "filter") if data.filter else chart.yaml_path + ("data",)
            ctx.error(where, "the chart's data keeps no row for this edition; check the filter against the data"
                             " (or the edition's values)")


def _editions_model():
    from ..editions.model import Editions

    return Editions


def _theme_model():
    from ..theme.model import Theme

    return Theme
