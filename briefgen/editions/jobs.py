"""A brief with editions as a batch: one build job per edition, each edition's build, and the manifest.

In:  a brief's path (and the build options of a :class:`briefgen.batch.BuildJob`).
Out: :func:`expand` gives one :class:`EditionJob` per row, after checking the template and every
     placeholder (a problem is a :class:`BriefError` before any PDF is built); :func:`build_edition`
     writes one edition's PDF (its errors name the edition and its row); :func:`write_manifest`
     writes ``OUT/<brief>.manifest.json``: each edition's file, SHA-256 and data row.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..batch import BuildJob
from ..errors import BriefError, Diagnostic, Diagnostics

#: A brief with editions has this top-level key at the start of a line.
_EDITIONS_KEY = re.compile(r"^editions[ \t]*:", re.MULTILINE)
_SNIFF_BYTES = 1 << 20


@dataclass(frozen=True)
class EditionJob(BuildJob):
    """One edition of a brief with ``editions:``: row ``edition`` (0-based) of its table, into ``name``.pdf."""

    edition: int = 0
    name: str = ""
    row: tuple = ()  #: the row's (column, value) pairs, for the manifest
    where: str = ""  #: where the row comes from, e.g. 'data/states.csv:7'

    def target(self, name: str | None = None) -> Path:
        return super().target(self.name)

    @property
    def label(self) -> str:
        """How messages name the edition: "edition 3 'margins-apure' (data/states.csv:4)"."""
        return f"edition {self.edition + 1} '{self.name}' ({self.where})"


def has_editions(path) -> bool:
    """True if the YAML file at ``path`` has a top-level ``editions:`` key."""
    try:
        with open(path, "rb") as file:
            text = file.read(_SNIFF_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    return _EDITIONS_KEY.search(text) is not None


def expand(job, **options) -> list[EditionJob]:
    """The editions of the brief of ``job`` (a :class:`BuildJob` or a brief's path; ``options`` are
    BuildJob fields), one job each, in the table's order. Raises :class:`BriefError` with every problem
    of the template (a placeholder naming no column, a refused one, a name two editions share...)."""
    from ..limits import Limits
    from ..schema.fields import INVALID, Context
    from ..schema.files import find_assets_dir
    from ..source import load_yaml
    from .model import prepare

    job = job if isinstance(job, BuildJob) else BuildJob(Path(job), **options)
    path = Path(job.brief)
    limits = job.limits or Limits.from_env()
    source = load_yaml(path, limits=limits)
    if not isinstance(source.data, dict) or source.data.get("editions") is None:
        raise BriefError([Diagnostic(source.name, 1, 1, "editions", "the brief has no 'editions:'; add one, or"
                                                                   " build it as one brief")])
    diagnostics = Diagnostics()
    base_dir = path.absolute().parent.resolve()
    ctx = Context(source, diagnostics, base_dir, find_assets_dir(base_dir), job.allow_outside, limits)
    prepared = prepare(source.data, ctx)
    diagnostics.raise_if_errors()
    assert prepared is not INVALID
    editions = prepared.editions
    fields = {name: getattr(job, name) for name in ("brief", "out_dir", "strict", "allow_outside", "limits",
                                                        "standard", "print_edition", "cmyk")}
    return [EditionJob(**fields, edition=index, name=name, row=tuple(editions.row(index).items()),
                       where=editions.where(index)) for index, name in prepared.names.items()]


def expand_jobs(jobs) -> list:
    """``jobs`` with each brief that has editions replaced by its editions. A template with problems stays
    one job: building it reports them as that brief's failure, and the other briefs go on."""
    expanded = []
    for job in jobs:
        if isinstance(job, EditionJob) or not has_editions(job.brief):
            expanded.append(job)
            continue
        try:
            expanded.extend(expand(job))
        except (BriefError, OSError):
            expanded.append(job)
    return expanded


def load_edition(job: EditionJob):
    """Check one edition and return its brief; its errors and warnings name the edition and its row."""
    from ..schema import check_brief

    try:
        return check_brief(job.brief, allow_outside=job.allow_outside, limits=job.limits, standard=job.standard,
                           edition=job.edition)
    except BriefError as error:
        raise BriefError(labelled(error.diagnostics, job), exit_code=error.exit_code,
                         warnings=labelled(error.warnings, job)) from None


def build_edition(job: EditionJob, on_warnings=None) -> Path:
    """Check and write one edition; its errors and warnings name the edition and its row."""
    from ..batch import write_pdf

    brief = load_edition(job)
    if on_warnings is not None:
        on_warnings(labelled(brief.warnings, job))
    from ..pdf.press import with_press

    return write_pdf(with_press(brief, job.print_edition, job.cmyk), job.target(), strict=job.strict)


def check_editions(path, **options) -> list:
    """Every problem and warning of every edition of the brief at ``path``, for ``briefgen validate``:
    those of the template, then each edition's (a chart whose filter keeps no row for one edition...).
    One that every edition shares is given once; one that only some have names them. ``options`` are
    BuildJob fields (``allow_outside``, ``limits``, ``standard``)."""
    from ..schema import check_brief

    try:
        jobs = expand(path, **options)
    except BriefError as error:
        return error.everything()
    found: dict = {}
    for job in jobs:
        try:
            brief = check_brief(job.brief, allow_outside=job.allow_outside, limits=job.limits,
                                standard=job.standard, edition=job.edition)
            diagnostics = brief.warnings
        except BriefError as error:
            diagnostics = error.everything()
        for diagnostic in diagnostics:
            found.setdefault(diagnostic, []).append(job.label)
    return [diagnostic if len(labels) == len(jobs) else replace(diagnostic, message=f"{diagnostic.message}"
                                                                                    f" [{'; '.join(labels)}]")
            for diagnostic, labels in found.items()]


def labelled(diagnostics, job) -> list:
    return [replace(d, message=f"{d.message} [{job.label}]") for d in diagnostics]


def template_error(brief) -> BriefError | None:
    """For :func:`briefgen.batch.write_pdf`: a brief with editions loaded whole, not one edition of it."""
    if getattr(brief, "edition_names", None) is None or brief.edition is not None:
        return None
    name = brief.source.name if getattr(brief, "source", None) is not None else str(brief.path)
    return BriefError([Diagnostic(name, 1, 1, "editions", f"the brief has {len(brief.edition_names)} editions,"
                                  " one PDF each: build it with 'briefgen build' (or briefgen.editions.build) rather"
                                  " than as one brief")])


def write_manifest(jobs, results) -> list:
    """For each brief with editions among ``jobs``: ``OUT/<brief>.manifest.json`` (a folder or any URL
    ``-o`` takes); return the files written (paths, or URL strings).

    Each edition: its number, name, file (relative to the manifest), SHA-256 and data row, or its errors.
    """
    from ..output import destination, join, write_to

    groups: dict = {}
    for job, result in zip(jobs, results):
        if isinstance(job, EditionJob) and job.out_file is None:
            groups.setdefault((Path(job.brief), str(job.out_dir)), []).append((job, result))
    written = []
    for (brief, out_dir), pairs in groups.items():
        folder = destination(out_dir)
        target = join(folder, f"{brief.stem}.manifest.json")
        entries = [_entry(job, result, folder) for job, result in pairs]
        manifest = {"brief": brief.name, "editions": entries}
        write_to((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), target)
        written.append(target)
    return written


def _entry(job, result, folder) -> dict:
    entry = {"edition": job.edition + 1, "name": job.name, "data": job.where,
             "row": {column: _json_value(value) for column, value in job.row}}
    if result is not None and result.output is not None:
        output = result.output
        if isinstance(output, str):  # written at a URL: the bytes were hashed on their way (remote.deliver)
            entry["file"] = output.rsplit("/", 1)[-1] if output.startswith(str(folder).rstrip("/") + "/") else output
            entry["sha256"] = result.sha256
        else:
            output = Path(output)
            entry["file"] = output.name if output.parent.resolve() == Path(folder).resolve() else str(output)
            entry["sha256"] = hashlib.sha256(output.read_bytes()).hexdigest()
    else:
        entry["file"] = entry["sha256"] = None
        entry["errors"] = [str(d) for d in (result.errors if result is not None else [])]
    return entry


def _json_value(value):
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def build(path, out_dir="out", *, executor=None, **options):
    """Build every edition of the brief at ``path`` into ``out_dir``, and its manifest; return
    (results, manifest path). ``executor``: as for :func:`briefgen.build_many`; ``options``: BuildJob fields."""
    from ..batch import build_many

    jobs = expand(BuildJob(Path(path), Path(out_dir), **options))
    results = build_many(jobs, executor)
    return results, write_manifest(jobs, results)[0]
