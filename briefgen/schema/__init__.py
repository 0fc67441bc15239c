"""Stage 2, model/validate: raw YAML data in, a checked brief with its theme out.

In:  a :class:`~briefgen.source.Source` of a brief.
Out: a :class:`~briefgen.schema.brief.Brief` with ``theme`` (merged), ``index``
     (numbers, anchors, footnotes) and ``warnings`` attached. All errors from
     the brief and its theme are collected, then raised together.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import cache_root
from ..errors import Diagnostics
from ..limits import Limits
from ..source import load_yaml
from .brief import Brief
from .budget import check_budget
from .fields import INVALID, Context
from .files import find_assets_dir
from .resolve import Index, build_index


def check_brief(path, *, allow_outside: bool = False, diagnostics: Diagnostics | None = None,
                limits: Limits | None = None) -> Brief:
    """Load, check and index the brief at ``path``; raise BriefError on any error."""
    from ..theme import load_theme

    path = Path(path)
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    limits = limits or Limits.from_env()
    source = load_yaml(path, limits=limits)
    base_dir = path.absolute().parent.resolve()  # the folder the brief was given in, even if it is a link
    ctx = Context(source, diagnostics, base_dir, find_assets_dir(base_dir), allow_outside, limits)
    brief = Brief.parse(source.data, ctx)
    if brief is INVALID or brief.sections is None:
        diagnostics.raise_if_errors()  # too broken to check references; report what we have
    lang = brief.meta.language if brief.meta else "en"
    brief.index = build_index(brief, ctx, lang)
    if brief.meta is None:
        diagnostics.raise_if_errors()
    brief.theme = load_theme(brief.meta.theme, brief.style or {}, ctx, ("meta", "theme"))
    if brief.theme is not None:
        ctx.extra["theme"] = brief.theme  # chart blocks check their text against the chart font
        _check_print(brief, ctx)
        if not diagnostics.errors:  # a brief over one limit is told so once, not again as a whole
            check_budget(brief, ctx)
    brief.source = source
    brief.path = path
    brief.name = path.stem
    brief.cache_dir = cache_root()
    brief.limits = limits
    brief.warnings = diagnostics.warnings
    diagnostics.raise_if_errors()
    return brief


def _check_print(brief, ctx) -> None:
    """Block checks that need the text column's width (image resolution, for example)."""
    width = brief.column_width()
    page = brief.theme.page
    ctx.extra["frame_height"] = brief.page_size()[1] - (page.margin_top + page.margin_bottom) * 72 / 25.4
    ctx.extra["lang"] = brief.meta.language
    for block in brief.blocks():
        block.check_print(ctx, width)
    charts = brief.blocks("chart")
    if len(charts) > ctx.limits.charts:
        ctx.error(charts[ctx.limits.charts].yaml_path,
                  f"the brief has {len(charts):,} charts, more than the limit of {ctx.limits.charts:,} (charts);"
                  f" split it into several briefs, or {ctx.limits.hint('charts')}")


__all__ = ["Brief", "Context", "Index", "check_brief"]
