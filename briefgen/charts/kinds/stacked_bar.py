"""Kind ``stacked_bar``: series stacked in each category (parts of a whole), with a colour key."""

from ..registry import ChartKind, chart
from . import _bars


@chart("stacked_bar")
class StackedBar(ChartKind):
    """Bars whose segments are the series, stacked; negative values stack below zero."""

    summary = "Stacked bars: the series as segments of one bar per category; values inside the segments."
    Options = _bars.BarOptions
    auto_labels = "legend"
    series_count = (2, 8)

    def is_horizontal(self):
        return _bars.auto_horizontal(self)

    def value_range(self):
        return _bars.value_range(self, "stacked")

    def default_height(self, width, size):
        return _bars.default_height(self, width, size, "stacked")

    def draw(self, plot):
        self.drawn = _bars.draw_bars(plot, "stacked")

    def label(self, plot):
        _bars.value_labels(plot, self.drawn, "stacked")
