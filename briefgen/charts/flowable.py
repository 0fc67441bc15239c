"""``ChartFlowable``: a briefgen chart as a ReportLab flowable, for any ReportLab program.

In:  a chart (a chart YAML file, a mapping in the same format, or an already
     checked chart), and optionally the width, theme (a Theme or a theme YAML
     file's path, checked at once), language, whether to
     include the chart's own title/subtitle/notes/source (default: yes) and
     whether to rasterise it.
Out: a flowable that draws the chart as vector graphics with real text (or a
     300 dpi PNG). It is rendered when first wrapped, at the width offered
     by the frame unless a width was given, and cached like brief charts.

Example::

    from briefgen.charts import ChartFlowable
    story.append(ChartFlowable("briefs/charts/state-margins.yaml"))
"""

from __future__ import annotations

from reportlab.platypus import Flowable

MM = 72 / 25.4


class ChartFlowable(Flowable):
    """A chart drawn from a chart spec, sized to its frame's width."""

    def __init__(self, chart, *, width: float | None = None, theme=None, lang: str = "en",
                 furniture: bool = True, raster: bool = False, cache_dir=None, allow_outside: bool = False):
        super().__init__()
        if width is not None:
            from .export import checked_width

            width = checked_width(width)
        from .standalone import chart_theme

        self.chart = chart
        self.fixed_width = width
        self.theme = chart_theme(theme, allow_outside=allow_outside) if theme is not None else None
        self.lang = lang
        self.furniture = furniture
        self.raster = raster
        self.cache_dir = cache_dir
        self.allow_outside = allow_outside
        self.hAlign = "LEFT"
        self._inner = None
        self._inner_width = None

    @classmethod
    def prerendered(cls, inner, *, alt: str = "", name: str = ""):
        """Wrap an already rendered Drawing or Image (used by the brief's chart block)."""
        flowable = cls(None)
        flowable._inner = inner
        flowable._inner_width = inner.width if hasattr(inner, "width") else inner.drawWidth
        flowable.alt = alt
        flowable.name = name
        return flowable

    # -- rendering -----------------------------------------------------------------------------
    def _spec(self):
        from .standalone import load_chart
        from .spec import ChartSpec

        if isinstance(self.chart, ChartSpec):
            return self.chart
        from ..theme import default_theme

        self.chart = load_chart(self.chart, allow_outside=self.allow_outside, theme=self.theme or default_theme())
        return self.chart

    def _render(self, width: float):
        from ..theme import default_theme
        from . import cache
        from .rendering import chart_flowable
        from .style import ChartStyle

        spec = self._spec()
        theme = self.theme or default_theme()
        style = ChartStyle.from_theme(theme, self.lang)
        raster = bool(self.raster or getattr(spec, "raster", False))
        folder = cache.cache_dir(self.cache_dir)
        self._inner = chart_flowable(spec, style, width, furniture=self.furniture, raster=raster, folder=folder)
        self._inner_width = width

    def _size(self):
        inner = self._inner
        if hasattr(inner, "drawWidth"):
            return inner.drawWidth, inner.drawHeight
        return inner.width, inner.height

    def wrap(self, avail_width, avail_height):
        if self.chart is not None:
            width = self.fixed_width or avail_width
            if self._inner is None or abs(self._inner_width - width) > 0.01:
                self._render(width)
        self.width, self.height = self._size()
        return self.width, self.height

    def draw(self):
        self._inner.drawOn(self.canv, 0, 0)


class FormChart(Flowable):
    """A brief's vector chart, placed as a form XObject that is filled in when the pages are done.

    ``source`` is a :class:`~briefgen.charts.rendering.VectorSource`: its size is
    known now, its drawing may still be on its way from the chart worker.
    Drawing registers the form in ``forms``, which the page template fills in.
    """

    def __init__(self, source, forms: dict, *, alt: str = "", name: str = ""):
        super().__init__()
        self.source, self.forms = source, forms
        self.alt, self.name = alt, name
        self.hAlign = "LEFT"
        self.width, self.height = source.width, source.height

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        self.forms.setdefault(self.source.name, self.source)
        self.canv.doForm(self.source.name)


def block_flowable(block, doc):
    """The chart of a brief's ``chart`` block, sized to the column, drawn once per build.

    A vector chart is placed as a form XObject the page template fills in at the
    end (see :class:`FormChart`), so a chart still being drawn by
    ``doc.chart_worker`` only needs its size now.
    """
    from . import cache
    from .rendering import chart_flowable
    from .style import ChartStyle

    raster = bool(block.raster or getattr(doc.brief.meta, "raster_charts", False))
    width = doc.full_width
    wanted = (raster, round(width, 3), doc.lang, id(doc.theme))
    memo = getattr(block, "_rendered", None)
    if memo is None or memo[0] != wanted:  # layout runs in several passes: render once
        style = ChartStyle.from_theme(doc.theme, doc.lang)
        folder = cache.cache_dir()
        if raster:
            inner = chart_flowable(block, style, width, furniture=False, raster=True, folder=folder)
        else:
            inner = form_source(block, style, width, folder, doc.chart_worker)
        memo = (wanted, inner)
        block._rendered = memo
    if raster:
        return ChartFlowable.prerendered(memo[1], alt=block.alt or block.title, name=block.title)
    return FormChart(memo[1], doc.forms, alt=block.alt or block.title, name=block.title)


def form_source(spec, style, width: float, folder, worker):
    """A brief's vector chart as a :class:`~briefgen.charts.rendering.VectorSource` whose drawing is a
    ready :class:`~briefgen.charts.forms.Form`: from this process's memory, else the cache's ``form.json``
    entry, else compiled from the chart's display list (cached, from ``worker``, or drawn here)."""
    from . import cache
    from .rendering import RASTER_DPI, VectorSource

    key = cache.chart_key(spec, style, width=width, furniture=False, fmt="svg", dpi=RASTER_DPI)
    name = f"chart-{key[:16]}"
    form = _stored_form(folder, key)
    if form is not None:
        return VectorSource(name, form.width, form.height, lambda: form)
    if worker is not None and (key in worker.pending or key in worker.results):
        from .figure import display_size

        return VectorSource(name, *display_size(spec, style, width, furniture=False),
                            lambda: _chart_form(spec, style, width, folder, key, worker.result(key)))
    form = _chart_form(spec, style, width, folder, key, None)
    return VectorSource(name, form.width, form.height, lambda: form)


def _stored_form(folder, key: str):
    from . import cache, forms

    data = cache.read(folder, key, "form.json")
    return forms.load(data) if data is not None else None


def _chart_form(spec, style, width: float, folder, key: str, drawn: bytes | None):
    """The chart's form, compiled from its display list (``drawn`` by the worker, cached, or drawn now) and
    stored; a drawing ReportLab renders only if no display list can be had."""
    from . import cache, forms

    form = forms.compile_list(drawn) if drawn is not None else None
    if form is None:
        stored = cache.read(folder, key, "rl.json")
        form = forms.compile_list(stored) if stored is not None else None
    if form is None:
        from .vector import display_list

        stored = display_list(spec, style, width, furniture=False)
        cache.write(folder, key, "rl.json", stored)
        form = forms.compile_list(stored)
    if form is None:  # not expected: a display list this package drew always compiles
        from .rendering import vector_drawing

        return vector_drawing(spec, style, width, furniture=False, folder=folder)
    cache.write(folder, key, "form.json", forms.dump(form))
    return form
