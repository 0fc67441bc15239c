"""A column's ``align`` places its header and cells: left, centred or right within the column."""

from __future__ import annotations

import pytest

import briefgen
from tests.helpers import blocks_brief

TABLE = """\
- table:
    title: Alignment
    columns:
      - {header: Left column, align: left}
      - {header: Centred, align: center}
      - {header: Right column, align: right}
      - {header: Share, format: percent, decimals: 2, align: center}
    rows:
      - [alpha, bravo, charlie, 51.95]
      - [delta, a wider centred cell, echo, 7]
"""


def _box(data: bytes, needle: str) -> tuple:
    """(left, right) in points of the one place PDFium finds ``needle`` on the first page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        textpage = document[0].get_textpage()
        text = textpage.get_text_range()
        at = text.find(needle)
        assert at >= 0 and text.find(needle, at + 1) < 0, f"{needle!r} is not on the page once"
        boxes = [textpage.get_charbox(i) for i in range(at, at + len(needle))]
        return min(b[0] for b in boxes), max(b[2] for b in boxes)
    finally:
        document.close()


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("align")
    path = blocks_brief(folder, TABLE)
    brief = briefgen.load(path)
    left = brief.theme.page.margin_inner * 72 / 25.4
    width = brief.column_width() / 4  # four columns of equal width, spanning the frame
    edges = [(left + n * width, left + (n + 1) * width) for n in range(4)]
    return briefgen.build(path, folder / "out").read_bytes(), edges


@pytest.mark.parametrize("text,column", [("Centred", 1), ("bravo", 1), ("a wider centred cell", 1),
                                         ("Share", 3), ("51.95%", 3), ("7.00%", 3)])
def test_centred_header_and_cells_are_centred_in_their_column(laid_out, text, column):
    data, edges = laid_out
    start, end = _box(data, text)
    low, high = edges[column]
    # Glyph boxes are the ink, a little inside the advance: half a point either way.
    assert abs((start + end) / 2 - (low + high) / 2) < 0.6, (start, end, low, high)
    assert (high - low) - 2 * 4 - (end - start) > 4  # room to spare: left or right alignment would show


@pytest.mark.parametrize("text,column,side", [("Left column", 0, "left"), ("alpha", 0, "left"),
                                              ("Right column", 2, "right"), ("charlie", 2, "right")])
def test_left_and_right_columns_keep_to_their_side(laid_out, text, column, side):
    data, edges = laid_out
    start, end = _box(data, text)
    low, high = edges[column]
    padding = 4  # CELL_PADDING in briefgen.blocks.table
    if side == "left":
        assert abs(start - (low + padding)) < 1.5, (start, low)
    else:
        assert abs(end - (high - padding)) < 1.5, (end, high)
