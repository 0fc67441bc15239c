"""A progressive JPEG (128 KB) of 1,000 scans: each is 128 bytes but makes the decoder walk every block."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD
from tests.media.test_raster import many_scans_jpeg

Path("scans.jpg").write_bytes(many_scans_jpeg(1000, 256))
Path("brief.yaml").write_text(HOSTILE_HEAD + "      - figure: {file: scans.jpg, title: T, alt: a}\n")
