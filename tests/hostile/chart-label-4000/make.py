"""One bar chart of 150 categories of 4,000 characters each (600 KB): 10.5 s to draw before."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

categories = ", ".join(f"'{i}" + "W" * 4000 + "'" for i in range(150))
values = ", ".join("1" for _ in range(150))
Path("brief.yaml").write_text(HOSTILE_HEAD + "      - chart: {type: bar, title: T, alt: a, data: {categories: ["
                              + categories + "], values: {v: [" + values + "]}}}\n", encoding="utf-8")
