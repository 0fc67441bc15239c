"""briefgen: policy briefs written in YAML, set as print-ready PDFs.

The pipeline, one package or module per stage::

    source (YAML + positions) -> schema (check, number, resolve) -> data -> charts
        -> layout (flowables, pages) -> render (PDF bytes, atomic write)
        -> pdf (structure tree, PDF/UA and PDF/A parts; see briefgen.pdf)

Public API:

- :func:`load` reads and checks a brief and returns a :class:`Brief`;
- :func:`build` writes ``OUT_DIR/<brief name>.pdf`` and returns its path;
- :func:`build_many` builds many briefs, on any :class:`concurrent.futures.Executor`,
  and returns each one's result (the PDF, or its errors) in order;
- :class:`BriefError` carries every problem found, each with ``file:line:col``;
- :func:`new_brief` makes a new brief folder (``briefgen new``), never overwriting a file;
- :class:`ChartFlowable` puts a brief's chart into any ReportLab story, and
  :mod:`briefgen.charts` renders and exports charts (``briefgen.charts.render(spec, path)``).
"""

from __future__ import annotations

from pathlib import Path

from .errors import BriefError, Diagnostic

__version__ = "0.1.0"


def load(path, *, allow_outside: bool = False, limits=None, standard=None, print_edition=None, cmyk=None):
    """Read, check and index the brief at ``path``.

    ``limits`` (a :class:`briefgen.limits.Limits`) bounds the work the brief may
    cause; the default is ``Limits.from_env()``. ``standard`` (``"ua-1+a-2b"``,
    ``"none"``..., a list of names, or a :class:`briefgen.standards.Standards`)
    overrides the brief's ``meta.standard``; None keeps the brief's own. The
    claims in effect are ``brief.standards``. ``print_edition`` and ``cmyk``, when
    not None, override ``meta.print`` (bleed, crop marks, page boxes) and ``meta.cmyk``
    (DeviceCMYK throughout); see docs/print.md. Raises :class:`BriefError` listing
    every problem found, or ValueError for an unknown ``standard``.
    """
    from .schema import check_brief

    brief = check_brief(path, allow_outside=allow_outside, limits=limits, standard=standard)
    if print_edition is None and cmyk is None:
        return brief
    from .pdf.press import with_press

    return with_press(brief, print_edition, cmyk)


def render_pdf(brief) -> bytes:
    """The PDF of a loaded brief, as bytes."""
    from .render import render_pdf as _render

    return _render(brief)


def build(path, out_dir="out", *, out_file=None, strict: bool = False, allow_outside: bool = False, limits=None,
          standard=None, on_warnings=None, on_loaded=None, print_edition=None, cmyk=None) -> Path:
    """Build the brief at ``path`` into ``out_dir/<name>.pdf`` (or ``out_file``) and return that path.

    ``standard`` overrides the brief's ``meta.standard``, ``print_edition`` its
    ``meta.print`` and ``cmyk`` its ``meta.cmyk`` (see :func:`load`). The
    brief's warnings go to ``on_warnings`` (a callable taking a list of
    :class:`Diagnostic`) once it is loaded; with ``strict``, a warning stops the
    build as an error would. ``on_loaded`` (a callable) is handed the loaded
    :class:`Brief` before it is rendered (``briefgen watch`` reads from it the
    files to follow). Nothing is written unless the whole build succeeds; an
    output path that cannot be a PDF (a file as the folder, a folder with the
    PDF's name) is reported before any work.
    """
    from .batch import BuildJob, write_pdf

    brief = load(path, allow_outside=allow_outside, limits=limits, standard=standard, print_edition=print_edition,
                 cmyk=cmyk)
    if on_warnings is not None:
        on_warnings(list(brief.warnings))
    if on_loaded is not None:
        on_loaded(brief)
    job = BuildJob(Path(path), Path(out_dir), None if out_file is None else Path(out_file))
    return write_pdf(brief, job.target(brief.name), strict=strict)


def build_many(jobs, executor=None, **options):
    """Build many briefs; return one :class:`briefgen.batch.BuildResult` per job, in the jobs' order.

    ``jobs`` are :class:`briefgen.batch.BuildJob` records (or brief paths, built into ``out/``);
    ``executor`` is any :class:`concurrent.futures.Executor`, such as
    ``briefgen.batch.worker_pool(4)`` (processes that import the heavy libraries once each),
    or None to build here, one after another. A brief that fails never stops the others: its
    result holds its errors (``result.errors``, positioned) and ``result.exit_code``.
    ``options`` go to :func:`briefgen.batch.build_many` (``progress``).
    """
    from .batch import BuildJob, build_many as _build_many

    jobs = [job if isinstance(job, BuildJob) else BuildJob(Path(job)) for job in jobs]
    return _build_many(jobs, executor, **options)


def new_brief(folder, lang: str = "en", *, today=None) -> list[Path]:
    """Make a brief folder (``brief.yaml``, its JSON Schema, ``data/sample.csv``, ``assets/``); return the files.

    ``lang``: ``en``, ``es``, ``fr`` or ``pt``; ``today``: the brief's date (default: today).
    If any of the files exists, raises :class:`briefgen.scaffold.ScaffoldError` listing them
    (``.existing``) and writes nothing.
    """
    from .scaffold import new_brief as _new_brief

    return _new_brief(folder, lang, today=today)


def __getattr__(name):
    # ChartFlowable pulls in the chart machinery: import it only when asked for.
    if name == "ChartFlowable":
        from .charts.flowable import ChartFlowable

        return ChartFlowable
    if name == "ScaffoldError":  # with briefgen.scaffold, imported only for `new`
        from .scaffold import ScaffoldError

        return ScaffoldError
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")


__all__ = ["BriefError", "ChartFlowable", "Diagnostic", "ScaffoldError", "__version__", "build", "build_many", "load",
           "new_brief", "render_pdf"]
