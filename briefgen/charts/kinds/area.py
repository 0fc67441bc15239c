"""Kind ``area``: lines with the area down to zero filled lightly (overlapping, not stacked)."""

from ..registry import ChartKind, chart
from . import _lines


@chart("area")
class Area(ChartKind):
    """Filled areas under each series' line, over dates or numbers; the value axis starts at zero."""

    summary = "Areas: each series' line with the area below it lightly filled; the axis starts at zero."
    Options = _lines.LineOptions
    zero_based = True
    continuous_x = True
    auto_labels = "direct"
    legend_marker = "square"

    def default_height(self, width, size):
        return min(width * 0.5, 260)

    def draw(self, plot):
        _lines.draw_series(plot, fill=True)
        _lines.reserve_label_room(plot)

    def label(self, plot):
        _lines.direct_labels(plot)
