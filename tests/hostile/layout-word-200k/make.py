"""A 200,000-character word in prose: over text_chars, refused at load."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + '      - prose: Start ' + 'x' * 200_000 + ' end.\n', encoding="utf-8")
