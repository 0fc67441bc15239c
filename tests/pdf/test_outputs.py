"""The other outputs keep their promises: exported chart PDFs, annexes joined to a report, long tables,
contents, and passages in another language."""

from __future__ import annotations

import pikepdf
import pytest

import briefgen
from briefgen.pdf.archive import add_metadata, save
from tests.helpers import (BRIEFS, build_bytes, charts_brief, find_roles, pdfium_tree, pdfjs_tree, run_cli,
                           struct_reading_text, write_brief)

page = pytest.importorskip("page", reason="page-validation is in the test extras")


def failures(path, profile: str) -> list[str]:
    return [f"{f.rule_id}: {f.message}" for f in page.validate_pdf(str(path), profile=profile).failures]


def claims(path) -> tuple:
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        return meta.get("pdfaid:part"), meta.get("pdfuaid:part")


@pytest.fixture(scope="module")
def brief(tmp_path_factory):
    return charts_brief(tmp_path_factory.mktemp("charts"))


def test_an_exported_chart_pdf_is_one_tagged_figure_with_its_alt_text(brief, tmp_path):
    from briefgen.charts import export_brief_charts

    pdfs = [p for p in export_brief_charts(brief, tmp_path, formats=("pdf",)) if p.suffix == ".pdf"]
    assert len(pdfs) == 3
    alts = {a for a in (" ".join(b.alt.split()) for _, b in briefgen.charts.rendering.brief_charts(
        briefgen.load(brief)))}
    for path in pdfs:
        assert failures(path, "ua1") == [] and failures(path, "2b") == []
        for tree in (pdfium_tree(path), pdfjs_tree(path)):
            [figure] = find_roles(tree, "Figure")
            assert " ".join(figure["alt"].split()) in alts
        assert claims(path) == ("2", "1")


def test_an_annex_joins_a_tagged_reports_tree_and_keeps_its_claims(brief, tmp_path, capsys):
    report = tmp_path / "report.pdf"
    report.write_bytes(build_bytes(BRIEFS / "all-blocks.yaml", tmp_path))
    status, _, err = run_cli(["attach", report, "--charts", brief, "-o", tmp_path / "all.pdf"], capsys)
    assert status == 0, err
    combined = tmp_path / "all.pdf"
    assert failures(combined, "ua1") == [] and failures(combined, "2b") == []
    assert claims(combined) == ("2", "1")
    figures = find_roles(pdfium_tree(combined), "Figure")
    before = find_roles(pdfium_tree(report), "Figure")
    assert len(figures) == len(before) + 3
    assert [f["alt"] for f in figures[:len(before)]] == [f["alt"] for f in before]
    text = struct_reading_text(combined)
    assert text.index("Chart annex") > text.index("Sources")  # the annex is read after the report
    assert "Figure 3 The tally sheets put González ahead" in text[text.index("Chart annex"):]


def test_an_annex_to_an_untagged_report_leaves_no_claim(brief, tmp_path, capsys):
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(build_bytes(BRIEFS / "minimal.yaml", tmp_path))  # untagged below, claiming PDF/A-2b
    untagged = briefgen.build(BRIEFS / "minimal.yaml", tmp_path / "untagged", standard="none")
    with pikepdf.open(untagged) as pdf:
        add_metadata(pdf, "2b", True, "en")  # a false claim, as another tool might leave
        plain.write_bytes(save(pdf))
    assert claims(plain) == ("2", "1")
    status, _, err = run_cli(["attach", plain, "--charts", brief, "-o", tmp_path / "all.pdf"], capsys)
    assert status == 0, err
    assert claims(tmp_path / "all.pdf") == (None, None)
    with pikepdf.open(tmp_path / "all.pdf") as pdf:
        assert "/StructTreeRoot" not in pdf.Root


def test_a_table_split_over_pages_is_one_table_with_its_header_read_once(tmp_path):
    path = briefgen.build(BRIEFS / "long-table.yaml", tmp_path)
    with pikepdf.open(path) as pdf:
        assert len(pdf.pages) >= 2
    with pikepdf.open(path) as pdf:  # one Table element, whose rows go on over the pages
        tables = [e for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Table"]
        assert len(tables) == 1
    for tree in (pdfium_tree(path), pdfjs_tree(path)):
        headers = [h["text"] for h in find_roles(tree, "TH") if h["text"]]
        assert headers == ["Row", "Value"]  # the header repeated on later pages is an artifact
        assert len([r for r in find_roles(tree, "TR") if r["text"]]) == 1 + 120
    text = struct_reading_text(path)
    assert "(continued)" not in text and text.count("Row 120") == 1


def _elements(node):
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from _elements(kid)


def test_the_contents_are_a_toc_of_entries(tmp_path):
    path = briefgen.build(BRIEFS / "all-blocks.yaml", tmp_path)
    tree = pdfium_tree(path)
    [toc] = find_roles(tree, "TOC")
    entries = [child for child in toc["children"] if child["role"] == "TOCI"]
    assert entries and entries[0]["text"].startswith("1")
    assert [h["text"] for h in find_roles(tree, "H2")][1] == "Contents"


def test_a_quotation_in_another_language_says_so(tmp_path):
    path = write_brief(tmp_path, """\
        meta:
          title: Languages
          date: 2025-05-01
          organisation: {name: Org}
        sections:
          - heading: One
            blocks:
              - prose: The minister said it plainly.
              - quote:
                  text: No vamos a negociar con nadie.
                  attribution: The minister, 2 May 2025
                  lang: es
              - prose:
                  text: Les détenus ont été libérés.
                  lang: fr
        """)
    pdf_path = briefgen.build(path, tmp_path / "out")
    assert failures(pdf_path, "ua1") == []
    for tree in (pdfium_tree(pdf_path), pdfjs_tree(pdf_path)):
        [quote] = find_roles(tree, "BlockQuote")
        assert quote["lang"] == "es" and "No vamos a negociar" in quote["text"]
        assert quote["children"][1]["lang"] == "en"  # the attribution
        french = [n for n in find_roles(tree, "Div") if n["lang"] == "fr"]
        assert len(french) == 1 and "Les détenus" in french[0]["text"]


def test_a_bad_language_tag_is_a_positioned_error(tmp_path, capsys):
    path = write_brief(tmp_path, """\
        meta:
          title: Languages
          date: 2025-05-01
          organisation: {name: Org}
        sections:
          - heading: One
            blocks:
              - quote: {text: Hola., attribution: Someone, lang: spanish}
        """)
    status, out, err = run_cli(["validate", path], capsys)
    assert status == 2
    assert (f"{path.name}:8:58: sections[0].blocks[0].quote.lang: expected a language tag such as 'es', 'fr'"
            " or 'pt-BR' (two or three letters, then optional '-' parts), found 'spanish'") in out + err


def test_an_annex_to_a_report_with_a_broken_tree_withdraws_its_claims(brief, tmp_path, capsys):
    report = tmp_path / "broken.pdf"
    untagged = briefgen.build(BRIEFS / "minimal.yaml", tmp_path / "untagged", standard="none")
    with pikepdf.open(untagged) as pdf:
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=pikepdf.String("not an element"),
            ParentTreeNextKey=pikepdf.Name.Nonsense))
        add_metadata(pdf, "2b", True, "en")
        report.write_bytes(save(pdf))
    status, _, err = run_cli(["attach", report, "--charts", brief, "-o", tmp_path / "all.pdf"], capsys)
    assert (status, err) == (0, "")
    assert claims(tmp_path / "all.pdf") == (None, None)
