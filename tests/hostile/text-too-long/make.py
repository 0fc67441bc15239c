"""One prose text of 250,000 characters: longer than any one text may be (text_chars)."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

Path("brief.yaml").write_text(HOSTILE_HEAD + """\
      - prose: |
          """ + "word " * 50_000 + "\n", encoding="utf-8")
