"""The cover band's colours are the theme's ``cover`` and ``band_text``; ``brand`` keeps the headings.

A light cover with dark text is possible; without ``cover`` the band is the brand colour, as before.
"""

from __future__ import annotations

import pytest

import briefgen
from tests.helpers import render_page, write_brief

BRIEF = """\
meta:
  title: A title on the cover band
  date: 2025-05-01
  organisation: {{name: Org}}
style:
  colors: {{{colors}}}
sections:
  - heading: A heading in the brand colour
    blocks:
      - prose: Text.
"""


def _colours(folder, colors: str) -> tuple:
    """(band fill, darkest ink on the band, heading ink) as RGB, from the first page rendered by PDFium."""
    path = write_brief(folder, BRIEF.format(colors=colors))
    data = briefgen.build(path, folder / "out").read_bytes()
    page = render_page(data, 0, scale=2)
    band = page.getpixel((page.width - 5, 5))  # the band bleeds to the page's top right corner
    title_row = [page.getpixel((x, y)) for y in range(60, 260) for x in range(40, page.width // 2)]
    pixels = [pixel for pixel in title_row if pixel != band]
    ink = min(pixels, key=sum) if sum(band) > 380 else max(pixels, key=sum)  # the text: farthest from the band
    return band, ink, data


def _distance(a, b) -> int:
    return max(abs(x - y) for x, y in zip(a, b))


def _hex(rgb) -> str:
    return "#%02x%02x%02x" % rgb


def test_a_light_cover_with_dark_text(tmp_path):
    band, ink, data = _colours(tmp_path, 'cover: "#f4efe4", band_text: "#1a1a1a", brand: "#16325c"')
    assert _distance(band, (0xf4, 0xef, 0xe4)) <= 1, _hex(band)
    assert _distance(ink, (0x1a, 0x1a, 0x1a)) <= 8, _hex(ink)  # anti-aliasing leaves the stems' cores


def test_the_cover_does_not_change_the_headings(tmp_path):
    from tests.helpers import pdf_reader

    _, _, data = _colours(tmp_path, 'cover: "#f4efe4", band_text: "#1a1a1a", brand: "#7a1f3d"')
    content = pdf_reader(data).pages[0].get_contents().get_data().decode("latin-1")
    assert ".478431 .121569 .239216 rg" in content  # #7a1f3d: the heading is still in the brand colour


@pytest.mark.parametrize("colors,expected", [("", (0x16, 0x32, 0x5c)), ('brand: "#3b1f4a"', (0x3b, 0x1f, 0x4a))])
def test_without_cover_the_band_is_the_brand_colour(tmp_path, colors, expected):
    band, ink, _ = _colours(tmp_path, colors)
    assert _distance(band, expected) <= 1, _hex(band)
    assert _distance(ink, (255, 255, 255)) <= 8, _hex(ink)
