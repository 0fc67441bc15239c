"""Stream compression for the PDFs our canvases write, remembered per process.

In:  each stream's data as ReportLab writes the PDF (page contents, forms, font subsets,
     ToUnicode maps).
Out: the zlib data ReportLab's own Flate filter makes (``zlib.compress`` at its default level,
     so the bytes are the same), under ``/Filter [/FlateDecode]`` and without ReportLab's
     ASCII85 layer. Data this process compressed before comes from memory: a ``watch``
     rebuild compresses only the pages and subsets that changed.

ReportLab picks its filters per stream only when the canvas compresses; otherwise every
stream takes the document's ``defaultStreamFilters``, so :func:`compress_streams` turns the
former off and sets the latter on that canvas's own document.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from ..memo import Remembered

#: Bytes remembered per process: data and its compressed form together.
MEMORY = 48 * 1024 * 1024
#: Shorter data is compressed again: looking it up would cost about as much.
SHORT = 4096


class RememberedFlate:
    """A ReportLab stream filter (``pdfname``, ``encode``, ``decode``) backed by ``store``."""

    pdfname = "FlateDecode"

    def __init__(self, store: Remembered):
        self.store = store

    def encode(self, data) -> bytes:
        if isinstance(data, str):
            data = data.encode("utf-8")  # as ReportLab's own filter does
        if len(data) < SHORT:
            return zlib.compress(data)
        found = self.store.get(data)
        if found is None:
            found = zlib.compress(data)
            self.store.put(data, found)
        return found

    def decode(self, data: bytes) -> bytes:
        return zlib.decompress(data)


@lru_cache(maxsize=1)
def remembered_flate() -> RememberedFlate:
    """This process's filter."""
    return RememberedFlate(Remembered(MEMORY, weigh=lambda data, found: len(data) + len(found)))


def compress_streams(canvas) -> None:
    """Have a compressing ``canvas`` compress every stream through :func:`remembered_flate`."""
    if canvas._pageCompression:
        canvas.setPageCompression(0)
        canvas._doc.defaultStreamFilters = [remembered_flate()]


__all__ = ["RememberedFlate", "compress_streams", "remembered_flate"]
