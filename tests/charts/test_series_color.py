"""A series keeps its colour whatever its label: the English and Spanish editions of a chart match."""

import pytest

from briefgen.charts.rendering import vector_drawing
from briefgen.charts.standalone import load_chart
from briefgen.charts.style import ChartStyle
from briefgen.theme import default_theme

DATA = {"categories": ["2023", "2024"], "values": {"official": [1, 2], "tally": [3, 4]}}
BASE = {"type": "grouped_bar", "title": "Votes", "alt": "Bars of two counts.", "labels": "legend", "data": DATA}
ENGLISH = [{"name": "official", "label": "Official count"}, {"name": "tally", "label": "Tally sheets"}]
SPANISH = {
    "all, top series first": [{"name": "tally", "label": "Actas"}, {"name": "official", "label": "Escrutinio oficial"}],
    "one of them": [{"name": "tally", "label": "Actas"}],
}


def bar_colors(series, lang: str) -> dict:
    """{bar height in points: fill colour} of the chart's bars, read from its drawing (as placed in the PDF)."""
    theme = default_theme()
    spec = load_chart({**BASE, "series": series}, theme=theme)
    drawing = vector_drawing(spec, ChartStyle.from_theme(theme, lang), 400, furniture=False)
    found, stack = {}, [drawing]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "contents", None) or [])
        color = getattr(node, "fillColor", None)
        if type(node).__name__ == "Path" and color is not None and color.hexval() != "0xffffff":
            x0, y0, x1, y1 = node.getBounds()
            if x1 - x0 > 20:  # a bar, not a legend square
                found[round(y1 - y0)] = color.hexval()
    return found


@pytest.mark.parametrize("spanish", SPANISH.values(), ids=SPANISH.keys())
def test_translated_labels_keep_colors(spanish):
    english = bar_colors(ENGLISH, "en")
    assert len(english) == 4 and len(set(english.values())) == 2  # four bars, one colour per series
    assert bar_colors(spanish, "es") == english
    assert bar_colors(None, "en") == english  # no labels at all: the same colours too


def test_explicit_color_still_wins():
    recoloured = bar_colors([{"name": "tally", "label": "Actas", "color": 1},
                             {"name": "official", "label": "Oficial", "color": 2}], "es")
    english = bar_colors(ENGLISH, "en")
    official, tally = english[min(english)], english[max(english)]  # official's bars are the shorter ones
    assert (recoloured[min(recoloured)], recoloured[max(recoloured)]) == (tally, official)
