"""Kind ``dot``: one row per category, a dot per series along a value axis (a dot plot)."""

from ..registry import ChartKind, chart
from . import _dots


@chart("dot")
class Dot(ChartKind):
    """A dot plot: each category is a row; each series a coloured dot on a shared value axis."""

    summary = "Dot plot: a row per category, a dot per series; series named above the first row."
    Options = _dots.DotOptions
    horizontal = True
    zero_based = False
    auto_labels = "legend"  # a key with the dots' own markers: names over the dots crowd the reference labels
    legend_marker = "dot"

    def default_height(self, width, size):
        return _dots.default_height(self, size)

    def draw(self, plot):
        _dots.draw_dots(plot, connect=False)

    def label(self, plot):
        _dots.label_dots(plot)
