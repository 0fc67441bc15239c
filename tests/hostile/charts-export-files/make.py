"""Twenty small charts exported in three formats: sixty files, each costing a quarter of a second or more."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

blocks = "".join(f"      - chart: {{type: bar, title: Chart {i}, alt: a chart, data: {{categories: [a, b, c],"
                 f" values: {{S: [1, 2, 3]}}}}}}\n" for i in range(20))
Path("brief.yaml").write_text(HOSTILE_HEAD + blocks, encoding="utf-8")
