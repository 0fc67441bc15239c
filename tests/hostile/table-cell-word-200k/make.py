"""A table cell of one 200,000-character word: split across pages letter by letter, in linear time."""
from pathlib import Path

Path("brief.yaml").write_text("""\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - table:
          title: One long word
          columns: [{header: A}, {header: B}]
          rows:
            - [a, """ + "x" * 200_000 + "]\n", encoding="utf-8")
