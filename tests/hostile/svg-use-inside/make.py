"""Files the SVG may use: inside the brief's folder."""
from pathlib import Path

from PIL import Image

Path("parts").mkdir(exist_ok=True)
Path("parts/inner.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
                                   '<text id="label" x="10" y="50">INSIDE-LABEL</text></svg>')
Image.new("RGB", (8, 8), "red").save("parts/dot.png")
