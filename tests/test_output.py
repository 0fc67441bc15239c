"""Output files: atomic, keeping the user's permissions, no stale temporary files, clear errors."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from briefgen.output import remove_stale_temps, write_atomic
from tests.helpers import BRIEFS, ROOT, run_cli


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> int:
    return path.stat().st_mode & 0o777


def test_a_new_file_gets_0666_less_the_umask(tmp_path, umask_022):
    write_atomic(b"one", tmp_path / "new.pdf")
    assert _mode(tmp_path / "new.pdf") == 0o644


def test_rebuilding_keeps_the_mode_the_user_set(tmp_path, capsys, umask_022):
    assert run_cli(["build", BRIEFS / "minimal.yaml", "-o", tmp_path], capsys)[0] == 0
    pdf = tmp_path / "minimal.pdf"
    os.chmod(pdf, 0o600)
    assert run_cli(["build", BRIEFS / "minimal.yaml", "-o", tmp_path], capsys)[0] == 0
    assert _mode(pdf) == 0o600
    os.chmod(pdf, 0o640)
    write_atomic(b"two", pdf)
    assert _mode(pdf) == 0o640 and pdf.read_bytes() == b"two"


def test_a_symlink_at_the_target_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    os.chmod(victim, 0o600)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "brief.pdf").symlink_to(victim)
    write_atomic(b"%PDF", tmp_path / "out" / "brief.pdf")
    assert victim.read_text(encoding="utf-8") == "keep" and not (tmp_path / "out" / "brief.pdf").is_symlink()


def test_o_naming_an_existing_file_is_refused_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report").write_bytes(b"mine")
    status, out, err = run_cli(["build", BRIEFS / "minimal.yaml", "-o", "report"], capsys)
    assert (status, out) == (2, "")
    assert err == ("report: (output): expected a folder for the output, found a file; give -o a folder"
                   " (it is created if missing), or a name ending in .pdf for the PDF itself\n")
    assert (tmp_path / "report").read_bytes() == b"mine"
    status, _, err = run_cli(["build", BRIEFS / "minimal.yaml", "-o", "report/sub.pdf"], capsys)
    assert status == 2 and err.startswith("report: (output): expected a folder for the output, found a file")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_o_naming_a_pdf_writes_that_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, _, _ = run_cli(["build", BRIEFS / "minimal.yaml", "-o", "final.pdf"], capsys)
    assert status == 0
    assert (tmp_path / "final.pdf").read_bytes().startswith(b"%PDF-")


def test_a_folder_named_like_the_pdf_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out" / "minimal.pdf").mkdir(parents=True)
    status, out, err = run_cli(["build", BRIEFS / "minimal.yaml", "-o", "out"], capsys)
    assert (status, out) == (2, "")
    assert err == ("out/minimal.pdf: (output): expected a file here, found a folder with the output's name;"
                   " rename or remove the folder, or write somewhere else with -o\n")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["minimal.pdf"]
    assert not any((tmp_path / "out" / "minimal.pdf").iterdir())


def test_a_full_disk_is_a_one_line_error_naming_the_file(tmp_path):
    # A file-size limit makes the write fail with EFBIG, as a full disk fails with ENOSPC.
    script = textwrap.dedent(f"""
        import resource, sys
        from briefgen.cli import main
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
        sys.exit(main(["build", {str(BRIEFS / "minimal.yaml")!r}, "-o", "out"]))
    """)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "minimal.pdf").write_bytes(b"the last good PDF")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFGEN_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ("out/minimal.pdf: (output): cannot write this file: File too large; nothing was"
                             " changed (check the folder's permissions and free space, or choose another folder"
                             " with -o)\n")
    assert os.listdir(tmp_path / "out") == ["minimal.pdf"]
    assert (tmp_path / "out" / "minimal.pdf").read_bytes() == b"the last good PDF"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir(mode=0o555)
    try:
        status, _, err = run_cli(["build", BRIEFS / "minimal.yaml", "-o", "out"], capsys)
    finally:
        (tmp_path / "out").chmod(0o755)
    assert status == 1
    assert err.startswith("out/minimal.pdf: (output): cannot write this file: Permission denied;")


def test_an_oserror_reaching_main_is_one_line_with_the_path(monkeypatch, capsys):
    import briefgen

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "/srv/out\x1b[2J")

    monkeypatch.setattr(briefgen, "build", refused)
    assert run_cli(["build", "x.yaml"], capsys) == (1, "", "/srv/out\\x1b[2J: (file): Permission denied\n")


def _killed_write(folder):
    """Start a write of folder/brief.pdf in a child and SIGKILL it just before the rename."""
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from briefgen import output
        target = Path({str(folder / "brief.pdf")!r})
        handle, temp = output._locked_temp(target)
        os.write(handle, b"x" * 100000)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == -signal.SIGKILL


def test_the_next_write_removes_what_a_killed_write_left(tmp_path):
    _killed_write(tmp_path)
    (left,) = tmp_path.iterdir()
    assert left.name.startswith(".brief.pdf.") and left.name.endswith(".tmp") and left.stat().st_size == 100000
    write_atomic(b"%PDF", tmp_path / "brief.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_only_our_own_unlocked_temporary_files_are_removed(tmp_path):
    import fcntl

    target = tmp_path / "brief.pdf"
    stale = tmp_path / ".brief.pdf.abcd_123.tmp"
    busy = tmp_path / ".brief.pdf.zzzz9999.tmp"
    others = [".other.pdf.abcd1234.tmp", ".brief.pdf.tmp", ".brief.pdf.ABCD1234.tmp", "brief.pdf.abcd1234.tmp",
              ".brief.pdf.abcd1234.tmp.keep"]
    for path in [stale, busy] + [tmp_path / name for name in others]:
        path.write_bytes(b"x")
    (tmp_path / "elsewhere.txt").write_text("keep", encoding="utf-8")
    (tmp_path / ".brief.pdf.link0000.tmp").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / ".brief.pdf.dir00000.tmp").mkdir()
    with busy.open("rb") as held:  # a build writing right now holds its temporary file locked
        fcntl.flock(held, fcntl.LOCK_EX)
        assert remove_stale_temps(target) == 1
    assert not stale.exists() and busy.exists()
    assert all((tmp_path / name).exists() for name in others)
    assert (tmp_path / "elsewhere.txt").exists() and (tmp_path / ".brief.pdf.link0000.tmp").is_symlink()
    assert (tmp_path / ".brief.pdf.dir00000.tmp").is_dir()

