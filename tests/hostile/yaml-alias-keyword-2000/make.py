"""A 1.5 MB brief: eight long keywords, each named once, aliased 2,000 times (past 3 GB of memory before)."""
from pathlib import Path

keywords = ", ".join(f"&k{i} {'policy' * 31_000}" for i in range(8))  # 186,000 characters each
aliases = "\n".join(f"      - prose: *k{n % 8}" for n in range(2000))
Path("brief.yaml").write_text(f"""\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {{name: X}}
  keywords: [{keywords}]
sections:
  - heading: One
    blocks:
{aliases}
""", encoding="utf-8")
