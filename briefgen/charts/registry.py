"""The chart-kind registry: each kind is one small module in :mod:`briefgen.charts.kinds`.

In:  a kind's name from a chart spec (``type: line``).
Out: its :class:`ChartKind` subclass, found by :func:`chart_kinds`, which
     imports every module of the kinds package once (modules register
     themselves with ``@chart("name")``). Kind modules import matplotlib only
     inside their drawing methods, so finding and checking kinds stays cheap.

A kind declares its ``Options`` (a schema model for the chart's ``options:``
mapping), load-time ``check``, a default plot height, ``draw`` (the marks)
and ``label`` (direct and value labels, once the axes are placed). Adding a
kind means adding one module; nothing else changes.
"""

from __future__ import annotations

from ..plugins import Registry
from ..schema.model import Model

KINDS = Registry("briefgen.charts.kinds", "name")


def chart(name: str):
    """Class decorator: register a :class:`ChartKind` subclass under ``name``."""
    return KINDS.register(name)


def chart_kinds() -> dict[str, type]:
    """Every registered kind, by name (each module of briefgen.charts.kinds registers one)."""
    return KINDS.all()


class NoOptions(Model):
    """This kind has no options."""


class ChartKind:
    """Base class of chart kinds. Subclasses live in ``briefgen/charts/kinds/``."""

    name = ""
    #: One line for docs and errors.
    summary = ""
    #: Schema of the chart's ``options:`` mapping for this kind.
    Options: type = NoOptions
    #: True if the value axis runs horizontally (bars drawn sideways, dot plots).
    horizontal = False
    #: True if the value axis must include zero (bars and areas).
    zero_based = True
    #: True if the x axis may be dates or numbers (lines); False: categories only.
    continuous_x = False
    #: How series are named when ``labels: auto``: 'direct', 'legend' or 'none'.
    auto_labels = "legend"
    #: Series count allowed: (min, max); max None = any.
    series_count = (1, None)

    def __init__(self, spec, data, options):
        self.spec = spec
        self.data = data
        self.options = options

    def is_horizontal(self) -> bool:
        return self.horizontal

    def check(self, report) -> None:
        """Kind-specific load-time checks; ``report(path, message)`` records a problem."""

    def default_height(self, width: float, size: float) -> float:
        """Height of the plot block in points (without title and notes), for text of ``size`` points."""
        return min(width * 0.52, 300)

    def value_range(self) -> tuple[float, float] | None:
        """(min, max) of the values the value axis must show, or None if there are none."""
        values = [v for s in self.data.series for v in s.values if v is not None]
        return (min(values), max(values)) if values else None

    def draw(self, plot) -> None:
        """Draw the marks on ``plot.ax`` (axes limits and positions are not final yet)."""
        raise NotImplementedError

    def label(self, plot) -> None:
        """Add direct labels and value labels (axes are placed; transforms are final)."""
