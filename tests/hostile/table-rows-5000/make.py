"""A table of 5,000 rows: laid out a window of rows at a time."""
from pathlib import Path

HEAD = """\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
"""
Path("brief.yaml").write_text(HEAD + '      - table:\n          title: Big\n          columns: [{header: A}, {header: B, format: number}]\n          rows:\n' + ''.join(f'            - [row {i}, {i}]\n' for i in range(5_000)), encoding="utf-8")
