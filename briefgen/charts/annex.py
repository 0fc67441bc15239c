"""Chart annex: an existing PDF report and a brief in, the report with the brief's charts appended out.

In:  a PDF report (any producer), a brief whose charts are wanted, how many
     charts may share a page (one or two), and whether the report may lose its
     encryption (``decrypt``) or keep its active content.
Out: a new PDF: the report's own pages, links, outline and metadata, less
     any active content (see :mod:`briefgen.charts.reportpdf`), then annex
     pages set with ReportLab in the brief's theme and the report's first page
     size (each chart with its 'Figure N  Title' caption, subtitle, notes and
     source line; two charts too tall to share a page are shrunk to fit, down
     to :data:`MIN_SCALE`), and an outline entry "Chart annex" with one child
     per chart; plus warnings saying what was removed or could not be fitted.
     pypdf does the merge.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from reportlab.lib.units import mm

_HEADING = {"en": "Chart annex", "es": "Anexo de gráficos", "fr": "Annexe des graphiques", "pt": "Anexo de gráficos"}
#: Two charts sharing a page are shrunk to no less than this, so their text stays readable.
MIN_SCALE = 0.75
#: Space between two charts on one page, in points.
GAP = 18


class _Scaled:
    """A rendered chart (Drawing or Image) drawn at ``scale``; ChartFlowable wraps it like the original."""

    def __init__(self, inner, scale: float):
        self.inner, self.scale = inner, scale
        width, height = _size(inner)
        self.width, self.height = width * scale, height * scale

    def drawOn(self, canv, x, y):  # noqa: N802 - ReportLab's name
        canv.saveState()
        canv.translate(x, y)
        canv.scale(self.scale, self.scale)
        self.inner.drawOn(canv, 0, 0)
        canv.restoreState()


def _size(inner) -> tuple[float, float]:
    if hasattr(inner, "drawWidth"):
        return inner.drawWidth, inner.drawHeight
    return inner.width, inner.height


def _plan(groups, width, room, heading, per_page: int):
    """Pages as lists of (chart index, scale), and the first charts of pairs that could not share a page.

    ``groups[i]`` is (chart height, the caption and chart flowables at scale 1, the notes after it);
    a page's height at scale s is its height at 1 less (1 - s) times its charts' heights.
    """
    from reportlab.platypus import Spacer
    from reportlab.platypus.flowables import _listWrapOn

    def fit(indices, lead, space):
        flowables = list(lead)
        for k, i in enumerate(indices):
            flowables += ([Spacer(1, GAP)] if k else []) + groups[i][1] + groups[i][2]
        height = _listWrapOn(flowables, width, None)[1]
        charts = sum(groups[i][0] for i in indices)
        if height <= space:
            return 1.0
        return (space - (height - charts)) / charts if charts else 0.0

    pages, unpaired, i = [], [], 0
    space = room - 1  # a point of slack for rounding in the frame
    while i < len(groups):
        lead = [] if pages else [heading]
        if per_page == 2 and i + 1 < len(groups):
            scale = fit([i, i + 1], lead, space)
            if scale >= MIN_SCALE:
                pages.append([(i, min(scale, 1.0)), (i + 1, min(scale, 1.0))])
                i += 2
                continue
            unpaired.append(i)
        pages.append([(i, max(min(fit([i], lead, space), 1.0), 0.05))])  # a chart taller than the page shrinks
        i += 1
    return pages, unpaired


def annex_pdf(brief, pagesize, *, per_page: int = 2, tagged: bool = False):
    """(PDF bytes of the annex, [(title, annex page index)] per chart, [warning], structure tree) for a
    brief with charts. ``tagged``: the pages carry marked content for the tree (else it is None)."""
    from functools import partial

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageBreak, PageTemplate, Spacer
    from reportlab.platypus.doctemplate import LayoutError

    from ..errors import BriefError, Diagnostic, display_name
    from ..layout.flowables import Marked
    from ..layout.paragraph import Para
    from ..layout.styles import build_styles
    from ..pdf.marking import SpanCanvas, TaggingCanvas
    from ..pdf.structure import StructureTree
    from ..text.i18n import label
    from ..text.markup import escape
    from . import cache
    from .rendering import brief_charts
    from .flowable import ChartFlowable
    from .rendering import chart_flowable
    from .style import ChartStyle

    theme, lang = brief.theme, brief.meta.language
    styles = build_styles(theme, lang, 0)
    page = theme.page
    left, right = page.margin_inner * mm, page.margin_outer * mm
    top, bottom = page.margin_top * mm, page.margin_bottom * mm
    width, room = pagesize[0] - left - right, pagesize[1] - top - bottom
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
    frame = Frame(left, bottom, width, room, id="annex", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("annex", [frame])])
    tree = StructureTree(lang)  # the annex's part of the report's tree: a section, as in a brief
    section = tree.add("Sect", lang=lang)  # the report it joins may be in another language
    heading = Para(escape(_HEADING[lang]), styles["h1"], struct=section.add("H2"))
    charts = brief_charts(brief)
    folder, groups, names = None, [], []
    for number, block in charts:
        folder = folder or cache.cache_dir()
        caption = (f'<font color="{theme.colors.accent}">{label(lang, "figure")} {number}</font>'
                   f"&nbsp;&nbsp;{escape(block.title)}")
        before = [Para(caption, styles["caption"], struct=section.add("Caption"))]
        before[0].annex_title = f"{label(lang, 'figure')} {number}. {block.title}"
        if block.subtitle:
            before.append(Para(escape(block.subtitle), subtitle, struct=section.add("P")))
        inner = chart_flowable(block, style, width, furniture=False, raster=bool(block.raster), folder=folder)
        figure = section.add("Figure", alt=block.alt or block.title)
        after = []
        if block.notes:
            after.append(Para(escape(block.notes), styles["source_line"], struct=section.add("P")))
        if block.source or block.source_url:
            source = f"{label(lang, 'source')}: {escape(block.source or '')}"
            if block.source_url:
                source += f' <a href="{escape(block.source_url)}" color="{theme.colors.link}">' \
                          f"{escape(block.source_url)}</a>"
            after.append(Para(source, styles["source_line"], struct=section.add("P")))
        groups.append((before, inner, after, block, figure))
        names.append(f"{label(lang, 'figure')} {number}")
    measured = [(_size(inner)[1], before + [ChartFlowable.prerendered(inner)], after)
                for before, inner, after, _, _ in groups]
    pages, unpaired = _plan(measured, width, room, heading, per_page)
    story = [heading]
    for p, placed in enumerate(pages):
        if p:
            story.append(PageBreak())
        for k, (i, scale) in enumerate(placed):
            before, inner, after, block, figure = groups[i]
            shown = inner if scale >= 1.0 else _Scaled(inner, scale)
            chart = Marked(ChartFlowable.prerendered(shown, alt=block.alt or block.title, name=block.title), figure)
            story += ([Spacer(1, GAP)] if k else []) + [KeepTogether(before + [chart] + after)]
    try:
        doc.build(story, canvasmaker=partial(TaggingCanvas, describe_link=str) if tagged else SpanCanvas)
    except LayoutError as exc:  # only text taller than the page itself is left to fail
        raise BriefError([Diagnostic(display_name(Path(brief.path)), 0, 0, "(annex)", "a chart's caption and"
                                     f" notes do not fit on a {pagesize[0]:g}×{pagesize[1]:g} pt page (the"
                                     f" report's page size): shorten them ({str(exc)[:80]})")]) from None
    size = f"{pagesize[0]:g}×{pagesize[1]:g} pt"
    notes = []
    if len(unpaired) == 1:
        i = unpaired[0]
        notes.append(f"--per-page 2: {names[i]} and {names[i + 1]} are too tall to share a {size} page (the"
                     f" report's page size) even at {MIN_SCALE:.0%} size, so {names[i]} has a page of its own")
    elif unpaired:
        listed = ", ".join(names[i] for i in unpaired[:-1]) + f" and {names[unpaired[-1]]}"
        notes.append(f"--per-page 2: {listed} are each too tall to share a {size} page (the report's page size)"
                     f" with the chart after them even at {MIN_SCALE:.0%} size, so each has a page of its own")
    notes += [f"{names[i]} is taller than a {size} page (the report's page size), so it is shown at {scale:.0%}"
              " size" for placed in pages if len(placed) == 1 for i, scale in placed if scale < MIN_SCALE]
    return buffer.getvalue(), landed, notes, tree if tagged else None


def attach_charts(report, brief_path, output, *, per_page: int = 2, allow_outside: bool = False,
                  decrypt: bool = False, keep_active_content: bool = False, limits=None, warn=None) -> Path:
    """Append the charts of ``brief_path`` to the PDF ``report``; write ``output`` and return it.

    Active content is removed from the report unless ``keep_active_content``; an
    encrypted report is refused unless ``decrypt``. ``warn`` receives each warning
    line (default: printed on stderr).
    """
    from pypdf import PdfReader, PdfWriter

    from .. import load
    from ..errors import BriefError, Diagnostic, display_name
    from ..output import check_output, write_atomic
    from . import reportpdf
    from .rendering import brief_charts

    warn = warn or (lambda line: print(line, file=sys.stderr))
    target = Path(output)
    check_output(target)
    brief = load(brief_path, allow_outside=allow_outside, limits=limits)
    brief_name, report_name = display_name(Path(brief_path)), display_name(Path(report))
    if not brief_charts(brief):
        raise BriefError([Diagnostic(brief_name, 0, 0, "(file)", "the brief has no charts, so there is nothing to"
                                     " attach; give --charts the brief whose chart blocks you want in the annex")])
    with reportpdf.reading(report):
        reader = reportpdf.open_report(report, decrypt=decrypt, limits=brief.limits)
        pagesize = reportpdf.page_size(reader, report)
        removed = {} if keep_active_content else reportpdf.strip_active_content(reader)
        writer = PdfWriter(clone_from=reader)  # copies only what the cleaned report still reaches
        tagged = "/StructTreeRoot" in reader.trailer["/Root"]
    annex, landed, notes, tree = annex_pdf(brief, pagesize, per_page=per_page, tagged=tagged)
    with reportpdf.reading(report):
        offset = len(writer.pages)
        for page in PdfReader(io.BytesIO(annex)).pages:
            writer.add_page(page)
        parent = writer.add_outline_item(title=_HEADING[brief.meta.language], page_number=offset)
        for title, index in landed:
            writer.add_outline_item(title=title, page_number=offset + index, parent=parent)
        buffer = io.BytesIO()
        writer.write(buffer)
    from ..pdf.conform import with_annex

    # The report's claims hold for the output only if the annex joins its tree; else none are left.
    write_atomic(with_annex(buffer.getvalue(), tree, offset, brief.meta.language), target)
    if removed:
        warn(str(Diagnostic(report_name, 0, 0, "(file)", "removed active content from the report: "
                            f"{reportpdf.removed_summary(removed)}; pass --keep-active-content to keep it",
                            severity="warning")))
    for note in notes:
        warn(str(Diagnostic(brief_name, 0, 0, "(annex)", note, severity="warning")))
    return target
