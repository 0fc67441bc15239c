"""The cache: where it lives, and entries that prove they were written here.

In:  the environment (``BRIEFGEN_CACHE_DIR``, ``BRIEFGEN_NO_CACHE``,
     ``BRIEFGEN_CACHE_MAX_MB``); for each entry a section folder (``charts``,
     ``images``, ``hyphenation``, ``markdown``, ``linebreaks``, ``paragraphs``), a key (a SHA-256 of the entry's inputs) and
     a format, and the entry's bytes.
Out: :func:`cache_root` (None when caching is off), :func:`read` and
     :func:`write` of checked entries, :func:`clear`, :func:`info` and
     :func:`trim` for the whole cache. Deleting the cache only costs time.

The cache is the user's (``platformdirs``: ``$XDG_CACHE_HOME/briefgen``,
usually ``~/.cache/briefgen``), never a folder in a brief's tree, so a
``.briefgen-cache/`` that arrives inside a partner's zip is never read.

Each entry file is a header, a tag and the content. The tag is an HMAC-SHA256
of the section, key, format and content, made with a random per-user secret
kept outside the cache (``cache.key`` in the user data folder, mode 0600).
An entry copied from elsewhere, edited, truncated or unreadable fails the
check and is a miss: it is made again and overwritten, never used and never
fatal. If the secret cannot be kept (a read-only home, a key file others can
read), the cache is off: nothing is read from it or written to it. Only a build's
own private temporary folder (charts handed over by the chart worker while the
cache is off) is checked by a plain SHA-256, which catches damage. After about one write in 16 the cache is
trimmed to ``BRIEFGEN_CACHE_MAX_MB`` (default 500), least recently used first.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import stat
import tempfile
import time
import zlib
from functools import lru_cache
from pathlib import Path

SECTIONS = ("charts", "images", "hyphenation", "markdown", "linebreaks", "paragraphs")
HEADER = b"briefgen-cache-1\n"
TAG_SIZE = 32
DEFAULT_MAX_MB = 500
#: Entries larger than this are neither written nor read (a display list is far smaller).
MAX_ENTRY_BYTES = 64 << 20
#: Temporary files older than this are left over from a killed process.
STALE_SECONDS = 3600
_KEY = re.compile(r"[0-9a-f]{64}")
_FMT = re.compile(r"[a-z][a-z.]{0,9}")
#: Names of the files this module writes (entries, temporary files, and entries of earlier versions):
#: the only files clear() and trim() remove, whatever folder BRIEFGEN_CACHE_DIR names.
_OURS = re.compile(r"[0-9a-f]{64}\.[a-z][a-z.]{0,9}|\.[0-9a-f]{12}\.[\w-]+\.tmp|[A-Za-z_]{2,12}-pyphen-[\w.]+\.json")


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip() not in ("", "0")


def cache_root() -> Path | None:
    """The cache folder, or None if caching is off: ``BRIEFGEN_NO_CACHE=1``, or no private key can be
    had (a plain hash would let anyone who can write the folder forge entries)."""
    if _flag("BRIEFGEN_NO_CACHE") or _secret() is None:
        return None
    return location()


def location() -> Path:
    """Where the cache is, on or off: ``BRIEFGEN_CACHE_DIR``, else the user's cache folder."""
    configured = os.environ.get("BRIEFGEN_CACHE_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("briefgen", appauthor=False))


def section(name: str) -> Path | None:
    """The folder of one kind of entry (one of :data:`SECTIONS`), or None."""
    root = cache_root()
    return None if root is None else root / name


def max_bytes() -> int:
    """The size bound: ``BRIEFGEN_CACHE_MAX_MB`` megabytes (default 500)."""
    try:
        megabytes = float(os.environ.get("BRIEFGEN_CACHE_MAX_MB", "") or DEFAULT_MAX_MB)
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(max(megabytes, 0) * (1 << 20))


# -- the secret ------------------------------------------------------------------------------

def secret_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("briefgen", appauthor=False)) / "cache.key"


def _secret() -> bytes | None:
    if _flag("BRIEFGEN_NO_CACHE"):
        return None  # only a build's own private temporary folder is in use: make no key file for it
    return _load_secret(str(secret_path()))


@lru_cache(maxsize=4)  # read once per process and location
def _load_secret(path: str) -> bytes | None:
    """The per-user secret at ``path``, created if missing; None if it cannot be had or is not private."""
    for _ in range(2):
        try:
            handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            _create_secret(Path(path))
            continue
        except OSError:
            return None
        with os.fdopen(handle, "rb") as file:
            info = os.fstat(file.fileno())
            data = file.read(TAG_SIZE + 1) if stat.S_ISREG(info.st_mode) else b""
        private = os.name == "nt" or (not info.st_mode & 0o077 and info.st_uid == os.geteuid())
        return data if len(data) == TAG_SIZE and private else None
    return None


def _create_secret(path: Path) -> None:
    """Write a new secret, mode 0600, atomically: the first process to link it wins."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(prefix=".cache.key.", dir=path.parent)  # mode 0600
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(os.urandom(TAG_SIZE))
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another process made one first: use theirs
    except OSError:
        pass
    finally:
        Path(temp).unlink(missing_ok=True)


def _tag(folder: Path, key: str, fmt: str, data) -> bytes:
    label = f"{folder.name}/{key}.{fmt}\0".encode()
    secret = _secret()
    digest = hmac.new(secret, label, hashlib.sha256) if secret else hashlib.sha256(label)
    digest.update(data)
    return digest.digest()


# -- entries ---------------------------------------------------------------------------------

def _entry(folder: Path, key: str, fmt: str) -> Path:
    if not _KEY.fullmatch(key) or not _FMT.fullmatch(fmt):
        raise ValueError(f"not a cache key and format: {key!r}, {fmt!r}")
    return folder / f"{key}.{fmt}"


def read(folder: Path | None, key: str, fmt: str) -> bytes | None:
    """The content stored under ``key``, or None if missing, unreadable or failing its check."""
    if folder is None:
        return None
    path = _entry(folder, key, fmt)
    try:  # never follow a link, never block on a FIFO, never read a huge file
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
                return None
            blob = file.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    start = len(HEADER) + TAG_SIZE
    if len(blob) < start or not blob.startswith(HEADER):
        return None
    content = memoryview(blob)[start:]
    if not hmac.compare_digest(blob[len(HEADER):start], _tag(folder, key, fmt, content)):
        return None
    return bytes(content)


def exists(folder: Path | None, key: str, fmt: str) -> bool:
    """Is there an entry for ``key``? (Cheap: its content is checked only when read.)"""
    return folder is not None and _entry(folder, key, fmt).is_file()


def read_mapping(folder: Path | None, key: str) -> dict:
    """The JSON object stored under ``key`` (format ``json``); empty if missing, failing its check, or not
    an object."""
    import json

    data = read(folder, key, "json")
    try:
        stored = json.loads(data) if data is not None else {}
    except (ValueError, RecursionError):
        stored = {}
    return stored if isinstance(stored, dict) else {}


def write_mapping(folder: Path | None, key: str, mapping: dict) -> Path | None:
    """Store ``mapping`` as compact JSON (ASCII: any text round-trips) under ``key``; see :func:`write`."""
    import json

    return write(folder, key, "json", json.dumps(mapping, separators=(",", ":")).encode("ascii"))


def write(folder: Path | None, key: str, fmt: str, data: bytes) -> Path | None:
    """Store ``data``; return the file written, or None (caching off, too big, or not writable)."""
    if folder is None or len(data) > MAX_ENTRY_BYTES:
        return None
    target = _entry(folder, key, fmt)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # briefs may be confidential
        handle, temp = tempfile.mkstemp(prefix=f".{key[:12]}.", suffix=".tmp", dir=folder)
    except OSError:
        return None  # an unwritable cache still builds; things are just made every time
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(HEADER + _tag(folder, key, fmt, data))
            out.write(data)
        os.replace(temp, target)
    except OSError:
        Path(temp).unlink(missing_ok=True)
        return None
    if zlib.crc32(key.encode()) % 16 == 0:  # now and then, not after every write: a scan costs a few ms
        root = cache_root()
        if root is not None and folder.parent == root:
            trim(root, max_bytes())
    return target


# -- the whole cache -------------------------------------------------------------------------

def _files(root: Path):
    """(section, DirEntry) for each file of ours in the cache's sections."""
    for name in SECTIONS:
        try:
            entries = list(os.scandir(root / name))
        except OSError:
            continue
        for entry in entries:
            if _OURS.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                yield name, entry


def info(root: Path) -> dict:
    """{section: (files, bytes)} for the cache at ``root``."""
    found = {name: [0, 0] for name in SECTIONS}
    for name, entry in _files(root):
        try:
            found[name][1] += entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
        found[name][0] += 1
    return {name: tuple(counts) for name, counts in found.items()}


def clear(root: Path) -> int:
    """Delete every entry (every section: charts, images, hyphenation, Markdown, line breaks) under ``root``; return
    how many files went."""
    removed = 0
    for _, entry in _files(root):
        try:
            os.unlink(entry.path)
            removed += 1
        except OSError:
            pass
    for name in SECTIONS:
        try:
            (root / name).rmdir()
        except OSError:
            pass  # missing, or holding files that are not ours
    return removed


def trim(root: Path, limit: int) -> int:
    """Delete the least recently used entries until the cache is under 90% of ``limit`` bytes,
    and temporary files left by killed processes; return how many files went."""
    now, entries, total, removed = time.time(), [], 0, 0
    for _, entry in _files(root):
        try:
            info_ = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if entry.name.endswith(".tmp"):  # being written now, or left by a killed process
            if now - info_.st_mtime > STALE_SECONDS:
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
            continue
        entries.append((max(info_.st_atime, info_.st_mtime), info_.st_size, entry.path))
        total += info_.st_size
    if total <= limit:
        return removed
    for _, size, path in sorted(entries):
        if total <= limit * 0.9:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
        removed += 1
    return removed
