"""Command-line handlers for charts: ``charts``, ``chart``, ``attach`` and ``cache``.

In:  argparse sub-parsers (from :mod:`briefgen.cli`) and parsed arguments.
Out: :func:`register` adds the commands and returns ``{name: handler}``; each
     handler returns an exit status (0 success; errors are raised as
     :class:`~briefgen.errors.BriefError` and printed by the CLI as
     ``file:line:col: path: message``).

- ``briefgen charts BRIEF.yaml [--format png,svg,pdf] [-o DIR] [--width MM]`` (a brief with editions:
  each edition's charts into ``DIR/<edition name>/``)
- ``briefgen chart CHART.yaml [--format ...] [-o DIR] [--lang es] [--theme THEME.yaml] [--width MM]``
- ``briefgen attach REPORT.pdf --charts BRIEF.yaml -o COMBINED.pdf [--per-page 1|2] [--decrypt]
  [--keep-active-content]``
- ``briefgen cache clear`` / ``briefgen cache info`` (the user's cache: charts, images, hyphenation, Markdown,
  line breaks)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from ..errors import BriefError, Diagnostic, terminal_safe
from ..text.i18n import LANGUAGES


def _formats(text: str) -> tuple:
    from .export import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in text.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"expected formats among {', '.join(FORMATS)}, found {text!r}")
    return chosen


def _width(text: str) -> float:
    """``--width``: millimetres, within what a chart can be drawn at (not NaN, not a poster)."""
    from .export import width_problem

    try:
        value = float(text)
    except ValueError:
        value = None
    problem = width_problem(value, "mm", repr(text)) if value is not None else None
    if value is None or problem:
        raise argparse.ArgumentTypeError(problem or f"expected a width in millimetres, found {text!r}")
    return value


def register(subparsers, common) -> dict:
    """Add the chart commands to ``subparsers``; ``common`` is the parent parser with --debug."""
    charts = subparsers.add_parser("charts", parents=[common], help="export every chart of a brief as files")
    charts.add_argument("brief", help="the brief's YAML file")
    charts.add_argument("--format", type=_formats, default=("png", "svg", "pdf"),
                        help="comma-separated formats: png, svg, pdf (default: all three)")
    charts.add_argument("-o", "--out-dir", default=None, help="output folder (default: out/charts/<brief>/)")
    charts.add_argument("--width", type=_width, default=None,
                        help="width in mm, 30 to 500 (default: the brief's column)")
    charts.add_argument("--allow-outside", action="store_true",
                        help="allow files outside the brief's folder and assets/")

    chart = subparsers.add_parser("chart", parents=[common], help="render a chart described in its own YAML file")
    chart.add_argument("chart", help="the chart's YAML file (the same format as a brief's chart block)")
    chart.add_argument("--format", type=_formats, default=("png", "svg", "pdf"),
                       help="comma-separated formats: png, svg, pdf (default: all three)")
    chart.add_argument("-o", "--out-dir", default="out/charts", help="output folder (default: out/charts/)")
    chart.add_argument("--width", type=_width, default=None, help="width in mm, 30 to 500 (default: 160)")
    chart.add_argument("--lang", choices=LANGUAGES, default="en", help="language of numbers and labels")
    chart.add_argument("--theme", default=None, help="a theme YAML file (default: the default theme)")
    chart.add_argument("--allow-outside", action="store_true",
                       help="allow data files outside the chart's folder and assets/")

    attach = subparsers.add_parser("attach", parents=[common], help="append a brief's charts to a PDF report")
    attach.add_argument("report", help="the PDF report to extend")
    attach.add_argument("--charts", required=True, metavar="BRIEF.yaml", help="the brief whose charts to append")
    attach.add_argument("-o", "--output", required=True, help="the combined PDF to write")
    attach.add_argument("--per-page", type=int, choices=(1, 2), default=2, help="charts per annex page")
    attach.add_argument("--allow-outside", action="store_true",
                        help="allow files outside the brief's folder and assets/")
    attach.add_argument("--decrypt", action="store_true",
                        help="allow an encrypted report (one that opens without a password): the combined PDF"
                             " is written unencrypted")
    attach.add_argument("--keep-active-content", action="store_true",
                        help="keep the report's JavaScript, launch and similar actions and embedded files"
                             " (removed by default, with a warning)")

    cache = subparsers.add_parser("cache", parents=[common],
                                  help="show or clear the cache (charts, SVG images, hyphenation, Markdown, line breaks)")
    cache.add_argument("action", choices=("clear", "info"),
                       help="'clear' deletes every cached entry; 'info' says where the cache is and how big")
    return {"charts": _charts, "chart": _chart, "attach": _attach, "cache": _cache}


def _charts(args) -> int:
    from .export import export_charts

    started = time.perf_counter()
    out_dir = Path(args.out_dir) if args.out_dir else Path("out") / "charts" / Path(args.brief).stem
    done = export_charts(args.brief, out_dir, formats=args.format, width_mm=args.width,
                         allow_outside=args.allow_outside, limits=args.limits)
    editions = f" for {done.editions} edition(s), a folder each," if done.editions else ""
    print(f"wrote {done.charts} chart(s), {len(done.files)} file(s){editions} to {terminal_safe(out_dir)}/"
          f" in {time.perf_counter() - started:.2f} s")
    return 0


def _chart(args) -> int:
    from .export import DEFAULT_WIDTH_MM, MM, export_chart
    from .standalone import load_chart
    from .style import ChartStyle

    theme = _theme(args.theme, args.chart)  # first: the chart's text is checked against its font
    spec = load_chart(args.chart, allow_outside=args.allow_outside, limits=args.limits, theme=theme)
    for warning in spec.warnings:
        print(warning, file=sys.stderr)
    style = ChartStyle.from_theme(theme, args.lang)
    name = spec.id or Path(args.chart).stem
    written = export_chart(spec, Path(args.out_dir), name, formats=args.format,
                           width=(args.width or DEFAULT_WIDTH_MM) * MM, style=style, lang=args.lang)
    print(f"wrote {', '.join(terminal_safe(p) for p in written)}")
    return 0


def _theme(theme_file, chart_file):
    """The default theme, or a theme file (checked like a brief's)."""
    from ..theme import default_theme

    if not theme_file:
        return default_theme()
    from ..errors import Diagnostics
    from ..schema.fields import Context
    from ..schema.files import find_assets_dir
    from ..source import Source
    from ..theme import load_theme

    base = Path.cwd().resolve()
    diagnostics = Diagnostics()
    ctx = Context(Source(path=Path(chart_file), data={}), diagnostics, base, find_assets_dir(base))
    theme = load_theme(theme_file, {}, ctx, ())
    diagnostics.raise_if_errors()
    return theme


def _attach(args) -> int:
    from .annex import attach_charts

    if not Path(args.report).is_file():
        raise BriefError([Diagnostic(args.report, 0, 0, "(file)", "file not found")])
    target = attach_charts(args.report, args.charts, args.output, per_page=args.per_page,
                           allow_outside=args.allow_outside, decrypt=args.decrypt,
                           keep_active_content=args.keep_active_content, limits=args.limits)
    print(f"wrote {terminal_safe(target)}")
    return 0


def _cache(args) -> int:
    from .. import cache

    root = cache.location()
    shown = terminal_safe(root)  # BRIEFGEN_CACHE_DIR is text from the environment
    off = ""
    if cache.cache_root() is None:
        off = (" (off: BRIEFGEN_NO_CACHE is set)" if os.environ.get("BRIEFGEN_NO_CACHE", "").strip() not in ("", "0")
               else f" (off: no private key at {terminal_safe(cache.secret_path())}: it must be a file of"
                    " yours with mode 0600 in a folder you can write)")
    if args.action == "clear":
        removed = cache.clear(root)
        print(f"removed {removed} cached file(s) from {shown}{off}")
        return 0
    found = cache.info(root)
    print(f"cache: {shown}{off}")
    for name, (files, size) in found.items():
        print(f"  {name}: {files} file(s), {_size(size)}")
    files, size = sum(f for f, _ in found.values()), sum(s for _, s in found.values())
    print(f"  total: {files} file(s), {_size(size)} of at most {_size(cache.max_bytes())} (BRIEFGEN_CACHE_MAX_MB)")
    if off:
        return 0
    print(f"  entries are checked with the key in {terminal_safe(cache.secret_path())}")
    return 0


def _size(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{size / 1024:.0f} KB"
