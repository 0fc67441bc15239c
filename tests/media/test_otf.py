"""Real OpenType fonts: TrueType outlines (.otf or .ttf) are embedded; CFF outlines are refused at
their place, saying why (ReportLab embeds only TrueType outlines), wherever the font is named."""

from __future__ import annotations

import shutil

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.resources import PACKAGE_ASSETS
from tests.helpers import fonts_brief, fonts_used, page_texts

LATO = PACKAGE_ASSETS / "fonts" / "Lato-Regular.ttf"
WHY = ("it is an OpenType font with PostScript (CFF) outlines, and ReportLab can embed only TrueType outlines;"
       " use the TrueType (.ttf) version of the font")


def cff_font(path) -> None:
    """A genuine OpenType font with CFF outlines (what foundries ship as .otf), made with fontTools."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    glyphs = [".notdef", "space"] + [chr(c) for c in range(ord("A"), ord("z") + 1) if chr(c).isalpha()]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(glyphs)
    builder.setupCharacterMap({ord(name): name for name in glyphs[2:]} | {32: "space"})
    strings = {}
    for name in glyphs:
        pen = T2CharStringPen(500, None)
        if name != "space":
            pen.moveTo((50, 0))
            pen.lineTo((450, 0))
            pen.lineTo((450, 700))
            pen.closePath()
        strings[name] = pen.getCharString()
    builder.setupCFF("PartnerCFF-Regular", {"FullName": "Partner CFF"}, strings, {})
    builder.setupHorizontalMetrics({name: (500, 50) for name in glyphs})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Partner CFF", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


def brief(folder, fonts: str):
    return fonts_brief(folder, fonts)


def errors(path) -> list[str]:
    with pytest.raises(BriefError) as caught:
        briefgen.build(path, path.parent / "out")
    assert not (path.parent / "out").exists()
    return [f"{d.line}:{d.col}: {d.path}: {d.message}" for d in caught.value.diagnostics]


FAMILY = "body: {{name: Partner, regular: {}, italic: italic.ttf, bold: bold.ttf, bold_italic: bold-italic.ttf}}"


@pytest.mark.parametrize("name", ["partner.otf", "partner.ttf"])  # the outlines count, not the file's name
def test_cff_outlines_in_a_family_are_refused_saying_why(tmp_path, name):
    cff_font(tmp_path / name)
    path = brief(tmp_path, FAMILY.format(name))
    assert errors(path) == [f"7:36: style.fonts.body.regular: file {name!r} cannot be used: {WHY}"]


def test_cff_outlines_in_a_fallback_font_are_refused_saying_why(tmp_path):
    cff_font(tmp_path / "math.otf")
    path = brief(tmp_path, "body: {fallback: [{name: PartnerMath, regular: math.otf}]}")
    assert errors(path) == [f"7:52: style.fonts.body.fallback[0].regular: file 'math.otf' cannot be used: {WHY}"]


def test_truetype_outlines_in_an_otf_file_are_embedded(tmp_path):
    shutil.copy(LATO, tmp_path / "partner.otf")
    data = briefgen.build(brief(tmp_path, FAMILY.format("partner.otf")), tmp_path / "out").read_bytes()
    assert "Hello" in page_texts(data)[0]
    assert any(name.endswith("+Lato-Regular") for name in fonts_used(data))
