"""A PNG whose header says 30000x30000 RGB, with the first rows of data."""
from pathlib import Path

from tests.helpers import craft_png

Path("huge.png").write_bytes(craft_png(30000, 30000, 8, 2, raw=b"\x00" * (30000 * 3 + 1) * 8))
