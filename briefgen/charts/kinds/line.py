"""Kind ``line``: series over dates or numbers, with dots, direct labels and event annotations."""

from ..registry import ChartKind, chart
from . import _lines


@chart("line")
class Line(ChartKind):
    """Lines over a dated (or numeric) x axis; gaps where values are missing."""

    summary = "Lines over dates or numbers; dots, direct labels at the line ends, event annotations."
    Options = _lines.LineOptions
    zero_based = False
    continuous_x = True
    auto_labels = "direct"
    legend_marker = "line"

    def default_height(self, width, size):
        return min(width * 0.5, 260)

    def drawstyle(self) -> str:
        return "default"

    def draw(self, plot):
        _lines.draw_series(plot, drawstyle=self.drawstyle())
        _lines.reserve_label_room(plot)

    def label(self, plot):
        _lines.direct_labels(plot)
