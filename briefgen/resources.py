"""briefgen's own files (package data), found through :mod:`importlib.resources`.

In:  nothing but the installed package (a checkout, ``pip install .``, a wheel or pipx).
Out: real paths: :data:`PACKAGE_ASSETS`, laid out like a project's ``assets/`` (``fonts/``
     with the default theme's fonts and their licences, ``logos/`` and ``images/`` with the
     template's logo and example figure), the fallback for files that a brief's folder and its
     project's ``assets/`` do not have; :data:`SCHEMA_FILE`, the JSON Schema for briefs
     (``briefgen schema`` writes the same text; a test keeps them in sync). And
     :func:`installed_version`: the version of an installed distribution, for cache keys.

ReportLab, matplotlib and pikepdf open fonts and images by file name, so the data must be real
files: pip, wheels and pipx always install packages as files (a zipped briefgen is refused here
with a clear message rather than failing later on a missing font).
"""

from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
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


@lru_cache(maxsize=None)  # what is installed does not change while the process runs
def installed_version(distribution: str) -> str | None:
    """The version of the installed distribution named ``distribution`` ("markdown-it-py"), or None.

    Read from the name of its ``.dist-info`` folder, the first on ``sys.path`` as an import would
    find it (pip names them ``markdown_it_py-4.3.0.dist-info``, PEP 427): a folder listing, where
    :mod:`importlib.metadata` costs a fresh build ~10 ms (its import, and its parse of the METADATA
    file). Any other layout (an egg) is asked of importlib.metadata.
    """
    wanted = _normalized(distribution)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                project, _, version = name[:-len(".dist-info")].rpartition("-")
                if project and _normalized(project) == wanted:
                    return version
            elif name.endswith(".egg-info") and _normalized(name[:-len(".egg-info")].split("-")[0]) == wanted:
                return _metadata_version(distribution)
    return _metadata_version(distribution)


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_version(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None
