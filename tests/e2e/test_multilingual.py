"""The multilingual test brief (issue #10): names in Ukrainian, Greek, Arabic, Hebrew and Chinese, and
symbols, either print and copy out exactly, with no empty box, or the brief is refused at each character
that no font has.

tests/briefs/multilingual.yaml has no font for Chinese, as a user's brief would not: `validate` refuses
it at each Chinese name. To build it, the tests copy it into a folder of its own beside the test-only CJK
font (tests/fonts/, made by tools/subset_test_cjk.py) and add that font to both families' fallback lists
under `style:` (a brief may only use files inside its own folder or its project's assets/).

Right-to-left names are checked by extracted text (logical order) and by pixels, against the same name
drawn by Pillow with libraqm (HarfBuzz and FriBiDi, independent of briefgen), in the theme's fonts for
that script; test_the_pixel_check_tells_a_broken_name_from_a_shaped_one shows that the pixel check fails
on a name whose letters are unjoined or in logical order.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

import briefgen
from briefgen.errors import display_name
from tests.helpers import (
    BRIEFS,
    ROOT,
    fonts_used,
    mask_iou,
    notdef_drawn,
    page_region,
    pdfium_text,
    pdftotext,
    run_cli,
    shaped_reference,
)

BRIEF = BRIEFS / "multilingual.yaml"
CJK_FONT = ROOT / "tests" / "fonts" / "BriefgenTestCJK-Regular.ttf"
DEFAULT_THEME = ROOT / "briefgen" / "theme" / "default.yaml"

#: Every name and sign of the brief that is not right-to-left, as it must copy out ("Одеса" is only in
#: the chart, as a category label read from data/multilingual-cities.csv).
STRINGS = ["Київ", "Харків", "Олександра Матвійчук", "Αθήνα", "Θεσσαλονίκη", "刘晓波", "北京",
           "≥ ≤ → ≈ − ✓", "≥ 2", "≈ −1", "Одеса"]
#: Each right-to-left name, and how many times the pages print it (summary, two paragraphs, table).
RTL_COUNTS = {"حلب": 4, "محمد عبد الله": 3, "ירושלים": 4, "תל אביב": 2}
#: Pixels per point for the pixel checks (a 10 pt name is 40 px high).
SCALE = 4


def _default_theme() -> dict:
    return yaml.safe_load(DEFAULT_THEME.read_text(encoding="utf-8"))


def brief_with_cjk_font(folder) -> Path:
    """A copy of the brief (and its data) in ``folder`` whose fonts' fallback lists end with the test CJK
    font: the default lists repeated (a brief's list replaces the theme's), then the font, in fonts/."""
    shutil.copy(BRIEF, folder / BRIEF.name)
    shutil.copytree(BRIEFS / "data", folder / "data")
    (folder / "fonts").mkdir()
    shutil.copy(CJK_FONT, folder / "fonts" / CJK_FONT.name)
    fonts = _default_theme()["fonts"]
    cjk = {"name": "BriefgenTestCJK", "regular": f"fonts/{CJK_FONT.name}"}
    style = {"style": {"fonts": {role: {"fallback": fonts[role]["fallback"] + [cjk]} for role in ("body", "headings")}}}
    path = folder / BRIEF.name
    with path.open("a", encoding="utf-8") as handle:
        handle.write(yaml.safe_dump(style, allow_unicode=True, sort_keys=False))
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("multilingual")
    return briefgen.build(brief_with_cjk_font(folder), folder / "out").read_bytes()


def _squash(text: str) -> str:
    """Whitespace (line ends included) as single spaces, and no invisible format characters (the
    direction marks pdftotext puts around right-to-left runs)."""
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


# -- without a CJK font: refused at each Chinese name ------------------------------------------------

def _refusal(line, col, path, first, others, role) -> str:
    family = _default_theme()["fonts"][role]
    fonts = ", ".join([family["name"]] + [font["name"] for font in family["fallback"]])
    count = len(others.split())
    character = f"{first!r} (U+{ord(first):04X} {unicodedata.name(first)})"
    return (f"{display_name(BRIEF)}:{line}:{col}: {path}: {character} and {count} more in this text ({others})"
            f" are in no font of the theme's {role} fonts ({fonts}), so they would print as empty boxes and be lost from the text a reader copies or hears; write them another way,"
            f" or add a font that has them to style: fonts: {role}: fallback: (for example Noto Sans CJK)")


def test_without_a_cjk_font_each_chinese_name_is_refused_at_its_place(capsys, tmp_path):
    expected = [
        _refusal(15, 49, "meta.summary", "刘", "晓 波", "body"),
        _refusal(24, 11, "sections[0].blocks[1].prose", "刘", "晓 波 北 京", "body"),
        _refusal(49, 16, "sections[1].blocks[2].table.rows[2][0]", "北", "京", "headings"),
        _refusal(49, 20, "sections[1].blocks[2].table.rows[2][1]", "刘", "晓 波", "headings"),
    ]
    assert expected[0].startswith(f"{display_name(BRIEF)}:15:49: meta.summary: '刘' (U+5218 CJK UNIFIED"
                                  " IDEOGRAPH-5218) and 2 more in this text (晓 波) are in no font")
    status, out, err = run_cli(["validate", BRIEF], capsys)
    assert (status, out, err.splitlines()) == (2, "", expected)
    # every other name (Cyrillic and Greek, right-to-left, symbols, the chart's labels) is accepted
    status, out, err = run_cli(["build", BRIEF, "-o", tmp_path], capsys)
    assert (status, err.splitlines()) == (2, expected)
    assert list(tmp_path.iterdir()) == []


# -- with the test CJK font in the fallback lists ----------------------------------------------------

def test_every_name_and_sign_copies_out_exactly(built):
    pdfium = _squash(pdfium_text(built))
    missing = [s for s in STRINGS if s not in pdfium]
    assert missing == [], (missing, pdfium)
    # pdftotext guesses word spaces from the gaps between glyphs (it reads "≥ 2" as "≥2" where the
    # font changes); its characters, though, must all be there, in order.
    poppler = "".join(_squash(pdftotext(built)).split())
    assert [s for s in STRINGS if "".join(s.split()) not in poppler] == []


def test_no_glyph_drawn_is_a_box(built):
    assert notdef_drawn(built) == []


def test_no_box_as_the_pdf_ua_and_pdf_a_validators_see_it(built, tmp_path):
    page = pytest.importorskip("page")
    (tmp_path / "b.pdf").write_bytes(built)
    for profile in ("ua1", "2b"):
        assert [f.rule_id for f in page.validate_pdf(str(tmp_path / "b.pdf"), profile=profile).failures] == []


def test_the_chinese_names_are_set_in_the_test_font_and_look_like_it(built):
    assert "BriefgenTestCJK-Regular" in {name.split("+", 1)[-1] for name in fonts_used(built)}
    scores = [mask_iou(crop, shaped_reference("刘晓波", CJK_FONT, 10 * SCALE)) for crop in _crops(built, "刘晓波")]
    # the summary, the paragraph and the table; an empty box, or a run in another font, scores far lower
    assert len(scores) == 3 and min(scores) >= 0.65, scores


def test_the_chart_sets_its_cyrillic_labels_in_a_fallback_font(built):
    import ctypes

    import pypdfium2 as pdfium

    fonts = []
    for index, _, _ in _boxes(built, "Одеса"):  # only the chart prints it
        document = pdfium.PdfDocument(built)
        text_page = document[index].get_textpage()
        start, length = text_page.search("Одеса", match_case=True).get_next()
        for i in range(start, start + length):
            buffer = ctypes.create_string_buffer(128)
            pdfium.raw.FPDFText_GetFontInfo(text_page.raw, i, buffer, 128, None)
            fonts.append(buffer.value.decode().split("+", 1)[-1])
        document.close()
    assert fonts and set(fonts) == {"NotoSansExt-Regular"}, fonts


def test_the_box_check_sees_a_box():
    """What notdef_drawn finds: a character drawn in a font that lacks it (ReportLab draws .notdef)."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("LatoBoxCheck", str(ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf")))
    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.setFont("LatoBoxCheck", 12)
    pdf.drawString(72, 700, "Liu 刘 Xiaobo")
    pdf.save()
    assert notdef_drawn(out.getvalue()) == ["page 1: /AAAAAA+Lato-Regular code 0x0"]


# -- right-to-left names -----------------------------------------------------------------------------

def test_right_to_left_names_copy_out_in_logical_order(built):
    for engine, text in (("pdfium", _squash(pdfium_text(built))), ("pdftotext", _squash(pdftotext(built)))):
        for name, count in RTL_COUNTS.items():
            # PDFium gives a passage of several words inside a left-to-right line in line order (documented
            # in docs/brief-format.md): there, each word's letters must still come out in logical order.
            for part in name.split() if engine == "pdfium" else [name]:
                assert text.count(part) >= count, (engine, part, text)
            assert text.count(name) == count or engine == "pdfium", (engine, name, text)
            assert name[::-1] not in text, (engine, "reversed", name)


def test_right_to_left_names_print_joined_and_in_visual_order(built):
    for name, count in RTL_COUNTS.items():
        crops = _crops(built, name)
        assert len(crops) == count, (name, len(crops))
        for crop in crops:
            shaped = max(mask_iou(crop, shaped_reference(name, font, 10 * SCALE)) for font in _script_fonts(name))
            broken = max(mask_iou(crop, shaped_reference(name, font, 10 * SCALE, basic=True))
                         for font in _script_fonts(name))
            assert shaped >= 0.65 and shaped - broken >= 0.25, (name, round(shaped, 3), round(broken, 3))


def test_punctuation_after_a_right_to_left_name_stays_on_its_right_in_left_to_right_text(built):
    """'… ירושלים; una …', 'محمد عبد الله, y …', '… תל אביב.': in a left-to-right paragraph the mark that
    follows a right-to-left name prints at the name's right, where a reader's eye leaves it."""
    sides = []
    for name in RTL_COUNTS:
        for _, box, marks in _boxes(built, name):
            left, bottom, right, top = box
            for mark, (m_left, m_bottom, m_right, m_top) in marks:
                if m_top > bottom and m_bottom < top:  # on the name's line
                    if 0 <= m_left - right < 2:
                        sides.append((name, mark, "right"))
                    elif 0 <= left - m_right < 2:
                        sides.append((name, mark, "left"))
    # the summary's 'ירושלים,'; in English 'محمد عبد الله.' and 'תל אביב.'; in Spanish 'ירושלים;',
    # 'محمد عبد الله,' and 'תל אביב.'
    assert sorted(sides) == sorted([("ירושלים", ",", "right"), ("محمد عبد الله", ".", "right"),
                                    ("תל אביב", ".", "right"), ("ירושלים", ";", "right"),
                                    ("محمد عبد الله", ",", "right"), ("תל אביב", ".", "right")])


def _boxes(data: bytes, text: str) -> list:
    """Each place the pages print ``text`` (found by PDFium's text search): (page index, its box
    (left, bottom, right, top) in points: the union of its characters' boxes, and the punctuation
    marks (. , ; :) of that page with their boxes)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    found = []
    try:
        for index in range(len(document)):
            text_page = document[index].get_textpage()
            marks = []
            for i in range(text_page.count_chars()):
                char = chr(pdfium.raw.FPDFText_GetUnicode(text_page.raw, i))
                if char in ".,;:":
                    marks.append((char, text_page.get_charbox(i)))
            # PDFium gives a passage of several words inside a left-to-right line in line order
            # (docs/brief-format.md): look for that order too.
            for said in dict.fromkeys([text, " ".join(reversed(text.split()))]):
                searcher = text_page.search(said, match_case=True)
                while (match := searcher.get_next()) is not None:
                    start, length = match
                    boxes = [text_page.get_charbox(i) for i in range(start, start + length)
                             if not said[i - start].isspace()]
                    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                           max(b[3] for b in boxes))
                    found.append((index, box, marks))
    finally:
        document.close()
    return found


def _crops(data: bytes, text: str) -> list:
    """Each place the pages print ``text``, rendered and cropped to its ink: the characters' boxes
    across, with 3 pt above and below."""
    return [page_region(data, index, (left, bottom - 3, right, top + 3), scale=SCALE)
            for index, (left, bottom, right, top), _ in _boxes(data, text)]


def _script_fonts(name: str) -> list:
    """The default theme's fallback font files (regular) that have every letter of ``name``."""
    from fontTools.ttLib import TTFont

    fonts = _default_theme()["fonts"]
    files = [ROOT / "briefgen" / "assets" / font["regular"] for role in ("body", "headings") for font in fonts[role]["fallback"]]
    found = [path for path in dict.fromkeys(files)
             if all(ord(c) in TTFont(path).getBestCmap() for c in name if not c.isspace())]
    assert found, f"no font of the default theme has {name!r}"
    return found


# -- the pixel check itself --------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(RTL_COUNTS))
def test_the_pixel_check_tells_a_broken_name_from_a_shaped_one(name):
    """Pillow alone: a name shaped by libraqm at another size matches the reference; the same name in
    Pillow's basic layout (Arabic letters unjoined, both scripts left to right) clearly does not."""
    for font in _script_fonts(name):
        reference = shaped_reference(name, font, 10 * SCALE)
        same = mask_iou(shaped_reference(name, font, 27), reference)
        broken = mask_iou(shaped_reference(name, font, 10 * SCALE, basic=True), reference)
        assert same >= 0.65 and same - broken >= 0.25, (name, font.name, same, broken)
