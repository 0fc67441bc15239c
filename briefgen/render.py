"""Stage 6, render: a checked brief in, PDF bytes out, then an atomic write.

In:  a :class:`~briefgen.schema.brief.Brief` (with theme and index).
Out: the PDF's bytes, laid out in one pass (two when a table of contents needs
     the page numbers of the headings). Output is byte-for-byte
     reproducible (ReportLab's invariant mode; the date is the brief's date or
     ``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import calendar
import io
import os
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus.doctemplate import LayoutError

from .errors import BriefError, Diagnostic, format_path
from .layout.context import LayoutDoc
from .layout.page import BlockLayoutError, BriefDocTemplate, PageSetup, PassPlan
from .layout.planstore import StoredPlans
from .layout.styles import build_styles
from .layout.story import build_story
from .text.i18n import format_date

#: ``render_pdf(chart_worker=AUTO)``: start a chart worker if one would help.
AUTO = object()

MAX_PASSES = 6


def creation_epoch(brief) -> int:
    """SOURCE_DATE_EPOCH if set, else noon UTC on the brief's date."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    return calendar.timegm(brief.meta.date.timetuple()) + 12 * 3600


def page_setup(brief) -> PageSetup:
    from .pdf.press import press_of

    meta, page = brief.meta, brief.theme.page
    organisation = meta.organisation.name
    press = press_of(brief)
    return PageSetup(
        pagesize=brief.page_size(),
        margins=(page.margin_inner * mm, page.margin_outer * mm, page.margin_top * mm, page.margin_bottom * mm),
        header_left=meta.short_title or meta.title,
        header_right=meta.series or organisation,
        footer_left=f"{organisation} · {format_date(meta.date, meta.language)}",
        lang=meta.language,
        epoch=creation_epoch(brief),
        bleed=press.bleed,
        cmyk=press.cmyk,
    )


def _one_pass(brief, setup, plan: PassPlan, styles, memo: dict, worker, endnotes: bool = False):
    from functools import partial

    from .pdf.marking import SpanCanvas, TaggingCanvas

    width = setup.pagesize[0] - setup.margins[0] - setup.margins[1]
    height = setup.pagesize[1] - setup.margins[2] - setup.margins[3]
    styles.line_budget.refill()  # every pass sets the same paragraphs by total fit
    layout = LayoutDoc(brief, width, height, styles, memo, chart_worker=worker, endnotes=endnotes)
    buffer = io.BytesIO()
    meta = brief.meta
    colors = {}
    if setup.cmyk:  # every colour set on the canvas goes through the mode (ReportLab's enforceColorSpace hook)
        from .theme.color import ColorMode

        colors = {"enforceColorSpace": ColorMode.from_theme(brief.theme)}
    doc = BriefDocTemplate(
        buffer, setup, layout, plan, **colors,
        title=meta.title, author=", ".join(meta.authors) or meta.organisation.name,
        subject=str(meta.summary) if meta.summary else (meta.subtitle or ""),
        keywords=", ".join(meta.keywords), creator="briefgen", producer="briefgen (ReportLab)",
        lang=meta.language, invariant=1, initialFontName=layout.styles.body_fonts.regular,
        pageCompression=1,
    )
    doc._doSave = False  # BriefDocTemplate.finish() writes the PDF once page totals are known
    story = build_story(layout, plan, setup)
    tagged = standards_of(brief).tagged
    canvas = TaggingCanvas if tagged else SpanCanvas
    if setup.cmyk:
        from .theme.color import cmyk_canvas

        canvas = cmyk_canvas(canvas)  # images drawn in CMYK too
    doc.build(story, canvasmaker=partial(canvas, describe_link=layout.describe_link) if tagged else canvas)
    return doc, buffer


def standards_of(brief):
    """The claims the brief's PDF makes (``brief.standards``; the default for a brief made by hand)."""
    from .standards import DEFAULT

    return getattr(brief, "standards", None) or DEFAULT


def render_pdf(brief, *, chart_worker=AUTO) -> bytes:
    """Lay the brief out and return the PDF bytes.

    One pass suffices unless the brief has a table of contents, whose page
    numbers come from the pass before. ``chart_worker`` (see
    :mod:`briefgen.charts.worker`) is started here unless the caller started
    one already, as :func:`briefgen.build` does before importing ReportLab's
    layout machinery; it is stopped when the PDF is done.
    """
    from .charts.worker import ChartWorker

    worker = ChartWorker.for_brief(brief) if chart_worker is AUTO else chart_worker
    setup = page_setup(brief)
    plan = PassPlan()
    memo: dict = {}  # images and charts drawn once, reused by every pass
    limits = getattr(brief, "limits", None)
    stored_plans = StoredPlans.for_brief(brief)
    styles = build_styles(brief.theme, brief.meta.language, brief.theme.page.text_indent * mm, brief.cache_dir,
                          **({"total_fit_words": limits.total_fit_words} if limits is not None else {}),
                          stored_plans=stored_plans)
    stored_paragraphs = _store_paragraphs(brief, styles)
    endnotes = False
    try:
        while True:
            try:
                for _ in range(MAX_PASSES):
                    doc, buffer = _one_pass(brief, setup, plan, styles, memo, worker, endnotes)
                    if not brief.meta.toc or doc.seen.headings == plan.headings:
                        break
                    plan = PassPlan(headings=doc.seen.headings)
                break
            except BlockLayoutError:
                if endnotes or not _uses_page_notes(brief):
                    raise
                endnotes = True  # the notes one block cites may not fit under it: try them as endnotes
                plan = PassPlan()
        doc.finish()
        for store in (stored_plans, stored_paragraphs):
            if store is not None:
                store.save()
        return _conform(brief, buffer.getvalue(), doc.layout.tags, setup.epoch)
    except (BlockLayoutError, LayoutError) as exc:
        raise _too_large(brief, getattr(exc, "path", None)) from None
    finally:
        if worker is not None:
            worker.close()


def _store_paragraphs(brief, styles):
    """The brief's stored parses and lines (:mod:`.layout.parastore`), read into this process's memories and
    set on every style; None when they cannot be stored."""
    from .layout.paragraph import remembered_lines, remembered_parses
    from .layout.parastore import StoredParagraphs

    stored = StoredParagraphs.for_brief(brief, styles)
    if stored is not None:
        stored.seed(remembered_parses(), remembered_lines())
        for style in styles.values():
            style.stored_paragraphs = stored
    return stored


def _conform(brief, data: bytes, tree, epoch: int) -> bytes:
    """The PDF with its structure tree, metadata and, for PDF/A-3, its charts' data and source; the print
    edition's page boxes; the CMYK edition's output intent."""
    from .pdf.press import press_of

    standards, press = standards_of(brief), press_of(brief)
    if not standards.names:
        if press.print_edition:
            from .pdf.press import finish_print

            return finish_print(data)
        return data
    from .pdf.conform import conform

    files = associated_files(brief) if standards.pdfa == "3b" else ()
    return conform(data, standards, tree=tree, language=brief.meta.language, files=files, epoch=epoch,
                   press=press)


def associated_files(brief) -> list:
    """Each chart's data (CSV) and the brief's YAML, to embed in a PDF/A-3 file."""
    from .charts.export import data_csv
    from .charts.rendering import brief_charts
    from .pdf.archive import AttachedFile

    files = [AttachedFile(block.export_name(number) + ".csv", data_csv(block), "text/csv", "Data",
                          f"The data plotted in figure {number}: {block.title}")
             for number, block in brief_charts(brief)]
    files.append(AttachedFile(brief.source.path.name, brief.source.text.encode("utf-8"),
                              "application/yaml", "Source", "The brief's YAML source, from which this PDF was built"))
    return files


def _uses_page_notes(brief) -> bool:
    return brief.theme.footnotes == "page" and bool(brief.footnotes)


def _too_large(brief, path) -> BriefError:
    """The positioned error for what cannot be placed on any page (``path``: its YAML path)."""
    path = tuple(path or ("sections",))  # every flowable is marked; this is a last resort
    line, col = brief.source.where(path)
    if len(path) >= 3 and path[-3] == "blocks":  # (..., "blocks", 2, "table"): name the block
        where, what = path[:-1], "this block"
    else:
        where, what = path, "this text"
    return BriefError([Diagnostic(brief.source.name, line, col, format_path(where),
                                  f"{what} is too large to fit on a page; split it into smaller blocks or"
                                  " shorten it")])


def write_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` via a temporary file and a rename (see :mod:`briefgen.output`)."""
    from .output import write_atomic as write

    write(data, target)
