"""One 4900x4900 PNG (~25 KB) used as 20 figures: each use is decoded when drawn."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD, zeros_png

Path("big.png").write_bytes(zeros_png(4900, 4900))
Path("brief.yaml").write_text(HOSTILE_HEAD + "      - figure: {file: big.png, title: T, alt: a}\n" * 20)
