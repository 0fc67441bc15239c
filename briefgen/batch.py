"""Building briefs one by one or many at once, in this process or in worker processes.

In:  :class:`BuildJob` records (a brief, where its PDF goes, the options) and, optionally, any
     :class:`concurrent.futures.Executor` to run them on (:func:`worker_pool` gives a good one).
Out: one :class:`BuildResult` per job, in the jobs' order: the PDF written, or the errors that
     stopped it, with the brief's warnings either way. One failed brief never stops the others,
     and a failed brief writes nothing.

What counts as a brief in a folder (:func:`find_briefs`): each ``*.yaml`` or ``*.yml`` file
directly in it whose top level has both a ``meta:`` and a ``sections:`` key, so themes, chart
specs and data files beside the briefs are skipped; subfolders are not searched. A file named
on its own is always built (and told off if it is not a brief).
"""

from __future__ import annotations

import re
import sys
import time
import traceback
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BriefError, Diagnostic, display_name, in_file_order

if TYPE_CHECKING:  # a build without an executor never needs concurrent.futures (and its logging): 3 ms
    from concurrent.futures import Executor

#: A brief's top-level keys, as they start a line (a theme or chart spec has neither).
_TOP_KEY = re.compile(r"^(meta|sections)[ \t]*:", re.MULTILINE)
#: How much of a file :func:`is_brief` reads: the keys are near the top of any brief.
_SNIFF_BYTES = 1 << 20
#: Modules a worker imports once, before its first brief. Not matplotlib: a brief whose charts are all in
#: the cache never needs it, and a worker imports it at the first chart it has to draw (charts.worker).
WARM_MODULES = ("briefgen.schema", "briefgen.render", "briefgen.pdf.conform", "briefgen.charts.worker")


@dataclass(frozen=True)
class BuildJob:
    """One brief to build: into ``out_file`` if given, else ``out_dir/<brief name>.pdf``."""

    brief: Path
    out_dir: Path = Path("out")
    out_file: Path | None = None
    strict: bool = False  #: warnings are errors: nothing is written if there is any
    allow_outside: bool = False
    limits: object = None  #: a :class:`briefgen.limits.Limits`, or None for ``Limits.from_env()``
    standard: object = None  #: overrides the brief's ``meta.standard`` (see :func:`briefgen.load`)
    print_edition: bool | None = None  #: overrides the brief's ``meta.print`` (bleed, crop marks, page boxes)
    cmyk: bool | None = None  #: overrides the brief's ``meta.cmyk`` (DeviceCMYK throughout)

    def target(self, name: str | None = None) -> Path:
        """The PDF this job writes (``name`` is the brief's name; its file's stem by default)."""
        if self.out_file is not None:
            return Path(self.out_file)
        return Path(self.out_dir) / f"{name or Path(self.brief).stem}.pdf"


@dataclass
class BuildResult:
    """What became of one :class:`BuildJob`."""

    brief: Path
    output: Path | None = None  #: the PDF written, or None
    errors: list = field(default_factory=list)  #: :class:`~briefgen.errors.Diagnostic` records
    warnings: list = field(default_factory=list)
    exit_code: int = 0  #: 0 written; 2 the brief must change; 1 the build failed (e.g. a full disk)
    seconds: float = 0.0
    detail: str = ""  #: the traceback of an unexpected failure (shown with --debug)
    data: bytes | None = field(default=None, repr=False)  #: the PDF on its way back to be written (briefgen.remote)
    label: str = ""  #: an edition's name and row, as messages give it ("" for a brief)
    sha256: str | None = None  #: the PDF's SHA-256, when its bytes were written here (briefgen.remote)

    @property
    def name(self) -> str:
        """How a summary names what was built: the brief, or the brief and its edition."""
        return f"{self.brief} ({self.label})" if self.label else str(self.brief)

    @property
    def ok(self) -> bool:
        return self.output is not None

    def diagnostics(self) -> list:
        """Errors and warnings together, in file order."""
        return in_file_order(self.errors + self.warnings)


def is_brief(path) -> bool:
    """True if ``path`` is a YAML file whose top level has ``meta:`` and ``sections:`` keys."""
    path = Path(path)
    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        return False
    try:
        with open(path, "rb") as file:
            text = file.read(_SNIFF_BYTES).decode("utf-8", "replace")
    except OSError:
        return False
    return {match.group(1) for match in _TOP_KEY.finditer(text)} == {"meta", "sections"}


def find_briefs(paths) -> list[Path]:
    """The briefs named by ``paths``: files as given, folders expanded (see the module's docstring).

    Each brief comes once, in the order given (a folder's in name order). A folder without a
    brief raises :class:`BriefError` (status 2).
    """
    found, seen = [], set()
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if is_brief(p))
            if not inside:
                raise BriefError([Diagnostic(display_name(path), 0, 0, "(folder)", "no brief here: a brief is a"
                                             " .yaml file with top-level 'meta:' and 'sections:' keys (subfolders"
                                             " are not searched)")])
        else:
            inside = [path]
        for brief in inside:
            key = brief.resolve() if brief.exists() else brief
            if key not in seen:
                seen.add(key)
                found.append(brief)
    return found


def clashing_targets(jobs) -> tuple[BuildJob, BuildJob] | None:
    """Two jobs that would write the same PDF (briefs of one name from two folders), or None."""
    by_target: dict = {}
    for job in jobs:
        target = job.target().absolute()
        if target in by_target:
            return by_target[target], job
        by_target[target] = job
    return None


def write_pdf(brief, target, *, strict: bool = False) -> Path:
    """Render a loaded brief and write it to ``target`` atomically; return ``target``.

    With ``strict``, any warning stops the build before anything is written (BriefError, status 2).
    """
    from .output import check_output

    if strict and brief.warnings:
        raise BriefError([_not_strict(brief.warnings)], warnings=brief.warnings)
    if getattr(brief, "edition_names", None) is not None:  # a brief with editions is built edition by edition
        from .editions.jobs import template_error

        error = template_error(brief)
        if error is not None:
            raise error
    target = Path(target)
    check_output(target)  # before any work
    from .charts.worker import ChartWorker

    # Charts that are not cached start drawing in a second process now, before the
    # layout machinery is even imported (see briefgen.charts.worker).
    worker = ChartWorker.for_brief(brief)
    from .render import render_pdf, write_atomic

    data = render_pdf(brief, chart_worker=worker)
    write_atomic(data, target)
    return target


def _not_strict(warnings) -> Diagnostic:
    return Diagnostic(warnings[0].file, 0, 0, "(brief)", f"not built: {len(warnings)} warning(s), which --strict"
                      " (strict=True) makes errors; fix them, or build without --strict")


def build_one(job: BuildJob) -> BuildResult:
    """Build one brief with :func:`briefgen.build`; every failure becomes part of the result (only Ctrl-C is
    raised)."""
    import briefgen

    started = time.perf_counter()
    result = BuildResult(Path(job.brief), label=getattr(job, "label", ""))
    try:
        if getattr(job, "edition", None) is not None:  # one edition of a brief with editions
            from .editions import build_edition

            result.output = build_edition(job, on_warnings=result.warnings.extend)
        else:
            result.output = briefgen.build(job.brief, job.out_dir, out_file=job.out_file, strict=job.strict,
                                           allow_outside=job.allow_outside, limits=job.limits, standard=job.standard,
                                           print_edition=job.print_edition, cmyk=job.cmyk,
                                           on_warnings=result.warnings.extend)
    except BriefError as error:
        result.errors, result.exit_code = error.diagnostics, error.exit_code
        result.warnings = result.warnings or error.warnings
    except OSError as exc:  # the machine's problem (a file that cannot be read or written), not the brief's
        where = display_name(str(exc.filename)) if exc.filename else display_name(job.brief)
        result.errors, result.exit_code = [Diagnostic(where, 0, 0, "(file)", str(exc.strerror or exc))], 1
    except Exception as exc:  # an unexpected failure is still reported cleanly, and the other briefs go on
        result.errors = [Diagnostic(display_name(job.brief), 0, 0, "(internal)", f"internal error{_building(job)}:"
                                    f" {type(exc).__name__}: {exc} (run with --debug for details)")]
        result.exit_code, result.detail = 1, traceback.format_exc()
    result.seconds = time.perf_counter() - started
    return result


def build_many(jobs, executor: Executor | None = None, *, progress=None, tick: float = 0.25,
               write_here: bool = False) -> list[BuildResult]:
    """Build every job; return their results in the jobs' order.

    ``executor`` is any :class:`concurrent.futures.Executor` (a process pool, a dask client's
    executor...); None builds here, one after another. ``progress``, if given, is called with
    each result as it comes (in the order they finish), and with None every ``tick`` seconds
    meanwhile, so a display can show the time going by. Ctrl-C (KeyboardInterrupt) cancels
    the jobs not started and is raised. On a :func:`worker_pool`, a worker that dies (killed,
    out of memory) fails no brief but its own: the jobs its broken pool held are built again in a
    fresh pool, and any that break that one too, each alone.

    A job's PDF is written by the process that builds it, except when its target is a URL
    (``memory://``, ``s3://``...; see :mod:`briefgen.remote`) or ``write_here`` is set (workers
    that do not share this machine's disk): then the bytes come back and this process writes them.
    """
    from . import remote

    jobs = list(jobs)
    results: list = [None] * len(jobs)
    tasks = [remote.build_for_client if write_here or remote.writes_here(job) else build_one for job in jobs]
    if executor is None:
        for i, job in enumerate(jobs):
            results[i] = _delivered(tasks[i](job), job, tasks[i])
            if progress:
                progress(results[i])
        return results
    broken = _run(executor, jobs, tasks, range(len(jobs)), results, progress, tick)
    if broken and hasattr(executor, "replacement"):
        # A worker died (killed, out of memory, a crash in a C library): the pool fails every job it held.
        # Build those again in a fresh pool, then any that break it again one at a time, so that only
        # the brief that kills its worker fails.
        with executor.replacement() as pool:
            broken = _run(pool, jobs, tasks, broken, results, progress, tick)
        for i in broken:
            with executor.replacement(1) as pool:
                _run(pool, jobs, tasks, [i], results, progress, tick, last=True)
    return results


def _run(executor, jobs, tasks, indexes, results, progress, tick, last=False) -> list:
    """Build the jobs at ``indexes`` on ``executor`` into ``results``; the indexes of those that a broken
    pool failed (left out of ``results``, unless ``last``)."""
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    futures = {executor.submit(tasks[i], jobs[i]): i for i in indexes}
    broken = []
    try:
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=tick, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=futures.get):
                i = futures[future]
                if isinstance(future.exception(), BrokenProcessPool) and not last:
                    broken.append(i)
                    continue
                results[i] = _delivered(_outcome(future, jobs[i]), jobs[i], tasks[i])
                if progress:
                    progress(results[i])
            if not done and progress:
                progress(None)
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return sorted(broken)


def _delivered(result: BuildResult, job: BuildJob, task) -> BuildResult:
    """``result``, with its PDF written here if the worker sent back the bytes (see :mod:`briefgen.remote`)."""
    if task is build_one:
        return result
    from .remote import deliver

    return deliver(result, job)


def _outcome(future, job: BuildJob) -> BuildResult:
    """A finished future's result; a worker that died (or an executor's own failure) fails only its brief."""
    error = future.exception()
    if error is None:
        return future.result()
    if isinstance(error, KeyboardInterrupt):
        raise error
    what = getattr(job, "label", "this brief")  # an edition is named, with its row
    return BuildResult(Path(job.brief), errors=[Diagnostic(display_name(job.brief), 0, 0, "(internal)",
                       f"the process building {what} failed: {type(error).__name__}: {error}")], exit_code=1,
                       label=getattr(job, "label", ""))


def _building(job) -> str:
    label = getattr(job, "label", None)
    return f" while building {label}" if label else ""


@lru_cache(maxsize=1)  # made once, when first asked for: multiprocessing costs a one-brief build ~10 ms to import
def _worker_pool_class():
    from concurrent.futures import ProcessPoolExecutor

    class WorkerPool(ProcessPoolExecutor):
        """Worker processes that hold Ctrl-C back while idle (no tracebacks) and obey it during a build."""

        def __init__(self, workers: int):
            super().__init__(max_workers=workers, initializer=_warm_up)
            self.workers = workers

        def submit(self, fn, /, *args, **kwargs):
            return super().submit(_interruptible, fn, *args, **kwargs)

        def replacement(self, workers: int | None = None):
            """A fresh pool like this one (for the jobs of a pool a dead worker broke)."""
            return WorkerPool(workers or self.workers)

    return WorkerPool


def worker_pool(workers: int):
    """A pool of ``workers`` processes (a ProcessPoolExecutor), each importing ReportLab, matplotlib and
    briefgen's stages once."""
    return _worker_pool_class()(max(1, workers))


def _warm_up() -> None:
    import importlib

    _hold_interrupts(True)  # Ctrl-C goes to every process: an idle worker keeps it for its next job
    for name in WARM_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # a missing optional part fails the build that needs it, with its own message
            pass


def _interruptible(fn, *args, **kwargs):
    """Run ``fn`` in a worker with Ctrl-C let through, so an interrupted write removes its temporary file."""
    try:
        _hold_interrupts(False)  # a Ctrl-C that came while idle arrives now, and this job stops at once
        return fn(*args, **kwargs)
    finally:
        _hold_interrupts(True)


def _hold_interrupts(hold: bool) -> None:
    """Block SIGINT (it stays pending) or let it through. Where signals cannot be blocked (Windows), a
    worker ignores Ctrl-C, and the parent's shutdown cancels the jobs not started."""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        signal.signal(signal.SIGINT, signal.SIG_IGN if hold else signal.default_int_handler)
        return
    if signal.getsignal(signal.SIGINT) is not _interrupted:
        signal.signal(signal.SIGINT, _interrupted)
        sys.unraisablehook = _unraisable
    signal.pthread_sigmask(signal.SIG_BLOCK if hold else signal.SIG_UNBLOCK, {signal.SIGINT})


def _interrupted(signum, frame):
    """In a worker: stop the job, and keep the interrupt pending, so that every job still queued stops at
    once too, even if this KeyboardInterrupt is swallowed (raised inside a finaliser, say)."""
    import signal

    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    signal.raise_signal(signal.SIGINT)
    raise KeyboardInterrupt


def _unraisable(info) -> None:
    """In a worker: a Ctrl-C that lands in a finaliser is expected, not worth a traceback."""
    if not issubclass(info.exc_type, KeyboardInterrupt):
        sys.__unraisablehook__(info)
