"""File references: where a path in a brief points, and whether it may be read.

In:  a path string from the brief, the suffixes allowed, the check context.
Out: an absolute :class:`~pathlib.Path` inside the brief's folder or the
     project's ``assets/`` (unless ``--allow-outside``), whose content matches
     its claimed type; otherwise a positioned diagnostic and INVALID.
"""

from __future__ import annotations

from pathlib import Path

from .fields import INVALID

#: briefgen's own assets (fonts, the sample logo and images), used by briefs kept outside a project.
PACKAGE_ASSETS = Path(__file__).resolve().parents[2] / "assets"


def find_assets_dir(base_dir: Path) -> Path:
    """The project's ``assets/`` folder: the nearest one beside the brief or above it.

    A brief outside any project (a copy of the template on the desktop, say) uses
    briefgen's own ``assets/``.
    """
    base_dir = base_dir.resolve()
    for folder in (base_dir, *base_dir.parents):
        if (folder / "assets").is_dir():
            return folder / "assets"
    return PACKAGE_ASSETS if PACKAGE_ASSETS.is_dir() else base_dir.parent / "assets"


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


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
        return INVALID
    base = ctx.base_dir.resolve()
    assets = ctx.assets_dir.resolve()
    raw = Path(text)
    candidates = [raw] if raw.is_absolute() else [base / raw, assets / raw]
    if not raw.is_absolute() and raw.parts[:1] == ("assets",):
        candidates.append(assets.parent / raw)
    found = next((c for c in candidates if c.is_file()), None)
    if found is None:
        where = "" if raw.is_absolute() else f" (looked in {_shown(base)} and {_shown(assets)})"
        ctx.error(path, f"file not found: {text!r}{where}; check the spelling and the folder")
        return INVALID
    real = found.resolve()
    if not ctx.allow_outside and not (_inside(real, base) or _inside(real, assets)):
        ctx.error(path, f"file {text!r} is outside the brief's folder and the project's assets/;"
                        " copy it into assets/ or build with --allow-outside")
        return INVALID
    problem = content_problem(real, ctx)
    if problem:
        ctx.error(path, f"file {text!r} cannot be used: {problem}")
        return INVALID
    return real


def _shown(folder: Path) -> str:
    try:
        return str(folder.relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(folder) + "/"
