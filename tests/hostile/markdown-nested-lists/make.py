"""A Markdown list nested 150 deep: markdown-it drops what lies below its own ceiling without a word."""
from pathlib import Path

items = "".join("          " + "  " * depth + "- item\n" for depth in range(150))
Path("brief.yaml").write_text("""\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - prose: |
""" + items, encoding="utf-8")
