"""The other outputs keep their promises: exported chart PDFs, annexes joined to a report, long tables,
contents, and passages in another language."""

from __future__ import annotations

import pikepdf
import pytest

import briefgen
from briefgen.pdf.archive import add_metadata, save
from tests.helpers import (BRIEFS, blocks_brief, build_bytes, charts_brief, find_roles, pdfium_tree, pdfjs_tree,
                           run_cli, struct_reading_text, write_brief)

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
    path = blocks_brief(tmp_path, """\
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
    path = blocks_brief(tmp_path, """\
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


def test_a_note_cited_in_another_language_is_read_in_the_briefs(tmp_path):
    path = blocks_brief(tmp_path, """\
          - prose: {lang: es, text: "Foro Penal contó 894 presos.[^n]"}
          - quote: {text: "No vamos a negociar.[^m]", attribution: The minister, lang: es}
    """, tail="""\
    footnotes:
      n: The count of 12 May 2025.
      m: Said on state television.
    """)
    pdf_path = briefgen.build(path, tmp_path / "out")
    assert failures(pdf_path, "ua1") == []
    for tree in (pdfium_tree(pdf_path), pdfjs_tree(pdf_path)):
        notes = find_roles(tree, "Note")
        assert [(n["text"], n["lang"]) for n in notes] == [
            ("1 The count of 12 May 2025.", "en"), ("2 Said on state television.", "en")]
        [spanish] = [n for n in find_roles(tree, "Div") if n["lang"] == "es"]
        assert "Foro Penal contó 894 presos." in spanish["text"]


def test_a_total_row_after_groups_is_headed_by_its_own_label_not_the_last_group(tmp_path):
    path = blocks_brief(tmp_path, """\
          - table:
              title: Votes
              columns:
                - {header: Candidate}
                - {header: Votes, format: number}
              rows:
                - {group: Main candidates}
                - [Nicolás Maduro, 6408844]
                - {group: Others}
                - [Eight other candidates, 600936]
                - [Valid votes, 12335884]
              total: true
    """)
    pdf_path = briefgen.build(path, tmp_path / "out")
    assert failures(pdf_path, "ua1") == [] and failures(pdf_path, "2b") == []
    with pikepdf.open(pdf_path) as pdf:
        [body] = [e for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/TBody"]
        rows = [kid for kid in body.K]
        assert len(rows) == 5
        grouped, total = rows[3], rows[4]
        assert [len(cell.A.Headers) for cell in grouped.K] == [2, 2]  # column and group "Others"
        assert [str(cell.S) for cell in total.K] == ["/TH", "/TD"]
        assert total.K[0].A.Scope == "/Row"
        assert all("/A" not in cell or "/Headers" not in cell.A for cell in total.K)
    for tree in (pdfium_tree(pdf_path), pdfjs_tree(pdf_path)):
        assert [h["text"] for h in find_roles(tree, "TH")] == [
            "Candidate", "Votes", "Main candidates", "Others", "Valid votes"]


def test_alt_text_of_only_spaces_is_missing_alt_text(tmp_path):
    from briefgen.errors import BriefError

    (tmp_path / "bars.png").write_bytes((BRIEFS / "bars.png").read_bytes())
    head = """\
        meta:
          title: Blank alt
          date: 2025-05-01
          organisation: {name: Org}
          standard: %s
        sections:
          - heading: One
            blocks:
              - figure: {file: bars.png, title: Bars, alt: "   "}
              - chart:
                  type: bar
                  title: Detentions rose
                  alt: " \\t "
                  data: {categories: [Q1, Q2], values: {Detentions: [120, 310]}}
        """
    path = write_brief(tmp_path, head % "ua-1")
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:9:9: sections[0].blocks[0]: figure has no alt text, which PDF/UA-1 requires; add 'alt:' saying"
        " what the image shows, or 'decorative: true' if it carries no information (or build with --standard"
        " none for a draft)",
        f"{path}:10:9: sections[0].blocks[1]: chart has no alt text, which PDF/UA-1 requires; add 'alt:' saying"
        " what the chart shows (its main finding, not its kind) (or build with --standard none for a draft)"]
    path = write_brief(tmp_path, head % "a-2b")  # tagged without the claim: a warning, and no blank /Alt
    assert [str(w) for w in briefgen.load(path).warnings] == [
        f"{path}:9:17: sections[0].blocks[0].figure: warning: figure has no alt text; add 'alt:' describing what"
        " it shows",
        f"{path}:11:11: sections[0].blocks[1].chart: warning: chart has no alt text; add 'alt:' saying what it"
        " shows"]
    pdf_path = briefgen.build(path, tmp_path / "out")
    with pikepdf.open(pdf_path) as pdf:
        alts = [str(e.Alt) for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
    assert alts == ["Bars", "Detentions rose"]


def test_an_annex_in_another_language_says_so(tmp_path, capsys):
    spanish = charts_brief(tmp_path / "es", lang="es")
    report = tmp_path / "report.pdf"
    report.write_bytes(build_bytes(BRIEFS / "all-blocks.yaml", tmp_path))
    status, _, err = run_cli(["attach", report, "--charts", spanish, "-o", tmp_path / "all.pdf"], capsys)
    assert status == 0, err
    combined = tmp_path / "all.pdf"
    assert failures(combined, "ua1") == [] and failures(combined, "2b") == []
    with pikepdf.open(combined) as pdf:
        assert str(pdf.Root.Lang) == "en"
        [document] = pdf.Root.StructTreeRoot.K
        annex = [kid for kid in document.K if kid.S == "/Sect"][-1]
        assert str(annex.Lang) == "es" and str(annex.K[0].S) == "/H2"
    spanish = [s for s in find_roles(pdfium_tree(combined), "Sect") if s["lang"] == "es"]  # as Chrome reads it
    assert spanish and spanish[0]["children"][0]["text"] == "Anexo de gráficos"


def test_an_annex_to_a_3b_report_whose_files_were_stripped_keeps_no_dangling_references(brief, tmp_path, capsys):
    report = briefgen.build(brief, tmp_path / "report", standard="ua-1+a-3b")
    with pikepdf.open(report) as pdf:
        assert len(pdf.attachments) == 4  # three charts' data and the brief
    status, _, err = run_cli(["attach", report, "--charts", brief, "-o", tmp_path / "all.pdf"], capsys)
    assert status == 0, err
    assert "removed active content from the report: " in err and "embedded file" in err
    combined = tmp_path / "all.pdf"
    assert failures(combined, "3b") == [] and failures(combined, "ua1") == []
    with pikepdf.open(combined) as pdf:
        holders = [pdf.Root] + [e for e in _elements(pdf.Root.StructTreeRoot)]
        specs = [spec for holder in holders for spec in holder.get("/AF", [])]
        assert all("/EF" in spec for spec in specs) and not any(len(h.AF) == 0 for h in holders if "/AF" in h)
        assert not any("/AF" in e for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Figure")
        assert "/AF" not in pdf.Root and len(pdf.attachments) == 0
    assert claims(combined) == ("3", "1")
