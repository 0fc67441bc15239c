"""One 3,900-element SVG (under svg_elements) used as 50 figures: each use is drawn."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

rects = "".join(f'<rect x="{i % 100}" y="{i // 100}" width="1" height="1"/>' for i in range(3_899))
Path("a.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">{rects}</svg>')
Path("brief.yaml").write_text(HOSTILE_HEAD + "      - figure: {file: a.svg, title: T, alt: a}\n" * 50)
