"""A character the theme's fonts cannot draw is refused at its position, never printed as an empty box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import briefgen
from tests.helpers import run_cli, write_brief

HEAD = """\
meta:
  title: Characters
  date: 2025-05-01
  organisation: {name: Example Institute}
"""


def _errors(tmp_path, capsys, body: str, *extra) -> tuple[int, list[str]]:
    path = write_brief(tmp_path, HEAD + body)
    status, out, err = run_cli(["validate", path, *extra], capsys)
    found = [re.sub(r"^.*/(brief\.yaml:)", r"\1", line) for line in (out + err).splitlines()]
    return status, [line for line in found if re.match(r"brief\.yaml:\d+:\d+: ", line) and "warning" not in line]


def test_a_character_in_no_font_of_the_chain_is_an_error_at_its_column(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: One
    blocks:
      - prose: At least ≥ 2,000 people, said 李明.
""")
    assert status == 2
    assert lines == ["brief.yaml:8:46: sections[0].blocks[0].prose: '李' (U+674E CJK UNIFIED IDEOGRAPH-674E) and 1"
                     " more in this text (明) are in no font of the theme's body fonts (NotoSerif, NotoSerifExt,"
                     " NotoSansMath, NotoSansSymbols2, NotoNaskhArabic, NotoSerifHebrew), so they would print as empty boxes and be lost from the text"
                     " a reader copies or hears; write them another way, or add a font that has them to style:"
                     " fonts: body: fallback: (for example Noto Sans CJK)"]


def test_one_error_a_text_naming_its_other_missing_characters(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: "Київ in حلب"
    blocks:
      - prose: |
          First line.
          Detained in Київ, said שלום 😀.
""")
    assert status == 2
    # Arabic and Hebrew are in the default fallbacks (shaped: tests/layout/test_rtl.py); the emoji is in none.
    assert lines == [
        "brief.yaml:10:39: sections[0].blocks[0].prose: '😀' (U+1F600 GRINNING FACE) is in no font of the theme's"
        " body fonts (NotoSerif, NotoSerifExt, NotoSansMath, NotoSansSymbols2, NotoNaskhArabic, NotoSerifHebrew),"
        " so it would print as an empty box and be lost from the text a reader copies or hears; write it another"
        " way, or add a font that has it to style: fonts: body: fallback: (for example a monochrome emoji font"
        " such as Noto Emoji)"]


def test_table_cells_footnotes_and_sources_are_checked_in_their_own_font(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: One
    blocks:
      - prose: See the note.[^n]
      - table:
          title: Places
          columns: [{header: Name}]
          rows: [["東京"]]
footnotes:
  n: An emoji 🙂 here.
sources:
  - {id: s, title: "日本語"}
""")
    assert status == 2
    where = [line.split(": ")[0] + ": " + line.split(": ")[1] for line in lines]
    assert where == ["brief.yaml:12:20: sections[0].blocks[1].table.rows[0][0]",
                     "brief.yaml:14:15: footnotes.n", "brief.yaml:16:21: sources[0].title"]
    assert "headings fonts (Lato," in lines[0] and "body fonts (NotoSerif," in lines[1]
    assert "body fonts (NotoSerif," in lines[2] and "Noto Emoji" in lines[1] and "Noto Sans CJK" in lines[2]


def test_text_that_is_never_printed_is_not_checked(tmp_path, capsys):
    (tmp_path / "bars.png").write_bytes((Path(__file__).parents[1] / "briefs" / "bars.png").read_bytes())
    status, lines = _errors(tmp_path, capsys, """\
  keywords: [東京]
sections:
  - heading: One
    blocks:
      - figure: {file: bars.png, title: Bars, alt: "三本の棒 → 10から30."}
""")
    assert (status, lines) == (0, [])


@pytest.mark.parametrize("standard", ["none", "ua-1+a-2b"])
def test_the_build_refuses_it_whatever_the_claims_and_writes_nothing(tmp_path, standard):
    path = write_brief(tmp_path, HEAD + """\
sections:
  - heading: One
    blocks:
      - prose: Tokyo is 東京.
""")
    with pytest.raises(briefgen.BriefError) as caught:
        briefgen.build(path, tmp_path / "out", standard=standard)
    assert "'東' (U+6771 CJK UNIFIED IDEOGRAPH-6771)" in str(caught.value.diagnostics[0])
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_svg_figures_text_is_checked_against_the_font_that_draws_it(tmp_path, capsys):
    (tmp_path / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">\n'
        '  <rect width="200" height="100" fill="#eeeeee"/>\n'
        '  <text x="10" y="50" font-family="Lato">Kyiv</text>\n'
        '  <text x="10" y="80">東京</text>\n'
        '</svg>\n', encoding="utf-8")
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: One
    blocks:
      - figure: {file: map.svg, title: A map, alt: A map of Kyiv.}
""")
    assert status == 2
    assert lines == ["brief.yaml:8:24: sections[0].blocks[0].figure.file: the SVG's text at map.svg line 4 has '東'"
                     " (U+6771 CJK UNIFIED IDEOGRAPH-6771) and more, which the headings font (Lato) that draws SVG"
                     " text does not have, so it would print as an empty box; change the text in the SVG, or export"
                     " it with its text as paths"]


def test_a_combining_mark_that_would_print_apart_or_vanish_is_refused_at_its_column(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: One
    blocks:
      - prose: |
          Café and naïve are fine, composed or not (é, ï).
          Doubled: á́ here.
""")
    assert status == 2
    assert lines == [
        "brief.yaml:10:22: sections[0].blocks[0].prose: character U+0301 COMBINING ACUTE ACCENT is the same"
        " combining mark twice on 'a' (U+0061 LATIN SMALL LETTER A), and PDF readers keep only one of the two"
        " in the text they copy; remove one"]
