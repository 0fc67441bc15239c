"""An SVG drawing one 2000x2000 PNG (~12 KB) 20 times with <use>: svglib embeds the image anew each time."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD, zeros_png

Path("p.png").write_bytes(zeros_png(2000, 2000))
uses = "".join(f'<use href="#i" x="{n}"/>' for n in range(1, 20))
Path("a.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
                         f'<image id="i" width="9" height="9" href="p.png"/>{uses}</svg>')
Path("brief.yaml").write_text(HOSTILE_HEAD + "      - figure: {file: a.svg, title: T, alt: a}\n")
