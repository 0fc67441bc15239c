"""Stage 5, layout: a checked brief in, the ordered list of flowables (the story) out.

In:  a :class:`~briefgen.layout.context.LayoutDoc` and the previous pass's plan
     (for page numbers in the table of contents).
Out: flowables for the cover band, summary box, optional contents, every
     section and its blocks, and the back matter (notes, sources, about box).
"""

from __future__ import annotations

from ..text.markup import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, PageBreak, TableStyle

from ..text.i18n import AND, format_date, label
from ..text.typography import tie_last_word
from ..text.urls import url_lines
from .flowables import Box, CoverBand, Marked
from .paragraph import Para
from .tables import CaptionedTable
from .page import FlushFloats


def build_story(doc, plan, page) -> list:
    """The whole brief as flowables. ``page`` holds pagesize and margins."""
    story = _cover(doc, page)
    if doc.brief.meta.toc:
        story += _contents(doc, plan)
        _named(story[-1:], ("meta", "toc"))
    for section in doc.brief.sections:
        story += _section(doc, section, level=0)
    story += _back_matter(doc)
    return story + [FlushFloats()]


def _cover(doc, page) -> list:
    meta, styles = doc.brief.meta, doc.styles
    content = []
    logo = doc.image(meta.organisation.logo, height=11 * mm) if meta.organisation.logo else None
    if logo is not None:  # read first, as it is drawn first: the publisher's name
        logo.hAlign = "LEFT"
        logo = Marked(logo, doc.element("Figure", alt=meta.organisation.name))
    if meta.series:
        content.append(Para(escape(meta.series.upper()), styles["cover_series"], struct=doc.element("P")))
    content.append(Para(escape(meta.title), styles["cover_title"], struct=doc.element("H1")))
    if meta.subtitle:
        content.append(Para(escape(meta.subtitle), styles["cover_subtitle"], struct=doc.element("P")))
    byline = escape(format_date(meta.date, doc.lang))
    if meta.authors:
        byline = escape(f"{label(doc.lang, 'by')} {_join_names(meta.authors, doc.lang)}") + "<br/>" + byline
    content.append(Para(byline, styles["cover_byline"], struct=doc.element("P")))
    width, _ = page.pagesize
    left, right, top, _ = page.margins
    colors = doc.theme.colors
    band = CoverBand(content, color=colors.cover or colors.brand, page_width=width, left_margin=left,
                     right_margin=right, padding=max(top, doc.theme.page.band_padding * mm),
                     bottom_padding=doc.theme.page.band_padding * mm * 1.4, logo=logo)
    band.spaceAfter = doc.theme.spacing.block * 1.5
    band.brief_path = ("meta", "title")
    story = [band]
    if meta.summary:
        # The label sits left of the text, which keeps to the body's column (and its measure).
        with doc.tags.open("Summary"):
            title = Para(escape(label(doc.lang, "summary")).upper(), doc.styles["box_title"],
                         struct=doc.element("H2"))
            content = doc.prose(meta.summary, "box_body")
        box = Box(content, label=title, gutter=doc.indent, fill=doc.theme.colors.tint, rule=doc.theme.colors.brand, padding=11,
                  space_after=doc.theme.spacing.block)
        box.brief_path = ("meta", "summary")
        story.append(box)
    return story


def _named(flowables, path) -> list:
    """``flowables``, each marked with the YAML path named in an error if it cannot be placed."""
    for flowable in flowables:
        flowable.brief_path = path
    return flowables


def _join_names(names, lang) -> str:
    conjunction = f" {AND[lang]} "
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + conjunction + names[-1]


def _contents(doc, plan) -> list:
    """Sections and subsections with page numbers (from the previous layout pass)."""
    styles = doc.styles
    rows = []

    number_styles = {name: ParagraphStyle(f"{name}-page", parent=styles[name], alignment=TA_RIGHT, leftIndent=0)
                     for name in ("toc1", "toc2")}

    def row(section, style):
        number = doc.index.section_numbers[id(section)]
        page = plan.headings.get(f"sec-{number}", "")
        entry = doc.element("TOCI")
        rows.append([Para(f'<a href="#sec-{number}">{number}&nbsp;&nbsp;{escape(section.heading)}</a>',
                          styles[style], struct=entry),
                     Para(f'<a href="#sec-{number}">{page}</a>', number_styles[style], struct=entry)])

    title = label(doc.lang, "contents")
    heading = Para(f'<a name="contents"/>{escape(title)}', styles["h1"], struct=doc.element(doc.tags.heading_role(0)))
    heading.outline = ("contents", title, 0)
    with doc.tags.open("TOC"):
        for section in doc.brief.sections:
            row(section, "toc1")
            for sub in section.sections:
                row(sub, "toc2")
    page_column = 12 * mm
    table_style = TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONT", (0, 0), (-1, -1), styles.sans.regular),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
    # Tables of a few rows each: the rest of a split table is measured again on every page.
    tables = []
    for start in range(0, len(rows), TOC_ROWS_PER_TABLE):
        table = CaptionedTable(rows[start:start + TOC_ROWS_PER_TABLE],
                               colWidths=[doc.full_width - page_column, page_column], hAlign="LEFT")
        table.setStyle(table_style)
        tables.append(table)
    return [KeepTogether([heading] + tables)]


#: Entries of the contents per table (a page holds about 40).
TOC_ROWS_PER_TABLE = 20


def heading(doc, text, name, *, level=0, number=None) -> Para:
    """A section heading: number hanging in the margin, anchor, and outline entry."""
    style = doc.styles["h1" if level == 0 else "h2"]
    show_number = number if doc.theme.numbered_headings else None
    para = Para(f'<a name="{name}"/>{tie_last_word(escape(text))}', style, bulletText=show_number,
                struct=doc.element(doc.tags.heading_role(level)))
    para.outline = (name, f"{number}  {text}" if show_number else text, level)
    para.keep_with_next = True  # never alone at the foot of a page
    return para


def _section(doc, section, level) -> list:
    number = doc.index.section_numbers[id(section)]
    outer_level, doc.section_level = doc.section_level, level
    with doc.tags.open("Sect"):
        flowables = _named([heading(doc, section.heading, f"sec-{number}", level=level, number=number)],
                           getattr(section, "yaml_path", ()) + ("heading",))
        for block in section.blocks:
            laid = block.layout(doc)
            doc.check_citations(laid)
            if block.id and not block.numbered_as and laid:
                laid.insert(0, Para(f'<a name="block-{block.id}"/>', doc.styles["small_sans"]))
            laid = doc.keep(laid) if block.keep_together else laid
            for flowable in laid:
                flowable.brief_path = block.yaml_path  # named in the error if it cannot be placed
            flowables.extend(laid)
        for sub in section.sections:
            flowables += _section(doc, sub, level + 1)
    doc.section_level = outer_level
    if len(flowables) > 1 and isinstance(flowables[1], PageBreak):
        flowables[0:2] = [flowables[1], flowables[0]]  # a break that opens a section comes before its heading
    return flowables


def _back_matter(doc) -> list:
    """Notes, sources and the about box. Figures and tables still waiting are placed before each."""
    brief, styles = doc.brief, doc.styles
    story = []
    if brief.footnotes and not doc.page_footnotes:
        with doc.tags.open("Sect"):
            story += _named([_back_heading(doc, label(doc.lang, "notes"), "notes")], ("footnotes",))
            for ident in doc.index.footnote_order:
                doc.note_elements[ident] = doc.element("Note", ident=f"fn-{ident}")
                story += _named([doc.footnote_paragraph(ident)], ("footnotes", ident))
    if brief.sources:
        with doc.tags.open("Sect"):
            story += _named([_back_heading(doc, label(doc.lang, "sources"), "sources")], ("sources",))
            with doc.tags.open("L"):
                for n, source in enumerate(brief.sources, 1):
                    text = f'<a name="src-{source.id}"/>' + _source_text(doc, source)
                    label_element, body = doc.list_item()
                    story += _named([Para(text, styles["source_entry"], bulletText=f"{n}.",
                                          label_struct=label_element, struct=body)],
                                    ("sources", n - 1))
    organisation = brief.meta.organisation
    if organisation.about or organisation.website or organisation.email:
        with doc.tags.open("About"):
            content = [Para(escape(label(doc.lang, "about", org=organisation.name)), styles["box_title"],
                            struct=doc.element(doc.tags.heading_role(0)))]
            if organisation.about:
                content += doc.prose(organisation.about, "box_body")
            contact = [escape(x) for x in (organisation.address,) if x]
            for url in (organisation.website, organisation.email and f"mailto:{organisation.email}"):
                if url:
                    contact.append(f'<a href="{escape(url)}" color="{doc.link_color}">'
                                   f'{escape(url.removeprefix("mailto:"))}</a>')
            if contact:
                content.append(Para(" · ".join(contact), styles["small_sans"], struct=doc.element("P")))
        # Whole on one page if it fits one: a longer text splits across pages like any box.
        story += _named([FlushFloats(), doc.spacer(doc.theme.spacing.block * 2),
                         Box(content, fill=doc.theme.colors.tint, rule=doc.theme.colors.brand, padding=11,
                             max_unsplit=doc.frame_height)],
                        ("meta", "organisation", "about" if organisation.about else "name"))
    return story


def _back_heading(doc, text, name) -> Para:
    """A back-matter heading: figures and tables of the sections never come after it."""
    para = heading(doc, text, name)
    para.flush_floats = True
    return para


def _source_text(doc, source) -> str:
    parts = [escape(p) for p in (source.author, source.publisher) if p]
    parts.append(f"<i>{escape(source.title)}</i>")
    if source.date:
        parts.append(escape(source.date))
    text = ", ".join(parts) + "."
    if source.url:  # on lines of its own, broken at its slashes
        style = doc.styles["source_entry"]
        width = doc.full_width - style.leftIndent - 1

        def measure(piece):
            return stringWidth(piece, style.fontName, style.fontSize)

        link = f'<a href="{escape(source.url)}" color="{doc.link_color}">'
        text += "".join(f"<br/>{link}{escape(line)}</a>" for line in url_lines(source.url, width, measure))
    if source.accessed:
        text += f" ({label(doc.lang, 'accessed')} {format_date(source.accessed, doc.lang)})"
    return text
