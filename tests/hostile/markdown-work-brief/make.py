"""Forty prose texts of 45,000 '[' each: every one is short enough, together too much Markdown work."""
from pathlib import Path

blocks = "".join(f"      - prose: '{'[' * 45_000}'\n" for _ in range(40))
Path("brief.yaml").write_text("""\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
""" + blocks, encoding="utf-8")
