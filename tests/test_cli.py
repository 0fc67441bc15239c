"""The command line is a thin layer over the API: exit statuses, messages, outputs."""

import json

import briefgen
from tests.helpers import BRIEFS, run_cli, write_brief


def test_version(capsys):
    status, out, _ = run_cli(["--version"], capsys)
    assert status == 0 and out.strip() == f"briefgen {briefgen.__version__}"


def test_build_prints_where_and_how_long(tmp_path, capsys):
    status, out, err = run_cli(["build", BRIEFS / "minimal.yaml", "-o", tmp_path], capsys)
    assert status == 0 and err == ""
    assert out.startswith(f"wrote {tmp_path / 'minimal.pdf'} in ") and out.rstrip().endswith(" s")


def test_usage_error_is_status_2(capsys):
    status, _, err = run_cli(["bild", "x.yaml"], capsys)
    assert status == 2 and "invalid choice: 'bild'" in err


def test_validate_ok_and_warnings(tmp_path, capsys):
    assert run_cli(["validate", BRIEFS / "minimal.yaml"], capsys)[:2] == (0, f"{BRIEFS / 'minimal.yaml'}: ok\n")
    path = write_brief(tmp_path, (BRIEFS / "minimal.yaml").read_text() + "footnotes:\n  spare: Unused.\n")
    status, out, err = run_cli(["validate", path], capsys)
    assert status == 0 and out.endswith(": ok (1 warning(s))\n")
    assert "footnotes.spare: warning: footnote 'spare' is defined but never cited" in err
    status, _, _ = run_cli(["validate", "--strict", path], capsys)
    assert status == 2


def test_validate_json(tmp_path, capsys):
    path = write_brief(tmp_path, "meta:\n  title: 5\n  titel: x\n")
    status, out, _ = run_cli(["validate", "--format", "json", path], capsys)
    report = json.loads(out)
    assert status == 2 and report["ok"] is False
    found = [(d["line"], d["col"], d["path"], d["message"]) for d in report["diagnostics"]]
    assert found == [
        (1, 1, "(top level)", "missing required key 'sections' (The body of the brief)"),
        (2, 3, "meta", "missing required key 'date' (Publication date (YYYY-MM-DD); also the PDF's creation date)"),
        (2, 3, "meta", "missing required key 'organisation' (The publishing organisation)"),
        (3, 3, "meta.titel", "unknown key 'titel' (did you mean 'title'?)"),
    ]


def test_missing_file(capsys, tmp_path):
    status, _, err = run_cli(["build", tmp_path / "nope.yaml", "-o", tmp_path], capsys)
    assert status == 2 and err.strip().endswith("(file): file not found")


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


def test_ctrl_c_during_a_build_exits_130_quietly(monkeypatch, capsys):
    monkeypatch.setattr(briefgen, "build", _interrupt)
    assert run_cli(["build", BRIEFS / "minimal.yaml"], capsys) == (130, "", "interrupted\n")


def test_ctrl_c_during_a_watch_build_exits_130_quietly(tmp_path, monkeypatch, capsys):
    seen = []

    def interrupt(*args, **kwargs):
        seen.append(kwargs["limits"].yaml_bytes)
        raise KeyboardInterrupt

    monkeypatch.setattr(briefgen, "build", interrupt)
    status, out, err = run_cli(["watch", BRIEFS / "minimal.yaml", "-o", tmp_path, "--limit", "yaml_bytes=1234"],
                               capsys)
    assert (status, err) == (130, "")
    assert out == f"watching {BRIEFS / 'minimal.yaml'} and its files; Ctrl-C stops\nstopped\n"
    assert seen == [1234]  # --limit reaches the builds of a watch
