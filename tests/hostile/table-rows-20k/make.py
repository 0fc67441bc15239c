"""A table of 20,000 rows: refused by the table_rows limit."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + '      - table:\n          title: Big\n          columns: [{header: A}, {header: B, format: number}]\n          rows:\n' + ''.join(f'            - [row {i}, {i}]\n' for i in range(20_000)), encoding="utf-8")
