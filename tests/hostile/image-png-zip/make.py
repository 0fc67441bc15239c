"""A PNG signature and IHDR, then a ZIP archive."""
import io
import struct
import zipfile
from pathlib import Path

from tests.helpers import png_chunk

archive = io.BytesIO()
with zipfile.ZipFile(archive, "w") as z:
    z.writestr("payload.txt", "hello " * 100)
header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0))
Path("polyglot.png").write_bytes(b"\x89PNG\r\n\x1a\n" + header + archive.getvalue())
