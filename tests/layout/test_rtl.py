"""Right-to-left names and short quotations: shaped (joined Arabic letters), in visual order, read back in
logical order; refused at their place where briefgen cannot set them right."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefgen
from briefgen.layout.shaping import ShapingError, ShapingFont
from briefgen.text import bidi
from tests.helpers import (ROOT, mask_iou, notdef_drawn, page_region, pdfium_text, pdftotext, pdfjs_pages, run_cli,
                           shaped_reference, write_brief)

FONTS = ROOT / "briefgen" / "assets" / "fonts"
NAMES = ["محمد عبد الله", "حلب", "ירושלים", "תל אביב", "نرگس محمدی", "الفاشر"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rtl")
    path = write_brief(folder, """\
        meta:
          title: "Detained in حلب"
          date: 2025-05-01
          organisation: {name: Example Institute}
        sections:
          - heading: Names
            blocks:
              - prose: |
                  The lawyer محمد عبد الله spoke for the families of حلب and of ירושלים in court. The
                  activist نرگس محمدی (Tehran) wrote from prison; the city of الفاشر was besieged in 2024.
              - prose: "**حلب** in bold, and a number after a name: «حلب 2024»."
              - prose: {lang: es, text: "El abogado habló por las familias de תל אביב."}
              - table:
                  title: Cities
                  columns: [{header: City}, {header: Note}]
                  rows: [["حلب", "תל אביב"]]
              - page_break: true
              - prose: Second page, for the running head.
        """)
    return briefgen.build(path, folder / "out").read_bytes()


def _boxes(data: bytes, needle: str) -> list:
    """(page index, box in points) of each place PDFium finds ``needle`` in the page text."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    found = []
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        text = textpage.get_text_range()
        at = text.find(needle)
        while at >= 0:
            boxes = [textpage.get_charbox(j) for j in range(at, at + len(needle))]
            found.append((index, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                  max(b[2] for b in boxes), max(b[3] for b in boxes))))
            at = text.find(needle, at + 1)
    return found


# -- order ---------------------------------------------------------------------------------------------

def _visual(text: str) -> str:
    """``text`` in visual order by our levels (rule L2; mirroring brackets is HarfBuzz's part)."""
    levels = bidi.levels(text)
    order = list(range(len(text)))
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return "".join(text[i] for i in order)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab Zحلبمدשלום0123 .,:-%+$()", min_size=1, max_size=24))
def test_levels_order_text_as_the_unicode_bidi_algorithm_does(text):
    from bidi import get_display  # python-bidi (Rust's unicode-bidi): an independent implementation

    assert _visual(text) == get_display(text, base_dir="L"), [f"U+{ord(c):04X}" for c in text]


def test_a_passage_holds_its_numbers_and_the_spaces_between_its_words():
    text = "from حلب 2024 to محمد عبد الله."
    assert [text[s:e] for s, e in bidi.passages(text)] == ["حلب 2024", "محمد عبد الله"]
    assert bidi.runs("حلب 2024") == [(False, "2024"), (True, "حلب ")]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet="ab Zحلبمدلاسیپچשלוםתך0123٤٥ ,:%()«»؟،", min_size=1, max_size=30))
def test_any_mixed_text_prints_every_character_with_no_box_or_is_refused_at_its_place(tmp_path_factory, text):
    from collections import Counter

    folder = tmp_path_factory.mktemp("mixed", numbered=True)
    # In prose after a word, so that no Markdown block syntax starts the paragraph, and without commas,
    # which the typographer joins (',,'); in a table cell as it is.
    prose = "Text " + text.replace(",", "")
    path = write_brief(folder, HEAD.replace("LANG", "en") + f"""\
      - prose: {_scalar(prose)}
      - table: {{title: T, columns: [{{header: A}}], rows: [[{_scalar(text)}]]}}
""")
    try:
        built = briefgen.build(path, folder / "out").read_bytes()
    except briefgen.BriefError as error:
        assert {d.path for d in error.diagnostics} <= {"sections[0].blocks[0].prose",
                                                       "sections[0].blocks[1].table.rows[0][0]"}, [
            str(d) for d in error.diagnostics]
        return
    assert not notdef_drawn(built)
    # PDFium mirrors brackets when it takes a line for right to left: a pair counts as one kind.
    pairs = str.maketrans(")]}»", "([{«")
    visible = Counter(c for c in (prose + text).translate(pairs) if not c.isspace())
    extracted = Counter(c for c in pdfium_text(built).translate(pairs) if not c.isspace())
    assert not visible - extracted, text


def _scalar(text: str) -> str:
    import yaml

    return yaml.safe_dump(text, allow_unicode=False, width=10**6, default_style='"').strip()


# -- shaping -------------------------------------------------------------------------------------------

def test_arabic_letters_take_their_joined_forms():
    font = ShapingFont("TestNaskh", str(FONTS / "NotoNaskhArabic-Regular.ttf"))
    shaped = font.shape("حلب", rtl=True)
    glyphs = [font.face.charToGlyph[ord(c)] for c in shaped]
    isolated = [font.face.charToGlyph[ord(c)] for c in "بلح"]  # the letters' own glyphs, in visual order
    assert len(glyphs) == 3 and all(g != i for g, i in zip(glyphs, isolated)), (glyphs, isolated)


def test_marks_over_letters_are_refused_not_misplaced():
    font = ShapingFont("TestNaskh2", str(FONTS / "NotoNaskhArabic-Regular.ttf"))
    with pytest.raises(ShapingError, match="marks"):
        font.shape("مُحَمَّد", rtl=True)


def test_the_pages_show_the_names_joined_and_in_order_as_an_independent_shaper_draws_them(built):
    checked = 0
    for name, shown, font in (("حلب", "حلب", "NotoNaskhArabic-Regular.ttf"),
                              ("ירושלים", "ירושלים", "NotoSerifHebrew-Regular.ttf"),
                              ("محمد عبد الله", "الله عبد محمد", "NotoNaskhArabic-Regular.ttf")):
        page, box = next((page, box) for page, box in _boxes(built, shown) if box[1] < 700)  # not on the band
        actual = page_region(built, page, box, scale=8)
        right = mask_iou(actual, shaped_reference(name, FONTS / font, 80))
        wrong = mask_iou(actual, shaped_reference(name, FONTS / font, 80, basic=True))  # unjoined, reversed
        assert right > 0.75 and wrong < 0.5, (name, right, wrong)
        checked += 1
    assert checked == 3


# -- reading back ---------------------------------------------------------------------------------------

def test_text_extraction_reads_every_name_in_logical_order(built):
    text = pdftotext(built).translate(dict.fromkeys(range(0x202A, 0x202F)))  # poppler marks its runs: unmarked
    for name in NAMES:
        assert name in text, name
    assert "Detained in حلب" in text  # the running head of page 2, too
    pdfjs = "".join(page for page in (p.get("text", "") for p in pdfjs_pages_text(built)))
    for name in NAMES:
        assert name in pdfjs, name
    # PDFium reverses each right-to-left word's letters but keeps the words in visual order.
    pdfium = pdfium_text(built)
    for name in NAMES:
        for word in name.split():
            assert word in pdfium, word


def pdfjs_pages_text(data: bytes) -> list[dict]:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.pdf"
        path.write_bytes(data)
        return [{"text": "".join(page["marked"].values())} for page in pdfjs_pages(path)]


def test_the_tagged_pdf_still_meets_pdf_ua_and_pdf_a(built, tmp_path):
    page = pytest.importorskip("page")
    (tmp_path / "b.pdf").write_bytes(built)
    for profile in ("ua1", "2b"):
        report = page.validate_pdf(str(tmp_path / "b.pdf"), profile=profile)
        assert "no failures" in str(report), (profile, str(report)[:2000])


# -- refusals --------------------------------------------------------------------------------------------

def _errors(tmp_path, capsys, text: str):
    write_brief(tmp_path, text)
    status, _, err = run_cli(["validate", str(tmp_path / "brief.yaml")], capsys)
    return status, [line.replace(str(tmp_path) + "/", "") for line in err.splitlines()]


HEAD = """\
meta: {title: T, date: 2025-05-01, organisation: {name: X}, language: LANG}
sections:
  - heading: H
    blocks:
"""


def test_what_cannot_be_set_right_is_refused_at_its_place(tmp_path, capsys):
    long = " ".join(["محمد عبد الله"] * 12)
    status, lines = _errors(tmp_path, capsys, HEAD.replace("LANG", "en") + f"""\
      - prose: "Vowelled: مُحَمَّد."
      - prose: "Override: \\u202eabc."
      - prose: "Quoted: {long}."
      - prose: {{lang: he, text: Hebrew block.}}
""")
    assert status == 2
    assert lines == [
        "brief.yaml:5:27: sections[0].blocks[0].prose: the right-to-left passage 'مُحَمَّد' cannot be set yet: it"
        " has marks (vowel signs, points) placed over or under its letters, which briefgen cannot place yet;"
        " write it without them",
        "brief.yaml:6:16: sections[0].blocks[1].prose: character U+202E RIGHT-TO-LEFT OVERRIDE is an explicit"
        " direction control, which briefgen cannot apply yet; remove it (right-to-left names and short"
        " quotations need none)",
        f"brief.yaml:7:25: sections[0].blocks[2].prose: the right-to-left passage {long[:39] + '…'!r} is"
        " 859 pt wide at 14 pt, more than a line (341 pt); briefgen cannot set a right-to-left passage over"
        " several lines yet (it would come out in the wrong order): quote a shorter part, or give it in"
        " translation",
        "brief.yaml:8:23: sections[0].blocks[3].prose.lang: 'he' is a right-to-left language: whole blocks of"
        " right-to-left text are not supported yet (they would come out in the wrong order); keep names and"
        " short quotations in it inside the text, and give longer passages in translation"]


def test_a_passage_in_a_table_cell_must_fit_its_column(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, HEAD.replace("LANG", "en") + """\
      - table:
          title: Narrow
          columns: [{header: A}, {header: B}, {header: C}, {header: D}, {header: E}, {header: F}, {header: G}]
          rows: [["محمد عبد الله نرگس محمدی", x, y, z, w, v, u], ["حلب", x, y, z, w, v, u]]
""")
    assert status == 2
    assert lines == [
        "brief.yaml:8:20: sections[0].blocks[0].table.rows[0][0]: the right-to-left passage 'محمد عبد الله نرگس"
        " محمدی' is 91 pt wide at 8 pt, more than its column (59 pt); briefgen cannot set a right-to-left passage"
        " over several lines yet (it would come out in the wrong order): quote a shorter part, or give it in"
        " translation"]


def test_a_right_to_left_brief_is_refused_as_not_supported_yet(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, HEAD.replace("LANG", "ar") + "      - prose: نص.\n")
    assert status == 2
    assert lines == [
        "brief.yaml:1:71: meta.language: 'ar' is a right-to-left language, and right-to-left briefs are not"
        " supported yet: briefgen sets right-to-left names and short quotations inside a brief in 'en', 'es',"
        " 'fr', 'pt'; write the brief in one of these"]
