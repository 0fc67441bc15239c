"""45 small charts: more than the 20 a brief may hold by default (each costs 50-150 ms to draw)."""
from pathlib import Path

blocks = "".join(f"      - chart: {{type: bar, title: Chart {i}, alt: a chart, data: {{categories: [a, b],"
                 f" values: {{S: [1, 2]}}}}}}\n" for i in range(45))
Path("brief.yaml").write_text("meta:\n  title: T\n  date: 2025-04-30\n  organisation: {name: X}\nsections:\n"
                              "  - heading: One\n    blocks:\n" + blocks, encoding="utf-8")
