"""Five valid 12000x12000 PNGs of zeros (one generated, written five times)."""
from pathlib import Path

from tests.helpers import zeros_png

data = zeros_png(12000, 12000)
for index in range(1, 6):
    Path(f"big{index}.png").write_bytes(data)
