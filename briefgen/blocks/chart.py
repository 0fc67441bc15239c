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

    def export_name(self, number) -> str:
        """The chart's name in exports and among a PDF/A-3 file's data: its id, or 'figure-N'."""
        return self.id or f"figure-{number}"

    def check_alt(self, ctx, path):
        """In a brief that claims PDF/UA, alt text is required; otherwise (a chart file alone too) advised."""
        standards = ctx.extra.get("standards")  # set by the brief's loader before any block is checked
        if (self.alt or "").strip() or standards is None or not standards.ua:
            return super().check_alt(ctx, path)
        ctx.error(path[:-1], "chart has no alt text, which PDF/UA-1 requires; add 'alt:' saying what the chart"
                             " shows (its main finding, not its kind) (or build with --standard none for a draft)")

    def check_print(self, ctx, column_width):
        """A chart taller than a page cannot be laid out: say so now, with its position (``validate`` too)."""
        super().check_print(ctx, column_width)  # its characters against the chart font
        theme, frame = ctx.extra.get("theme"), ctx.extra.get("frame_height")
        if theme is None or frame is None or self.chart_data is None:
            return
        from ..charts.figure import display_size  # measures without matplotlib
        from ..charts.style import ChartStyle

        try:
            height = display_size(self, ChartStyle.from_theme(theme, ctx.extra.get("lang", "en")), column_width,
                                  furniture=False)[1]
        except (ValueError, ZeroDivisionError, OverflowError):
            return  # its data is reported by the chart checks themselves
        room = frame  # a chart that fits the frame alone may still be laid out without its caption
        if height > room:
            ctx.error(self.yaml_path, f"the chart is {height * 25.4 / 72:.0f} mm tall, more than the"
                                      f" {room * 25.4 / 72:.0f} mm a page has room for; show fewer categories"
                                      " (filter, or sort and top), or split it into several charts")

    def layout(self, doc):
        from reportlab.lib.styles import ParagraphStyle
        from ..layout.paragraph import Para

        from ..charts.flowable import block_flowable

        from ..layout.flowables import Marked

        chart = block_flowable(self, doc)
        parts = [doc.caption(self, self.title)]
        if self.subtitle:
            style = ParagraphStyle("chart_subtitle", parent=doc.styles["source_line"], spaceBefore=0,
                                   spaceAfter=5, fontSize=doc.styles["source_line"].fontSize + 0.5,
                                   leading=(doc.styles["source_line"].fontSize + 0.5) * 1.3)
            parts.append(Para(escape(self.subtitle), style, struct=doc.element("P")))
        chart.spaceAfter = 4  # clear of the tick labels
        element = doc.element("Figure", alt=self.alt or self.title)
        element.files.append(self.export_name(doc.index.block_numbers[id(self)]) + ".csv")
        parts.append(Marked(chart, element))
        if self.notes:
            parts.append(doc.para(self.notes, "source_line"))
        if self.source or self.source_url or self.cite:
            parts.append(doc.source_line(self.source or "", self.source_url, cite=self.cite))
        block = doc.theme.spacing.block
        return doc.keep(parts, floats=True, space_before=block / 2, space_after=block)
