"""Rendered pages compared with stored references (mean pixel difference, with a tolerance).

On failure the actual and expected PNGs are saved in tests/failures/. After an
intended design change, refresh the references with BRIEFGEN_UPDATE_REFERENCES=1.
"""

import pytest

from tests.helpers import BRIEFS, assert_images_close, build_bytes, render_page

REFERENCES = BRIEFS.parent / "e2e" / "references"


@pytest.mark.parametrize("brief,page", [("minimal", 0), ("spanish", 0), ("all-blocks", 0), ("all-blocks", 1)])
def test_page_matches_reference(tmp_path, brief, page):
    data = build_bytes(BRIEFS / f"{brief}.yaml", tmp_path)
    image = render_page(data, page, scale=0.6)
    assert_images_close(image, REFERENCES / f"{brief}-p{page + 1}.png", tolerance=1.5, name=f"{brief}-p{page + 1}")


def test_comparison_catches_a_changed_page(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFGEN_UPDATE_REFERENCES", raising=False)  # never store the altered page
    data = build_bytes(BRIEFS / "minimal.yaml", tmp_path)
    image = render_page(data, 0, scale=0.6)
    image.paste((200, 30, 30), (100, 200, 300, 400))  # a red block where the page is white
    with pytest.raises(AssertionError, match="mean pixel difference"):
        assert_images_close(image, REFERENCES / "minimal-p1.png", tolerance=1.5, name="changed-page-selftest")
