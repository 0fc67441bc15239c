"""Forty prose texts of 45,000 '[' each: every one is short enough, together too much Markdown work."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

blocks = "".join(f"      - prose: '{'[' * 45_000}'\n" for _ in range(40))
Path("brief.yaml").write_text(HOSTILE_HEAD + blocks, encoding="utf-8")
