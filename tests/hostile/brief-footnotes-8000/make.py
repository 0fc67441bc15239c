"""8,000 paragraphs each citing its own footnote: refused by the blocks, paragraphs and footnotes limits."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

n = 8000
Path("brief.yaml").write_text(HEAD + "".join(f"      - prose: 'a[^f{i}]'\n" for i in range(n)) + "footnotes:\n"
                              + "".join(f"  f{i}: note {i}\n" for i in range(n)), encoding="utf-8")
