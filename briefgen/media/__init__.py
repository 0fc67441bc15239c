"""Media files a brief uses (PNG, JPEG, SVG, fonts): decoded and checked before anything is drawn.

In:  a resolved file path inside the brief's confinement, and the check context
     (its :class:`~briefgen.limits.Limits`, folders and running totals).
Out: :func:`file_problem` gives why the file cannot be used (a sentence for a
     positioned diagnostic) or None. The submodules read each kind safely:
     :mod:`.raster` (PNG, JPEG), :mod:`.svg` and :mod:`.fonts`.

A file is checked by decoding enough of it to be sure the build will not fail
on it later: a file that passes here must never cause an internal error.
"""

from __future__ import annotations

from pathlib import Path


def file_problem(path: Path, ctx) -> str | None:
    """Why ``path`` cannot be used as the kind its suffix claims, or None."""
    suffix = path.suffix.lower()
    if suffix in (".png", ".jpg", ".jpeg"):
        from .raster import raster_problem

        return raster_problem(path, ctx)
    if suffix == ".svg":
        from .svg import svg_problem

        return svg_problem(path, ctx)
    if suffix in (".ttf", ".otf"):
        from .fonts import font_problem

        return font_problem(path, ctx)
    return None
