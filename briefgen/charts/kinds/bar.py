"""Kind ``bar``: one bar per category, up or sideways, with optional value labels."""

from ..registry import ChartKind, chart
from . import _bars


@chart("bar")
class Bar(ChartKind):
    """Bars for one series (more series: use grouped_bar or stacked_bar)."""

    summary = "Bars, vertical or horizontal (options.orientation), one series; value labels on the bars."
    Options = _bars.BarOptions
    auto_labels = "none"
    series_count = (1, 1)

    def is_horizontal(self):
        return _bars.auto_horizontal(self)

    def show_value_axis(self, plot):
        return not plot.spec.value_labels

    def default_height(self, width, size):
        return _bars.default_height(self, width, size, "single")

    def draw(self, plot):
        self.drawn = _bars.draw_bars(plot, "single")
        _bars.reserve_value_label_room(plot, "single")

    def label(self, plot):
        _bars.value_labels(plot, self.drawn, "single")
