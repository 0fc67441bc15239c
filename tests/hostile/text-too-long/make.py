"""One prose text of 250,000 characters: longer than any one text may be (text_chars)."""
from pathlib import Path

Path("brief.yaml").write_text("""\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - prose: |
          """ + "word " * 50_000 + "\n", encoding="utf-8")
