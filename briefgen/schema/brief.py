"""The brief schema: what a brief YAML file may contain.

In:  the raw mapping of a brief file.
Out: a checked :class:`Brief` (metadata, sections of blocks, footnotes,
     sources and theme overrides). Every field documents itself; the JSON
     Schema in ``schemas/brief.schema.json`` is generated from these classes.
"""

from __future__ import annotations

from ..blocks.registry import BlockField
from ..text.i18n import LANGUAGES
from .fields import Bool, Date, Email, File, Ident, ListOf, MapOf, Markdown, Nested, Overrides, Str, Text, Url
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
    language = Str("Language of the brief: labels, dates, numbers and hyphenation follow it.",
                   choices=LANGUAGES, default="en")
    keywords = ListOf(Str("A keyword."), "Keywords for the PDF metadata.", default=list)
    summary = Markdown("Summary shown in a box on the first page, and the PDF's subject.")
    page_size = Str("Paper size.", choices=("A4", "Letter"), default="A4")
    theme = Str("Theme: 'default' or a theme YAML file relative to the brief.", default="default")
    toc = Bool("Print a table of contents after the first-page summary.", default=False)
    raster_charts = Bool("Embed every chart as a 300 dpi PNG instead of vector graphics.", default=False)


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


class Brief(Model):
    """A policy brief."""

    meta = Nested(Meta, "Title-page and document metadata.", required=True)
    sections = ListOf(Nested(Section, "A section."), "The body of the brief.", min_items=1, required=True)
    footnotes = MapOf(Markdown("Footnote text."), "Footnotes by id; cite one in prose with [^id].",
                      default=dict)
    sources = ListOf(Nested(Source, "A source."), "Numbered list of sources at the end.", default=list)
    style = Overrides(lambda: _theme_model(), "Overrides of single theme values, e.g. {colors: {brand: '#3b1f4a'}}.")

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


def _theme_model():
    from ..theme.model import Theme

    return Theme
