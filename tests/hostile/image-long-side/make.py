"""A 39 KB grey PNG of 1x20,000,000 pixels: under image_pixels, but 3.3 s to decode."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD, zeros_png

Path("thin.png").write_bytes(zeros_png(1, 20_000_000))
Path("brief.yaml").write_text(HOSTILE_HEAD + "      - figure: {file: thin.png, title: T, alt: a}\n")
