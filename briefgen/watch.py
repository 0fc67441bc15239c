"""Watching: a brief and the files around it in, a fresh PDF after every saved change out.

In:  a brief's path, the output folder, and how often to look (seconds).
Out: one build per change (through :func:`briefgen.build`), each reported as
     lines: where the PDF went and how long it took, or the brief's problems,
     each with ``file:line:col`` (any other failure in one line). A failed build
     leaves the last good PDF as it was, and watching goes on until Ctrl-C.

The watcher compares file times (no extra dependency) over the brief, the YAML
files beside it and the project's ``assets/`` folder. One process stays
running, so a rebuild skips Python's start-up and imports: with charts cached,
the sample brief rebuilds in under half a second.
"""

from __future__ import annotations

import time
from pathlib import Path

#: Files looked at, at most (a huge assets folder is not worth polling).
MAX_FILES = 5000


def snapshot(brief_path) -> tuple:
    """(path, modification time, size) of the brief and the files it may use, in a stable order."""
    from .schema.files import find_assets_dir

    brief_path = Path(brief_path)
    folder = brief_path.resolve().parent
    paths = {brief_path.resolve()} | set(folder.glob("*.yaml")) | set(folder.glob("*.yml"))
    assets = find_assets_dir(folder)
    if assets.is_dir():
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
    from . import BriefError, build
    from .errors import terminal_safe

    started = time.perf_counter()
    try:
        target = build(brief_path, out_dir, allow_outside=allow_outside, limits=limits, standard=standard)
    except BriefError as error:
        return [str(d) for d in error.diagnostics] + ["not rebuilt: fix the problems above and save again"]
    except Exception as exc:  # noqa: BLE001 - a bug or a full disk must not end the watch
        if isinstance(exc, OSError) and exc.strerror:  # say which file, like the build command
            line = f"briefgen: {exc.filename}: {exc.strerror}" if exc.filename else f"briefgen: {exc.strerror}"
        else:
            line = f"briefgen: internal error: {type(exc).__name__}: {exc} (run build --debug for details)"
        return [terminal_safe(line), "not rebuilt: still watching"]
    return [f"wrote {terminal_safe(target)} in {time.perf_counter() - started:.2f} s"]


def watch(brief_path, out_dir, *, interval: float = 0.5, allow_outside: bool = False, limits=None, standard=None,
          report=print, rounds: int | None = None, sleep=time.sleep) -> None:
    """Rebuild whenever a watched file changes; look every ``interval`` seconds.

    ``standard`` overrides the brief's ``meta.standard`` for every build (see :func:`briefgen.load`).

    Runs until interrupted (Ctrl-C), or for ``rounds`` looks when given (for tests).
    """
    last = None
    while rounds is None or rounds > 0:
        try:
            current = snapshot(brief_path)
        except Exception as exc:  # noqa: BLE001 - e.g. a refused assets folder: the build says where
            current = ("unreadable", type(exc).__name__, str(exc))
        if current != last:
            last = current
            for line in build_and_report(brief_path, out_dir, allow_outside=allow_outside, limits=limits,
                                         standard=standard):
                report(line)
        if rounds is not None:
            rounds -= 1
        sleep(interval)
