"""Output files: bytes and a target path in, the file on disk out, written atomically.

In:  the bytes of a PDF (or a chart export) and the path to write.
Out: the file, replaced in one rename: an existing file keeps its permissions,
     a new one gets ``0666 & ~umask``. Temporary files that a killed write of the
     same target left behind are removed first. A target that cannot be written
     is a :class:`~briefgen.errors.BriefError` naming the path: status 2 when
     something is in the way (a file where the folder should be, a folder with the
     PDF's name), found before any work; status 1 when the system refuses
     (permission denied, disk full, read-only), with the old file left as it was.

This module imports no layout code, so :func:`briefgen.build` can check the
target before starting any work.
"""

from __future__ import annotations

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

    return BriefError([Diagnostic(display_name(path), 0, 0, "(output)", message)], exit_code=exit_code)


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
