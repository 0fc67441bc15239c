"""The cache store: where it lives, entries that prove they were written here, its bound, clear and info."""

import hashlib
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefgen import cache
from tests.helpers import ROOT, SAMPLE, run_cli


def key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def root(tmp_path, monkeypatch):
    """A cache of its own, with a key of its own."""
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("BRIEFGEN_NO_CACHE", raising=False)
    monkeypatch.delenv("BRIEFGEN_CACHE_MAX_MB", raising=False)
    return tmp_path / "cache"


def files_under(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# -- location -------------------------------------------------------------------------------

def test_the_cache_is_the_users_never_the_briefs(tmp_path, monkeypatch):
    monkeypatch.delenv("BRIEFGEN_CACHE_DIR", raising=False)
    monkeypatch.delenv("BRIEFGEN_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_root() == tmp_path / "xdg" / "briefgen"
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_root() == tmp_path / "mine"
    monkeypatch.setenv("BRIEFGEN_NO_CACHE", "1")
    assert cache.cache_root() is None and cache.section("charts") is None
    assert cache.location() == tmp_path / "mine"  # cache info and clear still know where it is


def test_building_the_sample_leaves_the_checkout_free_of_cache_files(tmp_path):
    """With no BRIEFGEN_CACHE_DIR the cache goes to XDG_CACHE_HOME, never beside the brief or its assets."""
    def cache_folders():
        return {p: files_under(p) for p in ROOT.rglob(".briefgen-cache")}

    before = cache_folders()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    env.update({"XDG_CACHE_HOME": str(tmp_path / "xdg"), "PYTHONPATH": str(ROOT)})
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(SAMPLE), "-o", str(tmp_path / "out")], env=env,
                   cwd=ROOT, check=True, capture_output=True)
    assert cache_folders() == before  # nothing new (an old checkout may hold a stale one: it is ignored)
    assert {p.parts[0] for p in files_under(tmp_path / "xdg" / "briefgen")} == {"charts", "images", "hyphenation",
                                                                                 "markdown", "linebreaks", "paragraphs"}


def test_no_cache_leaves_no_files_anywhere(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    env.update({"BRIEFGEN_NO_CACHE": "1", "BRIEFGEN_CACHE_DIR": str(tmp_path / "cache"),
                "XDG_CACHE_HOME": str(tmp_path / "xdg"), "XDG_DATA_HOME": str(tmp_path / "data"),
                "TMPDIR": str(tmp_path / "tmp"), "PYTHONPATH": str(ROOT)})
    (tmp_path / "tmp").mkdir()
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(SAMPLE), "-o", str(tmp_path / "out")], env=env,
                   cwd=ROOT, check=True, capture_output=True)
    assert files_under(tmp_path / "out") == [Path("venezuela-2025.pdf")]
    for folder in ("cache", "data", "tmp"):
        assert files_under(tmp_path / folder) == [], folder
    assert not (tmp_path / "xdg" / "briefgen").exists()  # matplotlib may keep its font list there


# -- entries --------------------------------------------------------------------------------

def test_an_entry_reads_back_only_as_written(root):
    folder, k = root / "charts", key("a")
    assert cache.write(folder, k, "svg", b"<svg/>") == folder / f"{k}.svg"
    assert cache.read(folder, k, "svg") == b"<svg/>" and cache.exists(folder, k, "svg")
    entry = folder / f"{k}.svg"
    blob = entry.read_bytes()
    for poisoned in (blob[:-1] + b"!", blob[:-1], blob[:20], b"", b"<svg/>", blob.replace(b"-1\n", b"-2\n")):
        entry.write_bytes(poisoned)
        assert cache.read(folder, k, "svg") is None, poisoned
    entry.write_bytes(blob)
    (folder / f"{key('b')}.svg").write_bytes(blob)  # the same entry under another key
    assert cache.read(folder, key("b"), "svg") is None
    (root / "images").mkdir()
    (root / "images" / f"{k}.svg").write_bytes(blob)  # or in another section
    assert cache.read(root / "images", k, "svg") is None
    assert cache.read(folder, k, "png") is None and cache.read(None, k, "svg") is None


def test_a_cache_made_with_another_key_is_not_trusted(root, tmp_path, monkeypatch):
    """A cache copied from another user or machine (or edited by someone who cannot read the key)."""
    folder, k = root / "charts", key("a")
    cache.write(folder, k, "svg", b"<svg/>")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "other-user"))
    assert cache.read(folder, k, "svg") is None
    cache.write(folder, k, "svg", b"<svg/>")  # redrawn and overwritten
    assert cache.read(folder, k, "svg") == b"<svg/>"


def test_the_key_is_private_and_made_once(root, tmp_path):
    cache.write(root / "charts", key("a"), "svg", b"x")
    path = cache.secret_path()
    assert path == tmp_path / "data" / "briefgen" / "cache.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and len(path.read_bytes()) == 32
    assert not str(path).startswith(str(root))
    secret = path.read_bytes()
    cache._load_secret.cache_clear()
    cache.write(root / "charts", key("b"), "svg", b"x")
    assert path.read_bytes() == secret and [p.name for p in path.parent.iterdir()] == ["cache.key"]


def test_without_a_usable_key_the_cache_is_off_and_private_folders_are_checked_by_hash(root, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the data folder should be")
    for data_home in (blocked, tmp_path / "shared"):
        monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
        if data_home.name == "shared":
            (data_home / "briefgen").mkdir(parents=True)
            (data_home / "briefgen" / "cache.key").write_bytes(os.urandom(32))
            (data_home / "briefgen" / "cache.key").chmod(0o644)  # readable by others: not a secret
        assert cache._secret() is None and cache.cache_root() is None
        folder, k = root / data_home.name, key(data_home.name)  # as the chart worker's own temporary folder
        cache.write(folder, k, "svg", b"<svg/>")
        assert cache.read(folder, k, "svg") == b"<svg/>"
        entry = folder / f"{k}.svg"
        entry.write_bytes(entry.read_bytes()[:-1] + b"!")
        assert cache.read(folder, k, "svg") is None


def test_links_fifos_and_folders_are_not_read(root, tmp_path):
    folder = root / "charts"
    folder.mkdir(parents=True)
    k = key("a")
    cache.write(tmp_path / "elsewhere", k, "svg", b"x")
    (folder / f"{k}.svg").symlink_to(tmp_path / "elsewhere" / f"{k}.svg")
    os.mkfifo(folder / f"{k}.png")
    (folder / f"{k}.pdf").mkdir()
    done = []
    reader = threading.Thread(target=lambda: done.append([cache.read(folder, k, f) for f in ("svg", "png", "pdf")]),
                              daemon=True)
    reader.start()
    reader.join(5)
    assert done == [[None, None, None]]  # and no wait on the FIFO


def test_an_unwritable_cache_is_no_error(root):
    root.write_text("a file where the cache folder should be")  # fails for root too, unlike a chmod
    assert cache.write(root / "charts", key("a"), "svg", b"x") is None
    assert cache.read(root / "charts", key("a"), "svg") is None


def test_keys_and_formats_are_checked():
    with pytest.raises(ValueError):
        cache.read(ROOT, "../../etc/passwd", "svg")
    with pytest.raises(ValueError):
        cache.write(ROOT, key("a"), "svg/../x", b"")


# -- the whole cache ------------------------------------------------------------------------

def fill(root, count, size=1024, sections=("charts", "images", "hyphenation")):
    for i in range(count):
        for section in sections:
            cache.write(root / section, key(f"{section}{i}"), "json", bytes(size))


def test_the_size_bound_evicts_the_least_recently_used(root, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_MAX_MB", str(40 / 1024))  # 40 KB
    fill(root, 40)  # 120 KB written
    total = sum(size for _, size in cache.info(root).values())
    assert 0 < total <= 40 * 1024 + 16 * 3 * (1024 + 49)  # trimmed now and then, not after every write
    old, new = root / "charts" / f"{key('charts0')}.json", root / "charts" / f"{key('charts39')}.json"
    assert not old.exists()
    assert cache.trim(root, 4 * 1024) > 0 and sum(s for _, s in cache.info(root).values()) <= 4 * 1024
    assert new.exists() or not any((root / "charts").iterdir())


def test_trim_removes_stale_temporary_files_and_only_files_of_ours(root):
    (root / "charts").mkdir(parents=True)
    stale, fresh = root / "charts" / ".0123456789ab.x1y2z3.tmp", root / "charts" / ".0123456789ab.a1b2c3.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    old = time.time() - 2 * cache.STALE_SECONDS
    os.utime(stale, (old, old))
    foreign = root / "images" / "holiday.png"
    foreign.parent.mkdir()
    foreign.write_bytes(bytes(10_000))
    assert cache.trim(root, 0) == 1
    assert not stale.exists() and fresh.exists() and foreign.exists()


def test_the_default_bound_is_documented_and_can_be_changed(monkeypatch):
    monkeypatch.delenv("BRIEFGEN_CACHE_MAX_MB", raising=False)
    assert cache.max_bytes() == 500 << 20
    monkeypatch.setenv("BRIEFGEN_CACHE_MAX_MB", "20")
    assert cache.max_bytes() == 20 << 20
    monkeypatch.setenv("BRIEFGEN_CACHE_MAX_MB", "lots")
    assert cache.max_bytes() == 500 << 20
    docs = (ROOT / "docs" / "charts.md").read_text(encoding="utf-8")
    assert "BRIEFGEN_CACHE_MAX_MB" in docs and "500 MB" in docs


def test_cache_info_and_clear_cover_every_section(root, capsys):
    fill(root, 2, sections=cache.SECTIONS)
    (root / "images" / "holiday.png").write_bytes(b"not ours")  # BRIEFGEN_CACHE_DIR may name a shared folder
    status, out, _ = run_cli(["cache", "info"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[:8] == [f"cache: {root}", "  charts: 2 file(s), 2 KB", "  images: 2 file(s), 2 KB",
                         "  hyphenation: 2 file(s), 2 KB", "  markdown: 2 file(s), 2 KB",
                         "  linebreaks: 2 file(s), 2 KB", "  paragraphs: 2 file(s), 2 KB",
                         "  total: 12 file(s), 13 KB of at most 500.0 MB (BRIEFGEN_CACHE_MAX_MB)"]
    assert lines[8] == f"  entries are checked with the key in {cache.secret_path()}"
    status, out, _ = run_cli(["cache", "clear"], capsys)
    assert (status, out) == (0, f"removed 12 cached file(s) from {root}\n")
    assert files_under(root) == [Path("images/holiday.png")]
    status, out, _ = run_cli(["cache", "info"], capsys)
    assert "  total: 0 file(s), 0 KB" in out


def test_cache_commands_say_when_the_cache_is_off(root, capsys, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_NO_CACHE", "1")
    status, out, _ = run_cli(["cache", "info"], capsys)
    assert status == 0 and out.splitlines()[0] == f"cache: {root} (off: BRIEFGEN_NO_CACHE is set)"


def test_without_a_private_key_the_cache_is_off_and_forged_entries_are_never_read(root, tmp_path, capsys,
                                                                                   monkeypatch):
    key_file = tmp_path / "shared" / "briefgen" / "cache.key"
    key_file.parent.mkdir(parents=True)
    key_file.write_bytes(os.urandom(32))
    key_file.chmod(0o640)  # readable by the group: anyone there could forge entries with it
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "shared"))
    status, out, _ = run_cli(["cache", "info"], capsys)
    assert out.splitlines()[0] == (f"cache: {root} (off: no private key at {key_file}: it must be a file of yours"
                                   " with mode 0600 in a folder you can write)")
    assert cache.cache_root() is None
    # An entry tagged with a plain SHA-256 (what a forger can compute) is not read from the user cache.
    folder = root / "charts"
    key = "ab" * 32
    label = f"charts/{key}.rl.json\0".encode()
    import hashlib

    folder.mkdir(parents=True)
    (folder / f"{key}.rl.json").write_bytes(cache.HEADER + hashlib.sha256(label + b"forged").digest() + b"forged")
    assert cache.read(cache.section("charts"), key, "rl.json") is None
