"""Pages: the document template, running heads, footers and page-foot footnotes.

In:  the story's flowables, the page geometry and a :class:`PassPlan` from the
     previous layout pass (the page numbers of headings, for the contents).
Out: PDF pages drawn on a canvas, and where each heading landed (a new plan).

Footnotes are placed in one pass: before a flowable that cites notes is laid
out, the page's frame is shortened by the notes' height, and at the end of the
page the notes actually cited on it are drawn in that room. "Page 3 of N" is a
form XObject per page, filled in once N is known, so it needs no extra pass.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ..pdf.marking import artifact
from ..text.i18n import label
from .flowables import Box
from ..text.typography import ellipsize


class BlockLayoutError(Exception):
    """A flowable that cannot be placed, with the YAML path of the block it came from."""

    def __init__(self, path, page):
        super().__init__(path, page)
        self.path, self.page = path, page


@dataclass
class PassPlan:
    """What one layout pass learnt, fed to the next."""

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
    bleed: float = 0.0  # the print edition's bleed, in points (0: the screen edition)
    cmyk: bool = False  # the CMYK edition: crop marks in registration colour


class BriefDocTemplate(BaseDocTemplate):
    """The brief's pages: running heads, page-foot footnotes, floating figures, kept headings."""

    def __init__(self, target, setup: PageSetup, layout, plan: PassPlan, **kw):
        self.setup = setup
        self.layout = layout  # the LayoutDoc: styles, theme, footnote paragraphs
        self.plan = plan
        self.seen = PassPlan()
        self.page_footnotes: list = []  # notes cited on this page, in order
        self.page_reserved: set = set()  # notes whose room this page's frame already leaves
        self.deferred: list = []  # floats waiting for the next page
        self.story: list = []
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

    def build(self, flowables, **kw):
        self.story = flowables  # the list platypus consumes; deferred floats go back to its front
        super().build(flowables, **kw)

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
        self.page_reserved = set()
        self.page_squeeze = 0.0  # how much the space over this page's notes shrank
        self.frame_for_page()._geom()  # the frame is shared by all pages: undo the last page's room
        # Figures and tables that did not fit on the last page open this one.
        self.story[0:0] = self.deferred
        self.deferred = []

    def _fits_with_start_of_next(self, flowables) -> bool:
        """Is there room for this heading and the first lines of what follows it?"""
        frame = self.frame
        width = frame._getAvailableWidth()
        room = frame._y - frame._y1p
        need = 0.0
        for index, flowable in enumerate(flowables[:6]):
            if index and getattr(flowable, "floats", False):
                continue  # a figure or table can wait for the next page; the text after it cannot
            height = flowable.wrapOn(self.canv, width, 100_000)[1] + flowable.getSpaceBefore()
            if index == 0 or getattr(flowable, "keep_with_next", False):
                need += height + flowable.getSpaceAfter()
                continue
            need += _first_lines(flowable, height)
            break
        return need <= room

    def _fits(self, flowable) -> bool:
        frame = self.frame
        room = frame._y - frame._y1p - flowable.getSpaceBefore()
        return flowable.wrapOn(self.canv, frame._getAvailableWidth(), room)[1] <= room + 1e-6

    def _reserve_footnotes(self, flowable):
        """Shorten this page's frame by the height of notes that ``flowable`` cites."""
        if not self.layout.page_footnotes:
            return  # no notes at the page foot: nothing to make room for
        cited = footnote_ids(flowable) - self.page_reserved
        if not cited:
            return
        before = self.layout.footnote_height(self.page_reserved)
        squeeze = self.page_squeeze
        if getattr(flowable, "frags", None) is not None or getattr(flowable, "notes_in_parts", False) \
                or isinstance(flowable, Box):  # a paragraph or box that splits: its notes go with their parts
            cited = self._cited_on_this_page(flowable, cited, before)
            if not cited:
                return
        self.page_reserved |= cited
        self.frame._y1p += self.layout.footnote_height(self.page_reserved) - before - (self.page_squeeze - squeeze)

    def _cited_on_this_page(self, paragraph, cited: set, before: float) -> set:
        """Of the notes ``paragraph`` cites, those in the part of it this page will hold.

        A paragraph that runs over to the next page may cite its notes only there; its
        notes' room is then left to the next page. What fits with no room reserved can
        only shrink once room is reserved, so every note drawn here still has its room.
        """
        frame = self.frame
        width = frame._getAvailableWidth()
        room = frame._y - frame._y1p - paragraph.getSpaceBefore()
        reserved_room = room - (self.layout.footnote_height(self.page_reserved | cited) - before)
        height = paragraph.wrapOn(self.canv, width, room)[1]
        if height <= reserved_room + 1e-6:
            return cited  # it fits whole, notes and all
        if not self.page_squeeze and height <= reserved_room + FOOTNOTE_SQUEEZE:
            # Whole with its notes once the space over them shrinks a little (as TeX's \skip\footins
            # may): else it would split before its citation and leave the notes' room empty.
            self.page_squeeze = height - reserved_room + 0.01
            return cited
        parts = paragraph.split(width, room)
        paragraph.wrapOn(self.canv, width, room)  # split() may leave the paragraph wrapped otherwise
        if not parts and getattr(paragraph, "frags", None) is None and height <= room + 1e-6:
            return cited  # a box that would fit whole (it splits only when it does not): all its notes
        return cited & footnote_ids(parts[0]) if parts else set()

    def frame_for_page(self):
        return self.pageTemplate.frames[0]

    def afterFlowable(self, flowable):
        outline = getattr(flowable, "outline", None)
        if outline:
            name, title, level = outline
            # The entry goes to the heading itself, not to the top of its page.
            top = self.frame._y + flowable.getSpaceAfter() + flowable.height
            self.canv.bookmarkHorizontalAbsolute(name, top)
            self.canv.addOutlineEntry(title, name, level=level, closed=False)
            self.seen.headings[name] = self.page

    def handle_flowable(self, flowables):
        flowable = flowables[0] if flowables else None
        try:
            self._handle_flowable(flowables, flowable)
        except ValueError as error:
            if not _raised_by_reportlab(error):
                raise
            # E.g. a table column narrower than its cell padding: what ReportLab cannot lay out.
            raise BlockLayoutError(getattr(flowable, "brief_path", None), self.page) from error

    def _handle_flowable(self, flowables, flowable):
        if isinstance(flowable, PageBreak) and self._curPageFlowableCount == 0 and self.page > 1:
            del flowables[0]  # the page is empty already: a break here would only leave a blank page
            return
        if flowable is not None and self.deferred and _ends_float_run(flowable):
            self.handle_pageBreak()  # the back matter waits for the deferred floats
            return
        if flowable is not None and getattr(self, "frame", None) is not None:
            if getattr(flowable, "keep_with_next", False) and not self.frame._atTop \
                    and not self._fits_with_start_of_next(flowables):
                self.handle_pageBreak()  # the heading would be stranded: start it on the next page
                return
            self._reserve_footnotes(flowable)
            if getattr(flowable, "floats", False) and (self.deferred or not self.frame._atTop
                                                       and not self._fits(flowable)):
                self.deferred.append(flowables.pop(0))  # the text after it fills this page first
                return
        following = flowables[1] if len(flowables) > 1 else None
        try:
            super().handle_flowable(flowables)
        except LayoutError as error:
            raise BlockLayoutError(getattr(flowable, "brief_path", None), self.page) from error
        path = getattr(flowable, "brief_path", None)
        if path is not None:  # what is left of a split flowable still names its block
            for part in flowables:
                if part is following:
                    break
                if getattr(part, "brief_path", None) is None:
                    part.brief_path = path

    # -- callbacks -----------------------------------------------------------------------
    def _footnote_seen(self, canvas, kind, ident):
        if ident not in self.page_footnotes:
            self.page_footnotes.append(ident)

    @property
    def bleed(self) -> float:
        """The print edition's bleed (0 on screen): what touches the trim edge is drawn on into it."""
        return self.setup.bleed

    def _end_page(self, canvas, doc):
        if self.page_footnotes:
            self.layout.draw_footnotes(canvas, self.page_footnotes, self.setup, squeeze=self.page_squeeze)
        if self.setup.bleed:
            from ..pdf.press import draw_crop_marks

            draw_crop_marks(canvas, *self.setup.pagesize, cmyk=self.setup.cmyk)

    def _running_heads(self, canvas, doc):
        setup, styles = self.setup, self.layout.styles
        left, right, top, bottom = setup.margins
        width, height = setup.pagesize
        style = styles["running"]
        with artifact(canvas, "Pagination"):
            canvas.saveState()
            canvas.setStrokeColor(HexColor(self.layout.theme.colors.rule))
            canvas.setLineWidth(0.5)
            head_y = height - top + 5 * mm
            canvas.line(left, head_y - 3, width - right, head_y - 3)
            canvas.setFillColor(style.textColor)
            header_left, header_right, footer_left = self._furniture_texts()
            draw_runs(canvas, left, head_y, header_left, style)
            draw_runs(canvas, width - right, head_y, header_right, style, right=True)
            draw_runs(canvas, left, bottom - 9 * mm, footer_left, style)
            canvas.restoreState()
            canvas.doForm(f"page-number-{self.page}")  # filled in by finish(), once the total is known

    def _furniture_texts(self) -> tuple:
        """Running head (left, right) and footer, each cut with '…' to the room it has on the line."""
        if getattr(self, "_furniture", None) is None:
            setup, style = self.setup, self.layout.styles["running"]
            line = setup.pagesize[0] - setup.margins[0] - setup.margins[1]
            gap = 4 * mm

            def measure(text):
                return runs_width(text, style)

            left, right = measure(setup.header_left), measure(setup.header_right)
            if left + gap + right > line:  # the title gets what the series or organisation leaves, at least half
                right = min(right, max(line / 2 - gap / 2, line - gap - left))
                left = line - gap - right
            # "Page x of N" is drawn once N is known: leave room for four-digit numbers.
            number = measure(label(setup.lang, "page_of", page=8888, total=8888))
            name, dot, date = setup.footer_left.rpartition(" · ")  # the date stays whole
            footer = (ellipsize(name, line - gap - number - measure(dot + date), measure) + dot + date if dot
                      else ellipsize(setup.footer_left, line - gap - number, measure))
            self._furniture = (ellipsize(setup.header_left, left, measure),
                               ellipsize(setup.header_right, right, measure), footer)
        return self._furniture

    def finish(self) -> None:
        """Fill in every page's "Page x of N" form and the drawings placed as forms; write the PDF."""
        setup, style = self.setup, self.layout.styles["running"]
        width, _ = setup.pagesize
        _, right, _, bottom = setup.margins
        canvas = self.canv
        for page in range(2, self.page + 1):
            canvas.beginForm(f"page-number-{page}")
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            canvas.drawRightString(width - right, bottom - 9 * mm,
                                   label(setup.lang, "page_of", page=page, total=self.page))
            canvas.endForm()
        for name, source in self.layout.forms.items():  # charts, whose drawing may have come last
            # Room around the drawing: labels may overhang its box.
            canvas.beginForm(name, -source.width, -source.height, 2 * source.width, 2 * source.height)
            source.drawing().drawOn(canvas, 0, 0)
            canvas.endForm()
        canvas.save()


#: How much the space over a page's footnotes (8 pt, with the rule) may shrink so that a paragraph
#: fits whole with the notes it cites.
FOOTNOTE_SQUEEZE = 4


def _faces(text: str, style) -> list:
    """(font face, run) for plain text in ``style``: what its family lacks, in its fallback fonts."""
    from reportlab.lib.fonts import tt2ps

    chain = getattr(style, "font_chain", None)
    if chain is None:
        return [(style.fontName, text)]
    return [(style.fontName if font == chain.name else tt2ps(font, 0, 0), run) for font, run in chain.runs(text)]


def runs_width(text: str, style) -> float:
    return sum(stringWidth(run, face, style.fontSize) for face, run in _faces(text, style))


def draw_runs(canvas, x: float, y: float, text: str, style, *, right: bool = False) -> None:
    """Draw one line of plain text (running heads, footers) in ``style``'s fonts; ``right``: ending at x."""
    faces = _faces(text, style)
    if right:
        x -= sum(stringWidth(run, face, style.fontSize) for face, run in faces)
    line = canvas.beginText(x, y)  # one text object: readers take the runs for one line
    for face, run in faces:
        line.setFont(face, style.fontSize)
        line.textOut(run)
    canvas.drawText(line)


class FlushFloats(Flowable):
    """Ends the story: any figure still waiting is placed before the document ends."""

    flush_floats = True

    def wrap(self, avail_width, avail_height):
        return 0, 0

    def draw(self):
        pass


def _first_lines(flowable, height: float) -> float:
    """How much of a flowable must sit under a heading: two lines (as at any page foot), or all of an
    unsplittable box."""
    leading = getattr(getattr(flowable, "style", None), "leading", None)
    if leading:
        return min(height, 2 * leading + flowable.getSpaceBefore())
    max_unsplit = getattr(flowable, "max_unsplit", None)
    if max_unsplit is not None and height <= max_unsplit:
        return height
    return min(height, 48)


def _raised_by_reportlab(error: Exception) -> bool:
    """Was ``error`` raised inside ReportLab (a layout it refuses), not in briefgen's own code?"""
    import reportlab

    traceback = error.__traceback__
    while traceback.tb_next is not None:
        traceback = traceback.tb_next
    return traceback.tb_frame.f_code.co_filename.startswith(os.path.dirname(reportlab.__file__) + os.sep)


def _ends_float_run(flowable) -> bool:
    """Must the floats waiting be placed before ``flowable``? Yes for the back matter and the end.

    A section heading lets them wait: the new section's text fills the page, and they open the next.
    """
    return bool(getattr(flowable, "flush_floats", False))


def footnote_ids(flowable) -> set:
    """Ids of the footnotes cited in a flowable (a paragraph, a split part, or a box of them)."""
    cached = flowable.__dict__.get("_footnote_ids")
    if cached is not None and cached[0] is getattr(flowable, "frags", None):
        return cached[1]  # asked for every page a flowable opens or is tried on
    found = set()
    frags = getattr(flowable, "frags", None)
    markup = flowable.__dict__.get("_markup")  # a paragraph made from markup (see paragraph.Para)
    if frags is not None and (markup is None or _CITES in markup[0]):  # escaped text never holds the tag
        _scan_frags(frags, found, 0)
    for child in getattr(flowable, "content", None) or getattr(flowable, "_content", None) or ():
        found |= footnote_ids(child)
    flowable.__dict__["_footnote_ids"] = (frags, found)
    return found


#: What a citation looks like in paragraph markup (see LayoutDoc's footnote references).
_CITES = 'name="fnref"'


def _scan_frags(node, found, depth):
    callback = getattr(node, "cbDefn", None)
    if callback is not None and getattr(callback, "name", None) == "fnref":
        found.add(callback.label)
    if isinstance(node, (list, tuple)) and depth < 6:  # split paragraphs nest frags in word lists
        for child in node:
            _scan_frags(child, found, depth + 1)


__all__ = ["BriefDocTemplate", "FlushFloats", "PageSetup", "PassPlan", "footnote_ids"]
