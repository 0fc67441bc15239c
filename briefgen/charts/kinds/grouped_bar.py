"""Kind ``grouped_bar``: several series side by side in each category, with a colour key."""

from ..registry import ChartKind, chart
from . import _bars


@chart("grouped_bar")
class GroupedBar(ChartKind):
    """Bars of two or more series side by side per category."""

    summary = "Grouped bars: series side by side in each category, vertical or horizontal."
    Options = _bars.BarOptions
    auto_labels = "legend"
    series_count = (2, 8)

    def is_horizontal(self):
        return _bars.auto_horizontal(self)

    def show_value_axis(self, plot):
        return not plot.spec.value_labels

    def default_height(self, width, size):
        return _bars.default_height(self, width, size, "grouped")

    def draw(self, plot):
        self.drawn = _bars.draw_bars(plot, "grouped")
        _bars.reserve_value_label_room(plot, "grouped")

    def label(self, plot):
        _bars.value_labels(plot, self.drawn, "grouped")
