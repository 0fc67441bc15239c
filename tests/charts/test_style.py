"""Chart style: arrows only in a font that has them."""

from briefgen.charts.style import ChartStyle
from briefgen.theme import default_theme


def test_arrows_fall_back_when_the_chart_font_has_none():
    assert ChartStyle.from_theme(default_theme(), "en").arrow("right") == "→"  # Lato has arrows
    serif = default_theme()  # a fresh theme each call
    serif.chart_font = "body"
    style = ChartStyle.from_theme(serif, "en")
    assert style.arrow("right") == "›" and style.arrow("left", bold=True) == "‹"  # Noto Serif has none
