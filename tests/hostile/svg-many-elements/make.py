"""A 1 MB SVG of 20,000 rects: under the byte limit, over the element limit."""
from pathlib import Path

rects = "".join(f'<rect x="{i % 200}" y="{i % 100}" width="3" height="3"/>' for i in range(20_000))
Path("figure.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">\n{rects}</svg>\n')
