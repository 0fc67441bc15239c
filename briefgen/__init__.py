"""briefgen: policy briefs written in YAML, set as print-ready PDFs.

The pipeline, one package or module per stage::

    source (YAML + positions) -> schema (check, number, resolve) -> data -> charts
        -> layout (flowables, pages) -> render (PDF bytes, atomic write)
        -> pdf (structure tree, PDF/UA and PDF/A parts; see briefgen.pdf)

Public API:

- :func:`load` reads and checks a brief and returns a :class:`Brief`;
- :func:`build` writes ``OUT_DIR/<brief name>.pdf`` and returns its path;
- :class:`BriefError` carries every problem found, each with ``file:line:col``;
- :class:`ChartFlowable` puts a brief's chart into any ReportLab story, and
  :mod:`briefgen.charts` renders and exports charts (``briefgen.charts.render(spec, path)``).
"""

from __future__ import annotations

from pathlib import Path

from .errors import BriefError, Diagnostic

__version__ = "0.1.0"


def load(path, *, allow_outside: bool = False, limits=None, standard=None):
    """Read, check and index the brief at ``path``.

    ``limits`` (a :class:`briefgen.limits.Limits`) bounds the work the brief may
    cause; the default is ``Limits.from_env()``. ``standard`` (``"ua-1+a-2b"``,
    ``"none"``..., a list of names, or a :class:`briefgen.standards.Standards`)
    overrides the brief's ``meta.standard``; None keeps the brief's own. The
    claims in effect are ``brief.standards``. Raises :class:`BriefError` listing
    every problem found, or ValueError for an unknown ``standard``.
    """
    from .schema import check_brief

    return check_brief(path, allow_outside=allow_outside, limits=limits, standard=standard)


def render_pdf(brief) -> bytes:
    """The PDF of a loaded brief, as bytes."""
    from .render import render_pdf as _render

    return _render(brief)


def build(path, out_dir="out", *, allow_outside: bool = False, limits=None, standard=None) -> Path:
    """Build the brief at ``path`` into ``out_dir/<name>.pdf`` and return that path.

    ``standard`` overrides the brief's ``meta.standard`` (see :func:`load`).
    Nothing is written unless the whole build succeeds; an output path that
    cannot be a PDF (a file as the folder, a folder with the PDF's name) is
    reported before any work.
    """
    brief = load(path, allow_outside=allow_outside, limits=limits, standard=standard)
    from .output import check_output

    target = Path(out_dir) / f"{brief.name}.pdf"
    check_output(target)
    from .charts.worker import ChartWorker

    # Charts that are not cached start drawing in a second process now, before the
    # layout machinery is even imported (see briefgen.charts.worker).
    worker = ChartWorker.for_brief(brief)
    from .render import render_pdf as _render, write_atomic

    data = _render(brief, chart_worker=worker)
    write_atomic(data, target)
    return target


def __getattr__(name):
    # ChartFlowable pulls in the chart machinery: import it only when asked for.
    if name == "ChartFlowable":
        from .charts.flowable import ChartFlowable

        return ChartFlowable
    raise AttributeError(f"module 'briefgen' has no attribute {name!r}")


__all__ = ["BriefError", "ChartFlowable", "Diagnostic", "__version__", "build", "load", "render_pdf"]
