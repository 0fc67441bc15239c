"""Diagnostics: every problem found in a brief, with where it is.

In:  a file name, a position (line and column, 1-based), a YAML path and a message.
Out: :class:`Diagnostic` records, gathered by a :class:`Diagnostics` collector,
     and :class:`BriefError`, raised once a stage has collected all it can.
     Every piece of text in a diagnostic is made safe to print (:func:`terminal_safe`).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

#: One step of a YAML path: a mapping key or a list index.
PathPart = "str | int"


#: Characters that act on a terminal, end a line or reorder text: C0, DEL, C1, the Unicode line
#: separators and bidi controls (Trojan Source), and lone surrogates (undecodable bytes in file names).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match) -> str:
    char = match.group()
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def terminal_safe(text) -> str:
    """``text`` on one line and inert on a terminal: unsafe characters written as ``\\x1b``, ``\\n``, ``\\u202e``.

    Backslashes are left alone, so escaping twice changes nothing.
    """
    return _UNSAFE.sub(_escape, str(text))


def terminal_lines(text) -> str:
    """Like :func:`terminal_safe`, but keeps line breaks (for whole blocks of output)."""
    return "\n".join(terminal_safe(line) for line in str(text).split("\n"))


def format_path(path: Sequence[str | int]) -> str:
    """Render a YAML path the way users read it: ``sections[2].blocks[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text or "(top level)"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``(did you mean 'x'?)`` suffix for the nearest valid name, or ``''``."""
    matches = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.5)
    return f" (did you mean '{matches[0]}'?)" if matches else ""


@dataclass(frozen=True)
class Diagnostic:
    """One error or warning, positioned in a source file."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: str = "error"

    def __post_init__(self):
        # Keys, values and file names come from the brief: escape them here, once, for text and JSON alike.
        for name in ("file", "path", "message", "severity"):
            object.__setattr__(self, name, terminal_safe(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {self.path}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": self.path,
            "message": self.message,
            "severity": self.severity,
        }


class BriefError(Exception):
    """Raised when a brief (or its theme, data or files) cannot be built.

    ``diagnostics`` holds every problem found, in file order; ``str()`` gives
    one line per problem, ready to print. ``warnings`` holds the warnings found
    in the same run (one error must not hide them); :meth:`everything` gives
    both, in file order.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic], *, exit_code: int = 2,
                 warnings: Sequence[Diagnostic] = ()):
        self.diagnostics = list(diagnostics)
        self.warnings = list(warnings)
        #: 2 for bad input (the brief must change), 1 for a failed build.
        self.exit_code = exit_code
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def everything(self) -> list[Diagnostic]:
        """Errors and warnings together, in file order (a trailing "more not shown" line stays last)."""
        return in_file_order(self.diagnostics + self.warnings)

    def __reduce__(self):  # pickles (to and from worker processes) with its keywords
        return (_rebuild_error, (self.diagnostics, self.exit_code, self.warnings))


def _rebuild_error(diagnostics, exit_code, warnings) -> BriefError:
    return BriefError(diagnostics, exit_code=exit_code, warnings=warnings)


def in_file_order(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` sorted by file, line and column; unpositioned summary lines ("N more...") last."""
    return sorted(diagnostics, key=lambda d: (d.line == 0 and d.path == "(brief)", _file_order(d)))


#: The most diagnostics of one severity that a stage keeps and reports.
MAX_REPORTED = 200


@dataclass
class Diagnostics:
    """Collects diagnostics for one stage, so every mistake is reported at once.

    Up to :data:`MAX_REPORTED` of each severity are kept (a brief with thousands of
    mistakes is fixed from its first ones); the rest are counted and summed up in
    one last line.
    """

    items: list[Diagnostic] = field(default_factory=list)
    seen: set = field(default_factory=set)  # every diagnostic added, kept or not: no duplicates
    kept: dict = field(default_factory=dict)  # severity -> how many are in items
    left_out: dict = field(default_factory=dict)  # severity -> how many were not kept

    def add(self, file, line, col, path, message, severity="error") -> None:
        if not isinstance(path, str):
            path = format_path(path)
        item = Diagnostic(str(file), int(line), int(col), path, message, severity)
        if item in self.seen:
            return
        self.seen.add(item)
        if self.kept.get(severity, 0) >= MAX_REPORTED:
            self.left_out[severity] = self.left_out.get(severity, 0) + 1
            return
        self.kept[severity] = self.kept.get(severity, 0) + 1
        self.items.append(item)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def raise_if_errors(self) -> None:
        """Raise :class:`BriefError` if any error was found; it carries the warnings too."""
        errors = self.errors
        if errors:
            errors = sorted(errors, key=_file_order)
            more = self.left_out.get("error", 0)
            if more:
                errors.append(Diagnostic(errors[-1].file, 0, 0, "(brief)", f"{more:,} more error(s) not shown;"
                                         " fix the ones above and check again"))
            raise BriefError(errors, warnings=self.warnings)


def _file_order(diagnostic: Diagnostic):
    return (diagnostic.file, diagnostic.line, diagnostic.col)


def display_name(path: Path) -> str:
    """A path as the user should see it: relative to the working folder if inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
