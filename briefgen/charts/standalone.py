"""Chart files: a chart described in a YAML file (or a dict) of its own, outside any brief.

In:  a path to a YAML file holding one chart in the block format (either the
     block body, or ``chart: {...}`` exactly as pasted under a brief's
     ``blocks:``), or the same as a Python mapping.
Out: a checked chart (the ``chart`` block class, so the format is identical),
     with its data loaded and shaped (and, given a theme, its text checked
     against the chart font), or :class:`~briefgen.errors.BriefError`
     with every problem at its ``file:line:col``. Data files are looked up
     beside the chart file, then in the project's ``assets/``.

:func:`chart_theme` turns what a caller gives as a chart's theme (nothing, a
:class:`~briefgen.theme.model.Theme`, or a theme YAML file's path) into a Theme.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Diagnostics
from ..limits import Limits
from ..schema.fields import INVALID, Context
from ..schema.files import find_assets_dir
from ..source import Source, load_yaml


def chart_class():
    from ..blocks import block_kinds

    return block_kinds()["chart"]


def load_chart(chart, *, allow_outside: bool = False, base_dir=None, limits=None, theme=None):
    """Read and check one chart; ``chart`` is a path or a mapping. Raises BriefError.

    With ``theme``, its text is also checked against the theme's chart font.
    """
    if isinstance(chart, (str, Path)):
        path = Path(chart)
        source = load_yaml(path, limits=limits)
        base = path.absolute().parent.resolve()  # the folder the chart was given in, even if it is a link
    else:
        base = Path(base_dir or Path.cwd()).resolve()
        source = Source(path=base / "<chart>", data=chart)
    return check_chart(source, base, allow_outside=allow_outside, limits=limits, theme=theme)


def check_chart(source: Source, base_dir: Path, *, allow_outside: bool = False, limits=None, theme=None):
    diagnostics = Diagnostics()
    ctx = Context(source, diagnostics, base_dir, find_assets_dir(base_dir), allow_outside,
                  limits or Limits.from_env())
    raw, path = source.data, ()
    if isinstance(raw, dict) and list(raw) == ["chart"]:
        raw, path = raw["chart"], ("chart",)
    spec = chart_class().parse(raw, ctx, path)
    diagnostics.raise_if_errors()
    if theme is not None and spec is not INVALID:
        from .spec import check_font

        check_font(spec, theme, ctx, path)
        diagnostics.raise_if_errors()
    if spec is INVALID:  # pragma: no cover - parse records an error whenever it fails
        diagnostics.raise_if_errors()
    spec.warnings = diagnostics.warnings
    return spec


def chart_theme(theme=None, *, base_dir=None, allow_outside: bool = False):
    """A Theme from None (the default theme), a Theme, or the path of a theme YAML file.

    A file is checked like a brief's ``meta.theme`` (its errors raise BriefError at
    their ``file:line:col``); its fonts are found beside it or in its project's
    ``assets/``. ``base_dir`` confines the file (default: the file's own folder).
    """
    from ..theme import default_theme
    from ..theme.model import Theme

    if theme is None:
        return default_theme()
    if isinstance(theme, Theme):
        return theme
    if not isinstance(theme, (str, os.PathLike)):
        raise TypeError(f"theme: expected the path of a theme YAML file or a Theme, found {type(theme).__name__}")
    from ..theme import load_theme

    path = Path(theme)
    if not path.is_file():
        from ..errors import BriefError, Diagnostic

        raise BriefError([Diagnostic(str(path), 0, 0, "theme", "theme file not found; give the path of a theme"
                                                               " YAML file, or a Theme")])
    base = Path(base_dir).resolve() if base_dir is not None else path.absolute().parent.resolve()
    diagnostics = Diagnostics()
    ctx = Context(Source(path=path, data={}), diagnostics, base, find_assets_dir(base), allow_outside,
                  Limits.from_env())
    loaded = load_theme(str(path.absolute()) if base_dir is None else str(path), {}, ctx, ())
    diagnostics.raise_if_errors()
    return loaded
