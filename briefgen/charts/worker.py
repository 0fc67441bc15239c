"""Chart drawing in a second process, while the first lays out the text.

In:  the charts of a brief that are not in the cache, each with its cache key,
     chart style and width.
Out: their display-list bytes (see :mod:`briefgen.charts.displaylist`), handed
     back one by one as the layout asks for them, and written to the cache.

Importing matplotlib and drawing takes about a second, most of a cold build.
On a machine with a spare processor, a forked child does that work while the
parent imports ReportLab, sets the text and draws the pages; the charts enter
the PDF at the end as form XObjects, so the parent only needs each chart's size
(found without matplotlib) until then. Off Linux, without a spare processor,
beside other threads, or if the child fails or stalls, charts are drawn in
this process instead; the PDF never depends on which process drew them.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

#: Seconds to wait for the child's next chart before drawing it here instead.
PATIENCE = 60.0


def spare_processors() -> int:
    """Processors this process may use, beyond the one it runs on."""
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        available = os.cpu_count() or 1
    return available - 1


def _draw_all(jobs, folder, connection) -> None:
    """In the child: draw each chart into ``folder`` and send back (key, file written or None).

    Only names go through the pipe: a full pipe would stall the child until the
    parent, busy with the layout, reads it.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches us too: the parent stops us, quietly
    from . import cache
    from .vector import display_list

    for key, spec, style, width in jobs:
        try:
            data = display_list(spec, style, width, furniture=False)
            written = cache.write(folder, key, "rl.json", data)
        except Exception:  # the parent draws it again and reports any error itself
            written = None
        connection.send((key, str(written) if written else None))
    connection.close()


def _in_worker_process() -> bool:
    """Is this a worker of a process pool (``build -j``, a Dask worker), which builds many briefs?"""
    multiprocessing = sys.modules.get("multiprocessing")  # a plain build never imports it: not a worker
    return multiprocessing is not None and multiprocessing.parent_process() is not None


def import_drawing() -> None:
    """Import matplotlib and the chart drawing code into this process (about a second), if they can be."""
    try:
        import matplotlib.backends.backend_agg  # noqa: F401
        import matplotlib.figure  # noqa: F401

        from . import figure, vector  # noqa: F401
    except ImportError:  # drawing reports what is missing
        pass


class ChartWorker:
    """A child process drawing ``jobs`` ((key, spec, style, width) tuples) in order."""

    def __init__(self, jobs: list, folder):
        import multiprocessing
        import tempfile

        self.temp = None
        if folder is None:  # caching is off: hand the drawings over in a folder of our own
            self.temp = tempfile.TemporaryDirectory(prefix="briefgen-charts-")
            folder = Path(self.temp.name)
        self.pending = {key for key, *_ in jobs}
        self.results: dict = {}
        context = multiprocessing.get_context("fork")
        self.connection, child_end = context.Pipe(duplex=False)
        self.process = context.Process(target=_draw_all, args=(jobs, folder, child_end), daemon=True)
        self.process.start()
        child_end.close()

    @classmethod
    def for_brief(cls, brief):
        """A worker for ``brief``'s charts missing from the cache, or None (also when it has no chart)."""
        if not brief.blocks("chart"):
            return None  # no chart: not even the chart modules are needed
        from .rendering import chart_jobs

        folder, jobs = chart_jobs(brief, brief.column_width())
        return cls.start(jobs, folder)

    @classmethod
    def start(cls, jobs: list, folder):
        """A worker for ``jobs``, or None when a second process would not help or could not fork safely.

        Forking is left to Linux, and to a process running no other thread: a lock
        held by another thread at the fork would stay locked in the child for ever.
        """
        if not jobs or spare_processors() < 1 or not sys.platform.startswith("linux") \
                or threading.active_count() > 1:
            return None
        if _in_worker_process():
            # A batch worker builds brief after brief: import matplotlib once here, so that this child and
            # every later one start drawing at once instead of each importing it anew.
            import_drawing()
        try:
            return cls(jobs, folder)
        except OSError:
            return None

    def result(self, key: str) -> bytes | None:
        """The display list for ``key`` (waiting for it), or None if the child could not draw it."""
        while key in self.pending:
            try:
                if not self.connection.poll(PATIENCE):
                    raise TimeoutError  # a stuck child: stop it and draw here
                done, written = self.connection.recv()
            except (EOFError, OSError):
                self.pending.clear()  # the child is gone or stuck: whatever is missing gets drawn here
                self.close()
                break
            self.pending.discard(done)
            if written:
                from . import cache

                data = cache.read(Path(written).parent, done, "rl.json")  # checked like any entry
                if data is not None:
                    self.results[done] = data
        return self.results.get(key)

    def close(self) -> None:
        """Stop the child (if a build ends early) and release its pipe; safe to call twice."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self.connection.close()
        if self.temp is not None:
            self.temp.cleanup()
            self.temp = None
