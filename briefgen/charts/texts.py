"""The text a chart prints: every label with its place, checked for length and against the chart fonts.

In:  a checked chart spec whose data is resolved (``chart_data``), its YAML
     path, the check context, and (for the font check) the theme.
Out: diagnostics at the YAML key or CSV cell of each text: a category or series
     name longer than ``limits.chart_label_chars``; the brief's charts printing
     more than ``limits.chart_text`` characters together (matplotlib lays text
     out at about 0.1 ms a character); a character the chart font cannot draw
     (matplotlib would drop it with a raw warning). Nothing here imports matplotlib.
     While drawing, :func:`drawing_warnings` turns Python warnings into warning
     diagnostics at the chart on stderr, never raw text.
"""

from __future__ import annotations

import contextlib
import re
import sys
import unicodedata

from ..data.table import MAX_REPORTED

#: Drawing cost beyond the text, in characters: each chart (its axes, saving), and each category
#: (a bar or dot, a tick label, often a value label); measured at about 0.05 ms a character.
CHART_COST, CATEGORY_COST = 300, 30


def printed(spec, data, path) -> list:
    """(text, where) for every text of the input that the chart prints.

    ``where`` is a YAML path (a tuple), ``(path, "key")`` for a mapping key, or a
    located CSV cell ``(file, line, col, path text)`` (a list).
    """
    found = [(getattr(spec, key), path + (key,)) for key in ("title", "subtitle", "notes", "source", "source_url")]
    fmt, axis, x_axis = spec.number_format, spec.value_axis, spec.x_axis
    found += [(getattr(fmt, key), path + ("number_format", key)) for key in ("prefix", "suffix") if fmt]
    found += [(getattr(axis, key), path + ("value_axis", key)) for key in ("label", "suffix") if axis]
    found += [(x_axis.label, path + ("x_axis", "label"))] if x_axis else []
    found += [(note.text, path + ("annotations", i, "text")) for i, note in enumerate(spec.annotations)]
    found += [(line.label, path + ("reference_lines", i, "label")) for i, line in enumerate(spec.reference_lines)]
    options = spec.kind_options
    for key in ("positive_label", "negative_label", "difference_suffix"):
        found += [(getattr(options, key), path + ("options", key))] if hasattr(options, key) else []
    if data is not None:
        found += _data_labels(spec, data, path)
    return [(text, where) for text, where in found if isinstance(text, str) and text]


def _data_labels(spec, data, path) -> list:
    """Category and series names, at their CSV cells or YAML keys."""
    table, data_spec, found = data.table, spec.data, []
    if data.x_type == "category":
        first = {}
        for r, value in enumerate(table.values(data.x_column)):
            first.setdefault(value, r)
        found += [(c, list(table.locate(first[c], data.x_column)) if c in first else path + ("data",))
                  for c in data.categories if isinstance(c, str)]
    styled = {style.name: i for i, style in enumerate(spec.series or ())}
    split = data_spec.split_by if data_spec.file is not None else None
    if split:
        first = {}
        for r, value in enumerate(table.values(split)):
            first.setdefault(str(value).strip() if value is not None else "", r)
    for s in data.series:
        if s.key in styled and s.style is not None and s.style.label:
            found.append((s.label, path + ("series", styled[s.key], "label")))
        elif data_spec.file is None:
            found.append((s.key, (path + ("data", "values", s.key), "key")))
        elif split:
            found.append((s.key, list(table.locate(first[s.key], split)) if s.key in first else path + ("data",)))
        else:
            found.append((s.key, list(table.locate_header(s.key))))
    return found


def _report(ctx, where, message) -> None:
    if isinstance(where, list):
        file, line, col, cell = where
        ctx.diagnostics.add(file, line, col, cell, message)
    elif len(where) == 2 and where[1] == "key":
        ctx.error(where[0], message, key=True)
    else:
        ctx.error(where, message)


def check_lengths(spec, data, ctx, path) -> bool:
    """Category and series names within ``chart_label_chars``; the brief's chart text within ``chart_text``."""
    limits = ctx.limits
    most = limits.chart_label_chars
    long = [(text, where) for text, where in _data_labels(spec, data, path) if len(text) > most]
    for text, where in long[:MAX_REPORTED]:
        _report(ctx, where, f"the label is {len(text):,} characters long; at most {most:,} fit on a chart"
                            f" (limits.chart_label_chars). Shorten it; {limits.hint('chart_label_chars')}")
    if len(long) > MAX_REPORTED:  # at the next one, so it is listed after them
        more = len(long) - MAX_REPORTED
        _report(ctx, long[MAX_REPORTED][1], f"this label and {more - 1:,} more of the chart are longer than"
                                            f" {most:,} characters too (limits.chart_label_chars)")
    if long:
        return False
    used = (CHART_COST + CATEGORY_COST * len(data.categories) * max(1, len(data.series))
            + sum(len(text) for text, _ in printed(spec, data, path)))
    before = ctx.extra.get("chart_text", 0)  # the brief's other charts: drawing time adds up
    ctx.extra["chart_text"] = before + used
    if before <= limits.chart_text < before + used:  # reported at the chart that goes over, once
        ctx.error(path + ("data",), f"the brief's charts cost {before + used:,} characters of text to draw together,"
                                    f" {used:,} of them this chart; at most {limits.chart_text:,} can be drawn"
                                    f" (limits.chart_text). Use fewer charts, categories or shorter labels;"
                                    f" {limits.hint('chart_text')}")
        return False
    return before + used <= limits.chart_text


def describe(char: str) -> str:
    """``'＝' (U+FF1D FULLWIDTH EQUALS SIGN)``; an invisible character by its code alone."""
    from ..schema.glyphs import describe as described

    return described(char)


def right_to_left(text: str) -> str | None:
    """The first right-to-left letter of ``text`` (Arabic, Hebrew, Syriac, Thaana, N'Ko...), or None."""
    return next((c for c in text if unicodedata.bidirectional(c) in ("R", "AL")), None)


def glyph_problem(text: str, style) -> str | None:
    """Why ``text`` cannot print in a chart drawn with ``style`` (a ChartStyle), or None if it can."""
    rtl = right_to_left(text)
    if rtl is not None:
        return (f"{describe(rtl)} is right-to-left text, which is not supported yet in charts: it would print with"
                " its letters unjoined and in the wrong order; write the name in Latin letters in the chart"
                " (e.g. 'Halab' for 'حلب'), and give it in its own script in the text or a table")
    flat = text.replace("\n", "")  # a newline breaks a chart's line; a tab or return would be a glyph
    missing = style.chain.missing(flat) if style.chain is not None else []
    missing = sorted(set(missing) | {c for c in flat if c in "\t\r"}, key=flat.index)
    if not missing:
        return _mark_problem(text, style) if style.chain is not None else None
    from ..schema.glyphs import suggestion

    first, others = missing[0], missing[1:]
    more = (f" and {len(others)} more in this text ({' '.join(others[:8])}{' …' if len(others) > 8 else ''})"
            if others else "")
    fonts = ", ".join(style.family_names())
    return (f"{describe(first)}{more} {'are' if others else 'is'} in no font of the chart fonts ({fonts}), so"
            f" {'they' if others else 'it'} would be lost from the chart; write {'them' if others else 'it'}"
            f" another way, or add a font that has {'them' if others else 'it'} to style: fonts: {style.role}:"
            f" fallback: (for example {suggestion(first)})")


def _mark_problem(text: str, style) -> str | None:
    """Why a combining mark of ``text`` cannot print on its letter in the chart, or None."""
    from ..schema.glyphs import mark_problem

    problem = mark_problem(text, style.chain, "the chart fonts")
    return problem[1] if problem else None


def check_glyphs(spec, style, ctx, path) -> None:
    """Refuse a character no font of the chart's chain (``style``: a ChartStyle) draws, and right-to-left text."""
    bad = 0
    for text, where in printed(spec, spec.chart_data, path):
        problem = glyph_problem(text, style)
        if problem is None:
            continue
        bad += 1
        if bad <= MAX_REPORTED:
            _report(ctx, where, problem)
    if bad > MAX_REPORTED:
        ctx.error(path, f"{bad - MAX_REPORTED:,} more text(s) of this chart have characters the chart fonts cannot"
                        " print")


@contextlib.contextmanager
def drawing_warnings(spec, fonts=None):
    """Python warnings raised while drawing ``spec`` go to :func:`report_warnings`, never raw to stderr.

    ``fonts``: the chain's family names, named in order (matplotlib lists them in no set order)."""
    import logging
    import warnings

    # matplotlib logs that a fallback font without a bold face is used in its regular: as the PDF does.
    quiet, fonts_log = _RegularFaceFilter(), logging.getLogger("matplotlib.font_manager")
    fonts_log.addFilter(quiet)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield
            finally:
                messages = [str(item.message) for item in caught]
    finally:
        fonts_log.removeFilter(quiet)
    report_warnings(spec, messages, fonts)


class _RegularFaceFilter:
    """Drops matplotlib's "findfont: Failed to find font weight bold for X, now using 400" records."""

    def filter(self, record) -> bool:
        return not str(record.msg).startswith("findfont: Failed to find font weight")


_GLYPH_WARNING = re.compile(r"Glyph (\d+) \(.*\) missing from font\(s\) (.+?)\.?$")


def report_warnings(spec, messages, fonts=None) -> None:
    """Warnings raised while drawing, as warning diagnostics at the chart (once each) on stderr.

    Load time refuses characters missing from every chart font; this catches what slips through
    (a chart checked against another theme, say).
    """
    from ..errors import Diagnostic

    file, line, col, path = getattr(spec, "origin", None) or ("<chart>", 0, 0, "chart")
    shown = []
    for text in messages:
        glyph = _GLYPH_WARNING.match(text)
        names = ", ".join(fonts) if fonts else glyph and glyph[2]
        message = (f"{describe(chr(int(glyph[1])))} is in no chart font ({names}) and was left out;"
                   " remove it or add a font that has it to the theme's fallback fonts") if glyph \
            else f"while drawing the chart: {text}"
        if message not in shown:
            shown.append(message)
            print(Diagnostic(file, line, col, path, message, "warning"), file=sys.stderr)
