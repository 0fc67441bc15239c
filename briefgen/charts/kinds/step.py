"""Kind ``step``: a count that holds until the next report, drawn as steps (e.g. prisoners held)."""

from ...schema.fields import Str
from ..registry import chart
from . import _lines
from .line import Line


class StepOptions(_lines.LineOptions):
    """Options of step charts."""

    where = Str("'post': a value holds until the next date (a count as of a report); 'pre': it applies"
                " back to the previous date.", choices=("post", "pre"), default="post")


@chart("step")
class Step(Line):
    """Steps over a dated (or numeric) x axis: each value holds until the next."""

    summary = "Steps: each value holds until the next date; for counts reported now and then."
    Options = StepOptions

    def drawstyle(self) -> str:
        return f"steps-{self.options.where}"
