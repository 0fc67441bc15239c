"""A valid PNG of zeros, 16000x16000: tiny on disk, 256 MB decoded."""
from pathlib import Path

from tests.helpers import zeros_png

Path("bomb.png").write_bytes(zeros_png(16000, 16000))
