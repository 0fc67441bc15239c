"""Put an image outside the brief's folder (a PNG with a text chunk holding a marker that must not leak)."""
import zlib, struct
from pathlib import Path


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


raw = b"".join(b"\x00" + b"\xff\x00\x00" * 8 for _ in range(8))
Path("../secret.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                                  + chunk(b"tEXt", b"Comment\x00SECRET-OUTSIDE") + chunk(b"IDAT", zlib.compress(raw))
                                  + chunk(b"IEND", b""))
