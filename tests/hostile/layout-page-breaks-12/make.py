"""Twelve page breaks in a row: one new page, no blank pages, no false 'too large' error."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + "      - prose: Before.\n" + "      - page_break: true\n" * 12
                              + "      - prose: After.\n", encoding="utf-8")
