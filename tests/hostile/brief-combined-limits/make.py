"""Under every limit alone, over them together: a long table and many paragraphs, laid out twice (toc)."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

rows = "".join(f"            - [row {i}, {i}]\n" for i in range(1_900))  # 3,800 cells: 47.5% of table_cells
table = ("      - table:\n          title: Long\n          columns: [{header: A}, {header: B, format: number}]\n"
         "          rows:\n" + rows)
prose = "      - prose: |\n" + "".join(f"          Paragraph {i}.\n\n" for i in range(1_000))  # 33% of paragraphs
head = HOSTILE_HEAD.replace("  organisation: {name: X}\n", "  organisation: {name: X}\n  toc: true\n")
Path("brief.yaml").write_text(head + table + prose, encoding="utf-8")
