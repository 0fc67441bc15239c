"""The cache folder: hyphenation patterns and rendered charts, safe to delete.

In:  a brief's folder.
Out: ``$BRIEFGEN_CACHE_DIR`` if set, else ``.briefgen-cache/`` in the brief's
     project (the folder holding its ``assets/``). Deleting the folder, or
     ``briefgen cache clear``, only costs time on the next build.
"""

from __future__ import annotations

import os
from pathlib import Path

from .schema.files import find_assets_dir


def cache_root(brief_dir: Path) -> Path:
    configured = os.environ.get("BRIEFGEN_CACHE_DIR", "").strip()
    if configured:
        return Path(configured)
    return find_assets_dir(Path(brief_dir)).parent / ".briefgen-cache"
