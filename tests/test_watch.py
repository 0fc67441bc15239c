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
    built = [line for line in reports if line.startswith("wrote ")]
    assert len(built) == 2  # the first version and the fixed one; the broken one was not built
    assert any(line.endswith("meta.titel: unknown key 'titel' (did you mean 'title'?)") for line in reports)
    assert reports.index("not rebuilt: fix the problems above and save again") < reports.index(built[1])
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
