"""Output files: bytes and a target path in, the file on disk out, written atomically.

In:  the bytes of a PDF (or a chart export) and the path to write.
Out: the file, replaced in one rename: an existing file keeps its permissions,
     a new one gets ``0666 & ~umask``. Temporary files that a killed write of the
     same target left behind are removed first. A target that cannot be written
     is a :class:`~briefgen.errors.BriefError` naming the path: status 2 when
     something is in the way (a file where the folder should be, a folder with the
     PDF's name), found before any work; status 1 when the system refuses
     (permission denied, disk full, read-only), with the old file left as it was.

A target may also be any fsspec URL (``s3://bucket/out/x.pdf``, ``memory://out/x.pdf``;
``file://`` is a local path): :func:`write_to` writes it with one put where the store
makes that atomic, else under a temporary name and then a move (:func:`write_url`).
fsspec is imported only for such a target.

This module imports no layout code, so :func:`briefgen.build` can check the
target before starting any work.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no file locks, stale files are found by age instead
    fcntl = None

#: Where files cannot be locked, a temporary file this old (seconds) is taken as abandoned.
STALE_AGE = 3600


def _refuse(path, message: str, exit_code: int):
    from .errors import BriefError, Diagnostic, display_name

    where = str(path) if is_url(path) else display_name(path)
    return BriefError([Diagnostic(where, 0, 0, "(output)", message)], exit_code=exit_code)


def check_output(target) -> None:
    """Raise BriefError (status 2) if ``target`` cannot be a file, or its folder cannot be a folder."""
    target = Path(target)
    if target.is_dir():
        raise _refuse(target, "expected a file here, found a folder with the output's name; rename or remove"
                              " the folder, or write somewhere else with -o", 2)
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # the first part of the path that exists must be a folder
    if folder.exists() and not folder.is_dir():
        raise _refuse(folder, "expected a folder for the output, found a file; give -o a folder (it is created"
                              " if missing), or a name ending in .pdf for the PDF itself", 2)


def write_atomic(data: bytes, target) -> None:
    """Write ``data`` to ``target`` via a locked temporary file and a rename."""
    target = Path(target)
    check_output(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _refuse(exc.filename or target.parent, f"cannot make this folder: {exc.strerror or exc}; choose"
                                                     " another folder with -o", 1) from None
    try:
        remove_stale_temps(target)
        _replace(data, target)
    except OSError as exc:
        raise _refuse(target, f"cannot write this file: {exc.strerror or exc}; nothing was changed (check the"
                              " folder's permissions and free space, or choose another folder with -o)", 1) from None


def _replace(data: bytes, target: Path) -> None:
    mode = _mode_for(target)
    handle, temp = _locked_temp(target)
    try:
        with os.fdopen(handle, "wb") as out:  # the lock lasts until the rename is done
            out.write(data)
            out.flush()
            os.chmod(temp, mode)
            os.replace(temp, target)
    except BaseException:  # Ctrl-C or a full disk: leave no temporary file
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """An existing file's permissions (the user may have narrowed them), else ``0666 & ~umask``."""
    try:
        info = os.lstat(target)
        if stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode) & 0o777
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _locked_temp(target: Path) -> tuple[int, str]:
    """A new temporary file beside ``target``, locked so that no other build takes it for stale."""
    for _ in range(5):
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        _lock(handle, wait=True)
        if os.fstat(handle).st_nlink:
            return handle, temp
        os.close(handle)  # another build removed it between its creation and our lock: take another
    raise OSError(f"cannot keep a temporary file in {target.parent}")


def _lock(handle: int, *, wait: bool) -> bool | None:
    """True once locked, False if another process holds the lock, None where locks are not available."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks: the write goes on, stale files are found by age
        return None
    return True


def temp_pattern(target: Path) -> re.Pattern:
    """Names of the temporary files :func:`write_atomic` makes for ``target`` (``.NAME.xxxxxxxx.tmp``)."""
    return re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}\.tmp")


def remove_stale_temps(target) -> int:
    """Remove the temporary files of ``target`` that a killed write left; return how many.

    Only names of our own pattern, only regular files of this user, and only
    those that no running write holds locked.
    """
    target = Path(target)
    pattern, prefix = temp_pattern(target), f".{target.name}."
    try:
        names = [name for name in os.listdir(target.parent) if name.startswith(prefix) and pattern.fullmatch(name)]
    except OSError:
        return 0
    return sum(_remove_if_stale(target.parent / name) for name in names)


def _remove_if_stale(path: Path) -> bool:
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        info = os.fstat(handle)
        mine = info.st_uid == os.getuid() if hasattr(os, "getuid") else True
        if not stat.S_ISREG(info.st_mode) or not mine:
            return False
        locked = _lock(handle, wait=False)
        if locked is False or (locked is None and time.time() - info.st_mtime < STALE_AGE):
            return False  # a build is writing it right now, or may be
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(handle)


# --- Outputs named by URL (fsspec) -------------------------------------------------------------------------

#: Stores where one upload is atomic (the object appears whole or not at all): written with a single put.
#: Elsewhere (sftp, hdfs, smb...) a temporary name is written, then moved onto the target.
SINGLE_PUT = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "oss", "memory"})


def is_url(target) -> bool:
    """True if ``target`` is a URL (``s3://bucket/out``, ``memory://out``...) rather than a local path.

    ``file://`` URLs count as local paths (see :func:`destination`); so do Windows drive letters.
    """
    text = str(target) if not isinstance(target, Path) else ""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.lower() != "file"


def destination(value):
    """``value`` (a path or URL as given to ``-o``) as a :class:`Path`, or as a URL string for fsspec.

    ``file://`` URLs become local paths, written with :func:`write_atomic` like any other.
    """
    if isinstance(value, Path):
        return value
    text = str(value)
    if text.lower().startswith("file://"):
        from urllib.parse import unquote, urlsplit

        return Path(unquote(urlsplit(text).path))
    return text if is_url(text) else Path(text)


def join(folder, name: str):
    """``folder / name`` for a local folder or a URL (``name`` may hold ``/``)."""
    if is_url(folder):
        return str(folder).rstrip("/") + "/" + name
    return Path(folder) / name


def check_url(url: str) -> None:
    """Raise BriefError (status 2) if no fsspec file system can write ``url`` here (fsspec or its
    driver missing, an unknown protocol); before any work."""
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise _refuse(url, "writing to a URL needs fsspec: pip install 'briefgen[cluster]'", 2) from None
    try:
        url_to_fs(url)
    except (ImportError, ValueError) as exc:  # a driver not installed (s3fs, gcsfs...) or an unknown protocol
        raise _refuse(url, f"cannot write here: {exc}", 2) from None


def write_to(data: bytes, target) -> None:
    """Write ``data`` to ``target``: a local path (:func:`write_atomic`) or any fsspec URL (:func:`write_url`)."""
    if is_url(target):
        write_url(data, str(target))
    else:
        write_atomic(data, target)


def write_url(data: bytes, url: str) -> None:
    """Write ``data`` at ``url`` through fsspec, atomically where the store allows it.

    Object stores (:data:`SINGLE_PUT`) get one put, which a reader sees whole or not at all; other
    stores get a temporary name beside the target, then a move. A store that refuses is a
    BriefError naming the URL (status 1; status 2 if a folder is in the way).
    """
    check_url(url)
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(url)
    try:
        if fs.isdir(path):
            raise _refuse(url, "expected a file here, found a folder with the output's name; rename or remove"
                               " the folder, or write somewhere else with -o", 2)
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        if parent:
            fs.makedirs(parent, exist_ok=True)  # a no-op on object stores
        protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
        if protocol in SINGLE_PUT:
            fs.pipe_file(path, data)
            return
        import secrets

        temp = f"{parent + '/' if parent else ''}.{path.rsplit('/', 1)[-1]}.{secrets.token_hex(4)}.tmp"
        try:
            fs.pipe_file(temp, data)
            fs.mv(temp, path)
        except BaseException:
            with contextlib.suppress(Exception):  # cleaning up must not hide why the write failed
                fs.rm_file(temp)
            raise
    except Exception as exc:  # every driver has its own errors (OSError, botocore's...): all mean "not written"
        from .errors import BriefError

        if isinstance(exc, BriefError):
            raise
        raise _refuse(url, f"cannot write this file: {exc}; nothing was written there", 1) from None

