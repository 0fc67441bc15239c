"""A 182 KB brief: one 180,000-character paragraph, named once, aliased 100 times (166 s before)."""
from pathlib import Path

paragraph = "A claim, *with emphasis* and [a link](https://example.org). " * 3000
aliases = "\n".join("      - prose: *p" for _ in range(100))
Path("brief.yaml").write_text(f"""\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {{name: X}}
  summary: &p "{paragraph.strip()}"
sections:
  - heading: One
    blocks:
{aliases}
""", encoding="utf-8")
