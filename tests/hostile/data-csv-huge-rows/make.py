"""A 900 KB CSV of 100,000 rows (grouped to three bars): more rows than any brief needs."""
from pathlib import Path

rows = ["category,value"] + [f"{'abc'[i % 3]},{i % 10}" for i in range(100_000)]
Path("rows.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
