"""Table flowables: a table whose caption row repeats as '(continued)', and long tables a window at a time.

In:  rows of cells (paragraphs), column widths and a table style, from the table block.
Out: flowables that platypus lays out like any other. A long table (:class:`RowWindows`) does
     work that grows linearly with its rows, where ReportLab's own would grow with their square.
     In a tagged PDF, rules, tints and repeated header rows are artifacts; each cell marks itself.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from ..pdf.marking import artifact


class CaptionedTable(Table):
    """A table whose first row is its caption; on later pages that row reads 'Table 2 (continued)'.

    ``continued`` is the caption for those pages. It is never longer than the first
    page's caption, so it fits the row height ReportLab keeps for repeated rows.
    """

    continued = None
    repeats_head = False  # the caption and header rows repeat those of an earlier page

    def split(self, avail_width, avail_height):
        parts = super().split(avail_width, avail_height)
        for index, part in enumerate(parts):
            part.repeats_head = self.repeats_head or index > 0
            if index and self.continued is not None:
                # A new row list: the repeated row is shared with the first page's part.
                part._cellvalues[0] = [self.continued] + list(part._cellvalues[0][1:])
                part.continued = self.continued
        return parts

    # In a tagged PDF, rules and tints are artifacts, and so are repeated header rows.
    def _drawBkgrnd(self):
        with artifact(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self):
        with artifact(self.canv):
            super()._drawLines()

    def _drawCell(self, cellval, cellstyle, pos, size):
        if self.repeats_head and any(cellval is cell for row in self._cellvalues[:2] for cell in row):
            with artifact(self.canv, "Pagination"):
                super()._drawCell(cellval, cellstyle, pos, size)
        else:
            super()._drawCell(cellval, cellstyle, pos, size)


#: A table with more body rows than this is laid out a window of rows at a time (see RowWindows).
LONG_TABLE_ROWS = 150


class RowWindows(Flowable):
    """A long table, made into a ReportLab table only a page's worth of rows at a time.

    ReportLab's Table measures every row it holds each time it is wrapped or split, and
    the rest of a split table holds all rows left: quadratic in the rows. Here the row
    heights are measured once (in windows), the part for a page is cut from a window of
    the rows that can fit, and the rest is another RowWindows that starts further on.

    ``make(start, stop, lead)`` gives the table of body rows ``start..stop`` under the
    caption and header, after ``lead`` (what is left of a row split across pages).
    """

    WINDOW = 100  # rows measured at once

    def __init__(self, make, count, *, start=0, lead=(), heights=None, space_before=0, space_after=0):
        super().__init__()
        self.make, self.count, self.start, self.lead = make, count, start, list(lead)
        self.heights = {} if heights is None else heights  # width -> measurements, shared by every part
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.hAlign = "LEFT"
        self._whole = None  # the table of all rows left, once they are few enough to fit a page

    def _measure(self, width):
        """(body-row heights, their running sums, caption and header heights first and on later pages).

        A row's height depends on its cells only, so rows are measured once, a window at a time.
        """
        if width not in self.heights:
            canvas = getattr(self, "canv", None)
            rows, sums = [], [0.0]
            for begin in range(0, self.count, self.WINDOW):
                table = self.make(begin, min(begin + self.WINDOW, self.count))
                table.wrapOn(canvas, width, 1e9)
                rows += table._rowHeights[2:]
            for height in rows:
                sums.append(sums[-1] + height)
            heads = []
            for start in (0, 1):
                table = self.make(start, start)
                table.wrapOn(canvas, width, 1e9)
                heads.append(table._rowHeights[:2])
            self.heights[width] = (rows, sums, heads)
        return self.heights[width]

    def _head_height(self, width) -> float:
        _, _, heads = self._measure(width)
        height = sum(heads[0 if self.start == 0 and not self.lead else 1])
        if self.lead:
            table = self.make(self.start, self.start, self.lead)
            table.wrapOn(getattr(self, "canv", None), width, 1e9)
            height += sum(table._rowHeights[2:])
        return height

    def wrap(self, avail_width, avail_height):
        _, sums, _ = self._measure(avail_width)
        height = self._head_height(avail_width) + sums[self.count] - sums[self.start]
        self._whole = None
        if height <= avail_height:  # it fits: draw it as one table
            self._whole = self.make(self.start, self.count, self.lead)
            return self._whole.wrapOn(getattr(self, "canv", None), avail_width, avail_height)
        self.width, self.height = avail_width, height
        return self.width, self.height

    def split(self, avail_width, avail_height):
        from bisect import bisect_right

        _, sums, _ = self._measure(avail_width)
        room = avail_height - self._head_height(avail_width)
        fit = max(0, bisect_right(sums, sums[self.start] + room) - 1 - self.start)
        # A few rows more than fit, so that ReportLab splits the window where it would split the table.
        stop = min(self.count, self.start + fit + 3)
        parts = self.make(self.start, stop, self.lead).splitOn(getattr(self, "canv", None), avail_width, avail_height)
        if len(parts) < 2:
            return parts
        first, rest = parts[0], parts[1]
        taken = len(first._cellvalues) - 2  # body rows on this page, the last one maybe in part
        held = len(self.lead) + stop - self.start
        in_row = taken + len(rest._cellvalues) - 2 > held  # a row too tall for the page was split
        start = self.start + max(0, taken - len(self.lead))
        lead = rest._cellvalues[2:3] if in_row else ()
        if start >= self.count and not lead:
            return [first]
        return [first, RowWindows(self.make, self.count, start=start, lead=lead, heights=self.heights,
                                  space_before=self.spaceBefore, space_after=self.spaceAfter)]

    def draw(self):
        self._whole.drawOn(self.canv, 0, 0)
