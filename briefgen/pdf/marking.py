"""Marked content: what on each page belongs to which structure element.

In:  drawing calls on a ReportLab canvas, and the structure elements the
     flowables carry (:mod:`.structure`).
Out: the page content wrapped in ``/Role <</MCID n>> BDC … EMC`` sequences or
     ``/Artifact`` ones, and, on each element, the ids of its sequences and of its
     link annotations, for :mod:`.tags` to write.

Only leaves mark: a paragraph, a table cell, a figure. A box or a table itself
draws its background and rules as artifacts and lets its content mark itself.
Content drawn inside an open sequence belongs to it, so nothing nests, except that
an artifact cannot open inside a sequence (its content then stays with it).

Flowables call :func:`marked` and :func:`artifact`; on an ordinary canvas both do
nothing, so the same flowables draw untagged PDFs (``--standard none``) and any
ReportLab program's pages.
"""

from __future__ import annotations

from contextlib import contextmanager, nullcontext

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString
from reportlab.pdfgen.canvas import Canvas

from ..text.spans import CLOSE_CALLBACK, OPEN_CALLBACK, parse_label
from .flate import compress_streams
from .structure import Content, LinkAnnotation


#: The callback a justified line calls to spread what its spaces cannot take between its letters
#: (:mod:`briefgen.layout.linebreak`); its label: "spacing gaps glyph-width word-spacing spaces".
TRACKING_CALLBACK = "briefgen-tracking"


def set_tracking(canvas, kind, label) -> None:
    """The letter spacing callback on any canvas (a ReportLab program drawing our paragraphs): Tc only."""
    info = getattr(canvas, "_curr_tx_info", None)
    if info is not None:
        info["tx"]._code.append(f"{float((label or '0').split()[0]):.4f} Tc")


class SpanCanvas(Canvas):
    """A canvas for briefgen's paragraphs: it knows the inline span callbacks of :mod:`briefgen.text.spans`
    (and draws nothing for them), and letter-spaces the lines that ask for it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        compress_streams(self)
        self.setNamedCB(OPEN_CALLBACK, self.open_span)
        self.setNamedCB(CLOSE_CALLBACK, self.close_span)
        self.setNamedCB(TRACKING_CALLBACK, self.track)
        self._tracking = None  # the line being letter-spaced: (start x, and the numbers of its label)

    def track(self, canvas, kind, label) -> None:
        """At a line's start, set its character spacing (Tc), and follow it with the line's links."""
        info = getattr(self, "_curr_tx_info", None)
        spacing, gaps, glyphs, word_spacing, spaces = (float(value) for value in (label or "0 0 0 0 0").split())
        if info is None or not spacing and self._tracking is None:
            return
        set_tracking(self, kind, label)
        self._tracking = (info["cur_x"], spacing, gaps, glyphs, word_spacing, spaces) if spacing else None

    def end_tracking(self) -> None:
        """After a paragraph: its letter spacing ended with its text (ReportLab restores the state)."""
        self._tracking = None

    def _tracked(self, rect):
        """A link's rectangle on a letter-spaced line, moved to where its text is drawn.

        ReportLab places a link by the glyph widths it knows: its start without the word spacing
        before it, its end with it, and neither with the letter spacing. Each is moved by the
        spacing of the gaps (and spaces) before it, taken in proportion along the line.
        """
        if self._tracking is None or rect is None:
            return rect
        start, spacing, gaps, glyphs, word_spacing, spaces = self._tracking
        if glyphs <= 0:
            return rect

        def share(x, width):
            return min(max((x - start) / width, 0.0), 1.0)

        x1, y1, x2, y2 = rect
        before = share(x1, glyphs)
        x1 += (spacing * gaps + word_spacing * spaces) * before
        x2 += spacing * gaps * share(x2, glyphs + word_spacing * spaces)
        return (x1, y1, x2, y2)

    def linkRect(self, contents, destinationname, Rect=None, *args, **kwargs):
        return super().linkRect(contents, destinationname, self._tracked(Rect), *args, **kwargs)

    def linkURL(self, url, rect, *args, **kwargs):
        return super().linkURL(url, self._tracked(rect), *args, **kwargs)

    def open_span(self, canvas, kind, label) -> None:
        pass

    def close_span(self, canvas, kind, label) -> None:
        pass


class TaggingCanvas(SpanCanvas):
    """A canvas that records marked content and link annotations for the structure tree.

    ``describe_link(target)`` names what an internal link goes to ("Footnote 3"), for
    the annotation's /Contents.
    """

    def __init__(self, *args, describe_link=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_link = describe_link or (lambda target: f"Go to {target}")
        self.tagged_pages: list = []  # per finished page: the element of each MCID
        self._marks: list = []  # this page's MCIDs so far
        self._open = None  # the element whose sequence is open
        self._artifacts = 0  # depth of open artifact sequences
        self._after_label = None  # the element a list item's body switches to after its label
        self._link_target = None
        self._spans = 0  # spans open in the text object being drawn

    # -- inline spans -----------------------------------------------------------------
    def open_span(self, canvas, kind, label) -> None:
        """Inside a paragraph's sequence: ``/Span <</Lang …>> BDC`` in its text object."""
        text_object = getattr(self, "_curr_tx_info", {}).get("tx")  # ReportLab's onDraw context
        lang = parse_label(label).get("lang")
        if text_object is None or self._open is None or not lang:
            return
        text_object._code.append(f"/Span <</Lang <FEFF{lang.encode('utf-16-be').hex().upper()}> >> BDC")
        self._spans += 1

    def close_span(self, canvas, kind, label) -> None:
        text_object = getattr(self, "_curr_tx_info", {}).get("tx")
        if text_object is None or not self._spans:
            return
        text_object._code.append("EMC")
        self._spans -= 1

    # -- sequences --------------------------------------------------------------------
    def begin_marked(self, element, bbox=None) -> bool:
        """Open ``element``'s sequence; False (and nothing written) inside another sequence."""
        if self._open is not None or self._artifacts:
            return False
        mcid = len(self._marks)
        self._marks.append(element)
        element.kids.append(Content(self.getPageNumber() - 1, mcid))
        if bbox is not None and element.bbox is None:
            element.bbox = self.page_box(*bbox)
        self.addLiteral(f"/{element.role} <</MCID {mcid}>> BDC")
        self._open = element
        return True

    def end_marked(self) -> None:
        self.addLiteral("EMC")
        self._open = None

    def begin_artifact(self, kind: str = "Layout") -> bool:
        if self._open is not None:
            return False  # e.g. a cell's background inside a cell: it belongs to the cell
        self.addLiteral(f"/Artifact <</Type /{kind}>> BDC")
        self._artifacts += 1
        return True

    def end_artifact(self) -> None:
        self.addLiteral("EMC")
        self._artifacts -= 1

    def label_then(self, element) -> None:
        """After the next text object (a list item's number), switch to ``element`` (its body)."""
        self._after_label = element

    def drawText(self, text_object):
        # A span a page or column break cut ends with its part of the text object.
        text_object._code.extend(["EMC"] * self._spans)
        self._spans = 0
        super().drawText(text_object)
        body, self._after_label = self._after_label, None
        if body is not None and self._open is not None:
            self.end_marked()
            self.begin_marked(body)

    def page_box(self, x, y, width, height) -> tuple:
        """The rectangle (in the current user space) in page coordinates: x0, y0, x1, y1."""
        a, b, c, d, e, f = self._currentMatrix
        xs, ys = [], []
        for px, py in ((x, y), (x + width, y), (x, y + height), (x + width, y + height)):
            xs.append(a * px + c * py + e)
            ys.append(b * px + d * py + f)
        return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))

    # -- pages and annotations -----------------------------------------------------------
    def showPage(self):
        self.tagged_pages.append(self._marks)
        self._marks = []
        super().showPage()

    def linkRect(self, contents, destinationname, *args, **kwargs):
        self._link_target = destinationname
        try:
            return super().linkRect(contents, destinationname, *args, **kwargs)
        finally:
            self._link_target = None

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        super()._addAnnotation(annotation, name, addtopage)
        if not addtopage:
            return
        if self._link_target is not None:
            contents = self.describe_link(self._link_target)
        else:
            contents = _uri(annotation) or "Link"
        holder = self._open
        if holder is None:
            return  # drawn as an artifact (a repeated table header): tags.py tags it on its own
        holder.kids.append(LinkAnnotation(self.getPageNumber() - 1, len(self._annotationrefs) - 1, contents))


def _uri(annotation) -> str | None:
    if isinstance(annotation, PDFDictionary):
        action = annotation.dict.get("A")
        uri = action.dict.get("URI") if isinstance(action, PDFDictionary) else None
        if isinstance(uri, PDFString):
            text = uri.s
            return text.decode("latin-1") if isinstance(text, bytes) else str(text)
    return None


@contextmanager
def marked(canvas, element, bbox=None, label=None):
    """Draw inside ``element``'s sequence, or as an artifact when ``element`` is None.

    ``label``: a list item's Lbl element, marked first; the body ``element`` follows
    the first text object drawn (the number or bullet).
    """
    if not isinstance(canvas, TaggingCanvas):
        yield
        return
    if element is None:
        with artifact(canvas):
            yield
        return
    opened = canvas.begin_marked(label or element, bbox)
    if opened and label is not None:
        canvas.label_then(element)
    try:
        yield
    finally:
        if opened:
            canvas._after_label = None
            canvas.end_marked()


def artifact(canvas, kind: str = "Layout"):
    """Draw as an artifact: furniture a reader skips (rules, tints, running heads)."""
    if not isinstance(canvas, TaggingCanvas):
        return nullcontext()
    return _artifact(canvas, kind)


@contextmanager
def _artifact(canvas, kind):
    opened = canvas.begin_artifact(kind)
    try:
        yield
    finally:
        if opened:
            canvas.end_artifact()


__all__ = ["SpanCanvas", "TaggingCanvas", "artifact", "marked"]
