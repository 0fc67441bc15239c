"""Tagged PDFs: every brief is PDF/UA-1 and PDF/A-2b by default, as an independent validator and two
real readers (pdf.js as in Firefox, PDFium as in Chrome) see it."""

from __future__ import annotations

import re

import pikepdf
import pytest
import yaml

import briefgen
from tests.helpers import (BRIEFS, ROOT, SAMPLE, find_roles, pdfium_tree, pdfjs_pages, pdfjs_tree,
                           struct_reading_text, write_brief)

page = pytest.importorskip("page", reason="page-validation is in the test extras")

# multilingual.yaml needs the test CJK font beside it: tests/e2e/test_multilingual.py builds and validates it.
CORPUS = [SAMPLE, ROOT / "briefs" / "template.yaml",
          *sorted(p for p in BRIEFS.glob("*.yaml") if p.name != "multilingual.yaml")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each corpus brief built once, with the default claims: name -> PDF path."""
    out = tmp_path_factory.mktemp("tagged")
    return {path.stem: briefgen.build(path, out) for path in CORPUS}


@pytest.fixture(scope="module")
def sample_trees(built):
    path = built["venezuela-2025"]
    return {"pdf.js": pdfjs_tree(path), "PDFium": pdfium_tree(path)}


def failures(path, profile: str) -> list[str]:
    report = page.validate_pdf(str(path), profile=profile)
    return [f"{failure.rule_id}: {failure.message}" for failure in report.failures]


@pytest.mark.parametrize("profile", ["ua1", "2b"])
@pytest.mark.parametrize("brief", [path.stem for path in CORPUS])
def test_every_brief_passes_the_validator(built, brief, profile):
    assert failures(built[brief], profile) == []


def test_the_sample_claims_both_standards_in_its_metadata(built):
    with pikepdf.open(built["venezuela-2025"]) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == "After the Vote: Repression and Accountability in Venezuela"
        assert meta["xmp:CreateDate"].startswith("2025-05-15")  # the brief's date: rebuilds stay identical
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.Root.Lang) == "en"
        assert all(p.obj.Tabs == "/S" for p in pdf.pages)
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"


def _sample_sections() -> list[dict]:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["sections"]


def _blocks(kind: str) -> list[dict]:
    found = []

    def visit(sections):
        for section in sections:
            found.extend(block[kind] for block in section.get("blocks", []) if kind in block)
            visit(section.get("sections", []))

    visit(_sample_sections())
    return found


@pytest.mark.parametrize("reader", ["pdf.js", "PDFium"])
def test_headings_nest_title_then_sections_then_subsections(sample_trees, reader):
    trees = sample_trees[reader]
    assert [n["text"] for n in find_roles(trees, "H1")] == [
        "After the Vote: Repression and Accountability in Venezuela"]
    sections = [n["text"] for n in find_roles(trees, "H2")]
    headings = [f"{n} {s['heading']}" for n, s in enumerate(_sample_sections(), 1)]
    assert sections == ["SUMMARY"] + headings + ["Sources", "About Observatorio de Derechos y Democracia"]
    # Box titles and the recommendations' audiences sit one level below their section.
    assert [n["text"] for n in find_roles(trees, "H3")] == [
        "KEY FINDINGS", "To the United States government", "To the European Union and other governments",
        "To the Venezuelan authorities"]
    assert not find_roles(trees, "H4")


@pytest.mark.parametrize("reader", ["pdf.js", "PDFium"])
def test_tables_have_header_cells_and_data_cells(sample_trees, reader):
    tables = find_roles(sample_trees[reader], "Table")
    expected = _blocks("table")
    assert len(tables) == len(expected) == 2
    for table, block in zip(tables, expected):
        cells = [n for n in _descendants(table)]
        headers = [n for n in cells if n["role"] == "TH"]
        data = [n for n in cells if n["role"] == "TD"]
        groups = [row for row in block["rows"] if isinstance(row, dict)]
        body = [row for row in block["rows"] if not isinstance(row, dict)]
        total = 1 if block.get("total") else 0  # a total row's label heads its row
        assert len(headers) == len(block["columns"]) + len(groups) + total
        assert len(data) == sum(len(row) for row in body) - total
        assert [n["text"] for n in headers[:len(block["columns"])]] == [c["header"] for c in block["columns"]]
        assert [n["role"] for n in table["children"]][:3] == ["Caption", "THead", "TBody"]


def _descendants(node):
    for child in node["children"]:
        yield child
        yield from _descendants(child)


@pytest.mark.parametrize("reader", ["pdf.js", "PDFium"])
def test_every_chart_is_a_figure_with_its_alt_text(sample_trees, reader):
    figures = find_roles(sample_trees[reader], "Figure")
    alts = [" ".join(chart["alt"].split()) for chart in _blocks("chart")]
    assert len(alts) == 3
    # The organisation's logo comes first, on the cover, named by the organisation.
    assert [" ".join(f["alt"].split()) for f in figures] == ["Observatorio de Derechos y Democracia"] + alts


@pytest.mark.parametrize("reader", ["pdf.js", "PDFium"])
def test_footnotes_are_notes_and_running_heads_are_not_in_the_tree(sample_trees, reader):
    trees = sample_trees[reader]
    footnotes = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["footnotes"]
    notes = find_roles(trees, "Note")
    assert len(notes) == len(footnotes) == 7
    assert [n["text"].split(" ", 1)[0] for n in notes] == [str(n) for n in range(1, 8)]
    text = " ".join(node["text"] for node in trees[0]["children"]) + " ".join(
        child["text"] for tree in trees for child in tree["children"])
    assert "Page 2 of" not in text and "Venezuela after the vote" not in text  # footer, running head
    assert "Political prisoners" in text


def _pruned(node):
    """``node`` without the elements that hold nothing on its page (pdf.js lists them, PDFium does not)."""
    children = [kept for kept in (_pruned(child) for child in node["children"]) if kept is not None]
    if not children and not node["text"] and not node["alt"] and node["role"] != "Root":
        return None
    return {**node, "children": children}


def test_both_readers_see_the_same_tree(sample_trees):
    def shape(trees):
        # The engines differ only in spacing, and in how they show a soft hyphen at a line end
        # (PDFium: \x02, or U+00AD; pdf.js: a line break).
        # PDFium also takes a real hyphen at a line end ("mid-" + "November") for a soft one.
        return [(n["role"], re.sub(r"[\s\x02\xad\ufffe-]+", "", n["text"]), n["alt"])
                for n in _descendants({"children": [_pruned(t) for t in trees]})]

    assert shape(sample_trees["pdf.js"]) == shape(sample_trees["PDFium"])
    assert len(shape(sample_trees["pdf.js"])) > 300


def test_the_tree_reads_in_source_order(built):
    text = struct_reading_text(built["venezuela-2025"])
    order = ["After the Vote: Repression", "SUMMARY", "1 Overview", "KEY FINDINGS", "2 A disputed count",
             "Table 1 Official results", "Figure 1 The tally sheets give", "Figure 2 The tally sheets put",
             "3 The crackdown", "Table 2 Deaths and detentions", "4 Detentions and releases",
             "Figure 3 Political prisoners", "5 International accountability", "6 Recommendations", "Sources",
             "About Observatorio"]
    positions = [text.find(piece) for piece in order]
    assert -1 not in positions, [piece for piece, at in zip(order, positions) if at < 0]
    assert positions == sorted(positions)
    # A chart floated to a later page is still read between the paragraphs around it in the source.
    before = text.find("almost three times the figure before the vote")
    assert before < text.find("Figure 3 Political prisoners") < text.find("The government said 2,229")
    assert "Page 3 of" not in text


def test_a_note_is_read_after_the_paragraph_that_cites_it(built):
    text = struct_reading_text(built["venezuela-2025"])
    note = text.find("6 Foro Penal’s count is the number of people held")
    assert note > text.find("almost three times the figure before the vote") > 0


def test_outline_entries_go_to_the_heading_not_the_top_of_the_page(built):
    with pikepdf.open(built["venezuela-2025"]) as pdf:
        names = pikepdf.NameTree(pdf.Root.Names.Dests) if "/Dests" in pdf.Root.get("/Names", {}) else None
        item = pdf.Root.Outlines.First
        tops = []
        while item is not None:
            dest = item.get("/Dest")
            if isinstance(dest, (pikepdf.String, pikepdf.Name)):
                dest = names[str(dest)] if names is not None else pdf.Root.Dests[str(dest)]
            dest = dest.get("/D", dest) if isinstance(dest, pikepdf.Dictionary) else dest
            assert str(dest[1]) == "/XYZ"
            tops.append(float(dest[3]))
            item = item.get("/Next")
    height = 841.89
    assert len(tops) == 7 and any(top < height - 150 for top in tops)


def test_standard_none_is_untagged_and_claims_nothing(tmp_path):
    path = briefgen.build(ROOT / "tests" / "briefs" / "minimal.yaml", tmp_path, standard="none")
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
        assert "/Metadata" not in pdf.Root
        assert b"BDC" not in pdf.pages[0].Contents.read_bytes()


def test_a_3b_embeds_each_charts_data_and_the_brief(tmp_path):
    path = briefgen.build(SAMPLE, tmp_path / "pdf", standard="ua-1+a-3b")
    assert failures(path, "3b") == [] and failures(path, "ua1") == []
    exported = briefgen.charts.export_brief_charts(SAMPLE, tmp_path / "charts", formats=())
    csvs = {p.name: p.read_bytes() for p in exported if p.suffix == ".csv"}
    assert len(csvs) == 3
    with pikepdf.open(path) as pdf:
        files = {name: spec for name, spec in pdf.attachments.items()}
        assert set(files) == set(csvs) | {"venezuela-2025.yaml"}
        for name, data in csvs.items():
            assert files[name].get_file().read_bytes() == data
            assert files[name].obj.AFRelationship == "/Data"
        assert files["venezuela-2025.yaml"].get_file().read_bytes() == SAMPLE.read_bytes()
        assert files["venezuela-2025.yaml"].obj.AFRelationship == "/Source"
        # Each chart's Figure element points at its own data.
        figures = [e for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == "/Figure" and "/AF" in e]
        assert sorted(str(e.AF[0].F) for e in figures) == sorted(csvs)
        assert pdf.open_metadata()["pdfaid:part"] == "3"


def _elements(node):
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield kid
            yield from _elements(kid)


def test_a_decorative_image_is_an_artifact(tmp_path):
    (tmp_path / "bars.png").write_bytes((BRIEFS / "bars.png").read_bytes())
    path = write_brief(tmp_path, """\
        meta:
          title: Decorative
          date: 2025-05-01
          organisation: {name: Org}
        sections:
          - heading: One
            blocks:
              - figure: {file: bars.png, title: An ornament, decorative: true}
              - figure: {file: bars.png, title: Bars, alt: Three bars rising from 10 to 30.}
        """)
    pdf_path = briefgen.build(path, tmp_path / "out")
    figures = find_roles(pdfium_tree(pdf_path), "Figure")
    assert [f["alt"] for f in figures] == ["Three bars rising from 10 to 30."]
    assert failures(pdf_path, "ua1") == []


def test_a_hyphen_added_at_a_line_end_is_soft_so_readers_hear_one_word(built):
    source = " ".join(SAMPLE.read_text(encoding="utf-8").split())
    text = "\n".join(t for page in pdfjs_pages(built["venezuela-2025"]) for t in page["marked"].values())
    # pdf.js drops a soft hyphen (U+00AD) and keeps a real one: "ac-" + "countability" must not be read.
    hard = re.findall(r"(\w+)-\n(\w+)", text)
    assert all(f"{head}-{tail}" in source for head, tail in hard), hard
    soft = [(head, tail) for head, tail in re.findall(r"(\w+)\n(\w+)", text) if head + tail in source
            and f"{head} {tail}" not in source]
    assert len(soft) >= 2, soft  # total-fit line breaking hyphenates few lines (docs/typography.md)
    with pikepdf.open(built["venezuela-2025"]) as pdf:
        cmaps = [o.ToUnicode.read_bytes() for o in pdf.objects
                 if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font" and "/ToUnicode" in o]
    assert any(b"<00AD>" in cmap for cmap in cmaps)


def test_rebuilds_are_byte_identical(built, tmp_path):
    again = briefgen.build(SAMPLE, tmp_path)
    assert again.read_bytes() == built["venezuela-2025"].read_bytes()


def test_links_are_tagged_and_say_where_they_go(built):
    with pikepdf.open(built["venezuela-2025"]) as pdf:
        contents = [str(a.Contents) for p in pdf.pages for a in p.obj.get("/Annots", [])]
        assert all("/StructParent" in a and a.F == 4 for p in pdf.pages for a in p.obj.get("/Annots", []))
    assert "Note 1" in contents and "Source 1" in contents and "Back to where note 1 is cited" in contents
    assert any(re.match(r"https://", c) for c in contents)


def test_a_group_row_heads_the_cells_below_it(built):
    groups = [row["group"] for table in _blocks("table") for row in table["rows"] if isinstance(row, dict)]
    assert groups
    with pikepdf.open(built["venezuela-2025"]) as pdf:
        root = pdf.Root.StructTreeRoot
        ids = pikepdf.NameTree(root.IDTree)
        cells = [e for e in _elements(root) if e.S == "/TD" and "/A" in e and "/Headers" in e.A]
        assert cells
        named = set()
        for cell in cells:
            column, group = (ids[str(ident)] for ident in cell.A.Headers)
            assert column.S == "/TH" and column.A.Scope == "/Column"
            assert group.S == "/TH" and group.A.Scope == "/Row"
            named.add(_text_of(pdf, group))
    assert sorted(named) == sorted(groups)


def _text_of(pdf, element) -> str:
    """The text of an element's marked content, read from its page with pdfminer-free means: pypdfium2."""
    import pypdfium2 as pdfium

    index = [p.objgen for p in (page.obj for page in pdf.pages)].index(element.Pg.objgen)
    mcid = int(element.K[0])
    document = pdfium.PdfDocument(pdf.filename)
    page = document[index]
    texts = []
    for obj in page.get_objects():
        for m in range(pdfium.raw.FPDFPageObj_CountMarks(obj.raw)):
            mark = pdfium.raw.FPDFPageObj_GetMark(obj.raw, m)
            value = pdfium.raw.c_int()
            if pdfium.raw.FPDFPageObjMark_GetParamIntValue(mark, b"MCID", value) and value.value == mcid \
                    and obj.type == pdfium.raw.FPDF_PAGEOBJ_TEXT:
                textpage = page.get_textpage()
                texts.append(_object_text(pdfium, textpage, obj))
    return "".join(texts).strip()


def _object_text(pdfium, textpage, obj) -> str:
    size = pdfium.raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (pdfium.raw.c_ushort * size)()
    pdfium.raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, size)
    return bytes(buffer).decode("utf-16-le").rstrip("\x00")


def test_figures_have_a_box_and_boxes_have_a_role_map(built):
    with pikepdf.open(built["venezuela-2025"]) as pdf:
        root = pdf.Root.StructTreeRoot
        assert {str(k): str(v) for k, v in root.RoleMap.items()} == {
            "/Summary": "/Div", "/Callout": "/Div", "/About": "/Div"}
        width, height = (float(v) for v in pdf.pages[0].mediabox[2:])
        figures = [e for e in _elements(root) if e.S == "/Figure"]
        assert len(figures) == 4
        for figure in figures:
            x0, y0, x1, y1 = (float(v) for v in figure.A.BBox)
            assert figure.A.O == "/Layout" and 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
            assert x1 - x0 > 30 and y1 - y0 > 20
        roles = [str(e.S) for e in _elements(root)]
        assert roles.count("/Summary") == 1 and roles.count("/Callout") == 1 and roles.count("/About") == 1
        assert roles.count("/BlockQuote") == 1
