"""A prose paragraph of 100,000 hard breaks: refused by the text_chars limit."""
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
Path("brief.yaml").write_text(HEAD + '      - prose: "' + 'a\\\\\\n' * 100_000 + 'end"\n', encoding="utf-8")
