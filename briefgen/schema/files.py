"""File references: where a path in a brief points, and whether it may be read.

In:  a path string from the brief, the suffixes allowed, the check context.
Out: an absolute, real :class:`~pathlib.Path` inside the brief's folder or the
     project's ``assets/`` (unless ``--allow-outside``), whose content matches
     its claimed type; otherwise a positioned diagnostic and None.

The confinement is decided from real paths. The project's ``assets/`` is looked
for from the brief's folder up to the project root (the nearest folder with a
``pyproject.toml`` or a ``.git``, else the brief's own folder), never above it
and never in a folder that others may write to (``/tmp``) or that another user
owns; an ``assets`` whose real path leads outside the project is not used.
briefgen's own assets (package data: the default fonts, the template's logo and
figure) come last, so a project's ``assets/`` wins over them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..resources import PACKAGE_ASSETS

PROJECT_MARKERS = ("pyproject.toml", ".git")


def _foreign(folder: Path) -> bool:
    """Can someone else put files here? (World-writable, like /tmp, or another user's folder.)"""
    try:
        info = folder.stat()
    except OSError:
        return True
    owners = (0, os.geteuid()) if hasattr(os, "geteuid") else (info.st_uid,)
    return bool(info.st_mode & stat.S_IWOTH) or info.st_uid not in owners


def project_root(base_dir: Path) -> Path:
    """The nearest folder holding the brief with a ``pyproject.toml`` or ``.git``, else the brief's folder.

    The search stops below any folder that others can write to or that another
    user owns, so a marker planted in a shared folder is never found.
    """
    base = Path(base_dir).resolve()
    for folder in (base, *base.parents):
        if folder != base and _foreign(folder):
            break
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            return folder
    return base


def find_assets_dir(base_dir: Path) -> Path:
    """The project's ``assets/`` folder, as a real path: the nearest one from the brief's folder up to the
    project root whose real path is inside the project and is not writable by others.

    A brief outside any project (a copy of the template on the desktop, say) uses
    briefgen's own ``assets/``.
    """
    base = Path(base_dir).resolve()
    root = project_root(base)
    for folder in (base, *base.parents):
        candidate = folder / "assets"
        if candidate.is_dir():
            real = candidate.resolve()
            if _inside(real, root) and not _foreign(real):
                return real
        if folder == root:
            break
    return PACKAGE_ASSETS if PACKAGE_ASSETS.is_dir() else base / "assets"


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def content_problem(path: Path, ctx) -> str | None:
    """Why the file's bytes do not match its suffix, or None (see :mod:`briefgen.media`)."""
    from ..media import file_problem

    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".yaml", ".yml"):
            with path.open("rb") as handle:
                if b"\x00" in handle.read(512):
                    return f"it is not a text {suffix[1:].upper()} file"
            return None
        return file_problem(path, ctx)
    except OSError as exc:
        return f"cannot read it ({exc.strerror})"


def resolve_file(text: str, suffixes, ctx, path):
    """Check one file reference; see the module docstring."""
    if suffixes and Path(text).suffix.lower() not in suffixes:
        ctx.error(path, f"expected a file ending in {', '.join(suffixes)}, found {text!r}")
        return None
    base = ctx.base_dir.resolve()
    assets = ctx.assets_dir.resolve()
    raw = Path(text)
    candidates = [raw] if raw.is_absolute() else [base / raw, assets / raw]
    if not raw.is_absolute() and raw.parts[:1] == ("assets",):
        candidates.append(assets.parent / raw)
    if not raw.is_absolute():  # last, so that the project's own files win
        candidates.append(PACKAGE_ASSETS / raw)
    try:  # a name too long for the file system, or a loop of links, is the brief's mistake too
        found = next((c for c in candidates if c.is_file()), None)
        real = found.resolve() if found is not None else None
    except (OSError, RuntimeError) as exc:
        reason = getattr(exc, "strerror", None) or "a loop of links"
        ctx.error(path, f"file {text!r} cannot be opened ({reason}); give a shorter, plain file name")
        return None
    if found is None:
        where = "" if raw.is_absolute() else f" (looked in {_shown(base)} and {_shown(assets)})"
        ctx.error(path, f"file not found: {text!r}{where}; check the spelling and the folder")
        return None
    if not ctx.allow_outside and not any(_inside(real, root) for root in (base, assets, PACKAGE_ASSETS)):
        ctx.error(path, f"file {text!r} is outside the brief's folder and the project's assets/{_why(raw, base)};"
                        " copy it into assets/ or build with --allow-outside")
        return None
    problem = content_problem(real, ctx)
    if problem:
        subject = f"SVG {text!r}" if real.suffix.lower() == ".svg" else f"file {text!r} cannot be used:"
        ctx.error(path, f"{subject} {problem}")
        return None
    return real


def _why(raw: Path, base: Path) -> str:
    """Why an ``assets/...`` path beside the brief leads out: its ``assets`` is a link that is not used."""
    if raw.parts[:1] == ("assets",) and (base / "assets").is_symlink():
        return " (assets/ beside the brief is a link to a folder outside the brief's project, so it is not used)"
    return ""


def _shown(folder: Path) -> str:
    try:
        return str(folder.relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(folder) + "/"
