"""A prose paragraph of 100,000 hard breaks: refused by the text_chars limit."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + '      - prose: "' + 'a\\\\\\n' * 100_000 + 'end"\n', encoding="utf-8")
