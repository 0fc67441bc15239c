"""SVG images: parsed safely, every reference confined, then turned into a ReportLab drawing.

In:  an SVG path (already confined), and the check context.
Out: :func:`svg_problem` (load time): why the SVG cannot be used, or None.
"""

from __future__ import annotations

from pathlib import Path


def svg_problem(path: Path, ctx) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(512)
    if b"<svg" not in head and b"<?xml" not in head:
        return "it is not a valid SVG file"
    return None
