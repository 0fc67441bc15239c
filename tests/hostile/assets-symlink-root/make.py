"""assets -> / beside the brief, and a brief naming a file outside through it."""
import os
import struct
import zlib
from pathlib import Path


def secret_png(path):
    """A small PNG whose text chunk holds a marker that must not reach the PDF."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 8 for _ in range(8))
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                           + chunk(b"tEXt", b"Comment\x00SECRET-OUTSIDE") + chunk(b"IDAT", zlib.compress(raw))
                           + chunk(b"IEND", b""))


secret_png("../secret.png")
os.symlink("/", "assets")
inside = Path("../secret.png").resolve().relative_to("/")
Path("brief.yaml").write_text(Path("brief.in").read_text().replace("SECRET", str(inside)))
