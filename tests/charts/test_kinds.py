"""One test per chart kind: each gallery chart (docs/examples/charts/) against a stored reference image.

The images are the same small PNGs as docs/img/charts/ (tools/chart_gallery.py). On a mismatch the
actual and expected images are saved in tests/failures/; after an intended change, refresh with
BRIEFGEN_UPDATE_REFERENCES=1 (and rerun tools/chart_gallery.py for the docs).
"""

import importlib.util

import pytest

from briefgen.charts.registry import chart_kinds
from tests.helpers import ROOT, assert_images_close

GALLERY = ROOT / "docs" / "examples" / "charts"
REFERENCES = ROOT / "docs" / "img" / "charts"


def _gallery():
    spec = importlib.util.spec_from_file_location("chart_gallery", ROOT / "tools" / "chart_gallery.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHARTS = sorted(p.stem for p in GALLERY.glob("*.yaml"))


def test_every_kind_has_a_gallery_chart():
    from briefgen.charts.standalone import load_chart

    kinds = {load_chart(GALLERY / f"{name}.yaml").type for name in CHARTS}
    assert kinds == set(chart_kinds())


@pytest.mark.parametrize("name", CHARTS)
def test_chart_matches_reference(name):
    image = _gallery().gallery_image(GALLERY / f"{name}.yaml")
    assert_images_close(image, REFERENCES / f"{name}.png", tolerance=2.0, name=f"chart-{name}")


def test_reference_comparison_catches_a_change(monkeypatch):
    monkeypatch.delenv("BRIEFGEN_UPDATE_REFERENCES", raising=False)  # never store the altered image
    image = _gallery().gallery_image(GALLERY / "bar.yaml")
    image.paste((200, 30, 30), (40, 60, 300, 200))
    with pytest.raises(AssertionError, match="mean pixel difference"):
        assert_images_close(image, REFERENCES / "bar.png", tolerance=2.0, name="chart-selftest")


def test_missing_values_are_gaps_not_zero(tmp_path):
    """A missing value draws no bar and breaks the line; the drawing differs from a zero."""
    from briefgen.charts.export import render

    base = {"type": "line", "title": "Gaps", "alt": "a line with a gap",
            "data": {"categories": ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"],
                     "values": {"S": [3, None, 4, 5]}}}
    zero = {**base, "data": {**base["data"], "values": {"S": [3, 0, 4, 5]}}}
    gap_svg = render(base, tmp_path / "gap.svg").read_text()
    zero_svg = render(zero, tmp_path / "zero.svg").read_text()
    assert gap_svg != zero_svg
    from briefgen.charts.standalone import load_chart

    assert load_chart(base).chart_data.series[0].values == [3.0, None, 4.0, 5.0]
