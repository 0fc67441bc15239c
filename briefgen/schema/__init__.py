"""Stage 2, model/validate: raw YAML data in, a checked brief with its theme out.

In:  a :class:`~briefgen.source.Source` of a brief.
Out: a :class:`~briefgen.schema.brief.Brief` with ``theme`` (merged), ``index``
     (numbers, anchors, footnotes), ``standards`` (the claims in effect, a
     :class:`~briefgen.standards.Standards`) and ``warnings`` attached. All
     errors from the brief and its theme are collected, then raised together.
"""

from __future__ import annotations

from pathlib import Path

from ..cache import cache_root, section
from ..errors import Diagnostics
from ..limits import Limits
from ..source import load_yaml
from ..standards import DEFAULT, parse_standards
from .brief import Brief
from .budget import check_budget
from .fields import INVALID, Context
from .glyphs import check_printed_text
from .files import find_assets_dir
from .resolve import Index, build_index


def check_brief(path, *, allow_outside: bool = False, diagnostics: Diagnostics | None = None,
                limits: Limits | None = None, standard=None, edition: int | None = None) -> Brief:
    """Load, check and index the brief at ``path``; raise BriefError on any error.

    ``standard`` (text such as ``"ua-1+a-2b"``, a list, or a :class:`~briefgen.standards.Standards`)
    overrides the brief's ``meta.standard``; a bad one raises ValueError before anything is read.
    ``edition``: for a brief with ``editions:``, the row to fill its placeholders from (None: the first).
    """
    from ..theme import load_theme

    override = None if standard is None else parse_standards(standard)
    path = Path(path)
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    limits = limits or Limits.from_env()
    source = load_yaml(path, limits=limits)
    source.trees = _stored_trees(source, edition)
    base_dir = path.absolute().parent.resolve()  # the folder the brief was given in, even if it is a link
    ctx = Context(source, diagnostics, base_dir, find_assets_dir(base_dir), allow_outside, limits)
    # The claims are known before any block is checked: under PDF/UA, a figure or chart without alt text is an error.
    ctx.extra["standards"] = override if override is not None else _claimed(source.data)
    ctx.extra["edition"] = edition  # read by Brief.parse (briefgen.editions)
    brief = Brief.parse(source.data, ctx)
    if brief is INVALID or brief.sections is None:
        diagnostics.raise_if_errors()  # too broken to check references; report what we have
    lang = brief.meta.language if brief.meta else "en"
    brief.index = build_index(brief, ctx, lang)
    if brief.meta is None:
        diagnostics.raise_if_errors()
    brief.standards = ctx.extra["standards"]  # the brief's meta.standard, unless overridden
    brief.theme = load_theme(brief.meta.theme, brief.style or {}, ctx, ("meta", "theme"))
    if brief.theme is not None:
        ctx.extra["theme"] = brief.theme  # chart blocks check their text against the chart font
        if not _check_measure(brief, ctx):
            diagnostics.raise_if_errors()  # no text can be laid out: every other check would fail with it
        # The narrowest running text: the measure less a list's indent (table cells are checked per column).
        check_printed_text(source, brief.theme, ctx, measure=brief.column_width()
                           - brief.theme.page.text_indent * 72 / 25.4 - LIST_INDENT)
        _check_print(brief, ctx)
        if not diagnostics.errors:  # a brief over one limit is told so once, not again as a whole
            check_budget(brief, ctx)
    brief.source = source
    brief.path = path
    brief.name = path.stem
    brief.cache_dir = cache_root()
    brief.limits = limits
    brief.warnings = diagnostics.warnings
    if source.trees is not None:
        source.trees.save()
    diagnostics.raise_if_errors()
    return brief


def _stored_trees(source, edition=None):
    """The cache's Markdown trees for the texts of ``source`` (None when caching is off); one entry per
    edition, as editions may be built side by side, each writing its own."""
    folder = section("markdown")
    if folder is None:
        return None
    from ..text.mdtrees import StoredTrees

    return StoredTrees(source, folder, edition)


#: The narrowest measure running text may have (points): 40 mm, about 20 characters of body text.
MIN_MEASURE = 40 * 72 / 25.4


def _check_measure(brief, ctx) -> bool:
    """Is the running text's measure (the text column less ``page.text_indent``) wide enough to set text in?"""
    page = brief.theme.page
    measure = brief.column_width() - page.text_indent * 72 / 25.4
    if measure >= MIN_MEASURE:
        return True
    style = brief.style if isinstance(brief.style, dict) else {}
    given = style.get("page") if isinstance(style.get("page"), dict) else {}
    key = next((k for k in ("text_indent", "margin_inner", "margin_outer") if k in given), None)
    path = ("style", "page", key) if key else ("meta", "theme")
    ctx.error(path, f"the running text would be {max(measure, 0) * 25.4 / 72:.0f} mm wide (the page less its"
                    f" margins, {page.margin_inner:g} and {page.margin_outer:g} mm, and text_indent,"
                    f" {page.text_indent:g} mm), narrower than the {MIN_MEASURE * 25.4 / 72:.0f} mm a line of"
                    " text needs; reduce page.text_indent or the margins")
    return False


#: How far a list item's text stands in from the measure, at most (points).
LIST_INDENT = 28  # the second level ("list2" in layout.styles)


def _claimed(data):
    """The claims in the brief's ``meta.standard``, or the default; a bad value is the schema's to report."""
    meta = data.get("meta") if isinstance(data, dict) else None
    written = meta.get("standard") if isinstance(meta, dict) else None
    try:
        return DEFAULT if written is None else parse_standards(written)
    except ValueError:
        return DEFAULT


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
