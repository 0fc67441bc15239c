"""Block kinds. Each module in this package registers one kind with ``@block("name")``.

In:  a section's ``blocks:`` list from YAML.
Out: checked block objects whose ``layout(doc)`` gives ReportLab flowables.

Adding a kind means adding one module here; it is found automatically.
"""

from .registry import Block, BlockField, block, block_kinds

__all__ = ["Block", "BlockField", "block", "block_kinds"]
