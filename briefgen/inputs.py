"""The files a loaded brief uses: what ``briefgen watch`` follows.

In:  a brief loaded by :func:`briefgen.load`.
Out: the real paths of every file its build reads: the brief itself, its theme
     file and the package's default theme, CSV data, images and logos, every
     file an SVG pulls in, and every font of the theme (fallback fonts too).

Nothing is recorded while loading: the checked model already holds each file
reference as a resolved path (:class:`~briefgen.schema.fields.File`), so the
brief and its theme are walked for paths. Only the theme file's own path is not
kept on the brief; it is resolved again, by the loader's own rules.
"""

from __future__ import annotations

from pathlib import Path


def brief_inputs(brief) -> frozenset[Path]:
    """Every file the build of ``brief`` reads, as real paths (see the module docstring)."""
    found: set[Path] = set()
    given = Path(brief.path).absolute()
    found.update((given, given.resolve()))  # a brief given through a link: the link and what it leads to
    _walk(brief, found, set())
    _walk(getattr(brief, "theme", None), found, set())  # fonts and their fallbacks; the theme is no field
    found.update(_theme_files(brief))
    for path in [p for p in found if p.suffix.lower() == ".svg"]:
        found.update(_svg_inputs(path))
    return frozenset(path if path == given else path.resolve() for path in found)


def _walk(value, found: set, seen: set) -> None:
    """Collect the paths in a checked model: its fields, and the lists and mappings they hold."""
    from .schema.model import Model

    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Path):
        found.add(value)
    elif isinstance(value, Model):  # only declared fields: derived data (shaped tables) holds no file
        for name in value.fields:
            _walk(getattr(value, name, None), found, seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _walk(item, found, seen)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, found, seen)


def _theme_files(brief) -> list[Path]:
    """The package's default theme, and the brief's theme file (found as the loader finds it)."""
    from .errors import Diagnostics
    from .schema.fields import Context
    from .schema.files import find_assets_dir, resolve_file
    from .theme import PACKAGE_DIR

    files = [PACKAGE_DIR / "default.yaml"]
    name = getattr(getattr(brief, "meta", None), "theme", "default")
    if name and name != "default":
        base = Path(brief.path).absolute().parent.resolve()
        ctx = Context(brief.source, Diagnostics(), base, find_assets_dir(base), allow_outside=True,
                      limits=brief.limits)
        found = resolve_file(name, (".yaml", ".yml"), ctx, ("meta", "theme"))
        if found is not None:
            files.append(found)
    return files


def _svg_inputs(path: Path) -> list[Path]:
    """The SVG and the files it pulls in (other SVGs, images), as its drawing reads them."""
    from .media.svgscan import Walk

    walk = Walk()
    try:
        walk.file(path.resolve())
    except Exception:  # noqa: BLE001 - changed since the load: the build that follows says what is wrong
        return [path]
    return list(walk.inputs) or [path]
