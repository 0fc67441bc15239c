"""Charts in the brief's PDF: vector with real text, in the theme's fonts, reproducible; raster on request."""

import pytest

from tests.helpers import build_bytes, charts_brief, chart_spec, fonts_used, font_is_embedded, page_texts, pdf_reader


def image_xobjects(data: bytes) -> int:
    count = 0
    for page in pdf_reader(data).pages:
        resources = page.get("/Resources")
        xobjects = (resources.get_object().get("/XObject") or {}) if resources else {}
        count += sum(1 for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image")
    return count


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brief")
    return build_bytes(charts_brief(folder), folder)


def test_charts_are_vector_with_no_images(sample_pdf):
    assert image_xobjects(sample_pdf) == 0


def test_chart_labels_extract_as_text(sample_pdf):
    text = " ".join(page_texts(sample_pdf))
    for label in ("Political prisoners (Foro Penal)", "2,229", "Release reviews announced", "Táchira",
                  "+65.6", "Edmundo González", "Half the votes", "Sep 2024"):
        assert label in text, label


def test_captions_numbered_and_sources_printed(sample_pdf):
    text = " ".join(page_texts(sample_pdf))
    assert "Figure 1" in text and "Figure 3" in text
    assert "The tally sheets put González ahead in every state and the Capital District" in text
    assert "Source: Opposition tally-sheet database" in text


def test_chart_text_uses_the_theme_fonts_embedded(sample_pdf):
    fonts = fonts_used(sample_pdf)
    assert any("Lato" in name for name in fonts)
    assert all(font_is_embedded(font) for font in fonts.values()), list(fonts)
    assert not any("Helvetica" in name or "Times" in name for name in fonts)


def test_same_input_same_bytes_cold_or_warm(tmp_path, monkeypatch):
    path = charts_brief(tmp_path, charts=("vote-shares",))
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    cold = build_bytes(path, tmp_path / "a")
    warm = build_bytes(path, tmp_path / "b")
    monkeypatch.setenv("BRIEFGEN_NO_CACHE", "1")
    uncached = build_bytes(path, tmp_path / "c")
    assert cold == warm == uncached


def test_raster_chart_is_an_image_of_300_dpi(tmp_path):
    spec = {**chart_spec("vote-shares"), "raster": True}
    data = build_bytes(charts_brief(tmp_path, specs=[spec]), tmp_path)
    assert image_xobjects(data) == 1
    page = next(p for p in pdf_reader(data).pages if "/XObject" in p["/Resources"])
    image = next(iter(page["/Resources"]["/XObject"].values())).get_object()
    assert abs(int(image["/Width"]) - 166 * 300 / 25.4) <= 1  # the A4 column (166 mm) at 300 dpi


def test_brief_wide_raster_option(tmp_path):
    """Meta has no raster option yet; a brief read with one set rasterises every chart."""
    import briefgen
    from briefgen import render_pdf

    brief = briefgen.load(charts_brief(tmp_path, charts=("vote-shares", "state-margins")))
    brief.meta.raster_charts = True
    assert image_xobjects(render_pdf(brief)) == 2


def test_spanish_numbers(tmp_path):
    data = build_bytes(charts_brief(tmp_path, charts=("vote-shares", "detentions-releases"), lang="es"), tmp_path)
    text = " ".join(page_texts(data))
    assert "Gráfico 1" in text
    assert "52,0" in text and "67,1" in text  # 51.95 at the chart's one decimal, with a decimal comma
    assert "2229" in text  # Spanish groups digits from five figures on
    assert "sep 2024" in text
