"""The sample brief (briefs/venezuela-2025.yaml), built once and checked as a reader would."""

import re

import pytest

import briefgen
from tests.helpers import (SAMPLE, font_is_embedded, fonts_used, link_annotations, outline_titles, page_texts,
                           pdf_reader, qpdf_check, render_page, stranded_headings)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    path = briefgen.build(SAMPLE, out)
    return path, path.read_bytes()


def test_six_to_ten_pages(sample):
    assert 6 <= len(pdf_reader(sample[1]).pages) <= 10


def test_fonts_embedded_subsets(sample):
    for name, font in fonts_used(sample[1]).items():
        assert re.match(r"^/[A-Z]{6}\+", name) and font_is_embedded(font), name


def test_metadata_and_language(sample):
    reader = pdf_reader(sample[1])
    brief = briefgen.load(SAMPLE)
    assert reader.metadata.title == brief.meta.title
    assert reader.metadata.author
    assert reader.metadata.subject.startswith(str(brief.meta.summary)[:40])
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_outline_has_every_section(sample):
    brief = briefgen.load(SAMPLE)
    titles = outline_titles(sample[1])
    for n, section in enumerate(brief.sections, 1):
        assert f"{n}  {section.heading}" in titles
    assert "Sources" in titles


def test_source_links_and_footer(sample):
    uris = {link["uri"] for link in link_annotations(sample[1]) if link["uri"]}
    assert len({u for u in uris if u.startswith("http")}) >= 5
    texts = page_texts(sample[1])
    assert f"Page 2 of {len(texts)}" in texts[1]


def test_accents_survive_extraction(sample):
    text = " ".join(page_texts(sample[1]))
    for name in ("González", "Nicolás Maduro"):
        assert name in text


def test_no_heading_stranded_at_the_foot_of_a_page(sample):
    assert stranded_headings(sample[1]) == []


def test_first_page_band_and_clean_margins(sample):
    data = sample[1]
    first = render_page(data, 0, scale=0.5)
    assert first.getpixel((3, 3)) == (0x16, 0x32, 0x5C)
    width_mm = 210
    for index in range(1, len(pdf_reader(data).pages)):
        page = render_page(data, index, scale=0.5)
        margin = int(page.size[0] * 20 / width_mm)  # just inside the 22 mm margins
        for box in ((0, 0, margin, page.size[1]), (page.size[0] - margin, 0, *page.size)):
            assert page.crop(box).getextrema() == ((255, 255),) * 3, f"ink in a side margin on page {index + 1}"


def test_qpdf_check_passes(sample):
    report = qpdf_check(sample[0])
    if report is None:
        pytest.skip("qpdf is not installed")
    assert report.startswith("exit 0") and "WARNING" not in report, report


def test_reproducible(sample, tmp_path):
    assert briefgen.build(SAMPLE, tmp_path).read_bytes() == sample[1]
