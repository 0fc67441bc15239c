"""What ``briefgen build`` prints while it builds one brief or many.

In:  the number of briefs, then each :class:`briefgen.batch.BuildResult` as it comes (or None, for
     time going by), then all the results.
Out: on a terminal, with several briefs, one progress line redrawn in place
     (``[#######-----------] 4/10 done, 1 failed  12 s``); otherwise a line per PDF written. Each
     brief's warnings as they come; at the end, every failure with its positioned errors, then a
     line of totals. Diagnostics are escaped (:class:`briefgen.errors.Diagnostic`), paths here too.

Hand-written rather than rich or tqdm: it shows a count and the time for a few briefs of a
few seconds each (no rate or estimate to smooth), it must bypass the CLI's control-character
guard, which would print a library's carriage returns as ``\\r``, and it needs no escape
sequences at all: a carriage return and spaces to the terminal's width (less one column, so
the line never wraps) work on every terminal, Windows' included. It carries no text from the
brief, only numbers, so there is nothing in it to escape.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from dataclasses import replace
import time

from .errors import terminal_safe

#: Width of the bar, in characters, when the terminal has room for it.
BAR = 24


def wanted(stream, count: int) -> bool:
    """True if ``stream`` is a terminal worth drawing on and there is more than one brief."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False
    return terminal and count > 1 and os.environ.get("TERM") != "dumb"


class ProgressLine:
    """A progress line for ``total`` briefs on ``stream`` (a terminal's raw stream)."""

    def __init__(self, stream, total: int):
        self.stream, self.total = stream, total
        self.done = self.failed = 0
        self.started = time.perf_counter()
        self.shown = False

    def update(self, result=None) -> None:
        """Count ``result`` (a :class:`briefgen.batch.BuildResult`), if any, and redraw."""
        if result is not None:
            self.done += 1
            self.failed += not result.ok
        self.draw()

    def text(self, width: int) -> str:
        seconds = time.perf_counter() - self.started
        counts = f"{self.done}/{self.total} done" + (f", {self.failed} failed" if self.failed else "") \
            + f"  {seconds:.0f} s"
        if width >= BAR + 3 + len(counts):
            filled = BAR * self.done // max(1, self.total)
            counts = f"[{'#' * filled}{'-' * (BAR - filled)}] {counts}"
        return counts[:width]

    def draw(self) -> None:
        width = max(1, shutil.get_terminal_size((80, 24)).columns - 1)  # the last column would wrap the line
        self._write("\r" + self.text(width).ljust(width) + "\r")
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            width = max(1, shutil.get_terminal_size((80, 24)).columns - 1)
            self._write("\r" + " " * width + "\r")
            self.shown = False

    @contextlib.contextmanager
    def above(self):
        """Print other lines meanwhile: the progress line is cleared, then drawn again below them."""
        shown = self.shown
        self.clear()
        try:
            yield
        finally:
            if shown:
                self.draw()

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # a closed terminal: the build goes on without its display
            pass


class BuildReport:
    """What ``build`` prints: a line per PDF (or a progress line on a terminal), then a summary of failures."""

    def __init__(self, total: int, line: ProgressLine | None, debug: bool = False):
        self.total, self.line, self.debug = total, line, debug

    def progress(self, result) -> None:
        """For :func:`briefgen.batch.build_many`: a result as it comes, or None as time goes by."""
        if self.line is None:
            if result is not None:
                self._show(result)
        else:
            if result is not None and result.ok and result.warnings:
                with self.line.above():
                    print_all(result.warnings)
            self.line.update(result)

    def _show(self, result) -> None:
        if result.ok:
            print_all(result.warnings)
            print(f"wrote {terminal_safe(result.output)} in {result.seconds:.2f} s", flush=True)
        elif self.total == 1:
            self._failure(result)
        else:  # the errors come in the summary, all together
            print(f"failed: {terminal_safe(result.name)} (errors below)", file=sys.stderr, flush=True)

    def _failure(self, result) -> None:
        print_all(result.diagnostics())
        if self.debug and result.detail:
            print(result.detail, file=sys.stderr, end="")

    def _failures(self, failed) -> None:
        """Each failure's errors; an error that every edition of a brief shares (not its row) is shown once."""
        groups: dict = {}
        for result in failed:
            shared = tuple(str(_unlabelled(d, result.label)) for d in result.diagnostics())
            groups.setdefault((result.brief, shared), []).append(result)
        for (_, shared), together in groups.items():
            if len(together) == 1 or not together[0].label:
                for result in together:
                    self._failure(result)
                continue
            for line in shared:
                print(line, file=sys.stderr)
            print(f"  (the same in {len(together)} editions: "
                  f"{', '.join(terminal_safe(result.label) for result in together)})", file=sys.stderr, flush=True)

    def summary(self, results, seconds: float, folder) -> int:
        """The failures with their errors, and a line of totals (several briefs); return the worst status."""
        if self.line is not None:
            self.line.clear()
        failed = [result for result in results if not result.ok]
        if self.total > 1:
            self._failures(failed)
            where = f" to {terminal_safe(folder)}" if folder is not None else ""
            written = f"wrote {len(results) - len(failed)} PDF(s){where} in {seconds:.1f} s"
            if failed:
                names = ", ".join(terminal_safe(name) for name in _failed_names(failed))
                print(f"{written}; {len(failed)} of {len(results)} brief(s) failed: {names}", file=sys.stderr)
            else:
                print(written)
        return max(result.exit_code for result in results)


def _failed_names(failed) -> list[str]:
    """The failed briefs, in order; a brief's failed editions counted, not listed (their errors name them)."""
    editions: dict = {}
    for result in failed:
        editions.setdefault(result.brief, []).append(result)
    return [str(brief) if not results[0].label else
            f"{brief} ({len(results)} edition{'s' if len(results) > 1 else ''})"
            for brief, results in editions.items()]


def _unlabelled(diagnostic, label: str):
    """``diagnostic`` without the edition's name that ends its message (see briefgen.editions)."""
    suffix = f" [{label}]"
    if label and diagnostic.message.endswith(suffix):
        return replace(diagnostic, message=diagnostic.message[:-len(suffix)])
    return diagnostic


def print_all(diagnostics) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)
    sys.stderr.flush()
