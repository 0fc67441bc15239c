"""Themes: the package default, an optional theme file, and a brief's overrides.

In:  the brief's ``meta.theme`` (``default`` or a YAML file), its already
     checked ``style:`` overrides, and the brief's check context.
Out: a complete :class:`~briefgen.theme.model.Theme`. Errors in a theme file
     are positioned in that file, like brief errors.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..memo import Remembered
from ..source import load_yaml
from ..schema.fields import INVALID, File
from ..resources import PACKAGE_ASSETS
from .model import Theme

PACKAGE_DIR = Path(__file__).resolve().parent
#: Fonts of the default theme ship in briefgen's own assets (package data, briefgen/assets/fonts).
DEFAULT_ASSETS = PACKAGE_ASSETS


def _theme_layer(path: Path, ctx, assets_dir: Path):
    source = load_yaml(path, limits=ctx.limits)
    layer_ctx = replace(ctx, source=source, base_dir=path.resolve().parent, assets_dir=assets_dir,
                        partial=True)
    return Theme.parse(source.data, layer_ctx, ())


@lru_cache(maxsize=1)  # one store per process
def _default_layers() -> Remembered:
    return Remembered(8)


def _default_layer(ctx):
    """The package's default theme, as a layer. It is program data, so only the limits (a font's size) can
    change what it gives: a `watch` rebuild or a batch worker parses it once per set of limits, unless
    parsing it reported something (then it is parsed, and reported, every time)."""
    path = PACKAGE_DIR / "default.yaml"
    stat = path.stat()
    key = (ctx.limits, stat.st_mtime_ns, stat.st_size)
    found = _default_layers().get(key)
    if found is not None:
        return copy.deepcopy(found)  # the caller's own: merging and checking must not reach the kept one
    reported = len(ctx.diagnostics.seen)
    layer = _theme_layer(path, ctx, DEFAULT_ASSETS)
    if layer is not INVALID and len(ctx.diagnostics.seen) == reported:
        _default_layers().put(key, copy.deepcopy(layer))
    return layer


def _merge(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and key in merged else value
    return merged


def load_theme(name: str, overrides: dict, ctx, path) -> Theme | None:
    """Merge the layers into one theme; record problems in ``ctx`` and return None on error."""
    layers = [_default_layer(ctx)]
    if name != "default":
        theme_file = File("theme file", suffixes=(".yaml", ".yml")).convert(name, ctx, path)
        if theme_file is INVALID:
            return None
        layers.append(_theme_layer(theme_file, ctx, ctx.assets_dir))
    layers.append(overrides)
    if any(layer is INVALID for layer in layers):
        return None
    merged = {}
    for layer in layers:
        merged = _merge(merged, layer)
    return Theme.from_values(merged)


def default_theme() -> Theme:
    """The package's default theme on its own (for charts drawn outside a brief)."""
    from ..errors import Diagnostics
    from ..schema.fields import Context

    source = load_yaml(PACKAGE_DIR / "default.yaml")
    diagnostics = Diagnostics()
    ctx = Context(source, diagnostics, PACKAGE_DIR, DEFAULT_ASSETS)
    theme = load_theme("default", {}, ctx, ())
    diagnostics.raise_if_errors()
    return theme
