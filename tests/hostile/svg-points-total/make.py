"""Ten SVGs of one 99,000-point path each: every one under svg_points, together 8 s to draw before."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD

path = "M0 0 " + " ".join(f"L{(i * 37) % 1000} {(i * 91) % 1000}" for i in range(99_000))
blocks = ""
for k in range(10):
    Path(f"p{k}.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"'
                                 f' viewBox="0 0 1000 1000"><path d="{path}" stroke="black" fill="none"/></svg>')
    blocks += f"      - figure: {{file: p{k}.svg, title: F{k}, alt: a figure}}\n"
Path("brief.yaml").write_text(HOSTILE_HEAD + blocks, encoding="utf-8")
