"""briefgen's own files (package data), found through :mod:`importlib.resources`.

In:  nothing but the installed package (a checkout, ``pip install .``, a wheel or pipx).
Out: real paths: :data:`PACKAGE_ASSETS`, laid out like a project's ``assets/`` (``fonts/``
     with the default theme's fonts and their licences, ``logos/`` and ``images/`` with the
     template's logo and example figure), the fallback for files that a brief's folder and its
     project's ``assets/`` do not have; :data:`SCHEMA_FILE`, the JSON Schema for briefs
     (``briefgen schema`` writes the same text; a test keeps them in sync).

ReportLab, matplotlib and pikepdf open fonts and images by file name, so the data must be real
files: pip, wheels and pipx always install packages as files (a zipped briefgen is refused here
with a clear message rather than failing later on a missing font).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _real(*parts: str) -> Path:
    """The real path of a file or folder shipped inside the briefgen package."""
    item = files("briefgen").joinpath(*parts)
    if not isinstance(item, Path):
        raise RuntimeError(f"briefgen's data ({'/'.join(parts)}) is not a plain file (briefgen is imported"
                           " from a zip archive); install it with pip or pipx")
    return item.resolve()


#: briefgen's own assets: the default fonts with their licences, the template's logo and figure.
PACKAGE_ASSETS = _real("assets")
#: The JSON Schema for briefs (what ``briefgen schema`` prints), copied by ``briefgen new``.
SCHEMA_FILE = _real("schema", "brief.schema.json")
