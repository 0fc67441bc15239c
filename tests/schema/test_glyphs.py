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


def test_a_character_missing_from_the_body_font_is_an_error_at_its_column(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: One
    blocks:
      - prose: At least ≥ 2,000 people.
""")
    assert status == 2
    assert lines == ["brief.yaml:8:25: sections[0].blocks[0].prose: '≥' (U+2265 GREATER-THAN OR EQUAL TO) is not"
                     " in the body font (NotoSerif), so it would print as an empty box and be lost from the text a"
                     " reader copies or hears; write it another way, or use a body font that has it (style: fonts:"
                     " body:)"]


def test_one_error_a_text_naming_its_other_missing_characters(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: "Київ ✓"
    blocks:
      - prose: |
          First line.
          Detained in Київ.
""")
    assert status == 2
    assert lines[0].startswith("brief.yaml:6:15: sections[0].heading: 'К' (U+041A CYRILLIC CAPITAL LETTER KA) and 4"
                               " more in this text (и ї в ✓) are not in the headings font (Lato), so they would print")
    assert lines[1].startswith("brief.yaml:10:23: sections[0].blocks[0].prose: 'К' (U+041A CYRILLIC CAPITAL LETTER"
                               " KA) and 3 more in this text (и ї в) are not in the body font (NotoSerif)")
    assert len(lines) == 2


def test_table_cells_footnotes_and_sources_are_checked_in_their_own_font(tmp_path, capsys):
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: One
    blocks:
      - prose: See the note.[^n]
      - table:
          title: Places
          columns: [{header: Name}]
          rows: [["Αθήνα"]]
footnotes:
  n: An arrow → here.
sources:
  - {id: s, title: "Ελληνικά"}
""")
    assert status == 2
    where = [line.split(": ")[0] + ": " + line.split(": ")[1] for line in lines]
    assert where == ["brief.yaml:12:20: sections[0].blocks[1].table.rows[0][0]",
                     "brief.yaml:14:15: footnotes.n", "brief.yaml:16:21: sources[0].title"]
    assert "(Lato)" in lines[0] and "(NotoSerif)" in lines[1] and "(NotoSerif)" in lines[2]


def test_text_that_is_never_printed_is_not_checked(tmp_path, capsys):
    (tmp_path / "bars.png").write_bytes((Path(__file__).parents[1] / "briefs" / "bars.png").read_bytes())
    status, lines = _errors(tmp_path, capsys, """\
  keywords: [Київ]
sections:
  - heading: One
    blocks:
      - figure: {file: bars.png, title: Bars, alt: "Три стовпці → від 10 до 30."}
""")
    assert (status, lines) == (0, [])


@pytest.mark.parametrize("standard", ["none", "ua-1+a-2b"])
def test_the_build_refuses_it_whatever_the_claims_and_writes_nothing(tmp_path, standard):
    path = write_brief(tmp_path, HEAD + """\
sections:
  - heading: One
    blocks:
      - prose: Kyiv is Київ.
""")
    with pytest.raises(briefgen.BriefError) as caught:
        briefgen.build(path, tmp_path / "out", standard=standard)
    assert "'К' (U+041A CYRILLIC CAPITAL LETTER KA)" in str(caught.value.diagnostics[0])
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_svg_figures_text_is_checked_against_the_font_that_draws_it(tmp_path, capsys):
    (tmp_path / "map.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">\n'
        '  <rect width="200" height="100" fill="#eeeeee"/>\n'
        '  <text x="10" y="50" font-family="Lato">Kyiv</text>\n'
        '  <text x="10" y="80">Київ</text>\n'
        '</svg>\n', encoding="utf-8")
    status, lines = _errors(tmp_path, capsys, """\
sections:
  - heading: One
    blocks:
      - figure: {file: map.svg, title: A map, alt: A map of Kyiv.}
""")
    assert status == 2
    assert lines == ["brief.yaml:8:24: sections[0].blocks[0].figure.file: the SVG's text at map.svg line 4 has 'К'"
                     " (U+041A CYRILLIC CAPITAL LETTER KA) and more, which the headings font (Lato) that draws SVG"
                     " text does not have, so it would print as an empty box; change the text in the SVG, or export"
                     " it with its text as paths"]
