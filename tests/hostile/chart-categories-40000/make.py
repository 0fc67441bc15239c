"""A 505 KB CSV of 40,000 categories: one bar each took 168 s and 1.6 GB to draw."""
from pathlib import Path

rows = ["category,value"] + [f"C{i:05d},{(i * 7919) % 100_000}" for i in range(40_000)]
Path("categories.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
