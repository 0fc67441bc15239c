"""Diagnostics are inert on a terminal: user text is escaped once, in Diagnostic, for text and JSON."""

import json

from briefgen.errors import BriefError, Diagnostic, Diagnostics, terminal_lines, terminal_safe
from tests.helpers import run_cli, write_brief

#: A key that clears the screen, writes the clipboard (OSC 52), returns the cursor and fakes an "ok",
#: then a C1 CSI and a right-to-left override.
HOSTILE_KEY = r'"\e[2J\e]52;c;ZXZpbA==\a\rbrief.yaml: ok\n\x9b31m\u202Egnp"'
ESCAPED_KEY = r"\x1b[2J\x1b]52;c;ZXZpbA==\x07\rbrief.yaml: ok\n\x9b31m\u202egnp"

BRIEF = f"""\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {{name: X}}
  {HOSTILE_KEY}: 1
sections:
  - heading: One
    blocks:
      - prose: Hi
"""


def test_terminal_safe_escapes_c0_del_c1_bidi_and_line_breaks():
    text = "a\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\u061c\u200e\u2028\u202a\u202e\u2066\u2069\udcff z"
    assert terminal_safe(text) == (r"a\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\u061c\u200e\u2028\u202a\u202e"
                                   r"\u2066\u2069\udcff z")


def test_terminal_safe_keeps_ordinary_text_and_is_idempotent():
    text = "González – 36,7 % «ok» 中文 C:\\x1b"
    assert terminal_safe(text) == text
    once = terminal_safe("\x1b[2J\n")
    assert terminal_safe(once) == once == r"\x1b[2J\n"


def test_terminal_lines_keeps_line_breaks_only():
    assert terminal_lines("one\x1b[2J\ntwo\r") == "one\\x1b[2J\ntwo\\r"


def test_diagnostic_escapes_file_path_and_message():
    diagnostic = Diagnostic("\x1b]0;x\x07.yaml", 3, 4, "meta.\x9b2J", "unknown key '\x1b[2J\nok'")
    assert str(diagnostic) == r"\x1b]0;x\x07.yaml:3:4: meta.\x9b2J: unknown key '\x1b[2J\nok'"
    assert diagnostic.as_dict()["message"] == r"unknown key '\x1b[2J\nok'"


def test_every_way_of_making_a_diagnostic_escapes():
    collected = Diagnostics()
    collected.add("b.yaml", 1, 1, ["sections", 0, "\x1b[31m"], "bad \u202e value")
    error = BriefError(collected.items)
    assert str(error) == r"b.yaml:1:1: sections[0].\x1b[31m: bad \u202e value"


def test_hostile_key_is_inert_in_validate_text(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, BRIEF)
    status, out, err = run_cli(["validate", "brief.yaml"], capsys)
    assert status == 2 and out == ""
    assert err == f"brief.yaml:5:3: meta.{ESCAPED_KEY}: unknown key '{ESCAPED_KEY}'\n"


def test_hostile_key_is_inert_in_validate_json(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, BRIEF)
    status, out, _ = run_cli(["validate", "--format", "json", "brief.yaml"], capsys)
    assert status == 2
    (diagnostic,) = json.loads(out)["diagnostics"]
    # A consumer that prints the decoded strings prints escapes, not control characters.
    assert diagnostic["path"] == f"meta.{ESCAPED_KEY}"
    assert diagnostic["message"] == f"unknown key '{ESCAPED_KEY}'"


def test_hostile_key_is_inert_in_build(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, BRIEF)
    status, out, err = run_cli(["build", "brief.yaml", "-o", "out"], capsys)
    assert (status, out) == (2, "")
    assert err == f"brief.yaml:5:3: meta.{ESCAPED_KEY}: unknown key '{ESCAPED_KEY}'\n"
    assert not (tmp_path / "out").exists()


def test_hostile_file_name_is_inert_in_ok_and_wrote_lines(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    name = "\x1b]52;c;eA==\x07\nbrief.yaml: ok\u202e.yaml"
    write_brief(tmp_path, BRIEF.replace(f"  {HOSTILE_KEY}: 1\n", ""), name=name)
    status, out, err = run_cli(["validate", name], capsys)
    assert (status, out, err) == (0, r"\x1b]52;c;eA==\x07\nbrief.yaml: ok\u202e.yaml: ok" + "\n", "")
    status, out, err = run_cli(["build", name, "-o", "out"], capsys)
    assert status == 0 and err == ""
    assert out.startswith(r"wrote out/\x1b]52;c;eA==\x07\nbrief.yaml: ok\u202e.pdf in ")


def test_the_cli_escapes_whatever_else_it_prints(monkeypatch, capsys):
    import briefgen

    def broken(*args, **kwargs):
        raise RuntimeError("bad\x1b[2J\nthing\x9b")

    monkeypatch.setattr(briefgen, "build", broken)
    status, out, err = run_cli(["build", "x.yaml"], capsys)
    assert (status, out) == (1, "")
    assert err == (r"x.yaml: (internal): internal error: RuntimeError: bad\x1b[2J\nthing\x9b (run with --debug for"
                   " details)\n")
    status, out, err = run_cli(["build", "--debug", "x.yaml"], capsys)  # the traceback, escaped line by line
    assert (status, out) == (1, "") and "Traceback (most recent call last):\n" in err
    assert err.endswith("\nRuntimeError: bad\\x1b[2J\nthing\\x9b\n") and "\x1b" not in err
