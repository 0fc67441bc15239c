"""A 60,000-character word in prose: laid out letter by letter, never hyphenated."""
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
Path("brief.yaml").write_text(HEAD + '      - prose: Start ' + 'x' * 60_000 + ' end.\n', encoding="utf-8")
