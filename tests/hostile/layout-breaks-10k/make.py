"""A prose paragraph of 10,000 lines, each ended by a hard break (a backslash at the line end)."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + '      - prose: "' + 'a\\\\\\n' * 10_000 + 'end"\n', encoding="utf-8")
