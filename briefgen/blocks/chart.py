"""Block ``chart``: a numbered chart drawn from data, set as vector graphics with real text.

The block's fields are the chart spec (:mod:`briefgen.charts.spec`); its data
is read, shaped and checked at load time. In the PDF, the caption ('Figure 2
Title') and the grey subtitle are paragraphs above the chart, and the notes and
source line sit below it, so the drawing itself carries only the plot.
"""

from ..text.markup import escape

from ..charts.spec import ChartSpec
from ..schema.fields import ListOf, SourceRef
from .registry import Block, block


@block("chart")
class Chart(ChartSpec, Block):
    """A chart drawn from a CSV file or inline data: bar, line, dumbbell... (see docs/charts.md)."""

    numbered_as = "figure"

    cite = ListOf(SourceRef("The id of an entry in the brief's sources."),
                  "Sources behind the chart's data, by id; their numbers follow the source line, e.g. [12, 14–16].")

    def check(self, ctx, path):
        super().check(ctx, path)
        self.project_dir = ctx.assets_dir.parent

    def layout(self, doc):
        from reportlab.lib.styles import ParagraphStyle
        from ..layout.flowables import Para

        from ..charts.flowable import block_flowable

        chart = block_flowable(self, doc)
        parts = [doc.caption(self, self.title)]
        if self.subtitle:
            style = ParagraphStyle("chart_subtitle", parent=doc.styles["source_line"], spaceBefore=0,
                                   spaceAfter=5, fontSize=doc.styles["source_line"].fontSize + 0.5,
                                   leading=(doc.styles["source_line"].fontSize + 0.5) * 1.3)
            parts.append(Para(escape(self.subtitle), style))
        chart.spaceAfter = 4  # clear of the tick labels
        parts.append(chart)
        if self.notes:
            parts.append(doc.para(self.notes, "source_line"))
        if self.source or self.source_url or self.cite:
            parts.append(doc.source_line(self.source or "", self.source_url, cite=self.cite))
        block = doc.theme.spacing.block
        return doc.keep(parts, floats=True, space_before=block / 2, space_after=block)
