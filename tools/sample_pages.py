"""Redraw docs/sample-pages.png, the README's picture of the sample brief's first two pages.

Usage: python tools/sample_pages.py   (needs the test extras: pypdfium2)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WIDTH, GAP = 924, 12  # pixels: the picture's width and the grey gap between and around the pages


def main() -> int:
    import pypdfium2 as pdfium
    from PIL import Image

    import briefgen

    with tempfile.TemporaryDirectory() as folder:
        pdf = briefgen.build(ROOT / "briefs" / "venezuela-2025.yaml", folder)
        document = pdfium.PdfDocument(str(pdf))
        page_w = document[0].get_width()
        scale = (WIDTH - 3 * GAP) / 2 / page_w
        pages = [document[i].render(scale=scale).to_pil().convert("RGB") for i in (0, 1)]
        document.close()
    height = pages[0].height + 2 * GAP
    picture = Image.new("RGB", (WIDTH, height), (208, 212, 218))
    for i, page in enumerate(pages):
        picture.paste(page, (GAP + i * (page.width + GAP), GAP))
    target = ROOT / "docs" / "sample-pages.png"
    picture.save(target, optimize=True)
    print(f"{target.relative_to(ROOT)}: {picture.width}x{picture.height}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
