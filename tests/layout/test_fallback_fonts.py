"""Fallback fonts: what the theme's families lack (Greek, Cyrillic, ≥ → ✓) prints in the next font of
the chain, in every place text is set, and copies out exactly."""

from __future__ import annotations

import pytest

import briefgen
from briefgen.layout.fonts import FontChain
from briefgen.theme import default_theme
from tests.helpers import fonts_used, page_texts, write_brief

NAMES = ["Київ", "Олександра Матвійчук", "Αθήνα", "Ελευθερία", "≥ 2,000", "→", "✓", "≈ 45%", "−3"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fallback")
    path = write_brief(folder, """\
        meta:
          title: "Detained in Київ and Αθήνα ✓"
          date: 2025-05-01
          organisation: {name: Example Institute}
        sections:
          - heading: "Олександра Матвійчук"
            blocks:
              - prose: |
                  Center for Civil Liberties head **Олександра Матвійчук** spoke in *Αθήνα* on
                  Ελευθερία.[^n] At least ≥ 2,000 people → released ✓, about ≈ 45%, a change of −3.
              - table:
                  title: Names in their own script
                  columns: [{header: Name}, {header: Note}]
                  rows: [["Київ", "≥ 2,000 ✓"]]
              - prose: |
                  Filler so that a second page exists and carries the running head.
              - page_break: true
              - prose: Second page.
        footnotes:
          n: "Quoted as «Ελευθερία» (freedom)."
        """)
    return briefgen.build(path, folder / "out").read_bytes()


def test_every_string_copies_out_exactly(built):
    text = " ".join(" ".join(page.split()) for page in page_texts(built))
    for name in NAMES:
        assert name in text, name
    assert "Detained in Київ and Αθήνα ✓" in page_texts(built)[1]  # the running head of page 2


def test_the_fallback_fonts_are_embedded_in_the_weight_the_text_asks_for(built):
    names = {name.split("+", 1)[-1] for name in fonts_used(built)}
    assert {"NotoSerifExt-Regular", "NotoSerifExt-Bold", "NotoSerifExt-Italic", "NotoSansExt-Bold",
            "NotoSansMath-Regular", "NotoSansSymbols2-Regular"} <= names, names


def test_no_box_is_drawn_as_the_validator_sees_it(built, tmp_path):
    page = pytest.importorskip("page")
    (tmp_path / "b.pdf").write_bytes(built)
    for profile in ("ua1", "2b"):
        assert [f.rule_id for f in page.validate_pdf(str(tmp_path / "b.pdf"), profile=profile).failures] == []


def test_a_latin_text_never_reads_the_fallback_fonts():
    chain = FontChain(default_theme().fonts.body)
    assert chain.markup("González, Türk, ñ, ¿¡ “quoted” – … €") == "González, Türk, ñ, ¿¡ “quoted” – … €"
    assert chain._loaded == []  # not one fallback font parsed
    assert chain.markup("<b>Київ</b> &amp; ≥") == ('<b><font name="NotoSerifExt"><b>Київ</b></font></b> &amp;'
                                                    ' <font name="NotoSansMath">≥</font>')
    assert chain.missing("Київ ≥ ✓ 東京") == ["東", "京"]


def test_a_bold_style_sets_its_fallback_runs_in_bold():
    theme = default_theme()
    chain = FontChain(theme.fonts.headings)
    assert chain.markup("Київ", "Lato-Bold") == '<font name="NotoSansExt"><b>Київ</b></font>'
    assert chain.markup("Київ", "Lato-Italic") == '<font name="NotoSansExt"><i>Київ</i></font>'
