"""A table cell of one 200,000-character word: split across pages letter by letter, in linear time."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

Path("brief.yaml").write_text(HOSTILE_HEAD + """\
      - table:
          title: One long word
          columns: [{header: A}, {header: B}]
          rows:
            - [a, """ + "x" * 200_000 + "]\n", encoding="utf-8")
