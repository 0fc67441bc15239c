"""Block kinds. Each module in this package registers one kind with ``@block("name")``.

In:  a section's ``blocks:`` list from YAML.
Out: checked block objects whose ``layout(doc)`` gives ReportLab flowables.

Adding a kind means adding one module here; it is found automatically.
"""

import importlib
import pkgutil

from .registry import Block, BlockField, block, block_kinds


def _load_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name != "registry" and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


__all__ = ["Block", "BlockField", "block", "block_kinds"]
