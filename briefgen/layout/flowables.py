"""Custom flowables: a tinted box that splits politely, and the cover band.

In:  lists of ReportLab flowables and colours from the theme.
Out: flowables that platypus lays out like any other.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph, Table


def _stack_height(content, width, canv):
    total = 0
    for i, flowable in enumerate(content):
        _, height = flowable.wrapOn(canv, width, 100_000)
        total += height + (flowable.getSpaceAfter() if i < len(content) - 1 else 0)
    return total


class Box(Flowable):
    """Content in a light tinted box with a coloured rule on the left.

    The box only splits across pages when it is taller than ``max_unsplit``
    (half the frame), so short call-outs move whole to the next page.
    """

    def __init__(self, content, *, fill=None, rule=None, rule_width=2.5, padding=9, max_unsplit=None,
                 space_before=0, space_after=0, left_offset=0, label=None, gutter=0):
        super().__init__()
        self.style_args = dict(fill=fill, rule=rule, rule_width=rule_width, padding=padding, left_offset=left_offset,
                               gutter=gutter)
        # With a gutter, the content starts there (on the text column) and the label sits left of it.
        self.label = label
        self.gutter = gutter
        self.content = list(content)
        self.fill = HexColor(fill) if fill else None
        self.rule = HexColor(rule) if rule else None
        self.rule_width = rule_width
        self.padding = padding
        self.max_unsplit = max_unsplit
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.left_offset = left_offset

    def _content_x(self):
        return self.gutter or self.left_offset + self.padding + (self.rule_width if self.rule else 0)

    def _inner_width(self, width):
        return width - self._content_x() - self.padding

    def _label_height(self):
        if self.label is None:
            return 0
        label_width = self.gutter - self._content_x_without_gutter() - self.padding
        return self.label.wrapOn(self.canv, label_width, 100_000)[1]

    def _content_x_without_gutter(self):
        return self.left_offset + self.padding + (self.rule_width if self.rule else 0)

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        content = _stack_height(self.content, self._inner_width(avail_width), self.canv)
        self.height = max(content, self._label_height()) + 2 * self.padding
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        if self.max_unsplit and self.height <= self.max_unsplit:
            return []
        inner = self._inner_width(avail_width)
        room = avail_height - 2 * self.padding
        first, rest = [], list(self.content)
        while rest:
            flowable = rest[0]
            _, height = flowable.wrapOn(self.canv, inner, room)
            if height <= room:
                first.append(rest.pop(0))
                room -= height + flowable.getSpaceAfter()
                continue
            parts = flowable.splitOn(self.canv, inner, room)
            if parts and len(parts) > 1:
                first.append(parts[0])
                rest = list(parts[1:]) + rest[1:]
            break
        if not first or not rest:
            return []
        kw = self.style_args
        return [Box(first, space_before=self.spaceBefore, label=self.label, **kw),
                Box(rest, space_after=self.spaceAfter, **kw)]

    def draw(self):
        canvas = self.canv
        x0 = self.left_offset
        canvas.saveState()
        if self.fill:
            canvas.setFillColor(self.fill)
            canvas.rect(x0, 0, self.width - x0, self.height, stroke=0, fill=1)
        if self.rule:
            canvas.setFillColor(self.rule)
            canvas.rect(x0, 0, self.rule_width, self.height, stroke=0, fill=1)
        canvas.restoreState()
        if self.label is not None:
            self.label.drawOn(canvas, self._content_x_without_gutter(), self.height - self.padding
                              - self._label_height())
        x = self._content_x()
        inner = self._inner_width(self.width)
        y = self.height - self.padding
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
        canvas.saveState()
        canvas.setFillColor(self.color)
        canvas.rect(-self.left_margin, 0, self.page_width, self.height + 1, stroke=0, fill=1)
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


class Para(Paragraph):
    """A Paragraph that remembers its line breaks for the last width it was wrapped to.

    Platypus wraps a paragraph several times at the same width (to test a fit, to
    split, to keep a heading with it, to draw); breaking lines is the costly part.
    """

    def wrap(self, avail_width, avail_height):
        cached = self.__dict__.get("_wrapped")
        if cached is not None and cached[0] == avail_width and cached[1] is self.style:
            _, _, self.width, self.height, self.blPara, self._wrapWidths = cached
            return self.width, self.height
        result = super().wrap(avail_width, avail_height)
        if getattr(self, "blPara", None) is not None:
            self._wrapped = (avail_width, self.style, self.width, self.height, self.blPara, self._wrapWidths)
        return result


class CaptionedTable(Table):
    """A table whose first row is its caption; on later pages that row reads 'Table 2 (continued)'.

    ``continued`` is the caption for those pages. It is never longer than the first
    page's caption, so it fits the row height ReportLab keeps for repeated rows.
    """

    continued = None

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        for part in parts[1:]:
            if self.continued is not None:
                # A new row list: the repeated row is shared with the first page's part.
                part._cellvalues[0] = [self.continued] + list(part._cellvalues[0][1:])
                part.continued = self.continued
        return parts
