"""No chart label is ever lost: for any string as a chart's category name, either the brief is refused at that
category, or the PDF's extracted text holds the string exactly (less whitespace and invisible format
characters), with no empty box (.notdef) drawn. The strings come from all of Unicode, and from the characters
the chart's font chain has (so that most of those are built, in every font of the chain)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import briefgen
from tests.helpers import notdef_drawn
from tests.layout.test_text_property import EXAMPLES, _scalar, _visible

BRIEF = """\
meta: {{title: Property, date: 2025-05-01, organisation: {{name: X}}}}
sections:
  - heading: One
    blocks:
      - chart:
          type: bar
          title: T
          alt: Bars
          data: {{categories: [{label}, "Z0"], values: {{v: [2, 1]}}}}
"""
#: Where a refusal of the label may be reported (a blank or duplicate name is refused as data).
PLACES = {"sections[0].blocks[0].chart.data.categories[0]", "sections[0].blocks[0].chart.data.categories",
          "sections[0].blocks[0].chart.data"}


def _chain_characters() -> list[str]:
    """Characters of every font of the chart's chain (the fallbacks' own included), and a few spaces."""
    from briefgen.charts.style import ChartStyle
    from briefgen.theme import default_theme

    chain = ChartStyle.from_theme(default_theme(), "en").chain
    chain.font_for("\uffff")  # reads every fallback font of the chain
    chars = set(chain.covered) | set().union(*(covered for _, covered in chain._loaded))
    return sorted(chars | set(" \u00a0\u200b"))


@pytest.fixture(scope="module", autouse=True)
def _warm_matplotlib(tmp_path_factory):
    """Draw two charts here first: each build's chart worker then forks with matplotlib loaded and its fonts
    open (about 30 ms a build instead of 200)."""
    from briefgen.charts.standalone import load_chart
    from briefgen.charts.style import ChartStyle
    from briefgen.charts.vector import display_list
    from briefgen.theme import default_theme

    theme = default_theme()
    for label in ("Київ ≥ ✓", "plain"):
        spec = load_chart({"type": "bar", "title": "T", "alt": "a",
                           "data": {"categories": [label, "Z0"], "values": {"v": [2, 1]}}},
                          base_dir=tmp_path_factory.mktemp("warm"), theme=theme)
        display_list(spec, ChartStyle.from_theme(theme, "en"), 300, furniture=False)


LABELS = st.one_of(st.text(min_size=1, max_size=12),
                   st.text(st.sampled_from(_chain_characters()), min_size=1, max_size=12))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(label=LABELS)
def test_any_chart_label_prints_exactly_or_is_refused_at_its_place(tmp_path_factory, label):
    import pypdfium2 as pdfium

    folder = tmp_path_factory.mktemp("label", numbered=True)
    path = folder / "brief.yaml"
    path.write_text(BRIEF.format(label=_scalar(label)), encoding="utf-8")
    try:
        built = briefgen.build(path, folder / "out", standard="none")
    except briefgen.BriefError as error:
        assert {d.path for d in error.diagnostics} <= PLACES, [str(d) for d in error.diagnostics]
        event("refused")
        return
    event("built")
    data = built.read_bytes()
    document = pdfium.PdfDocument(data)
    text = _visible(document[0].get_textpage().get_text_range())
    assert _visible(label.strip()) in text, (label, [f"U+{ord(c):04X}" for c in label], text)
    assert notdef_drawn(data) == [], (label, [f"U+{ord(c):04X}" for c in label])
