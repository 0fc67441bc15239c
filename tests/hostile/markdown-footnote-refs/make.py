"""20,000 characters of '[^a' (no space, no ']') and one unknown footnote: 45 s before, quadratic."""
from pathlib import Path

Path("brief.yaml").write_text("""\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - prose: 'Cited[^zz] """ + "[^a" * 6_700 + "'\n", encoding="utf-8")
