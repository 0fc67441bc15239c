"""Kind ``step``: a count that holds until the next report, drawn as steps (e.g. prisoners held)."""

from ...schema.fields import Str
from ..registry import ChartKind, chart
from . import _lines


class StepOptions(_lines.LineOptions):
    """Options of step charts."""

    where = Str("'post': a value holds until the next date (a count as of a report); 'pre': it applies"
                " back to the previous date.", choices=("post", "pre"), default="post")


@chart("step")
class Step(ChartKind):
    """Steps over a dated (or numeric) x axis: each value holds until the next."""

    summary = "Steps: each value holds until the next date; for counts reported now and then."
    Options = StepOptions
    zero_based = False
    continuous_x = True
    auto_labels = "direct"
    legend_marker = "line"

    def default_height(self, width, size):
        return min(width * 0.5, 260)

    def draw(self, plot):
        _lines.draw_series(plot, drawstyle=f"steps-{self.options.where}")
        _lines.reserve_label_room(plot)

    def label(self, plot):
        _lines.direct_labels(plot)
