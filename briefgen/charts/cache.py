"""The chart cache: a chart's full description in, its rendered file back without drawing it again.

In:  everything a chart's bytes depend on: the spec, its resolved data, the
     theme's chart style, language, size and format, and the versions of
     briefgen, matplotlib and this package's own code.
Out: a SHA-256 key, and the cached bytes under ``<project>/.briefgen-cache/charts/``
     (``BRIEFGEN_CACHE_DIR`` overrides the folder; ``BRIEFGEN_NO_CACHE=1``
     turns the cache off). Entries are written atomically; an unwritable
     folder only means charts are drawn every time.

The key is computed without importing matplotlib (its version comes from
``importlib.metadata``), so a rebuild whose charts have not changed never
imports it. Delete the folder, or run ``briefgen cache clear``, to empty it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

CACHE_DIR_NAME = ".briefgen-cache"
#: Bump to invalidate every cached chart when the cache layout changes.
FORMAT = 1


def cache_dir(project_dir=None) -> Path | None:
    """The chart cache folder for a project (None when caching is off)."""
    if os.environ.get("BRIEFGEN_NO_CACHE", "").strip() not in ("", "0"):
        return None
    override = os.environ.get("BRIEFGEN_CACHE_DIR", "").strip()
    if override:
        return Path(override) / "charts"
    base = Path(project_dir) if project_dir else Path.cwd()
    return base / CACHE_DIR_NAME / "charts"


@lru_cache(maxsize=1)  # the installed versions cannot change while the process runs
def versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__

    import reportlab

    found = {"briefgen": __version__, "format": FORMAT, "code": _code_hash(), "reportlab": reportlab.Version}
    try:  # from the installed metadata: importing matplotlib is what a warm build avoids
        found["matplotlib"] = version("matplotlib")
    except PackageNotFoundError:
        found["matplotlib"] = "none"
    return found


def _code_hash() -> str:
    """Hash of the chart-drawing code, so editing it invalidates old drawings."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = sorted(root.rglob("*.py")) + [root.parent / "text" / "i18n.py"]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def chart_key(spec, style, *, width: float, furniture: bool, fmt: str, dpi: int) -> str:
    payload = {
        "spec": spec.canonical(),
        "data": spec.chart_data.canonical(),
        "style": style.key(),
        "width": round(float(width), 3),
        "furniture": furniture,
        "format": fmt,
        "dpi": dpi if fmt == "png" else None,
        "versions": versions(),
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(folder: Path | None, key: str, fmt: str) -> bytes | None:
    if folder is None:
        return None
    try:
        return (folder / f"{key}.{fmt}").read_bytes()
    except OSError:
        return None


def exists(folder: Path | None, key: str, fmt: str) -> bool:
    return folder is not None and (folder / f"{key}.{fmt}").is_file()


def write(folder: Path | None, key: str, fmt: str, data: bytes) -> Path | None:
    """Store ``data``; return the file written, or None (caching off, or the folder is not writable)."""
    if folder is None:
        return None
    target = folder / f"{key}.{fmt}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{key[:12]}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except OSError:
        return None  # a read-only project still builds; charts are just drawn every time
    return target


def clear(folder: Path) -> int:
    """Delete every cached chart in ``folder``; return how many files were removed."""
    removed = 0
    if not folder.is_dir():
        return 0
    for entry in folder.iterdir():
        if entry.is_file():
            entry.unlink(missing_ok=True)
            removed += 1
    try:
        folder.rmdir()
    except OSError:
        pass
    return removed
