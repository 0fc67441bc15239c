"""A CSV whose third line holds a million cells (2 MB on one line)."""
from pathlib import Path

Path("wide.csv").write_text("category,value\na,1\n" + "1," * 1_000_000 + "1\nb,2\n", encoding="utf-8")
