"""The test-side readers (tests/helpers.py: pdfjs_tree, pdfium_tree, struct_reading_text) on a tagged PDF
made by hand here, independently of briefgen's own tagging: ReportLab draws marked content, pikepdf
writes the structure tree. Two pages: a running head (an artifact) on each, a heading, a paragraph that
runs on to page two (an integer kid, then an /MCR kid on the other page), a figure with /Alt, and a
second paragraph drawn through a form XObject."""

import io

import pikepdf
import pytest
from reportlab.pdfgen import canvas

from tests.helpers import (find_roles, page_texts, pdfium_tree, pdfjs_tree, struct_reading_text,
                           tree_roles)

READERS = {"pdf.js": pdfjs_tree, "pdfium": pdfium_tree}


def marked(c, tag, mcid, draw):
    c.addLiteral(f"/{tag} <</MCID {mcid}>> BDC")
    draw()
    c.addLiteral("EMC")


def running_head(c):
    c.addLiteral("/Artifact BMC")
    c.setFont("Helvetica", 8)
    c.drawString(20, 185, "Running head")
    c.addLiteral("EMC")


def tagged_pdf(path, *, heading_mcid=0):
    """Write the sample; ``heading_mcid`` is the MCID the H1 element points to (0 is the one drawn)."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(300, 200), invariant=1)
    running_head(c)
    c.setFont("Helvetica-Bold", 16)
    marked(c, "H1", 0, lambda: c.drawString(20, 160, "Reader heading"))
    c.setFont("Helvetica", 10)
    marked(c, "P", 1, lambda: c.drawString(20, 140, "First paragraph starts here"))
    c.setFillColorRGB(1, 0, 0)
    marked(c, "Figure", 2, lambda: c.rect(20, 40, 60, 60, stroke=0, fill=1))
    c.showPage()
    running_head(c)
    c.setFont("Helvetica", 10)
    marked(c, "P", 0, lambda: c.drawString(20, 160, "and ends on page two."))
    c.beginForm("second")  # drawn through a form XObject: its text takes the MCID around the Do
    c.setFont("Helvetica", 10)
    c.drawString(20, 140, "Second paragraph.")
    c.endForm()
    marked(c, "P", 1, lambda: c.doForm("second"))
    c.showPage()
    c.save()

    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    one, two = (page.obj for page in pdf.pages)
    D, N, S = pikepdf.Dictionary, pikepdf.Name, pikepdf.String

    def element(role, parent, **entries):
        return pdf.make_indirect(D(Type=N.StructElem, S=N("/" + role), P=parent, **entries))

    root = pdf.make_indirect(D(Type=N.StructTreeRoot))
    document = element("Document", root)
    heading = element("H1", document, Pg=one, K=heading_mcid)
    continued = D(Type=N.MCR, Pg=two, MCID=0)
    paragraph = element("P", document, Pg=one, Lang=S("fr"), K=pikepdf.Array([1, continued]))
    figure = element("Figure", document, Pg=one, K=2, Alt=S("A red square"))
    second = element("P", document, K=D(Type=N.MCR, Pg=two, MCID=1))
    document.K = pikepdf.Array([heading, paragraph, figure, second])
    root.K = pikepdf.Array([document])
    root.ParentTree = pdf.make_indirect(D(Nums=pikepdf.Array([0, pikepdf.Array([heading, paragraph, figure]),
                                                              1, pikepdf.Array([paragraph, second])])))
    root.ParentTreeNextKey = 2
    one.StructParents, two.StructParents = 0, 1
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = D(Marked=True)
    pdf.Root.Lang = S("en")
    pdf.save(path, deterministic_id=True)
    return path


def plain_pdf(path):
    c = canvas.Canvas(str(path), pagesize=(300, 200), invariant=1)
    c.drawString(20, 160, "Plain")
    c.save()
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return tagged_pdf(tmp_path_factory.mktemp("readers") / "tagged.pdf")


def test_both_readers_give_the_same_trees(sample):
    trees = pdfjs_tree(sample)
    assert trees == pdfium_tree(sample)
    assert [tree["role"] for tree in trees] == ["Root", "Root"]
    # Elements are in a page's tree only where they have content there: H1 and Figure not on page two.
    assert tree_roles(trees) == ["Document", "H1", "P", "Figure", "Document", "P", "P"]


@pytest.mark.parametrize("reader", READERS)
def test_alt_text_and_language(sample, reader):
    trees = READERS[reader](sample)
    assert [(node["alt"], node["text"]) for node in find_roles(trees, "Figure")] == [("A red square", "")]
    assert [node["lang"] for node in find_roles(trees, "P")] == ["fr", "fr", None]
    assert [node["alt"] for node in find_roles(trees, "H1")] == [None]


@pytest.mark.parametrize("reader", READERS)
def test_heading_and_paragraph_texts(sample, reader):
    trees = READERS[reader](sample)
    assert [node["text"] for node in find_roles(trees, "H1")] == ["Reader heading"]
    assert [node["text"] for node in find_roles(trees, "P")] == [
        "First paragraph starts here", "and ends on page two.", "Second paragraph."]


@pytest.mark.parametrize("reader", READERS)
def test_artifacts_are_not_in_the_tree(sample, reader):
    data = sample.read_bytes()
    assert all("Running head" in text for text in page_texts(data))  # drawn, but as an artifact
    # A page's Root text holds the text of every node on the page.
    page_roots = READERS[reader](sample)
    assert [tree["text"] for tree in page_roots] == ["Reader heading First paragraph starts here",
                                                  "and ends on page two. Second paragraph."]


def test_reading_text_follows_the_tree_across_pages(sample, tmp_path):
    assert struct_reading_text(sample) == (
        "Reader heading\nFirst paragraph starts here and ends on page two.\nA red square\nSecond paragraph.")
    assert struct_reading_text(plain_pdf(tmp_path / "plain.pdf")) == ""


@pytest.mark.parametrize("reader", READERS)
def test_an_mcid_that_is_not_drawn_reads_as_nothing(tmp_path, reader):
    path = tagged_pdf(tmp_path / "missing.pdf", heading_mcid=7)
    assert [node["text"] for node in find_roles(READERS[reader](path), "H1")] == [""]


@pytest.mark.parametrize("reader", READERS)
def test_untagged_pdf_has_empty_trees(tmp_path, reader):
    empty = {"role": "Root", "alt": None, "lang": None, "children": [], "text": ""}
    assert READERS[reader](plain_pdf(tmp_path / "plain.pdf")) == [empty]
