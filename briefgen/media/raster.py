"""Raster images (PNG, JPEG): checked from their headers, then decoded for drawing.

In:  a PNG or JPEG path (already confined), and the check context.
Out: :func:`raster_problem` (load time), :func:`raster_size` (natural size in
     pixels, as displayed) and :func:`raster_image` (a ReportLab flowable).
"""

from __future__ import annotations

from pathlib import Path

_SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}


def raster_problem(path: Path, ctx) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(16)
    if not head.startswith(_SIGNATURES[path.suffix.lower()]):
        return f"it is not a valid {path.suffix[1:].upper()} file"
    return None


def raster_size(path: Path) -> tuple[float, float]:
    from reportlab.lib.utils import ImageReader

    return ImageReader(str(path)).getSize()


def raster_image(path: Path, width: float, height: float):
    from reportlab.platypus import Image

    return Image(str(path), width=width, height=height)
