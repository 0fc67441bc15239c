"""Kind ``diverging_bar``: sideways bars either side of zero, coloured by sign (margins, changes)."""

from ...schema.fields import Str
from ...schema.model import Model
from ..registry import ChartKind, chart
from ..spec import ColorRef
from . import _bars


class DivergingOptions(Model):
    """Options of diverging bar charts."""

    positive_label = Str("What a bar to the right means, printed above the plot, e.g. 'González ahead'.",
                         max_length=60)
    negative_label = Str("What a bar to the left means, e.g. 'Maduro ahead'.", max_length=60)
    positive_color = ColorRef("Colour of bars right of zero (default: palette colour 1).")
    negative_color = ColorRef("Colour of bars left of zero (default: palette colour 2).")


@chart("diverging_bar")
class DivergingBar(ChartKind):
    """One sideways bar per category, right of zero for positive values, left for negative."""

    summary = "Diverging bars: margins or changes either side of zero, coloured by sign, labelled with sign."
    Options = DivergingOptions
    horizontal = True
    auto_labels = "none"
    series_count = (1, 1)

    def show_value_axis(self, plot):
        return not plot.spec.value_labels

    def default_height(self, width, size):
        return _bars.default_height(self, width, size, "single")

    def _color(self, plot, value):
        options = self.options
        if value >= 0:
            return plot.style.color(options.positive_color, 0) if options.positive_color else plot.style.palette[0]
        return plot.style.color(options.negative_color, 1) if options.negative_color else plot.style.palette[1]

    def draw(self, plot):
        self.drawn = _bars.draw_bars(plot, "single", colors=lambda s, v: self._color(plot, v))
        _bars.reserve_value_label_room(plot, "single", sign=True)
        if self.options.positive_label or self.options.negative_label:
            plot.room["top"] += plot.line_height() + 2

    def label(self, plot):
        _bars.value_labels(plot, self.drawn, "single", sign=True)
        style = plot.style
        for text, value, ha, offset in ((self.options.negative_label, -1, "right", -4),
                                        (self.options.positive_label, 1, "left", 4)):
            if text:
                color = self._color(plot, value)
                left, right = style.arrow("left", bold=True), style.arrow("right", bold=True)
                plot.ax.annotate(f"{left} {text}" if value < 0 else f"{text} {right}", xy=(0, 1),
                                 xycoords=("data", "axes fraction"), xytext=(offset, 4), textcoords="offset points",
                                 ha=ha, va="bottom", fontsize=style.size, fontweight="bold", color=color,
                                 annotation_clip=False)
