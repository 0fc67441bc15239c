"""Chart annex: an existing PDF report and a brief in, the report with the brief's charts appended out.

In:  a PDF report (any producer), a brief whose charts are wanted, and how many
     charts may share a page (one or two).
Out: a new PDF: the report's own pages, links, outline and metadata untouched,
     then annex pages set with ReportLab in the brief's theme (each chart with
     its 'Figure N  Title' caption, subtitle, notes and source line), and an
     outline entry "Chart annex" with one child per chart. pypdf does the merge.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm

_HEADING = {"en": "Chart annex", "es": "Anexo de gráficos"}


def annex_pdf(brief, pagesize, *, per_page: int = 2):
    """(PDF bytes of the annex, [(title, annex page index)] per chart)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageBreak, PageTemplate, Paragraph, Spacer
    from ..text.markup import escape

    from ..layout.styles import build_styles
    from ..text.i18n import label
    from . import cache
    from .export import brief_charts
    from .flowable import ChartFlowable
    from .rendering import chart_flowable
    from .style import ChartStyle

    theme, lang = brief.theme, brief.meta.language
    styles = build_styles(theme, lang, 0)
    page = theme.page
    left, right = page.margin_inner * mm, page.margin_outer * mm
    top, bottom = page.margin_top * mm, page.margin_bottom * mm
    width = pagesize[0] - left - right
    style = ChartStyle.from_theme(theme, lang)
    subtitle = ParagraphStyle("annex_subtitle", parent=styles["source_line"], spaceBefore=0, spaceAfter=5)
    landed: list = []

    class AnnexDoc(BaseDocTemplate):
        def afterFlowable(self, flowable):
            title = getattr(flowable, "annex_title", None)
            if title:
                landed.append((title, self.page - 1))

    buffer = io.BytesIO()
    doc = AnnexDoc(buffer, pagesize=pagesize, leftMargin=left, rightMargin=right, topMargin=top,
                   bottomMargin=bottom, invariant=1, title=f"{brief.meta.title}: {_HEADING[lang]}",
                   creator="briefgen", producer="briefgen (ReportLab)", initialFontName=styles.sans.regular)
    frame = Frame(left, bottom, width, pagesize[1] - top - bottom, id="annex", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("annex", [frame])])
    story = [Paragraph(escape(_HEADING[lang]), styles["h1"])]
    charts = brief_charts(brief)
    folder = None
    for i, (number, block) in enumerate(charts):
        folder = folder or cache.cache_dir(getattr(block, "project_dir", None))
        caption = (f'<font color="{theme.colors.accent}">{label(lang, "figure")} {number}</font>'
                   f"&nbsp;&nbsp;{escape(block.title)}")
        parts = [Paragraph(caption, styles["caption"])]
        if block.subtitle:
            parts.append(Paragraph(escape(block.subtitle), subtitle))
        inner = chart_flowable(block, style, width, furniture=False, raster=bool(block.raster), folder=folder)
        parts.append(ChartFlowable.prerendered(inner, alt=block.alt or block.title, name=block.title))
        if block.notes:
            parts.append(Paragraph(escape(block.notes), styles["source_line"]))
        if block.source or block.source_url:
            source = f"{label(lang, 'source')}: {escape(block.source or '')}"
            if block.source_url:
                source += f' <a href="{escape(block.source_url)}" color="{theme.colors.link}">' \
                          f"{escape(block.source_url)}</a>"
            parts.append(Paragraph(source, styles["source_line"]))
        group = KeepTogether(parts)
        parts[0].annex_title = f"{label(lang, 'figure')} {number}. {block.title}"
        story.append(group)
        last = i == len(charts) - 1
        if not last:
            story.append(PageBreak() if per_page == 1 or (i % 2 == 1) else Spacer(1, 18))
    doc.build(story)
    return buffer.getvalue(), landed


def _open_report(path: Path):
    """The report as a pypdf reader, or a clean BriefError if it is not a readable PDF."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from ..errors import BriefError, Diagnostic, display_name

    name = display_name(path)
    if not path.is_file():
        raise BriefError([Diagnostic(name, 0, 0, "(file)", "file not found")])
    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.ERROR  # pypdf logs repairs it attempts; we report once
    try:
        reader = PdfReader(str(path))
        if not reader.pages:
            raise PyPdfError("it has no pages")
        return reader
    except (PyPdfError, ValueError, OSError, KeyError) as exc:
        raise BriefError([Diagnostic(name, 0, 0, "(file)", f"not a readable PDF ({exc}); check that the file"
                                                            " is the report and not damaged")]) from None
    finally:
        quiet.level = level


def attach_charts(report, brief_path, output, *, per_page: int = 2, allow_outside: bool = False) -> Path:
    """Append the charts of ``brief_path`` to the PDF ``report``; write ``output`` and return it."""
    from pypdf import PdfReader, PdfWriter

    from .. import load
    from ..render import write_atomic

    brief = load(brief_path, allow_outside=allow_outside)
    reader = _open_report(Path(report))
    first = reader.pages[0].mediabox
    pagesize = (float(first.width), float(first.height))
    annex, landed = annex_pdf(brief, pagesize, per_page=per_page)
    writer = PdfWriter(clone_from=reader)
    offset = len(writer.pages)
    for page in PdfReader(io.BytesIO(annex)).pages:
        writer.add_page(page)
    parent = writer.add_outline_item(title=_HEADING[brief.meta.language], page_number=offset)
    for title, index in landed:
        writer.add_outline_item(title=title, page_number=offset + index, parent=parent)
    buffer = io.BytesIO()
    writer.write(buffer)
    target = Path(output)
    write_atomic(buffer.getvalue(), target)
    return target
