"""A printed brief is often photocopied in greyscale: each chart's series must stay apart in grey.

The sample is rendered by pdfium in colour and in greyscale. For each chart with two or more
series, the pixels drawn in each series' colour are found in the colour rendering (on the page
that holds the chart's caption), and the same pixels are read in the greyscale one: that grey is the series'
luminance as photocopied. Adjacent series (in the order the chart lists them, so next to each other
in its legend and labels) must differ by at least :data:`MIN_GREY_STEP` (docs/print.md says why).
"""

import statistics

import pytest

import briefgen
from tests.helpers import SAMPLE, page_texts

#: Smallest grey difference (0-255) between adjacent series: 10% of the range. A photocopier or an
#: office laser printer reproduces roughly ten distinguishable steps of grey between paper and solid
#: black; halftoning and toner drift erase finer steps, so two series closer than a tenth of the range
#: can print as one.
MIN_GREY_STEP = 25
SCALE = 2.0


def _renders(data: bytes, grey: bool) -> list:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return [document[i].render(scale=SCALE, grayscale=grey).to_pil().convert("L" if grey else "RGB")
                for i in range(len(document))]
    finally:
        document.close()


def _series_colors(brief) -> list[tuple[str, list[str]]]:
    """(chart title, its series' colours in order) for each chart with two or more series."""
    from briefgen.charts.rendering import brief_charts
    from briefgen.charts.style import ChartStyle

    style = ChartStyle.from_theme(brief.theme, brief.meta.language)
    charts = []
    for _, block in brief_charts(brief):
        series = list(block.series or [])
        if len(series) >= 2:
            charts.append((block.title, [style.color(getattr(s, "color", None), i) for i, s in enumerate(series)]))
    return charts


def _pixels(image, color: str, tolerance: int = 2):
    import numpy

    target = numpy.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])
    return numpy.all(numpy.abs(numpy.asarray(image, dtype=int) - target) <= tolerance, axis=2)


def test_each_charts_series_stay_apart_in_greyscale(tmp_path):
    import numpy

    brief = briefgen.load(SAMPLE)
    charts = _series_colors(brief)
    assert len(charts) >= 2  # the sample's dumbbell and line charts
    data = briefgen.build(SAMPLE, out_file=tmp_path / "sample.pdf").read_bytes()
    colour, grey = _renders(data, False), _renders(data, True)
    texts = [" ".join(text.split()) for text in page_texts(data)]
    for title, colors in charts:
        index = _page_of(texts, title)
        levels = []
        for color in colors:
            mask = _pixels(colour[index], color)
            assert mask.sum() >= 20, f"{title}: series colour {color} is not drawn on page {index + 1}"
            levels.append(statistics.median(numpy.asarray(grey[index])[mask].tolist()))
        for (a, level_a), (b, level_b) in zip(zip(colors, levels), zip(colors[1:], levels[1:])):
            assert abs(level_a - level_b) >= MIN_GREY_STEP, \
                f"{title}: {a} and {b} print as greys {level_a} and {level_b}, closer than {MIN_GREY_STEP}"


def _page_of(texts: list[str], title: str) -> int:
    """The page whose text holds the chart's caption (its title's first words)."""
    start = " ".join(title.split()[:5])
    pages = [index for index, text in enumerate(texts) if start in text]
    assert len(pages) == 1, f"caption {start!r} found on pages {pages}"
    return pages[0]


@pytest.mark.parametrize("count", [2, 3, 4])
def test_the_default_palettes_first_colours_stay_apart_in_grey(count):
    """Any chart's first series, in the default palette, differ as much in luma (Rec. 601, as pdfium greys)."""
    from briefgen.theme import default_theme

    palette = default_theme().colors.chart[:count]
    lumas = [0.299 * int(c[1:3], 16) + 0.587 * int(c[3:5], 16) + 0.114 * int(c[5:7], 16) for c in palette]
    assert all(abs(a - b) >= MIN_GREY_STEP for a, b in zip(lumas, lumas[1:])), (palette, lumas)
