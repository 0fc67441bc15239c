"""End to end: small briefs from tests/briefs/ built and checked as PDFs."""

import re

import pytest

import briefgen
from tests.helpers import (BRIEFS, build_bytes, write_brief, font_is_embedded, fonts_used, link_annotations, outline_titles,
                           page_texts, pdf_reader, render_page, stranded_headings, text_runs)


@pytest.fixture(scope="module")
def all_blocks(tmp_path_factory):
    return build_bytes(BRIEFS / "all-blocks.yaml", tmp_path_factory.mktemp("all"))


def test_metadata(all_blocks):
    reader = pdf_reader(all_blocks)
    info = reader.metadata
    assert info.title == "Every block kind, once"
    assert info.author == "Ana González, Tomás Pérez"
    assert info.subject == "This brief has every block. It cites a footnote."
    assert info["/Creator"] == "briefgen"
    assert info["/Keywords"] == "test, briefgen"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert info["/CreationDate"].startswith("D:20250430")


def test_only_embedded_subset_truetype_fonts(all_blocks):
    fonts = fonts_used(all_blocks)
    assert fonts
    for name, font in fonts.items():
        assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not a subset"
        assert font_is_embedded(font), f"{name} is not embedded"
        assert font["/Subtype"] in ("/TrueType", "/Type0")
    families = {name.split("+", 1)[1] for name in fonts}
    assert families <= {"NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold", "NotoSerif-BoldItalic", "Lato-Regular",
                        "Lato-Bold", "Lato-Italic", "Lato-BoldItalic", "Lato-Black"}


def test_text_in_reading_order_with_accents(all_blocks):
    texts = page_texts(all_blocks)
    first = texts[0]
    assert "Ana González and Tomás Pérez" in first
    assert "Accents: González, ñandú, ¿qué? ¡sí! “quoted” – — € …" in first
    # escaped user markup prints literally
    assert "Second finding with <b>markup</b> & an ampersand." in first
    order = [first.index(s) for s in ("Every block kind, once", "SUMMARY", "Contents", "Prose and lists",
                                      "KEY FINDINGS")]
    assert order == sorted(order)


def test_outline_has_every_section(all_blocks):
    assert outline_titles(all_blocks) == ["Contents", "1  Prose and lists", "2  Quotes and tables",
                                          "2.1  A subsection", "Sources"]


def test_page_furniture(all_blocks):
    texts = page_texts(all_blocks)
    total = len(texts)
    assert "Page 1 of" not in texts[0]  # the first page carries no running head or footer
    for number, text in enumerate(texts[1:], 2):
        assert f"Page {number} of {total}" in text
        assert "Example Institute · 30 April 2025" in text
        assert text.lstrip().startswith("Every block kind")  # running header: the short title


def test_links(all_blocks):
    links = link_annotations(all_blocks)
    uris = {link["uri"] for link in links if link["uri"]}
    assert {"https://example.org", "https://example.org/data", "https://www.hrw.org/",
            "mailto:press@example.org"} <= uris
    internal = [link for link in links if link["dest"]]
    # footnote references, footnote back-links, cross-references and the contents
    assert len(internal) >= 8


def test_footnotes_at_the_foot_of_the_citing_page(all_blocks):
    first = re.sub(r"\s+", " ", page_texts(all_blocks)[0])
    assert first.index("1 The first footnote, citing [1].") > first.index("KEY FINDINGS")
    assert "2 The second footnote." in first


def test_no_heading_stranded(all_blocks):
    # section 2 starts with a pull quote that does not fit under it on page 1
    assert stranded_headings(all_blocks) == []


def test_cross_references_print_numbers(all_blocks):
    text = re.sub(r"\s+", " ", " ".join(page_texts(all_blocks)))
    assert "cross-reference to Table 1 and to Section 2." in text
    assert "see Figure 1." in text


def test_cover_band_and_margins(all_blocks):
    band = render_page(all_blocks, 0, scale=0.5)
    assert band.getpixel((5, 5)) == (0x16, 0x32, 0x5C)  # the band bleeds to the page corner
    page = render_page(all_blocks, 1, scale=0.5)
    width, height = page.size
    margin = int(22 / 25.4 * 72 * 0.5) - 1  # 22 mm in pixels at scale 0.5
    for x0, x1 in ((0, margin), (width - margin, width)):
        strip = page.crop((x0, 0, x1, height))
        assert strip.getextrema() == ((255, 255), (255, 255), (255, 255)), "ink in the side margins"


def test_reproducible_bytes(tmp_path, all_blocks):
    assert build_bytes(BRIEFS / "all-blocks.yaml", tmp_path) == all_blocks


def test_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = build_bytes(BRIEFS / "minimal.yaml", tmp_path)
    assert pdf_reader(data).metadata["/CreationDate"].startswith("D:20231114")


def test_spanish_labels_dates_and_numbers(tmp_path):
    data = build_bytes(BRIEFS / "spanish.yaml", tmp_path)
    text = "\n".join(page_texts(data))
    assert "28 de julio de 2024" in text
    assert "Cuadro 1" in text and "Según el Cuadro 1, la diferencia" in text
    assert "7.156.462" in text and "67,1\u00a0%" in text.replace(" %", "\u00a0%")  # a no-break space before %
    assert "RESUMEN" in text
    assert pdf_reader(data).trailer["/Root"]["/Lang"] == "es"


def test_long_table_splits_with_header_repeated(tmp_path):
    data = build_bytes(BRIEFS / "long-table.yaml", tmp_path)
    texts = page_texts(data)
    assert len(texts) >= 3
    assert "Row 1 1,000" in re.sub(r"\s+", " ", texts[0])  # the table starts under the text, not on a new page
    assert "Table 1 Many rows Row Value" in re.sub(r"\s+", " ", texts[0])
    for text in texts[1:]:  # later pages repeat the header under a shorter caption
        text = re.sub(r"\s+", " ", text)
        assert "Table 1 (continued) Row Value" in text and "Many rows" not in text
    assert "Row 120 120,000" in re.sub(r"\s+", " ", texts[-1])
    width, height = pdf_reader(data).pages[0].mediabox.upper_right
    assert (float(width), float(height)) == (612, 792)


def test_build_returns_path_and_writes_nothing_else(tmp_path):
    target = briefgen.build(BRIEFS / "minimal.yaml", tmp_path)
    assert target == tmp_path / "minimal.pdf"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal.pdf"]


def test_a_figure_that_does_not_fit_floats_to_the_next_page(tmp_path):
    from PIL import Image

    Image.new("RGB", (1000, 1400), "#345").save(tmp_path / "tall.png")  # about 3/4 of a page
    filler = " ".join(["Text that fills the first page."] * 170)
    path = write_brief(tmp_path, f"""\
meta:
  title: Floats
  date: 2025-04-30
  organisation: {{name: X}}
sections:
  - heading: One
    blocks:
      - prose: {filler}
      - figure: {{file: tall.png, title: Bars, alt: bars}}
      - prose: The paragraph after the figure.
  - heading: Two
    blocks:
      - prose: Section two.
""")
    texts = [re.sub(r"\s+", " ", t) for t in page_texts(briefgen.build(path, tmp_path / "out").read_bytes())]
    joined = " ".join(texts)
    # the text after the figure filled the page first, the next section's too; the figure opens the next page
    assert joined.index("The paragraph after the figure.") < joined.index("2 Two") < joined.index("Figure 1 Bars")
    page = next(t for t in texts if "Figure 1 Bars" in t)
    assert "Text that fills" not in page and "paragraph after" not in page  # it opens its own page


def test_table_group_rows(tmp_path):
    path = write_brief(tmp_path, """\
meta:
  title: Groups
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - table:
          title: Grouped
          columns: [{header: What}, {header: N, format: number}]
          rows:
            - {group: Deaths}
            - [Killed, 25]
            - {group: Detentions}
            - [Detained, 2229]
""")
    text = re.sub(r"\s+", " ", page_texts(briefgen.build(path, tmp_path / "out").read_bytes())[0])
    assert "What N Deaths Killed 25 Detentions Detained 2,229" in text


def test_table_total_row_is_bold(tmp_path):
    path = write_brief(tmp_path, """\
meta:
  title: Totals
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - table:
          title: With a total
          total: true
          columns: [{header: What}, {header: N, format: number}]
          rows:
            - [Killed, 25]
            - [Detained, 2229]
            - [All, 2254]
""")
    runs = text_runs(briefgen.build(path, tmp_path / "out").read_bytes(), 0)
    fonts = {text.strip(): font for text, _, font, _ in runs}
    assert "Bold" in fonts["All"] and "Bold" in fonts["2,254"]
    assert "Bold" not in fonts["Detained"] and "Bold" not in fonts["2,229"]
