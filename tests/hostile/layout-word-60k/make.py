"""A 60,000-character word in prose: laid out letter by letter, never hyphenated."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + '      - prose: Start ' + 'x' * 60_000 + ' end.\n', encoding="utf-8")
