"""Custom flowables: a tinted box that splits politely, the cover band, groups and marked figures.

In:  lists of ReportLab flowables, paragraph markup, and colours from the theme.
Out: flowables that platypus lays out like any other. In a tagged PDF each marks what it
     draws (:mod:`briefgen.pdf.marking`). Paragraphs are in :mod:`.paragraph`, tables in
     :mod:`.tables`.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from ..pdf.marking import artifact, marked


def _stack_height(content, width, canv, memo=None):
    """Height of flowables stacked at ``width``; ``memo`` keeps each one's height for the next call."""
    total, last = 0, len(content) - 1
    for i, flowable in enumerate(content):
        known = memo.get((id(flowable), width)) if memo is not None else None
        if known is None:
            _, height = flowable.wrapOn(canv, width, 100_000)
            known = (flowable, height, flowable.getSpaceAfter())  # the flowable kept: its id stays its own
            if memo is not None:
                memo[(id(flowable), width)] = known
        total += known[1] + (known[2] if i < last else 0)
    return total


class Box(Flowable):
    """Content in a light tinted box with a coloured rule on the left.

    The box splits across pages only when it is taller than ``max_unsplit`` (if given);
    the parts after the first have ``continued`` as their label ("Key findings (continued)",
    an artifact in a tagged PDF), or none.
    """

    def __init__(self, content, *, fill=None, rule=None, rule_width=2.5, padding=9, max_unsplit=None,
                 space_before=0, space_after=0, left_offset=0, label=None, gutter=0, heights=None,
                 label_width=None, continued=None):
        super().__init__()
        self.continued = continued
        # Heights of the content, shared with the parts of a split: a long box is measured once, not once a page.
        self.heights = {} if heights is None else heights
        self.style_args = dict(fill=fill, rule=rule, rule_width=rule_width, padding=padding, left_offset=left_offset,
                               gutter=gutter)
        # With a gutter, the content starts there (on the text column) and the label sits left of it,
        # when its longest word fits that margin column; else the label heads the content.
        self.label = label
        self.gutter = gutter
        # Measured once, before any wrap: a wrapped paragraph's frags are no longer its words.
        self.label_width = label.minWidth() if label is not None and label_width is None else label_width
        self.content = list(content)
        self.fill = HexColor(fill) if fill else None
        self.rule = HexColor(rule) if rule else None
        self.rule_width = rule_width
        self.padding = padding
        self.max_unsplit = max_unsplit
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.left_offset = left_offset

    def _content_x_without_gutter(self):
        return self.left_offset + self.padding + (self.rule_width if self.rule else 0)

    def _content_x(self):
        return max(self.gutter, self._content_x_without_gutter())

    def _inner_width(self, width):
        return width - self._content_x() - self.padding

    def _label_beside(self) -> bool:
        """Does the label sit in the margin column, left of the content? Only if no word of it breaks."""
        column = self.gutter - self._content_x_without_gutter() - self.padding
        return self.label is not None and self.label_width is not None and self.label_width <= column

    def _label_height(self, width):
        """The height the label takes: beside the content, or above it (with its space after)."""
        if self.label is None:
            return 0
        canvas = getattr(self, "canv", None)
        if self._label_beside():
            return self.label.wrapOn(canvas, self.gutter - self._content_x_without_gutter() - self.padding,
                                     100_000)[1]
        return self.label.wrapOn(canvas, self._inner_width(width), 100_000)[1] + self.label.getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        inner = self._inner_width(avail_width)
        if ("stack", id(self), inner) not in self.heights:  # wrapped several times a page at one width
            self.heights[("stack", id(self), inner)] = (self, _stack_height(self.content, inner,
                                                                            getattr(self, "canv", None), self.heights))
        content = self.heights[("stack", id(self), inner)][1]
        label = self._label_height(avail_width)
        self.height = (max(content, label) if self._label_beside() else label + content) + 2 * self.padding
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        if self.max_unsplit and self.height <= self.max_unsplit:
            return []
        inner = self._inner_width(avail_width)
        room = avail_height - 2 * self.padding - (0 if self._label_beside() else self._label_height(avail_width))
        first, rest = [], list(self.content)
        while rest:
            flowable = rest[0]
            _, height = flowable.wrapOn(getattr(self, "canv", None), inner, room)
            if height <= room:
                first.append(rest.pop(0))
                room -= height + flowable.getSpaceAfter()
                continue
            parts = flowable.splitOn(getattr(self, "canv", None), inner, room)
            if parts and len(parts) > 1:
                first.append(parts[0])
                rest = list(parts[1:]) + rest[1:]
            break
        if not first or not rest:
            return []
        kw = self.style_args
        return [Box(first, space_before=self.spaceBefore, label=self.label, label_width=self.label_width,
                    heights=self.heights, **kw),
                Box(rest, space_after=self.spaceAfter, heights=self.heights, label=self.continued,
                    continued=self.continued, **kw)]

    def draw(self):
        canvas = self.canv
        x0 = self.left_offset
        if self.fill or self.rule:
            with artifact(canvas):
                canvas.saveState()
                if self.fill:
                    canvas.setFillColor(self.fill)
                    canvas.rect(x0, 0, self.width - x0, self.height, stroke=0, fill=1)
                if self.rule:
                    canvas.setFillColor(self.rule)
                    canvas.rect(x0, 0, self.rule_width, self.height, stroke=0, fill=1)
                canvas.restoreState()
        x = self._content_x()
        inner = self._inner_width(self.width)
        y = self.height - self.padding
        if self.label is not None:
            label_height = self._label_height(self.width)
            if self._label_beside():
                self.label.drawOn(canvas, self._content_x_without_gutter(), y - label_height)
            else:
                self.label.drawOn(canvas, x, y - label_height + self.label.getSpaceAfter())
                y -= label_height
        for i, flowable in enumerate(self.content):
            _, height = flowable.wrapOn(canvas, inner, 100_000)
            y -= height
            flowable.drawOn(canvas, x, y)
            y -= flowable.getSpaceAfter()


class CoverBand(Flowable):
    """The first page's colour band, bleeding to the page edges, with the title block on it."""

    def __init__(self, content, *, color, page_width, left_margin, right_margin, padding, bottom_padding=None,
                 logo=None):
        super().__init__()
        self.content = content
        self.color = HexColor(color)
        self.page_width = page_width
        self.left_margin = left_margin
        self.right_margin = right_margin
        self.padding = padding
        self.bottom_padding = padding if bottom_padding is None else bottom_padding
        self.logo = logo  # a flowable drawn at the band's top right

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        text_width = avail_width * 0.82
        top = self.padding + (self.logo.wrapOn(self.canv, avail_width, 100)[1] + 6 if self.logo else 0)
        self.height = top + _stack_height(self.content, text_width, self.canv) + self.bottom_padding
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        # The print edition's bleed: the band reaches past the left, right and top trim edges.
        bleed = self._doctemplateAttr("bleed") or 0
        with artifact(canvas):
            canvas.saveState()
            canvas.setFillColor(self.color)
            canvas.rect(-self.left_margin - bleed, 0, self.page_width + 2 * bleed, self.height + 1 + bleed, stroke=0,
                        fill=1)
            canvas.restoreState()
        y = self.height - self.padding
        if self.logo:
            _, logo_height = self.logo.wrapOn(canvas, self.width, 100)
            y -= logo_height
            self.logo.drawOn(canvas, 0, y)
            y -= 6
        for flowable in self.content:
            _, height = flowable.wrapOn(canvas, self.width * 0.82, 100_000)
            y -= height
            flowable.drawOn(canvas, 0, y)
            y -= flowable.getSpaceAfter()


class Group(Box):
    """Flowables kept on one page unless together they are taller than ``max_height``.

    Unlike ReportLab's KeepTogether this is not a container: the page template
    can measure it to keep a heading with it.
    """

    def __init__(self, content, *, max_height, space_before=None, space_after=None):
        content = list(content)
        if space_before is None:
            space_before = content[0].getSpaceBefore() if content else 0
        if space_after is None:
            space_after = content[-1].getSpaceAfter() if content else 0
        super().__init__(content, padding=0, max_unsplit=max_height, space_before=space_before,
                         space_after=space_after)


class Marked(Flowable):
    """A figure's drawing (an image, a chart) marked as its structure element, with its box.

    With no element (a decorative image) it is an artifact in a tagged PDF.
    """

    def __init__(self, inner, struct):
        super().__init__()
        self.inner, self.struct = inner, struct
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        self.spaceBefore, self.spaceAfter = inner.getSpaceBefore(), inner.getSpaceAfter()

    def wrap(self, avail_width, avail_height):
        self.width, self.height = self.inner.wrapOn(self.canv, avail_width, avail_height)
        return self.width, self.height

    def draw(self):
        with marked(self.canv, self.struct, bbox=(0, 0, self.width, self.height)):
            self.inner.drawOn(self.canv, 0, 0)
