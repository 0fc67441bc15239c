"""Font files (TrueType, and OpenType with TrueType outlines): checked before ReportLab loads them.

In:  a font path (already confined), and the check context.
Out: :func:`font_problem` (load time): why the font cannot be used, or None.
"""

from __future__ import annotations

from pathlib import Path

_SIGNATURES = {".ttf": (b"\x00\x01\x00\x00", b"true"), ".otf": (b"OTTO", b"\x00\x01\x00\x00")}


def font_problem(path: Path, ctx) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(4)
    if not head.startswith(_SIGNATURES[path.suffix.lower()]):
        return f"it is not a valid {path.suffix[1:].upper()} file"
    return None
