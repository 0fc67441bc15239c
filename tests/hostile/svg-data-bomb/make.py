"""An SVG embedding a data: PNG whose header claims 30000x30000 pixels."""
import base64, struct, zlib
from pathlib import Path


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(b"\x00" * 90001 * 64)) + chunk(b"IEND", b""))
Path("figure.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">\n'
                              f'<image href="data:image/png;base64,{base64.b64encode(png).decode()}"'
                              ' width="200" height="100"/>\n</svg>\n')
