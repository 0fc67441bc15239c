"""A Markdown list nested 150 deep: markdown-it drops what lies below its own ceiling without a word."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

items = "".join("          " + "  " * depth + "- item\n" for depth in range(150))
Path("brief.yaml").write_text(HOSTILE_HEAD + """\
      - prose: |
""" + items, encoding="utf-8")
