"""`briefgen watch`: a rebuild after every saved change, problems reported, the last good PDF kept."""

import os
import queue
import shutil
import threading
from pathlib import Path

import pytest

from briefgen.inputs import brief_inputs
from briefgen.watch import snapshot, watch
from tests.helpers import BRIEFS, page_texts, run_cli, write_brief

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


# -- every file the brief uses is followed (issue 11, section 6) -------------------------------------------------

CHART_BRIEF = GOOD.replace("First version.", "Counted.\n      - chart:\n          type: bar\n"
                           "          title: Counts by place\n          alt: Counts by place.\n"
                           "          data: {file: data/counts.csv, x: place, y: count}")
COUNTS = "place,count\nAlphaville,3\nBetatown,5\n"
RECOUNTED = "place,count\nAlphaville,3\nGammaburg,7\n"


def _chart_brief(folder: Path, text: str = CHART_BRIEF) -> Path:
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "counts.csv").write_text(COUNTS, encoding="utf-8")
    return write_brief(folder, text)


def _pdf_text(path: Path) -> str:
    return "\n".join(page_texts(path.read_bytes()))


def test_a_csv_beside_the_brief_is_followed(tmp_path):
    brief = _chart_brief(tmp_path)  # data/ beside the brief, no assets/: the case that was never rebuilt
    out, reports, texts = tmp_path / "out", [], []

    def recount(_seconds):
        texts.append(_pdf_text(out / "brief.pdf"))
        if len(texts) == 1:
            (tmp_path / "data" / "counts.csv").write_text(RECOUNTED, encoding="utf-8")

    watch(brief, out, interval=0, report=reports.append, rounds=3, sleep=recount)
    assert [line.split(" in ")[0] for line in reports] == [f"wrote {out / 'brief.pdf'}"] * 2
    assert "Betatown" in texts[0] and "Gammaburg" not in texts[0]
    assert "Gammaburg" in texts[1] and "Betatown" not in texts[1]


def test_a_csv_that_an_edit_of_the_brief_brings_in_is_followed_from_then_on(tmp_path):
    inline = CHART_BRIEF.replace("{file: data/counts.csv, x: place, y: count}",
                                 "{categories: [Inlandia], values: {count: [4]}}")
    brief = _chart_brief(tmp_path, inline)
    out, reports, edits = tmp_path / "out", [], [
        lambda: brief.write_text(CHART_BRIEF, encoding="utf-8"),
        lambda: (tmp_path / "data" / "counts.csv").write_text(RECOUNTED, encoding="utf-8")]

    watch(brief, out, interval=0, report=reports.append, rounds=4, sleep=lambda _s: edits and edits.pop(0)())
    assert [line.split(" in ")[0] for line in reports] == [f"wrote {out / 'brief.pdf'}"] * 3
    assert "Gammaburg" in _pdf_text(out / "brief.pdf")


def test_a_missing_file_in_assets_is_waited_for_and_unused_files_are_not_followed(tmp_path):
    (tmp_path / "assets" / "data").mkdir(parents=True)
    brief = write_brief(tmp_path, CHART_BRIEF)  # its CSV is not there yet: the brief does not load
    out, reports = tmp_path / "out", []
    edits = [lambda: (tmp_path / "assets" / "data" / "counts.csv").write_text(COUNTS, encoding="utf-8"),
             lambda: (tmp_path / "assets" / "notes.txt").write_text("not used by the brief", encoding="utf-8")]

    watch(brief, out, interval=0, report=reports.append, rounds=3, sleep=lambda _s: edits and edits.pop(0)())
    assert reports[0].endswith("data.file: file not found: 'data/counts.csv' (looked in"
                               f" {tmp_path}/ and {tmp_path / 'assets'}/); check the spelling and the folder")
    assert reports[1] == "not rebuilt: fix the problems above and save again"
    assert reports[2].startswith(f"wrote {out / 'brief.pdf'} in ") and len(reports) == 3  # notes.txt: no build


def test_a_file_that_goes_just_after_a_build_is_not_missed(tmp_path, monkeypatch):
    import briefgen

    brief = _chart_brief(tmp_path)
    real_build, reports = briefgen.build, []

    def build_then_lose_the_csv(*args, **kwargs):  # the CSV goes after the build read it, before watch looks
        target = real_build(*args, **kwargs)
        (tmp_path / "data" / "counts.csv").unlink(missing_ok=True)
        return target

    monkeypatch.setattr(briefgen, "build", build_then_lose_the_csv)
    watch(brief, tmp_path / "out", interval=0, report=reports.append, rounds=3, sleep=lambda _s: None)
    assert reports[0].startswith("wrote ") and len(reports) == 3
    assert "chart.data.file: file not found: 'data/counts.csv'" in reports[1]
    assert reports[2] == "not rebuilt: fix the problems above and save again"


def _font_theme(folder: Path) -> tuple[Path, list[Path]]:
    """A theme file beside the brief whose body family (and a fallback) are copies of the package's fonts."""
    from briefgen.theme import default_theme

    body = default_theme().fonts.body
    (folder / "fonts").mkdir()
    copies = []
    for face in ("regular", "italic", "bold", "bold_italic"):
        copies.append(folder / "fonts" / getattr(body, face).name)
        shutil.copyfile(getattr(body, face), copies[-1])
    math = next(f for f in body.fallback if f.name == "NotoSansMath")
    copies.append(folder / "fonts" / math.regular.name)
    shutil.copyfile(math.regular, copies[-1])
    names = [f"fonts/{path.name}" for path in copies]
    theme = folder / "house.yaml"
    theme.write_text("fonts:\n  body:\n    name: House\n" + "".join(
        f"    {face}: {name}\n" for face, name in zip(("regular", "italic", "bold", "bold_italic"), names))
        + f"    fallback:\n      - {{name: HouseMath, regular: {names[4]}}}\n", encoding="utf-8")
    return theme, copies


def test_the_inputs_are_every_file_the_brief_uses(tmp_path):
    from briefgen import load
    from briefgen.theme import PACKAGE_DIR, default_theme

    (tmp_path / "assets" / "data").mkdir(parents=True)
    (tmp_path / "assets" / "data" / "counts.csv").write_text(COUNTS, encoding="utf-8")
    (tmp_path / "assets" / "unused.png").write_bytes((BRIEFS / "bars.png").read_bytes())
    shutil.copyfile(BRIEFS / "bars.png", tmp_path / "bars.png")
    shutil.copyfile(BRIEFS / "bars.png", tmp_path / "dot.png")
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
        '<image href="dot.png" x="0" y="0" width="10" height="10"/></svg>', encoding="utf-8")
    theme, fonts = _font_theme(tmp_path)
    text = CHART_BRIEF.replace("organisation: {name: X}",
                               "organisation: {name: X, logo: logo.svg}\n  theme: house.yaml")
    figure = "Counted.\n      - figure: {file: bars.png, title: Bars, alt: Bars.}"
    brief = write_brief(tmp_path, text.replace("Counted.", figure))
    headings = default_theme().fonts.headings  # the headings family and its fallbacks are the package's own
    package_fonts = {getattr(headings, face) for face in ("regular", "italic", "bold", "bold_italic", "display")}
    package_fonts |= {getattr(f, face) for f in headings.fallback
                      for face in ("regular", "italic", "bold", "bold_italic")}
    expected = {brief, theme, tmp_path / "logo.svg", tmp_path / "dot.png", tmp_path / "bars.png",
                tmp_path / "assets" / "data" / "counts.csv", PACKAGE_DIR / "default.yaml", *fonts,
                *(path for path in package_fonts if path is not None)}
    assert brief_inputs(load(brief)) == {path.resolve() for path in expected}


def test_touching_a_font_rebuilds_and_gives_the_same_bytes(tmp_path):
    _, fonts = _font_theme(tmp_path)
    brief = _chart_brief(tmp_path, CHART_BRIEF.replace("organisation: {name: X}",
                                                       "organisation: {name: X}\n  theme: house.yaml"))
    out, reports, pdfs = tmp_path / "out", [], []

    def touch(_seconds):
        pdfs.append((out / "brief.pdf").read_bytes())
        if len(pdfs) == 1:  # the modification time only, a second later: the content is the same
            stat = fonts[0].stat()
            os.utime(fonts[0], ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    watch(brief, out, interval=0, report=reports.append, rounds=3, sleep=touch)
    assert [line.split(" in ")[0] for line in reports] == [f"wrote {out / 'brief.pdf'}"] * 2
    assert pdfs[0] == pdfs[1]


def _line(lines: queue.Queue) -> str:
    try:
        return lines.get(timeout=180)  # a generous bound for a loaded machine: the latency is measured in bench/
    except queue.Empty:
        pytest.fail("no build reported within 180 s")


def test_editing_a_csv_under_watch_rebuilds_on_the_file_system_event(tmp_path):
    pytest.importorskip("watchfiles")
    brief = _chart_brief(tmp_path)
    out, lines, stop = tmp_path / "out", queue.Queue(), threading.Event()
    # Looks only every ten minutes: within the test, only a file-system event can start the rebuild.
    def run():
        try:
            watch(brief, out, interval=600, report=lines.put, stop=stop)
        except BaseException as exc:  # noqa: BLE001 - the test's thread shows what ended the watch
            lines.put(f"watch ended: {exc!r}")

    watcher = threading.Thread(target=run, daemon=True)
    watcher.start()
    try:
        assert _line(lines).startswith(f"wrote {out / 'brief.pdf'} in ")
        assert "Betatown" in _pdf_text(out / "brief.pdf")
        (tmp_path / "data" / "counts.csv").write_text(RECOUNTED, encoding="utf-8")
        assert _line(lines).startswith(f"wrote {out / 'brief.pdf'} in ")
        assert "Gammaburg" in _pdf_text(out / "brief.pdf") and "Betatown" not in _pdf_text(out / "brief.pdf")
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert not watcher.is_alive() and lines.empty()


def test_a_rebuild_runs_with_what_the_last_build_left_frozen_and_watching_unfreezes_it(tmp_path):
    """Garbage is collected between builds and what survives is set aside (gc.freeze): the next build's
    collections walk only what it makes. When watching ends, nothing is left frozen."""
    import gc

    (tmp_path / "assets").mkdir()
    brief = write_brief(tmp_path, GOOD)
    frozen_at_build = []

    def report(line):
        if line.startswith("wrote "):
            frozen_at_build.append(gc.get_freeze_count())

    def edit(_seconds):
        brief.write_text(GOOD.replace("First", f"Version {len(frozen_at_build)}"), encoding="utf-8")

    assert gc.get_freeze_count() == 0
    watch(brief, tmp_path / "out", interval=0, report=report, rounds=3, sleep=edit)
    assert len(frozen_at_build) == 3
    assert frozen_at_build[0] == 0 and all(count > 10_000 for count in frozen_at_build[1:])
    assert gc.get_freeze_count() == 0
