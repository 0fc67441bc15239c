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
import tempfile
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus.doctemplate import LayoutError

from .errors import BriefError, Diagnostic, format_path
from .layout.context import LayoutDoc
from .layout.page import BlockLayoutError, BriefDocTemplate, PageSetup, PassPlan
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
    meta, page = brief.meta, brief.theme.page
    organisation = meta.organisation.name
    return PageSetup(
        pagesize=brief.page_size(),
        margins=(page.margin_inner * mm, page.margin_outer * mm, page.margin_top * mm, page.margin_bottom * mm),
        header_left=meta.short_title or meta.title,
        header_right=meta.series or organisation,
        footer_left=f"{organisation} · {format_date(meta.date, meta.language)}",
        lang=meta.language,
        epoch=creation_epoch(brief),
    )


def _one_pass(brief, setup, plan: PassPlan, styles, memo: dict, worker):
    width = setup.pagesize[0] - setup.margins[0] - setup.margins[1]
    height = setup.pagesize[1] - setup.margins[2] - setup.margins[3]
    layout = LayoutDoc(brief, width, height, styles, memo, chart_worker=worker)
    buffer = io.BytesIO()
    meta = brief.meta
    doc = BriefDocTemplate(
        buffer, setup, layout, plan,
        title=meta.title, author=", ".join(meta.authors) or meta.organisation.name,
        subject=str(meta.summary) if meta.summary else (meta.subtitle or ""),
        keywords=", ".join(meta.keywords), creator="briefgen", producer="briefgen (ReportLab)",
        lang=meta.language, invariant=1, initialFontName=layout.styles.body_fonts.regular,
        pageCompression=1,
    )
    doc._doSave = False  # BriefDocTemplate.finish() writes the PDF once page totals are known
    doc.build(build_story(layout, plan, setup))
    return doc, buffer


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
    styles = build_styles(brief.theme, brief.meta.language, brief.theme.page.text_indent * mm, brief.cache_dir)
    try:
        for _ in range(MAX_PASSES):
            doc, buffer = _one_pass(brief, setup, plan, styles, memo, worker)
            if not brief.meta.toc or doc.seen.headings == plan.headings:
                break
            plan = PassPlan(headings=doc.seen.headings)
        doc.finish()
        return buffer.getvalue()
    except (BlockLayoutError, LayoutError) as exc:
        path = getattr(exc, "path", None)
        line, col = brief.source.where(path) if path else (0, 0)
        where = format_path(path[:-1]) if path else "(layout)"
        raise BriefError([Diagnostic(brief.source.name, line, col, where,
                                     "this block is too large to fit on a page; split it into smaller blocks"
                                     " or shorten it")], exit_code=1) from None
    finally:
        if worker is not None:
            worker.close()


def write_atomic(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` via a temporary file and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # mkstemp makes 0600; a PDF is for sharing
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
