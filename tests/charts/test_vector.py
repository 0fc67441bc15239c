"""The PDF's charts (matplotlib drawn straight to ReportLab shapes) look like matplotlib's own PNGs.

Each gallery chart is placed with ChartFlowable on a page of its own size, rasterised by
pdfium, and compared with the PNG matplotlib's Agg renderer makes of the same chart. Both
are reduced before comparing, so differences in text antialiasing do not count but a
missing, misplaced or wrongly coloured element does.
"""

import io
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from briefgen.charts import ChartFlowable
from briefgen.charts.export import render
from tests.helpers import ROOT, assert_images_similar, render_page

GALLERY = ROOT / "docs" / "examples" / "charts"
CHARTS = sorted(p.stem for p in GALLERY.glob("*.yaml"))
WIDTH_MM, DPI, COMPARE_WIDTH = 160, 300, 400  # exported PNGs are 300 dpi


def pdf_image(path: Path, cache_dir: Path):
    chart = ChartFlowable(path, width=WIDTH_MM * 72 / 25.4, cache_dir=cache_dir)
    width, height = chart.wrap(1000, 1000)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    chart.drawOn(canvas, 0, 0)
    canvas.save()
    return render_page(buffer.getvalue(), 0, scale=DPI / 72)


def matplotlib_image(path: Path, folder: Path):
    target = render(path, folder / "chart.png", width_mm=WIDTH_MM)
    return Image.open(target).convert("RGB")


def reduced(image):
    return image.resize((COMPARE_WIDTH, round(image.height * COMPARE_WIDTH / image.width)), Image.BOX)


@pytest.mark.parametrize("name", CHARTS)
def test_pdf_chart_matches_matplotlib(name, tmp_path):
    path = GALLERY / f"{name}.yaml"
    ours, theirs = pdf_image(path, tmp_path / "cache"), matplotlib_image(path, tmp_path)
    assert abs(ours.width - theirs.width) <= 1 and abs(ours.height - theirs.height) <= 1
    theirs = theirs.resize(ours.size)
    assert_images_similar(reduced(ours), reduced(theirs), tolerance=2.5, name=f"vector-{name}")


def test_comparison_catches_a_missing_element(tmp_path):
    path = GALLERY / "bar.yaml"
    ours = pdf_image(path, tmp_path / "cache")
    ours.paste((255, 255, 255), (ours.width // 4, ours.height // 3, ours.width // 2, ours.height * 2 // 3))
    with pytest.raises(AssertionError, match="mean pixel difference"):
        assert_images_similar(reduced(ours), reduced(matplotlib_image(path, tmp_path)), tolerance=2.5,
                              name="vector-selftest")
