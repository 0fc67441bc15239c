"""Pages: the document template, running heads, footers and page-foot footnotes.

In:  the story's flowables, the page geometry and a :class:`PassPlan` from the
     previous layout pass (total pages, which footnotes to expect per page,
     page numbers of headings).
Out: PDF pages drawn on a canvas, and what this pass observed (a new plan):
     where each footnote reference and each heading actually landed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError

from ..text.i18n import label


class BlockLayoutError(Exception):
    """A flowable that cannot be placed, with the YAML path of the block it came from."""

    def __init__(self, path, page):
        super().__init__(path, page)
        self.path, self.page = path, page


@dataclass
class PassPlan:
    """What one layout pass learnt, fed to the next."""

    total_pages: int = 0
    footnotes: dict = field(default_factory=dict)  # page -> set of footnote ids
    headings: dict = field(default_factory=dict)  # anchor name -> page


@dataclass
class PageSetup:
    """Geometry and furniture shared by every page."""

    pagesize: tuple
    margins: tuple  # left, right, top, bottom in points
    header_left: str
    header_right: str
    footer_left: str
    lang: str
    epoch: int  # creation date, seconds since 1970


class BriefDocTemplate(BaseDocTemplate):
    """A document template that reserves room for footnotes on each page."""

    def __init__(self, target, setup: PageSetup, layout, plan: PassPlan, **kw):
        self.setup = setup
        self.layout = layout  # the LayoutDoc: styles, theme, footnote paragraphs
        self.plan = plan
        self.seen = PassPlan()
        self.page_footnotes: list = []
        left, right, top, bottom = setup.margins
        width, height = setup.pagesize
        super().__init__(target, pagesize=setup.pagesize, leftMargin=left, rightMargin=right, topMargin=top,
                         bottomMargin=bottom, **kw)
        first = Frame(left, bottom, width - left - right, height - bottom, id="first", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(left, bottom, width - left - right, height - top - bottom, id="later", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("first", [first], onPageEnd=self._end_page, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=self._running_heads, onPageEnd=self._end_page),
        ])

    # -- document hooks -------------------------------------------------------------------
    def beforeDocument(self):
        # ReportLab's invariant mode dates every PDF 2000-01-01; use the brief's own date instead.
        stamp = TimeStamp(invariant=True)
        stamp.t = self.setup.epoch
        stamp.lt = time.gmtime(self.setup.epoch)
        stamp.YMDhms = tuple(stamp.lt)[:6]
        self.canv._doc._timeStamp = stamp
        self.canv.setNamedCB("fnref", self._footnote_seen)
        self.canv.showOutline()

    def beforePage(self):
        self.page_footnotes = []
        reserve = self.layout.footnote_height(self.plan.footnotes.get(self.page, ()))
        frame = self.frame_for_page()
        frame._geom()  # the frame is shared by all pages: undo the last page's reservation first
        if reserve:
            frame._y1p += reserve

    def frame_for_page(self):
        return self.pageTemplate.frames[0]

    def afterFlowable(self, flowable):
        outline = getattr(flowable, "outline", None)
        if outline:
            name, title, level = outline
            self.canv.bookmarkPage(name)
            self.canv.addOutlineEntry(title, name, level=level, closed=False)
            self.seen.headings[name] = self.page

    def handle_flowable(self, flowables):
        flowable = flowables[0] if flowables else None
        try:
            super().handle_flowable(flowables)
        except LayoutError as error:
            raise BlockLayoutError(getattr(flowable, "brief_path", None), self.page) from error

    # -- callbacks -----------------------------------------------------------------------
    def _footnote_seen(self, canvas, kind, ident):
        if ident not in self.page_footnotes:
            self.page_footnotes.append(ident)
        self.seen.footnotes.setdefault(self.page, set()).add(ident)

    def _end_page(self, canvas, doc):
        if self.page_footnotes:
            self.layout.draw_footnotes(canvas, self.page_footnotes, self.setup)
        self.seen.total_pages = self.page

    def _running_heads(self, canvas, doc):
        setup, styles = self.setup, self.layout.styles
        left, right, top, bottom = setup.margins
        width, height = setup.pagesize
        style = styles["running"]
        canvas.saveState()
        canvas.setStrokeColor(HexColor(self.layout.theme.colors.rule))
        canvas.setLineWidth(0.5)
        head_y = height - top + 5 * mm
        canvas.line(left, head_y - 3, width - right, head_y - 3)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawString(left, head_y, setup.header_left)
        canvas.drawRightString(width - right, head_y, setup.header_right)
        foot_y = bottom - 9 * mm
        canvas.drawString(left, foot_y, setup.footer_left)
        total = self.plan.total_pages or self.page
        canvas.drawRightString(width - right, foot_y, label(setup.lang, "page_of", page=self.page, total=total))
        canvas.restoreState()


def draw_paragraphs(canvas, paragraphs, x, y_top, width):
    """Draw already-built paragraphs downwards from ``y_top``; return the y reached."""
    y = y_top
    for para in paragraphs:
        _, height = para.wrap(width, 10_000)
        y -= height
        para.drawOn(canvas, x, y)
        y -= para.style.spaceAfter
    return y


__all__ = ["BriefDocTemplate", "PageSetup", "PassPlan", "Paragraph", "draw_paragraphs"]
