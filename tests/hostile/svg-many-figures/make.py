"""Four SVG figures of 3,000 rects each: every one under svg_elements, together over brief_svg_elements."""
from pathlib import Path

rects = "".join(f'<rect x="{i % 200}" y="{i % 100}" width="3" height="3"/>' for i in range(2_999))
blocks = ""
for n in range(4):
    Path(f"f{n}.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">\n{rects}</svg>\n')
    blocks += f"      - figure: {{file: f{n}.svg, title: Figure {n}, alt: a figure}}\n"
Path("brief.yaml").write_text("meta:\n  title: T\n  date: 2025-04-30\n  organisation: {name: X}\nsections:\n"
                              "  - heading: One\n    blocks:\n" + blocks, encoding="utf-8")
