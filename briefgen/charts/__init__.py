"""Stage 4, charts: checked chart specs in, charts as vector drawings, PNG, SVG or PDF out.

In:  a chart spec (a ``chart`` block of a brief, or a chart YAML file of its
     own) whose data the data stage has loaded and shaped at load time, plus
     the brief's theme and language.
Out: matplotlib drawings turned into ReportLab flowables with real text (for
     the brief's PDF), files for other reports (PNG, SVG, PDF, with the data
     as CSV and metadata as JSON), and a chart annex appended to another PDF.

Modules: :mod:`.registry` (``@chart`` kinds, one module each in :mod:`.kinds`),
:mod:`.spec` (the schema), :mod:`.chartdata` (series from tables),
:mod:`.style` (theme to look), :mod:`.figure` with :mod:`.annotate`,
:mod:`.ticks`, :mod:`.labels` (drawing), :mod:`.vector` (straight to ReportLab
shapes), :mod:`.displaylist`, :mod:`.cache`, :mod:`.rendering`, :mod:`.worker`
(drawing in a second process), :mod:`.flowable` (:class:`ChartFlowable`),
:mod:`.export`, :mod:`.annex`, :mod:`.standalone` and :mod:`.commands` (CLI).
Importing this package does not import matplotlib.

Public API::

    from briefgen.charts import render, ChartFlowable, load_chart, export_brief_charts
    render("briefs/charts/state-margins.yaml", "out/state-margins.svg")
"""

from __future__ import annotations

__all__ = ["ChartFlowable", "attach_charts", "export_brief_charts", "load_chart", "render"]


def __getattr__(name):  # lazy: ReportLab and the drawing code load only when used
    if name == "ChartFlowable":
        from .flowable import ChartFlowable

        return ChartFlowable
    if name == "render":
        from .export import render

        return render
    if name == "export_brief_charts":
        from .export import export_brief_charts

        return export_brief_charts
    if name == "load_chart":
        from .standalone import load_chart

        return load_chart
    if name == "attach_charts":
        from .annex import attach_charts

        return attach_charts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
