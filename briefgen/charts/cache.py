"""The chart cache: a chart's full description in, its rendered file back without drawing it again.

In:  everything a chart's bytes depend on: the spec, its resolved data, the
     theme's chart style (fonts by content, never by path or date), language,
     size and format, and the versions of briefgen, matplotlib and this
     package's own code.
Out: a SHA-256 key, and the cached bytes in the ``charts`` section of the
     user's cache (see :mod:`briefgen.cache`: every entry is checked on read;
     ``BRIEFGEN_NO_CACHE=1`` turns the cache off). An unwritable cache only
     means charts are drawn every time.

The key is computed without importing matplotlib (its version comes from
``importlib.metadata``), so a rebuild whose charts have not changed never
imports it. ``briefgen cache clear`` empties the cache.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ..cache import exists, read, section, write

__all__ = ["cache_dir", "chart_key", "exists", "read", "versions", "write"]

#: Bump to invalidate every cached chart when the cache layout changes.
FORMAT = 1


def cache_dir(root=None) -> Path | None:
    """The chart cache folder: ``charts`` under ``root`` if given, else in the user's cache;
    None when caching is off (``BRIEFGEN_NO_CACHE=1`` wins over ``root``)."""
    folder = section("charts")
    return None if folder is None else Path(root) / "charts" if root else folder


@lru_cache(maxsize=1)  # the installed versions cannot change while the process runs
def versions() -> dict:
    from .. import __version__
    from ..resources import installed_version

    import reportlab

    found = {"briefgen": __version__, "format": FORMAT, "code": _code_hash(), "reportlab": reportlab.Version}
    # From the installed distribution: importing matplotlib is what a warm build avoids.
    found["matplotlib"] = installed_version("matplotlib") or "none"
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
