"""A 200x100 JPEG stored sideways, with EXIF orientation 6 (turn clockwise to display)."""
from PIL import Image

stored = Image.new("RGB", (200, 100), (0, 0, 255))
stored.paste((255, 0, 0), (0, 0, 100, 100))
exif = Image.Exif()
exif[0x0112] = 6
stored.save("turned.jpg", quality=95, exif=exif.tobytes())
