"""Kind ``dumbbell``: two values per category joined by a bar, e.g. official share against tally sheets."""

from ...schema.fields import Bool, Str
from ..registry import ChartKind, chart
from . import _dots


class DumbbellOptions(_dots.DotOptions):
    """Options of dumbbell charts."""

    difference = Bool("Print the gap between the two dots over each bar, with the leader's name,"
                      " e.g. 'González +36.7'.", default=False)
    difference_suffix = Str("Text after the gap, e.g. ' pts'.", max_length=20, default="")


@chart("dumbbell")
class Dumbbell(ChartKind):
    """Two dots per row joined by a bar: the bar's length is the gap (a margin, a change)."""

    summary = "Dumbbell: two values per category joined by a bar whose length is the gap between them."
    Options = DumbbellOptions
    horizontal = True
    zero_based = False
    auto_labels = "legend"  # a key with the dots' own markers: names over the dots crowd the reference labels
    legend_marker = "dot"
    series_count = (2, 2)

    def default_height(self, width, size):
        return _dots.default_height(self, size, extra=size * 1.2 if self.options.difference else 0)

    def draw(self, plot):
        _dots.draw_dots(plot, connect=True)

    def label(self, plot):
        _dots.label_dots(plot)
        if self.options.difference:
            _dots.difference_labels(plot, self.options.difference_suffix)
