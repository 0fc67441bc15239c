"""A table of contents and 3,000 one-line sections: refused by the sections limit."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

head = HEAD.replace("sections:\n  - heading: One\n    blocks:\n", "  toc: true\nsections:\n")
Path("brief.yaml").write_text(head + "".join(f"  - heading: S{i}\n" for i in range(3000)), encoding="utf-8")
