"""Exports: charts as files for other reports, each with its data (CSV) and metadata (JSON).

In:  a chart (file, mapping or checked chart) and a target path, or a brief
     and an output folder; formats among PNG (300 dpi), SVG and PDF; a width.
Out: the files, each carrying its title, subtitle, notes and source inside the
     image, plus ``NAME.csv`` (the chart's data after shaping) and ``NAME.json``
     (title, subtitle, notes, source, alt text, figure number, files, size).
     Files are written atomically; the same input gives the same bytes. CSV
     cells keep the source's text (``2024-01`` stays ``2024-01``); a cell that a
     spreadsheet would run as a formula gets a leading ``'``. A brief with
     ``editions:`` exports every edition's charts, each edition into
     ``OUT/<edition name>/`` (the name its PDF gets); every edition is loaded and
     the files of all of them counted against ``export_files`` before any is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..data.values import as_written
from .rendering import RASTER_DPI, brief_charts, chart_bytes, png_size

FORMATS = ("png", "svg", "pdf")
#: A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: ...unless it is a plain number, such as -2, +3.5, -1,234 or -1e-5.
PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
MM = 72 / 25.4
#: Width of a chart exported on its own, when neither the brief nor the caller says (mm).
DEFAULT_WIDTH_MM = 160
#: Widths a chart may be drawn at (mm): narrower leaves no room for the plot, wider is a poster (a huge PNG).
WIDTH_RANGE_MM = (30, 500)


def width_problem(value, unit: str = "pt", shown: str | None = None) -> str | None:
    """Why ``value`` (in ``unit``, 'pt' or 'mm') cannot be a chart's width, or None."""
    low, high = WIDTH_RANGE_MM
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    mm = (value if unit == "mm" else value / MM) if number else None
    if mm is not None and math.isfinite(mm) and low <= mm <= high:
        return None
    points = "" if unit == "mm" else f" ({low * MM:.0f} to {high * MM:.0f} points)"
    return f"expected a width from {low} to {high} mm{points}, found {shown or repr(value)}"


def checked_width(value, unit: str = "pt") -> float:
    """``value`` as a float, or ValueError saying the range (for the Python API)."""
    problem = width_problem(value, unit)
    if problem:
        raise ValueError(f"chart width: {problem}")
    return float(value)


def _write(data: bytes, target: Path) -> None:
    from ..output import write_atomic

    write_atomic(data, target)


def _checked(chart, allow_outside=False, theme=None):
    from .spec import ChartSpec
    from .standalone import load_chart

    return chart if isinstance(chart, ChartSpec) else load_chart(chart, allow_outside=allow_outside, theme=theme)


def render(chart, path, *, width_mm: float | None = None, lang: str = "en", theme=None, with_data: bool = False,
           cache_dir=None) -> Path:
    """Render ``chart`` (a chart YAML path, a mapping, or a checked chart) to ``path``.

    ``theme``: a Theme, or the path of a theme YAML file (default: the default theme).

    The format follows the suffix (.png, .svg or .pdf); the file carries the
    chart's title, subtitle, notes and source. With ``with_data``, the data
    CSV and metadata JSON are written beside it. Returns the path written.
    """
    from .standalone import chart_theme
    from .style import ChartStyle

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"cannot tell the format of {path.name!r}: use a .png, .svg or .pdf name")
    theme = chart_theme(theme)
    spec = _checked(chart, theme=theme)
    style = ChartStyle.from_theme(theme, lang)
    width = checked_width(width_mm or DEFAULT_WIDTH_MM, "mm") * MM
    folder = _folder(spec, cache_dir)
    _write(chart_bytes(spec, style, width, furniture=True, fmt=fmt, folder=folder), path)
    if with_data:
        write_data(spec, path.with_suffix(".csv"))
        write_metadata(spec, path.with_suffix(".json"), files=[path.name], width=width, lang=lang)
    return path


def _folder(spec, cache_dir):
    from . import cache

    return cache.cache_dir(cache_dir)


def export_chart(spec, out_dir: Path, name: str, *, formats=FORMATS, width: float, style, lang: str,
                 figure: int | None = None, brief: str | None = None, cache_dir=None,
                 sources: list | None = None, edition: str | None = None) -> list[Path]:
    """Write one chart as ``name.<format>`` files plus ``name.csv`` and ``name.json``.

    ``sources`` (a brief's entries the chart cites) go into the JSON in full; so does
    ``edition``, the name of the edition the chart belongs to (for a brief with editions).
    """
    out_dir = Path(out_dir)
    width = checked_width(width)
    folder = _folder(spec, cache_dir)
    written = []
    for fmt in formats:
        target = out_dir / f"{name}.{fmt}"
        _write(chart_bytes(spec, style, width, furniture=True, fmt=fmt, folder=folder), target)
        written.append(target)
    written.append(write_data(spec, out_dir / f"{name}.csv"))
    written.append(write_metadata(spec, out_dir / f"{name}.json", files=[p.name for p in written], width=width,
                                  lang=lang, figure=figure, brief=brief, sources=sources, edition=edition))
    return written


def _cell(value, decimal: str = ".") -> str:
    """A cell as the source wrote it (``2024-01``, ``49.0``, ``49,0``); a computed value printed plainly."""
    if value is None:
        return ""
    written = as_written(value)
    if written is not None:
        return inert_cell(written)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(round(value, 10))
        return inert_cell(text.replace(".", decimal))
    return inert_cell(str(value))


def inert_cell(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs: ``'`` before a formula, plain numbers as they are."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def data_csv(spec) -> bytes:
    """The chart's data after shaping, as UTF-8 CSV (missing values are empty cells).

    Cells read from the source keep their text as written; the file keeps the source CSV's
    delimiter and decimal mark (a ';' file with decimal commas stays one), inline data gets commas.
    """
    table = spec.chart_data.table
    decimal = table.decimal or "."
    delimiter = getattr(table.source, "delimiter", ",") if table.decimal else ","
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    for row in table.as_rows():
        writer.writerow([_cell(v, decimal) for v in row])
    return buffer.getvalue().encode("utf-8")


def write_data(spec, target: Path) -> Path:
    """The chart's data after shaping, as a UTF-8 CSV file (see :func:`data_csv`)."""
    _write(data_csv(spec), target)
    return target


def metadata(spec, *, width: float, lang: str, figure=None, brief=None, files=(), sources=None,
             edition=None) -> dict:
    data = spec.chart_data
    cited = [{key: str(getattr(source, key)) for key in ("id", "author", "publisher", "title", "date", "url")
              if getattr(source, key, None)} for source in sources or ()]
    return {
        "title": spec.title,
        "subtitle": spec.subtitle,
        "notes": spec.notes,
        "source": spec.source,
        "source_url": spec.source_url,
        "alt": spec.alt,
        "type": spec.type,
        "id": spec.id,
        "figure": figure,
        "brief": brief,
        **({} if edition is None else {"edition": edition}),  # a brief without editions: as it always was
        "language": lang,
        "width_mm": round(width / MM, 2),
        "png_dpi": RASTER_DPI,
        "series": [s.label for s in data.series],
        "sources": cited,
        "files": list(files),
    }


def write_metadata(spec, target: Path, **kw) -> Path:
    body = json.dumps(metadata(spec, **kw), ensure_ascii=False, indent=2) + "\n"
    _write(body.encode("utf-8"), target)
    return target


def column_width(brief) -> float:
    """The brief's column width in points (charts are drawn to it)."""
    return brief.column_width()


@dataclass
class ChartExport:
    """What :func:`export_charts` wrote: the files, how many charts, and for how many editions (0: none)."""

    files: list
    charts: int
    editions: int = 0


def export_brief_charts(brief_path, out_dir, *, formats=FORMATS, width_mm: float | None = None,
                        allow_outside: bool = False, cache_dir=None, limits=None) -> list[Path]:
    """Export every chart of the brief at ``brief_path`` into ``out_dir``; return the files written.

    A brief with ``editions:`` exports every edition's charts into ``out_dir/<edition name>/``.
    """
    return export_charts(brief_path, out_dir, formats=formats, width_mm=width_mm, allow_outside=allow_outside,
                         cache_dir=cache_dir, limits=limits).files


def export_charts(brief_path, out_dir, *, formats=FORMATS, width_mm: float | None = None,
                  allow_outside: bool = False, cache_dir=None, limits=None) -> ChartExport:
    """As :func:`export_brief_charts`, saying also how many charts and editions were exported."""
    from .. import load

    if width_mm is not None:
        checked_width(width_mm, "mm")
    options = {"formats": formats, "width_mm": width_mm, "cache_dir": cache_dir}
    jobs = _edition_jobs(brief_path, allow_outside, limits)
    if jobs is None:
        brief = load(brief_path, allow_outside=allow_outside, limits=limits)
        charts = brief_charts(brief)
        _check_export_work(brief, charts, formats)
        return ChartExport(_export_charts_of(brief, charts, Path(out_dir), **options), len(charts))
    loaded = _load_editions(jobs, formats)  # every edition checked, and the limit, before any file is written
    written = []
    for job, brief, charts in loaded:
        written += _export_charts_of(brief, charts, Path(out_dir) / job.name, edition=job.name, **options)
    return ChartExport(written, sum(len(charts) for _, _, charts in loaded), len(loaded))


def _export_charts_of(brief, charts, out_dir: Path, *, formats, width_mm, cache_dir, edition=None) -> list[Path]:
    """Write ``charts`` (of the loaded ``brief``) into ``out_dir``; return the files written."""
    from .style import ChartStyle

    style = ChartStyle.from_theme(brief.theme, brief.meta.language)
    width = width_mm * MM if width_mm else column_width(brief)
    written, by_id = [], {source.id: source for source in brief.sources}
    for number, block in charts:
        name = block.export_name(number)
        cited = [by_id[prose.text[len("[](#"):-1]] for prose in getattr(block, "cite", None) or ()]
        written += export_chart(block, out_dir, name, formats=formats, width=width, style=style,
                                lang=brief.meta.language, figure=number, brief=brief.name, cache_dir=cache_dir,
                                sources=cited, edition=edition)
    return written


def _edition_jobs(brief_path, allow_outside, limits) -> list | None:
    """The brief's editions, as ``briefgen build`` expands them, or None for a brief without editions. A
    template with problems is None too: loading it whole reports them all, as ``build`` does."""
    from ..batch import BuildJob
    from ..editions.jobs import EditionJob, expand_jobs

    jobs = expand_jobs([BuildJob(Path(brief_path), allow_outside=allow_outside, limits=limits)])
    return jobs if isinstance(jobs[0], EditionJob) else None


def _load_editions(jobs, formats) -> list:
    """(job, brief, charts) for each edition. Raises BriefError with every edition's errors, or at the first
    chart whose files take all the editions' together over ``export_files`` (no edition after it is loaded)."""
    from ..editions.jobs import load_edition
    from ..errors import BriefError

    loaded, errors, codes, files = [], [], [], 0
    for job in jobs:
        try:
            brief = load_edition(job)
        except BriefError as error:
            errors, codes = errors + error.diagnostics, codes + [error.exit_code]
            continue  # the other editions' errors are reported too, as `build` does
        charts = brief_charts(brief)
        over = _export_work_problem(brief, charts, formats, before=files, edition=(job, len(jobs)))
        if over is not None:
            raise BriefError(errors + [over])
        files += len(charts) * len(formats)
        loaded.append((job, brief, charts))
    if errors:
        raise BriefError(errors, exit_code=max(codes))
    return loaded


def _check_export_work(brief, charts, formats) -> None:
    """Each file costs a quarter to half a second to draw (a 300 dpi PNG, an embedded-font PDF): bound them."""
    from ..errors import BriefError

    problem = _export_work_problem(brief, charts, formats)
    if problem is not None:
        raise BriefError([problem])


def _export_work_problem(brief, charts, formats, *, before: int = 0, edition=None):
    """The diagnostic, at the chart whose files go over ``export_files``, or None. ``before``: the files of the
    editions before this one; ``edition``: (this edition's job, how many editions), for a brief with editions."""
    from ..editions.jobs import labelled
    from ..errors import Diagnostic, format_path

    limit, files = brief.limits.export_files, before + len(charts) * len(formats)
    if files <= limit:
        return None
    block = charts[(limit - before) // len(formats)][1]
    line, col = brief.source.where(block.yaml_path)
    fewer, hint = "export fewer formats (for example --format svg)", brief.limits.hint("export_files")
    if edition is None:
        message = (f"exporting {len(charts)} charts as {', '.join(formats)} makes {files} files, more than the limit"
                   f" of {limit} (export_files); {fewer}, or {hint}")
        return Diagnostic(brief.source.name, line, col, format_path(block.yaml_path), message)
    job, count = edition
    which = "edition 1" if job.edition == 0 else f"editions 1 to {job.edition + 1}"
    message = (f"exporting the charts of {count} editions as {', '.join(formats)} makes more than {limit} files:"
               f" those of {which} alone make {files}, more than the limit of {limit} (export_files); {fewer} or"
               f" fewer editions (editions: filter:), or {hint}")
    return labelled([Diagnostic(brief.source.name, line, col, format_path(block.yaml_path), message)], job)[0]


__all__ = ["FORMATS", "ChartExport", "brief_charts", "export_brief_charts", "export_chart", "export_charts",
           "png_size", "render"]
