"""`briefgen watch`: a rebuild after every saved change, problems reported, the last good PDF kept."""

from briefgen.watch import snapshot, watch
from tests.helpers import run_cli, write_brief

GOOD = """\
meta:
  title: Watched
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - prose: First version.
"""


def test_rebuilds_after_each_change_and_keeps_the_last_good_pdf(tmp_path):
    (tmp_path / "assets").mkdir()
    brief = write_brief(tmp_path, GOOD)
    out = tmp_path / "out"
    edits = [GOOD.replace("  title: Watched", "  titel: Watched"), GOOD.replace("First", "Second")]
    reports, pdfs = [], []

    def save_next_edit(_seconds):
        pdfs.append((out / "brief.pdf").read_bytes() if (out / "brief.pdf").exists() else None)
        if edits:
            brief.write_text(edits.pop(0), encoding="utf-8")

    watch(brief, out, interval=0, report=reports.append, rounds=4, sleep=save_next_edit)
    built = [n for n, line in enumerate(reports) if line.startswith("wrote ")]
    assert len(built) == 2  # the first version and the fixed one; the broken one was not built
    assert any(line.endswith("meta.titel: unknown key 'titel' (did you mean 'title'?)") for line in reports)
    assert built[0] < reports.index("not rebuilt: fix the problems above and save again") < built[1]
    assert pdfs[1] == pdfs[0]  # the broken save left the last good PDF alone
    assert pdfs[2] != pdfs[1]


def test_snapshot_sees_assets_and_ignores_unrelated_folders(tmp_path):
    (tmp_path / "assets" / "data").mkdir(parents=True)
    brief = write_brief(tmp_path, GOOD)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "brief.pdf").write_bytes(b"%PDF")
    before = snapshot(brief)
    (tmp_path / "out" / "brief.pdf").write_bytes(b"%PDF-changed")
    assert snapshot(brief) == before
    (tmp_path / "assets" / "data" / "counts.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert snapshot(brief) != before


def test_watch_command_rejects_a_missing_brief(tmp_path, capsys):
    status, _, err = run_cli(["watch", str(tmp_path / "nope.yaml")], capsys)
    assert status == 2 and "no such file" in err


def test_an_internal_error_is_reported_in_one_line_and_watching_goes_on(tmp_path, monkeypatch):
    import briefgen

    brief = write_brief(tmp_path, GOOD)
    out = tmp_path / "out"
    real_build, calls = briefgen.build, []

    def flaky_build(*args, **kwargs):  # the first build meets a bug, the next ones work
        calls.append(kwargs.get("limits"))
        if len(calls) == 1:
            raise ZeroDivisionError("division by zero\x1b[2J")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(briefgen, "build", flaky_build)
    reports = []

    def save(_seconds):
        brief.write_text(brief.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    from briefgen.limits import Limits

    limits = Limits.from_env(overrides={"yaml_bytes": 100_000})
    watch(brief, out, interval=0, report=reports.append, rounds=2, sleep=save, limits=limits)
    assert reports[:2] == [r"briefgen: internal error: ZeroDivisionError: division by zero\x1b[2J"
                           " (run build --debug for details)", "not rebuilt: still watching"]
    assert reports[2].startswith(f"wrote {out / 'brief.pdf'} in ") and len(reports) == 3
    assert calls == [limits, limits]


def test_output_problems_are_reported_and_watching_goes_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    brief = write_brief(tmp_path, GOOD)
    (tmp_path / "out" / "brief.pdf").mkdir(parents=True)
    reports = []

    def fix(_seconds):
        if (tmp_path / "out" / "brief.pdf").is_dir():
            (tmp_path / "out" / "brief.pdf").rmdir()
        brief.write_text(GOOD.replace("First", "Fixed"), encoding="utf-8")

    watch(brief, "out", interval=0, report=reports.append, rounds=2, sleep=fix)
    assert reports[:2] == ["out/brief.pdf: (output): expected a file here, found a folder with the output's name;"
                           " rename or remove the folder, or write somewhere else with -o",
                           "not rebuilt: fix the problems above and save again"]
    assert reports[2].startswith("wrote out/brief.pdf in ") and (tmp_path / "out" / "brief.pdf").is_file()


def test_a_brief_that_cannot_be_looked_at_is_reported_once(tmp_path, monkeypatch):
    import briefgen.watch

    def refused(_brief):  # e.g. an assets folder that the file checks refuse
        raise PermissionError(13, "Permission denied", str(tmp_path / "assets"))

    monkeypatch.setattr(briefgen.watch, "snapshot", refused)
    reports = []
    watch(tmp_path / "gone.yaml", tmp_path / "out", interval=0, report=reports.append, rounds=3, sleep=lambda _s: None)
    assert len(reports) == 2 and reports[0].endswith("(file): file not found") and reports[1].startswith("not rebuilt")
