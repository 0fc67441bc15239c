"""Watching: a brief and every file it uses in, a fresh PDF after every saved change out.

In:  a brief's path, the output folder, and how often to look anyway (seconds).
Out: one build per change (through :func:`briefgen.build`), each reported as
     lines: where the PDF went and how long it took, or the brief's problems,
     each with ``file:line:col`` (any other failure in one line). A failed build
     leaves the last good PDF as it was, and watching goes on until Ctrl-C.

The files followed are those the loaded brief uses (:mod:`briefgen.inputs`: its
CSV data, images, SVGs and what they pull in, theme file and fonts, wherever
they are), worked out again after each build, as an edit may add a file; and
the YAML files beside the brief. While the brief does not load (a file it names
may be missing), every file in the project's ``assets/`` is followed too. The
folders of these files are watched with watchfiles (inotify on Linux): a
rebuild starts 20-40 ms after a save (``bench/watch_latency.py``). Whether
anything changed is decided by comparing file times and sizes, so an event
about an untouched file builds nothing. Without watchfiles, or when the file
system sends no events (some network shares), a look every ``interval`` seconds
still finds changes. One process stays running, so a rebuild skips Python's
start-up and imports, matplotlib's included once the brief has a chart.
"""

from __future__ import annotations

import gc
import os
import time
from pathlib import Path

#: Files looked at in ``assets/``, at most (a huge assets folder is not worth following).
MAX_FILES = 5000
#: After a file-system event, the quiet time (ms) that ends the save: an editor's save is a few quick steps
#: (write a temporary file, rename it over the old one). The wake-up comes one to two steps after the last.
#: Short, as it is most of the time from a save to the build; a save caught half-written is built again
#: at its next event.
STEP_MS = 5
#: Longest time (ms) that a stream of events is gathered before waking up.
DEBOUNCE_MS = 400
#: How often (ms) the watcher hands control back, to honour ``stop`` and the ``interval`` look.
TICK_MS = 100
#: What a file is recorded as when it changed while the brief was being built: no look matches it.
CHANGED = "changed during the build"


def snapshot(brief_path) -> tuple:
    """(path, modification time, size) of the brief, the YAML files beside it and the files in ``assets/``."""
    return _listed(brief_path, with_assets=True)


def _listed(brief_path, *, with_assets: bool) -> tuple:
    """:func:`snapshot`, or without ``assets/``."""
    from .schema.files import find_assets_dir

    brief_path = Path(brief_path)
    folder = brief_path.resolve().parent
    paths = {brief_path.resolve()} | set(folder.glob("*.yaml")) | set(folder.glob("*.yml"))
    assets = find_assets_dir(folder) if with_assets else None
    if assets is not None and assets.is_dir():
        for count, path in enumerate(assets.rglob("*")):
            if count >= MAX_FILES:
                break
            paths.add(path)
    found = []
    for path in sorted(paths):
        try:
            stat = path.stat()
        except OSError:
            continue  # deleted between listing and looking: the next round sees it gone
        if not path.is_dir():
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def build_and_report(brief_path, out_dir, *, allow_outside: bool = False, limits=None, standard=None) -> list[str]:
    """Build once; return the lines to show (where the PDF went, or every problem found)."""
    return _build(brief_path, out_dir, {"allow_outside": allow_outside, "limits": limits, "standard": standard})[0]


def _build(brief_path, out_dir, options: dict, on_loaded=None) -> tuple[list[str], bool | None]:
    """The lines to show, and whether the PDF was written: True, None if the brief itself loaded (so that the
    files it uses can be worked out) but the build failed, False if the brief has problems. ``on_loaded``
    is handed the brief the build loaded."""
    from . import BriefError, build
    from .editions.jobs import has_editions
    from .errors import terminal_safe

    started = time.perf_counter()
    if has_editions(brief_path):
        return _build_editions(brief_path, out_dir, options, started)
    extra = {} if on_loaded is None else {"on_loaded": on_loaded}
    try:
        target = build(brief_path, out_dir, **options, **extra)
    except BriefError as error:
        return [str(d) for d in error.diagnostics] + ["not rebuilt: fix the problems above and save again"], False
    except Exception as exc:  # noqa: BLE001 - a bug or a full disk must not end the watch
        if isinstance(exc, OSError) and exc.strerror:  # say which file, like the build command
            line = f"briefgen: {exc.filename}: {exc.strerror}" if exc.filename else f"briefgen: {exc.strerror}"
        else:
            line = f"briefgen: internal error: {type(exc).__name__}: {exc} (run build --debug for details)"
        return [terminal_safe(line), "not rebuilt: still watching"], None
    return [f"wrote {terminal_safe(target)} in {time.perf_counter() - started:.2f} s"], True


def _build_editions(brief_path, out_dir, options: dict, started: float) -> tuple[list[str], bool | None]:
    """As :func:`_build`, for a brief with editions: every edition, and the manifest."""
    from . import BriefError
    from .editions import build as build_editions
    from .errors import terminal_safe

    try:
        results, manifest = build_editions(brief_path, out_dir, **options)
    except BriefError as error:  # the template itself (a placeholder naming no column...)
        return [str(d) for d in error.everything()] + ["not rebuilt: fix the problems above and save again"], False
    lines = [str(d) for result in results for d in result.diagnostics()]
    written = sum(result.ok for result in results)
    lines.append(f"wrote {written} of {len(results)} editions and {terminal_safe(manifest)} in"
                 f" {time.perf_counter() - started:.2f} s")
    return lines, True if written == len(results) else None


def _inputs(brief_path, options: dict, loaded=None):
    """The brief and the files it uses, or (None, None) when it cannot be loaded.

    ``loaded`` is the brief the build just loaded, if it did: loading it again would cost as much (a save
    since then is seen by the file times, as the build started before it).
    """
    from . import load
    from .inputs import brief_inputs

    try:
        brief = loaded if loaded is not None else load(brief_path, **options)
        return brief, brief_inputs(brief)
    except Exception:  # noqa: BLE001 - the build has reported what is wrong, if anything
        return None, None


def _warm_charts() -> None:
    """Import the chart drawing code and matplotlib here, once (about a second).

    Each build draws its new charts in a child forked from this process (see
    :mod:`briefgen.charts.worker`): forked from a process that has them, a child
    starts drawing at once instead of importing matplotlib anew, which makes a
    rebuild after a CSV edit about a second faster.
    """
    from .charts.worker import import_drawing

    import_drawing()


def _look(brief_path, inputs, full: bool) -> dict | tuple:
    """{path: (modification time, size) or None if missing} of every file followed; a tuple if none can be read.

    The files followed are ``inputs``, the brief and the YAML files beside it; when ``full`` (the files the
    brief uses are not known, or its last build failed, perhaps for want of a file), every file in ``assets/``
    too, as before watching knew what a brief uses. (Listing a large ``assets/`` costs far more than the rest.)
    """
    try:
        listed = snapshot(brief_path) if full else _listed(brief_path, with_assets=False)
        found = {path: (mtime, size) for path, mtime, size in listed}
    except Exception as exc:  # noqa: BLE001 - e.g. a refused assets folder: the build says where
        return ("unreadable", type(exc).__name__, str(exc))
    for path in inputs:
        try:
            stat = os.stat(path)
        except OSError:
            found[str(path)] = None
        else:
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _settle(before, after, started: int):
    """What the build that started at ``started`` (ns) has seen, once the files followed are ``after``'s.

    A file followed before keeps its time from before the build, so a save during the build is seen; a file
    newly followed counts as seen unless it changed (or went) after the build started.
    """
    if not isinstance(before, dict) or not isinstance(after, dict):
        return before
    return {path: before[path] if path in before else CHANGED if stat is None or stat[0] > started else stat
            for path, stat in after.items()}


def watch(brief_path, out_dir, *, interval: float = 0.5, allow_outside: bool = False, limits=None, standard=None,
          report=print, rounds: int | None = None, sleep=None, stop=None, print_edition=None, cmyk=None) -> None:
    """Rebuild whenever a file that the brief uses changes.

    Wakes on file-system events (watchfiles), and looks every ``interval`` seconds
    anyway; with ``sleep`` given (tests), or without watchfiles, it only looks
    every ``interval`` seconds, sleeping with ``sleep``. ``standard`` overrides the
    brief's ``meta.standard`` for every build, ``print_edition`` and ``cmyk`` its
    ``meta.print`` and ``meta.cmyk`` (see :func:`briefgen.load`).

    Runs until interrupted (Ctrl-C), until ``stop`` (a :class:`threading.Event`)
    is set, or for ``rounds`` looks when given (for tests).
    """
    options = {"allow_outside": allow_outside, "limits": limits, "standard": standard,
               "print_edition": print_edition, "cmyk": cmyk}
    waiter = _Polling(interval, sleep) if sleep is not None else _waiter(interval, stop)
    inputs, full, seen, warm = frozenset(), True, None, False
    try:
        while (rounds is None or rounds > 0) and not (stop is not None and stop.is_set()):
            started = time.time_ns()
            before = _look(brief_path, inputs, full)
            if before != seen:
                loaded: list = []
                lines, built = _build(brief_path, out_dir, options, loaded.append)
                for line in lines:
                    report(line)
                brief, found = (_inputs(brief_path, options, loaded[-1] if loaded else None) if built is not False
                                else (None, None))  # an edit may add a CSV
                inputs, full = (inputs, True) if found is None else (found, False)
                if brief is not None and not warm and brief.blocks("chart"):
                    _warm_charts()
                    warm = True
                seen = _settle(before, _look(brief_path, inputs, full), started)
                if built and found is None:  # built, but no longer loads: a file changed since; build again
                    seen = CHANGED
                waiter.follow(brief_path, inputs, full)
                _collect_while_idle()
            if rounds is not None:
                rounds -= 1
            waiter.wait()
    finally:
        waiter.close()
        gc.unfreeze()


def _collect_while_idle() -> None:
    """Collect garbage now, between builds, and set what survives aside (``gc.freeze``): the next build's
    collections then walk only what it makes, and it starts none of its own. A build makes fewer new
    objects than the collector's threshold (see :data:`briefgen.cli.GC_THRESHOLD`), so this saves a tenth
    of a rebuild. Everything is unfrozen and collected each time, so nothing is kept for ever."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _waiter(interval: float, stop):
    try:
        import watchfiles  # noqa: F401 - only to know whether events can be had
    except ImportError:
        return _Polling(interval, time.sleep)
    return _Events(interval, stop)


class _Polling:
    """Waits ``interval`` seconds between looks."""

    def __init__(self, interval: float, sleep):
        self.interval, self.sleep = interval, sleep

    def follow(self, brief_path, inputs, full: bool) -> None:
        pass

    def wait(self) -> None:
        self.sleep(self.interval)

    def close(self) -> None:
        pass


class _Events:
    """Waits for a file-system event about a file followed, or ``interval`` seconds at most.

    The folders of the files followed are watched one by one (not their subfolders): the brief's folder,
    the folder of each file the brief uses and, when following all of ``assets/``, every folder in it (as many
    as :data:`MAX_FILES` allows). Watching folders, not files, sees a save that replaces the file (write a
    temporary file, rename it).
    """

    def __init__(self, interval: float, stop):
        self.interval, self.stop = interval, stop
        self.folders, self.events, self.fresh, self.woken = None, None, False, True
        self.files, self.folder, self.assets = frozenset(), "", None

    def follow(self, brief_path, inputs, full: bool) -> None:
        from .schema.files import find_assets_dir

        brief = Path(brief_path).absolute()
        folder = brief.resolve().parent
        folders = {folder, brief.parent} | {Path(path).parent for path in inputs}
        assets = None
        try:
            assets = find_assets_dir(folder) if full else None
            if assets is not None and assets.is_dir():
                folders.add(assets)
                folders.update(p for _, p in zip(range(MAX_FILES), assets.rglob("*")) if p.is_dir())
        except OSError:
            assets = None
        self.files = frozenset(str(path) for path in (*inputs, brief, brief.resolve()))
        self.folder, self.assets = str(folder), str(assets) + os.sep if assets is not None else None
        folders = {path for path in folders if path.is_dir()}
        if folders != self.folders or not self.woken:  # a change that no event told of: a folder was replaced
            self.woken = True
            self.close()
            self.folders = folders
            self.events = self._start(sorted(folders))

    def _start(self, folders):
        import watchfiles

        try:
            events = watchfiles.watch(*folders, watch_filter=self._followed, recursive=False, step=STEP_MS,
                                      debounce=DEBOUNCE_MS, rust_timeout=TICK_MS, yield_on_timeout=True,
                                      ignore_permission_denied=True)
            next(events)  # the watcher starts now; what changed before it did is for the next look to find
        except Exception:  # noqa: BLE001 - no events to be had (e.g. the system's limit of watches): looks will do
            return None
        self.fresh = True
        return events

    def _followed(self, _change, path: str) -> bool:
        if path in self.files or (self.assets and path.startswith(self.assets)):
            return True
        return os.path.dirname(path) == self.folder and path.endswith((".yaml", ".yml"))

    def wait(self) -> None:
        if self.fresh:  # just started: look once more first
            self.fresh = False
            return
        deadline = time.monotonic() + self.interval
        self.woken = False
        while time.monotonic() < deadline and not (self.stop is not None and self.stop.is_set()):
            if self.events is None:
                time.sleep(min(TICK_MS / 1000, max(0.0, deadline - time.monotonic())))
                continue
            try:
                if next(self.events):
                    self.woken = True
                    return
            except (StopIteration, OSError, RuntimeError):  # the watcher failed: looks do until a build starts another
                self.close()
                self.folders = None

    def close(self) -> None:
        if self.events is not None:
            self.events.close()
            self.events = None
