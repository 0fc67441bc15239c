"""A table of 2,000 rows: laid out a window of rows at a time."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + '      - table:\n          title: Big\n          columns: [{header: A}, {header: B, format: number}]\n          rows:\n' + ''.join(f'            - [row {i}, {i}]\n' for i in range(2_000)), encoding="utf-8")
