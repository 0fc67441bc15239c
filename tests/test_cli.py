"""The command line is a thin layer over the API: exit statuses, messages, outputs."""

import json

import briefgen
from tests.helpers import ALT_BRIEF as ALT_TEMPLATE, ALT_CHART, BRIEFS, run_cli, write_brief


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


# -- --standard and alt text (PDF/UA) ---------------------------------------------------------------------------

ALT_BRIEF = ALT_TEMPLATE % ("%s", "      - prose: Detentions rose.\n" + ALT_CHART)
CHART_NO_ALT = ("brief.yaml:10:9: sections[0].blocks[1]: chart has no alt text, which PDF/UA-1 requires; add 'alt:'"
                " saying what the chart shows (its main finding, not its kind) (or build with --standard none for"
                " a draft)")
CHART_ALT_WARNING = "brief.yaml:11:11: sections[0].blocks[1].chart: warning: chart has no alt text; add 'alt:' saying" \
                    " what it shows"
STANDARD_VALUES = "expected ua-1, a-2b, a-3b, a combination such as ua-1+a-2b, or none"


def _alt_brief(tmp_path, monkeypatch, meta_line=""):
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, ALT_BRIEF % meta_line)
    return "brief.yaml"


def test_validate_refuses_a_chart_without_alt_under_the_default_standard(tmp_path, monkeypatch, capsys):
    path = _alt_brief(tmp_path, monkeypatch)
    assert run_cli(["validate", path], capsys) == (2, "", CHART_NO_ALT + "\n")
    status, out, err = run_cli(["build", path, "-o", "out"], capsys)
    assert (status, out, err) == (2, "", CHART_NO_ALT + "\n") and not (tmp_path / "out").exists()


def test_standard_none_makes_a_missing_alt_a_warning(tmp_path, monkeypatch, capsys):
    path = _alt_brief(tmp_path, monkeypatch)
    assert run_cli(["validate", "--standard", "none", path], capsys) == (
        0, "brief.yaml: ok (1 warning(s))\n", CHART_ALT_WARNING + "\n")
    assert run_cli(["validate", "--standard", "none", "--strict", path], capsys)[0] == 2
    status, out, err = run_cli(["build", path, "-o", "out", "--standard", "none"], capsys)
    assert status == 0 and err == CHART_ALT_WARNING + "\n" and out.startswith("wrote out/brief.pdf in ")


def test_meta_standard_none_makes_a_missing_alt_a_warning(tmp_path, monkeypatch, capsys):
    path = _alt_brief(tmp_path, monkeypatch, "  standard: none")
    assert run_cli(["validate", path], capsys) == (0, "brief.yaml: ok (1 warning(s))\n", CHART_ALT_WARNING + "\n")
    assert run_cli(["validate", "--standard", "ua-1", path], capsys) == (2, "", CHART_NO_ALT + "\n")


def test_pdfa_alone_claims_no_ua_so_a_missing_alt_is_a_warning(tmp_path, monkeypatch, capsys):
    path = _alt_brief(tmp_path, monkeypatch)
    assert run_cli(["validate", "--standard", "a-2b", path], capsys) == (
        0, "brief.yaml: ok (1 warning(s))\n", CHART_ALT_WARNING + "\n")


def test_a_decorative_figure_without_alt_validates_under_ua(tmp_path, monkeypatch, capsys):
    (tmp_path / "bars.png").write_bytes((BRIEFS / "bars.png").read_bytes())
    monkeypatch.chdir(tmp_path)
    write_brief(tmp_path, (ALT_BRIEF % "").split("      - chart:")[0]
                + "      - figure: {file: bars.png, title: Bars, decorative: true}\n")
    assert run_cli(["validate", "brief.yaml"], capsys) == (0, "brief.yaml: ok\n", "")


def test_a_bad_meta_standard_is_a_positioned_error_with_a_suggestion(tmp_path, monkeypatch, capsys):
    path = _alt_brief(tmp_path, monkeypatch, "  standard: ua-2")
    assert run_cli(["validate", path], capsys) == (  # the default's rule still applies meanwhile
        2, "", f"brief.yaml:5:13: meta.standard: unknown standard 'ua-2' (did you mean 'ua-1'?); {STANDARD_VALUES}\n"
        + CHART_NO_ALT + "\n")


def test_a_bad_standard_option_is_a_usage_error_naming_the_option(tmp_path, monkeypatch, capsys):
    path = _alt_brief(tmp_path, monkeypatch)
    for command in (["validate"], ["build", "-o", "out"], ["watch", "-o", "out"]):
        status, out, err = run_cli([*command, "--standard", "ua-2", path], capsys)
        assert (status, out) == (2, "") and "Traceback" not in err
        assert err.splitlines()[-1] == (f"briefgen {command[0]}: error: argument --standard: unknown standard 'ua-2'"
                                        f" (did you mean 'ua-1'?); {STANDARD_VALUES}")
    status, _, err = run_cli(["validate", "--standard", "a-2b+a-3b", path], capsys)
    assert status == 2 and err.splitlines()[-1] == (
        "briefgen validate: error: argument --standard: a-2b and a-3b cannot both be claimed: a PDF/A file has one"
        " part; choose a-3b to embed the charts' data")
    assert not (tmp_path / "out").exists()


def test_the_help_lists_the_standards(capsys):
    for command in ("build", "validate", "watch"):
        status, out, _ = run_cli([command, "--help"], capsys)
        assert status == 0 and "ua-1, a-2b, a-3b, a combination such as ua-1+a-2b (the default), or none" in " ".join(
            out.split())


def test_watch_builds_with_the_standard_given(tmp_path, monkeypatch, capsys):
    seen = []

    def interrupt(*args, **kwargs):
        seen.append(kwargs["standard"])
        raise KeyboardInterrupt

    monkeypatch.setattr(briefgen, "build", interrupt)
    status, _, _ = run_cli(["watch", BRIEFS / "minimal.yaml", "-o", tmp_path, "--standard", "UA-1+a-3b"], capsys)
    assert status == 130 and [str(s) for s in seen] == ["ua-1+a-3b"]
