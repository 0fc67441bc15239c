"""A font family in a theme file or a brief's ``style:`` is given whole, never mixed with the theme's."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.resources import PACKAGE_ASSETS
from tests.helpers import fonts_brief, fonts_used, write_brief

LATO = PACKAGE_ASSETS / "fonts" / "Lato-Regular.ttf"
FACES = "regular: a.ttf, italic: a.ttf, bold: a.ttf, bold_italic: a.ttf"
HINT = " (for a face the font lacks, give its regular file again)"
WHOLE = "a font family must be given whole (its name and four faces), or its text mixes faces of two fonts; add "


def brief(folder, fonts: str, theme: str | None = None):
    return fonts_brief(folder, fonts, meta_extra=f"\n          theme: {theme}" if theme else "",
                       prose="Hello *italic* **bold**.", copies=("a.ttf",))


def errors(path) -> list[str]:
    with pytest.raises(BriefError) as caught:
        briefgen.build(path, path.parent / "out")
    assert not (path.parent / "out").exists()
    return [f"{Path(d.file).name}:{d.line}:{d.col}: {d.path}: {d.message}" for d in caught.value.diagnostics]


@pytest.mark.parametrize("family,missing", [
    ("{name: Partner, regular: a.ttf}", "'italic', 'bold' and 'bold_italic'" + HINT),
    ("{name: Partner}", "'regular', 'italic', 'bold' and 'bold_italic'" + HINT),
    ("{regular: a.ttf, bold: a.ttf}", "'name', 'italic' and 'bold_italic'" + HINT),
    (f"{{{FACES}}}", "'name'"),
])
def test_a_part_of_a_family_is_an_error(tmp_path, family, missing):
    path = brief(tmp_path, f"body: {family}")
    assert errors(path) == [f"brief.yaml:7:11: style.fonts.body: {WHOLE}{missing}"]


def test_a_part_of_a_family_in_a_theme_file_is_an_error_there(tmp_path):
    write_brief(tmp_path, """\
        # A house style.
        fonts:
          headings:
            name: House
            regular: a.ttf
        """, name="house.yaml")
    path = brief(tmp_path, "body: {fallback: []}", theme="house.yaml")
    assert errors(path) == [f"house.yaml:4:5: fonts.headings: {WHOLE}'italic', 'bold' and 'bold_italic'{HINT}"]


def test_a_whole_family_replaces_the_theme_family_and_its_display_face(tmp_path):
    path = brief(tmp_path, f"headings: {{name: Partner, {FACES}}}")
    data = briefgen.build(path, tmp_path / "out").read_bytes()
    names = {name.partition("+")[2] for name in fonts_used(data)}
    # Every heading face, the cover title's too, is the partner file (not the theme's Lato Black).
    assert names == {"Lato-Regular", "NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold"}


def test_fallback_fonts_alone_may_be_changed(tmp_path):
    path = brief(tmp_path, "body: {fallback: [{name: Extra, regular: a.ttf}]}")
    assert briefgen.build(path, tmp_path / "out").exists()
