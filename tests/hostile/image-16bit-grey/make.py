"""A 16-bit greyscale PNG, mid-grey (0x8080) with a darker band."""
import struct
from pathlib import Path

from tests.helpers import craft_png

rows = [b"\x00" + struct.pack(">H", 0x8080 if y < 150 else 0x2020) * 400 for y in range(200)]
Path("grey16.png").write_bytes(craft_png(400, 200, 16, 0, raw=b"".join(rows)))
