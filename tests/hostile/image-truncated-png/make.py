"""A real PNG cut in half."""
import io
from pathlib import Path

from PIL import Image

buffer = io.BytesIO()
Image.new("RGB", (300, 200), "#345").save(buffer, "PNG")
Path("cut.png").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
