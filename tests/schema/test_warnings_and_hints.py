"""Warnings where people look, the real mistake first, and hints for the commonest YAML slips (#11, part 5)."""

import json

import briefgen
from tests.helpers import run_cli, write_brief

HEAD = """\
meta:
  title: T
  date: 2025-04-30
  organisation: {name: X}
  standard: none
"""

#: A bad key (an error on line 3) and a footnote never cited (a warning on line 11).
ERROR_AND_WARNING = """\
meta:
  title: T
  titel: x
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - prose: Hi
footnotes:
  spare: Unused.
"""
TITEL = "brief.yaml:3:3: meta.titel: unknown key 'titel' (did you mean 'title'?)"
SPARE = ("brief.yaml:11:3: footnotes.spare: warning: footnote 'spare' is defined but never cited; cite it with"
         " [^spare] or remove it")


def _cli(tmp_path, monkeypatch, capsys, text, *args):
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, text)
    return run_cli([*args, "brief.yaml"], capsys)


def test_validate_lists_errors_and_warnings_together(tmp_path, monkeypatch, capsys):
    assert _cli(tmp_path, monkeypatch, capsys, ERROR_AND_WARNING, "validate") == (2, "", f"{TITEL}\n{SPARE}\n")


def test_validate_json_lists_errors_and_warnings_together(tmp_path, monkeypatch, capsys):
    status, out, _ = _cli(tmp_path, monkeypatch, capsys, ERROR_AND_WARNING, "validate", "--format", "json")
    report = json.loads(out)
    assert status == 2 and report["ok"] is False
    assert [(d["line"], d["severity"], d["path"]) for d in report["diagnostics"]] == [
        (3, "error", "meta.titel"), (11, "warning", "footnotes.spare")]


def test_a_failed_build_shows_the_warnings_too(tmp_path, monkeypatch, capsys):
    status, out, err = _cli(tmp_path, monkeypatch, capsys, ERROR_AND_WARNING, "build", "-o", "out")
    assert (status, out, err) == (2, "", f"{TITEL}\n{SPARE}\n") and not (tmp_path / "out").exists()


def test_build_prints_the_warnings_and_strict_makes_them_errors(tmp_path, monkeypatch, capsys):
    text = ERROR_AND_WARNING.replace("  titel: x\n", "")
    spare = SPARE.replace(":11:", ":10:")
    status, out, err = _cli(tmp_path, monkeypatch, capsys, text, "build", "-o", "out")
    assert (status, err) == (0, spare + "\n") and out.startswith("wrote out/brief.pdf in ")
    (tmp_path / "out" / "brief.pdf").unlink()
    status, out, err = _cli(tmp_path, monkeypatch, capsys, text, "build", "--strict", "-o", "out")
    assert (status, out) == (2, "")
    assert err == (f"{spare}\nbrief.yaml: (brief): not built: 1 warning(s), which --strict (strict=True) makes"
                   " errors; fix them, or build without --strict\n")
    assert list((tmp_path / "out").iterdir()) == []


def test_the_api_build_reports_warnings_and_honours_strict(tmp_path):
    path = write_brief(tmp_path, ERROR_AND_WARNING.replace("  titel: x\n", ""))
    seen = []
    assert briefgen.build(path, tmp_path / "out", on_warnings=seen.extend) == tmp_path / "out" / "brief.pdf"
    assert [w.path for w in seen] == ["footnotes.spare"]
    try:
        briefgen.build(path, tmp_path / "strict", strict=True)
    except briefgen.BriefError as error:
        assert error.exit_code == 2 and [w.path for w in error.warnings] == ["footnotes.spare"]
    else:
        raise AssertionError("strict=True built a brief with a warning")
    assert not (tmp_path / "strict").exists()


WRONG_CHART_TYPE = HEAD.replace("  standard: none\n", "  summary: See [](#fig-a).\n") + """\
sections:
  - heading: One
    blocks:
      - chart:
          id: fig-a
          type: barr
          title: Detentions
          alt: Detentions tripled.
          data: {categories: [Q1, Q2], values: {Detentions: [120, 310]}}
      - prose: As [](#fig-a) shows.
  - heading: Two
    id: sec-two
    blocks: 7
      - prose: x
"""


def test_a_wrong_chart_type_is_the_only_mistake_reported_not_its_knock_on_references(tmp_path, monkeypatch, capsys):
    text = WRONG_CHART_TYPE.replace("    blocks: 7\n      - prose: x\n",
                                    "    blocks:\n      - prose: See [](#sec-two).\n")
    status, _, err = _cli(tmp_path, monkeypatch, capsys, text, "validate")
    assert (status, err) == (2, "brief.yaml:11:17: sections[0].blocks[0].chart.type: unknown chart type 'barr';"
                                " expected one of area, bar, diverging_bar, dot, dumbbell, grouped_bar, line,"
                                " stacked_bar, step (did you mean 'bar'?)\n")


def test_a_reference_to_a_refused_section_is_not_reported_again(tmp_path, monkeypatch, capsys):
    text = WRONG_CHART_TYPE.replace("type: barr", "type: bar").replace("As [](#fig-a)", "As [](#sec-two)") \
        .replace("    blocks: 7\n      - prose: x\n", "    blocks: 7\n")
    status, _, err = _cli(tmp_path, monkeypatch, capsys, text, "validate")
    assert (status, err) == (2, "brief.yaml:18:13: sections[1].blocks: expected a list, found a number (7)\n")


def test_an_unknown_reference_is_still_reported_beside_another_error(tmp_path, monkeypatch, capsys):
    text = WRONG_CHART_TYPE.replace("As [](#fig-a)", "As [](#fig-b)")
    status, _, err = _cli(tmp_path, monkeypatch, capsys, text.replace("    blocks: 7\n      - prose: x\n",
                                                                       "    blocks: []\n"), "validate")
    assert status == 2 and (
        "brief.yaml:15:16: sections[0].blocks[1].prose.text: unknown cross-reference '#fig-b' (did you mean"
        " 'fig-a'?); give the section, figure or table that id") in err.splitlines()


def test_a_block_of_unknown_kind_hides_neither_mistakes_nor_makes_knock_on_ones(tmp_path, monkeypatch, capsys):
    text = HEAD + BODY.replace("prose: Hi", "calout: {id: box, title: Box, text: 'See the note.[^n]'}\n"
                                            "      - prose: As [](#box) and [](#nowhere) say.") \
        + "footnotes:\n  n: A note.\n  spare: Unused.\n"
    status, _, err = _cli(tmp_path, monkeypatch, capsys, text, "validate")
    assert status == 2 and err.splitlines() == [
        "brief.yaml:9:9: sections[0].blocks[0]: unknown block kind 'calout' (did you mean 'callout'?)",
        "brief.yaml:10:16: sections[0].blocks[1].prose.text: unknown cross-reference '#nowhere'; give the section,"
        " figure or table that id",
        "brief.yaml:13:3: footnotes.spare: warning: footnote 'spare' is defined but never cited; cite it with"
        " [^spare] or remove it",
    ]


COLOUR_HINT = "; '#' starts a comment in YAML, so '#3b1f4a' was not read: put it in quotes, brand: \"#3b1f4a\""
BODY = "sections:\n  - heading: One\n    blocks:\n      - prose: Hi\n"


def test_an_unquoted_colour_says_that_hash_starts_a_comment(tmp_path, monkeypatch, capsys):
    text = HEAD + "style:\n  colors:\n    brand: #3b1f4a   # plum\n" + BODY
    assert _cli(tmp_path, monkeypatch, capsys, text, "validate") == (
        2, "", f"brief.yaml:8:11: style.colors.brand: expected a colour like '#1f3a5f', found nothing (null)"
               f"{COLOUR_HINT}\n")


def test_an_unquoted_colour_in_braces_says_that_hash_starts_a_comment(tmp_path, monkeypatch, capsys):
    text = HEAD + "style:\n  colors: {brand: #3b1f4a}\n" + BODY
    assert _cli(tmp_path, monkeypatch, capsys, text, "validate") == (
        2, "", "brief.yaml:8:9: (yaml): YAML syntax error: expected ',' or '}', but got ':'; on line 7, '#' starts"
               " a comment in YAML, so '#3b1f4a' and the rest of the line were not read: put the colour in quotes,"
               " \"#3b1f4a\"\n")


def test_a_footnote_after_a_closing_quote_gets_a_hint(tmp_path, monkeypatch, capsys):
    text = HEAD + BODY.replace("prose: Hi", 'prose: "Detentions rose"[^n] in May') + "footnotes:\n  n: N.\n"
    assert _cli(tmp_path, monkeypatch, capsys, text, "validate") == (
        2, "", "brief.yaml:9:33: (yaml): YAML syntax error: expected <block end>, but found '['; a quoted text ends"
               " at its closing quote, so '[^n] in May' cannot follow it: put the whole text inside the quotes,"
               " \"Detentions rose[^n] in May\"\n")


def test_a_footnote_after_a_closing_quote_in_a_flow_list_gets_a_hint(tmp_path, monkeypatch, capsys):
    text = HEAD + BODY.replace("prose: Hi", "callout: {title: X, items: ['It''s up'[^n], b]}") \
        + "footnotes:\n  n: N.\n"
    assert _cli(tmp_path, monkeypatch, capsys, text, "validate") == (
        2, "", "brief.yaml:9:47: (yaml): YAML syntax error: expected ',' or ']', but got '['; a quoted text ends at"
               " its closing quote, so '[^n]' cannot follow it: put the whole text inside the quotes,"
               " 'It''s up[^n]'\n")


def test_bold_in_a_heading_is_a_warning_saying_the_asterisks_print(tmp_path, monkeypatch, capsys):
    text = HEAD + BODY.replace("heading: One", "heading: One **bold** claim").replace(
        "prose: Hi", "callout: {title: '*Key* findings', items: [a * b * c]}")
    assert _cli(tmp_path, monkeypatch, capsys, text, "validate") == (
        0, "brief.yaml: ok (2 warning(s))\n",
        "brief.yaml:7:14: sections[0].heading: warning: a heading is plain text, not Markdown: '**bold**' would"
        " print its asterisks; remove them (headings are bold already)\n"
        "brief.yaml:9:26: sections[0].blocks[0].callout.title: warning: this text is plain text, not Markdown:"
        " '*Key*' would print its asterisks; remove them\n")


def test_an_unquoted_colour_in_a_list_says_that_hash_starts_a_comment(tmp_path, monkeypatch, capsys):
    text = HEAD + "style:\n  colors:\n    chart:\n      - #0b4f8a\n      - '#d55e00'\n      - '#56b4e9'\n" + BODY
    assert _cli(tmp_path, monkeypatch, capsys, text, "validate") == (
        2, "", "brief.yaml:9:8: style.colors.chart[0]: expected a colour like '#1f3a5f', found nothing (null); '#'"
               " starts a comment in YAML, so '#0b4f8a' was not read: put it in quotes, - \"#0b4f8a\"\n")
    text = HEAD + "style:\n  colors:\n    chart: [#0b4f8a, '#d55e00', '#56b4e9']\n" + BODY
    status, _, err = _cli(tmp_path, monkeypatch, capsys, text, "validate")
    assert status == 2 and err.endswith("; on line 8, '#' starts a comment in YAML, so '#0b4f8a' and the rest of the"
                                        " line were not read: put the colour in quotes, \"#0b4f8a\"\n")
