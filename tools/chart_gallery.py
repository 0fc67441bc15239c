"""Render the chart gallery for docs/charts.md: one small PNG per chart file in docs/examples/charts/.

In:  docs/examples/charts/*.yaml (one chart each, real data from assets/data/).
Out: docs/img/charts/<name>.png, 120 mm wide, reduced to a small file (< 100 KB).

Run:  python tools/chart_gallery.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WIDTH_MM = 120
SCALE = 0.42  # of the 300 dpi render


def gallery_image(path: Path):
    """The chart in ``path`` as a small PIL image (also used by the tests)."""
    from PIL import Image

    from briefgen.charts.export import render

    with __import__("tempfile").TemporaryDirectory() as folder:
        target = render(path, Path(folder) / "chart.png", width_mm=WIDTH_MM)
        image = Image.open(io.BytesIO(target.read_bytes())).convert("RGB")
    return image.resize((round(image.width * SCALE), round(image.height * SCALE)), Image.LANCZOS)


def main() -> int:
    out = ROOT / "docs" / "img" / "charts"
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "docs" / "examples" / "charts").glob("*.yaml")):
        image = gallery_image(path)
        target = out / f"{path.stem}.png"
        image.save(target, optimize=True)
        print(f"{target.relative_to(ROOT)}: {image.width}x{image.height}, {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
