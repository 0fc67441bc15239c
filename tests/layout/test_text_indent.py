"""Every ``page.text_indent`` the schema allows (0 to 80 mm) lays out a whole brief.

Box labels ("SUMMARY", a callout's title) sit in the margin column left of the box text when
their longest word fits there; otherwise they head the box text, never broken mid-word.
"""

from __future__ import annotations

import re

import pytest

import briefgen
from tests.helpers import write_brief

BRIEF = """\
meta:
  title: Indent
  date: 2025-05-01
  organisation: {{name: Org, about: We work on rights.}}
  summary: |
    The summary says what happened, in two or three sentences that run over more than one line of the box.
style:
  page: {{text_indent: {indent}}}
sections:
  - heading: First section
    blocks:
      - prose: |
          Body text with a note.[^a] And more text that runs over a line or two to see where it wraps.

          - one item
          - two items
      - callout:
          title: Key findings
          text: What we found.
          items: ["First finding.", "Second finding, longer, which wraps over the end of the line."]
      - callout:
          title: Recommendations
          text: A box whose title is one long word.
      - quote: {{text: A quotation., attribution: Someone}}
  - heading: Second section
    blocks:
      - recommendations:
          items:
            - {{lead: Do this, text: Because it helps.}}
            - {{lead: Do that, text: Because it also helps.}}
sources:
  - {{id: s1, title: A source, publisher: Pub, url: "https://example.org/a/b"}}
footnotes:
  a: A note.
"""

INDENTS = (0, 5, 9, 15, 25, 36, 80)


def _chars(data: bytes) -> list:
    """(text, [(char, left, bottom, right, top)]) for every page, via PDFium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            pages.append((text, [(char, *textpage.get_charbox(i)) for i, char in enumerate(text)]))
        return pages
    finally:
        document.close()


def _box(page, needle: str) -> tuple:
    """(left, bottom, right, top) of the only place ``needle`` is on the page."""
    text, chars = page
    at = text.find(needle)
    assert at >= 0 and text.find(needle, at + 1) < 0, f"{needle!r} is not on the page once: {text!r}"
    boxes = chars[at:at + len(needle)]
    return (min(b[1] for b in boxes), min(b[2] for b in boxes), max(b[3] for b in boxes), max(b[4] for b in boxes))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The PDF for an indent, built once (a failure fails only the tests of that indent)."""
    pdfs = {}

    def pdf(indent):
        if indent not in pdfs:
            folder = tmp_path_factory.mktemp(f"indent{indent}")
            path = write_brief(folder, BRIEF.format(indent=indent))
            pdfs[indent] = briefgen.build(path, folder / "out").read_bytes()
        return pdfs[indent]
    return pdf


@pytest.mark.parametrize("indent", INDENTS)
def test_every_indent_lays_out_with_whole_labels(built, indent):
    pages = _chars(built(indent))
    text = "\n".join(page[0] for page in pages)
    words = re.findall(r"\w+", text)
    for label in ("SUMMARY", "KEY", "FINDINGS", "RECOMMENDATIONS"):
        assert label in words, f"{label} is broken at text_indent {indent}: {text!r}"
    for heading in ("1 First section", "2 Second section", "Do this.", "Do that.", "About Org"):
        assert heading in text


#: Each label, the start of its box's text, and the smallest indent whose margin column holds the label's
#: longest word (the summary box has more padding than a callout).
LABELS = (("SUMMARY", "The summary", 36), ("KEY", "What we found", 25), ("RECOMMENDATIONS", "A box whose", 80))


@pytest.mark.parametrize("indent", INDENTS)
@pytest.mark.parametrize("label_text,text_start,beside_from", LABELS)
def test_a_label_sits_beside_the_text_only_when_it_fits_the_margin_column(built, indent, label_text, text_start,
                                                                          beside_from):
    first = _chars(built(indent))[0]
    label, text = _box(first, label_text), _box(first, text_start)
    if indent >= 5:  # the box text keeps to the text column (at 0 it keeps inside the box's padding)
        assert abs(text[0] - _box(first, "Body text")[0]) < 1
    if indent >= beside_from:  # in the margin column, on the text's first line
        assert label[2] < text[0] and abs(label[3] - text[3]) < 3
    else:  # above the text, at its left edge
        assert label[1] > text[3] and abs(label[0] - text[0]) < 1


@pytest.mark.parametrize("indent", (0, 5))
def test_source_numbers_stay_inside_the_frame(built, indent):
    pages = _chars(built(indent))
    page = next(page for page in pages if "Sources" in page[0])
    margin = 22 * 72 / 25.4  # the default theme's margin_inner
    number, entry = _box(page, "1.\u00a0") if "1.\u00a0" in page[0] else _box(page, "1."), _box(page, "Pub,")
    assert number[0] >= margin - 0.5 and number[2] < entry[0]
