"""A callout of 20,000 aliased items (80 KB; 10,000 took 7.5 s to lay out before): refused by the paragraphs limit."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

Path("brief.yaml").write_text(HEAD + "      - callout:\n          title: T\n          items: [&a point, "
                              + ", ".join("*a" for _ in range(19_999)) + "]\n", encoding="utf-8")
