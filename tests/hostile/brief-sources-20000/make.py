"""20,000 sources: refused by the sources limit."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + "      - prose: x\nsources:\n"
                              + "".join(f"  - {{id: s{i}, title: T}}\n" for i in range(20000)), encoding="utf-8")
