"""A 10 MB SVG of 200,000 rects (too big to commit)."""
from pathlib import Path

rects = "".join(f'<rect x="{i % 2000}" y="{i % 1000}" width="3" height="3" fill="#123456"/>\n' for i in range(200_000))
Path("figure.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1000">\n{rects}</svg>\n')
