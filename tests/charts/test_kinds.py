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


def test_ticks_survive_extreme_but_finite_ranges():
    """Tiny, huge and empty ranges give a few round ticks at once, never an error or a long loop."""
    import datetime as dt

    from briefgen.charts.ticks import date_ticks, nice_ticks

    assert nice_ticks(0, 5e-324) == [-1.0, -0.5, 0.0, 0.5, 1.0]  # a subnormal span is no span
    assert nice_ticks(-1e15, 1e15) == [-1e15, -5e14, 0.0, 5e14, 1e15]
    assert nice_ticks(0, 2.5e-6) == [0.0, 5e-07, 1e-06, 1.5e-06, 2e-06, 2.5e-06]  # tiny steps keep their digits
    assert nice_ticks(0, 2229) == [0.0, 500, 1000, 1500, 2000, 2500]
    with pytest.raises(ValueError):
        nice_ticks(0, float("inf"))  # values are checked at load time; this only guards the arithmetic
    years = date_ticks(dt.date(1, 1, 1), dt.date(9999, 12, 31), 8, "en")
    assert [label for _, label in years] == ["2000", "4000", "6000", "8000"]
    assert [label for _, label in date_ticks(dt.date(1900, 3, 5), dt.date(2024, 1, 1), 8, "en")] == [
        "1920", "1940", "1960", "1980", "2000", "2020"]


def test_extreme_but_finite_values_draw_a_chart(tmp_path):
    """The largest values allowed, tiny ones and dates across ten thousand years still draw, quickly."""
    import re
    import time

    from briefgen.charts.export import render

    started = time.perf_counter()
    for spec in (
        {"type": "bar", "title": "Tiny", "alt": "a", "value_labels": True,
         "data": {"categories": ["a", "b", "c"], "values": {"S": [1e-300, 2e-300, 0]}}},
        {"type": "dot", "title": "Huge", "alt": "a", "value_labels": True,
         "data": {"categories": ["a", "b"], "values": {"S": [1e-300, 1e15], "R": [-1e15, 1e-6]}}},
        {"type": "line", "title": "Ages", "alt": "a",
         "data": {"categories": ["0001-01-01", "1990-01-01", "9999-12-31"], "values": {"S": [1, 5, 2]}},
         "annotations": [{"x": "9999-12-31", "y": 1e15, "text": "far", "dx": 500, "dy": -500}]},
    ):
        svg = render(spec, tmp_path / f"{spec['title']}.svg").read_text()
        assert "<svg" in svg and not re.search(r"\b(nan|inf)\b", svg, re.IGNORECASE)
    assert time.perf_counter() - started < 20
