"""20,000 characters of '[^a' (no space, no ']') and one unknown footnote: 45 s before, quadratic."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

Path("brief.yaml").write_text(HOSTILE_HEAD + """\
      - prose: 'Cited[^zz] """ + "[^a" * 6_700 + "'\n", encoding="utf-8")
