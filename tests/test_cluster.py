"""Batches on a real Dask cluster (#12, part 3): ``build_many`` on ``client.get_executor()``, ``--scheduler``,
a worker killed mid-batch, and PDFs that the client writes (``memory://``).

One ``distributed.LocalCluster`` of two worker processes (one thread each, as docs/scale.md advises) serves
the whole module; its workers inherit the test session's cache folder and cache key.
"""

import collections
import os
import signal
from dataclasses import replace
from pathlib import Path

import dask
import fsspec
import pytest
from distributed import Client, LocalCluster

import briefgen
from briefgen.batch import BuildJob
from briefgen.cache import cache_root
from briefgen.editions.jobs import expand
from tests.helpers import ROOT, run_cli
from tests.test_batch import BROKEN, _chart_brief

#: How many briefs a batch holds (#12 asks for 24 editions).
COUNT = 24


def _batch(folder: Path, out) -> list[BuildJob]:
    """The 24 jobs of the batch, into ``out``: the editions of the state sheets, one per state."""
    jobs = expand(BuildJob(ROOT / "briefs" / "state-sheets.yaml", out))
    assert len(jobs) == COUNT
    return jobs


def _briefs(folder: Path, count: int) -> list[Path]:
    """``count`` one-page briefs with a chart each; their data differ, so each chart is drawn afresh."""
    return [_write(folder / f"b{n:02d}.yaml", _chart_brief(n)) for n in range(count)]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      worker_dashboard_address=None) as local, Client(local, set_as_default=False) as client:
        yield local, client


def _files(root: Path) -> dict:
    return {path: path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


def _killer(client, *, when):
    """A progress callback that SIGKILLs, once, a worker process busy with a brief, as soon as ``when()`` holds;
    it records the worker's address and the tasks it was running."""
    pids = client.run(os.getpid)  # {worker address: process id}
    killed = {}

    def progress(result):
        if killed or not when():
            return
        busy = {address: keys for address, keys in client.processing().items() if keys}
        if busy:
            address, keys = sorted(busy.items())[0]
            os.kill(pids[address], signal.SIGKILL)
            killed.update(address=address, keys=set(keys))

    return progress, killed


def test_a_cluster_builds_the_same_bytes_shares_the_cache_and_survives_a_killed_worker(tmp_path, cluster):
    local, client = cluster
    jobs = _batch(tmp_path / "briefs", tmp_path / "cluster")
    done = []
    progress, killed = _killer(client, when=lambda: len(done) >= 2)  # mid-batch: the workers are warm

    def count(result):
        done.append(result)
        progress(result)

    results = briefgen.build_many(jobs, client.get_executor(), progress=count)
    assert killed, "no worker was killed"
    assert [r.exit_code for r in results] == [0] * COUNT and [r.brief for r in results] == [j.brief for j in jobs]
    # The killed worker's task was handed to a worker again by Dask: processing twice, once on another worker.
    story = collections.Counter(t.key for t in local.scheduler.transition_log if t.finish == "processing")
    assert any(story[key] >= 2 for key in killed["keys"]), (killed, story)
    # The workers wrote their charts into the session's cache: this process now finds every one of them.
    cache_before = _files(cache_root())
    serial = briefgen.build_many([replace(job, out_dir=tmp_path / "serial") for job in jobs])
    assert all(r.ok for r in serial) and _files(cache_root()) == cache_before  # nothing drawn or written again
    names = sorted(r.output.name for r in results)
    assert len(set(names)) == COUNT and sorted(p.name for p in (tmp_path / "cluster").glob("*.pdf")) == names
    for result in results:
        name = result.output.name
        assert result.output.read_bytes() == (tmp_path / "serial" / name).read_bytes(), name


def test_a_worker_crash_names_the_brief_it_was_building(tmp_path, cluster):
    local, client = cluster
    jobs = [BuildJob(brief, tmp_path / "out") for brief in _briefs(tmp_path / "briefs", 4)]
    allowed, local.scheduler.allowed_failures = local.scheduler.allowed_failures, 0  # the first death is final
    try:
        progress, killed = _killer(client, when=lambda: True)
        results = briefgen.build_many(jobs, client.get_executor(), progress=progress)
    finally:
        local.scheduler.allowed_failures = allowed
    failed = [r for r in results if not r.ok]
    # The tasks the dead worker held (the one it ran, and one queued on it) fail; the others are built.
    assert killed and len(failed) == len(killed["keys"]) >= 1 and sum(r.ok for r in results) == 4 - len(failed)
    for result in failed:
        error, = result.errors
        assert (error.file, error.path, result.exit_code) == (str(result.brief), "(internal)", 1)
        assert error.message.startswith("the process building this brief failed: KilledWorker: ")
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 4 - len(failed)
    client.wait_for_workers(2, timeout=30)  # the nanny restarts the dead worker for the next test


def test_the_client_writes_pdfs_to_a_url_store_of_its_own(tmp_path, cluster):
    """A memory:// store lives in one process: the workers send the bytes back and this process writes them."""
    _, client = cluster
    briefs = _briefs(tmp_path / "briefs", 3) + [_write(tmp_path / "briefs" / "bad.yaml", BROKEN)]
    jobs = [BuildJob(brief, "memory://cluster-test/out") for brief in briefs]
    results = briefgen.build_many(jobs, client.get_executor())
    assert [r.output for r in results] == [f"memory://cluster-test/out/b0{n}.pdf" for n in range(3)] + [None]
    assert all(r.data is None for r in results)  # the bytes were written, and let go
    assert [str(e) for e in results[3].errors] == [f"{briefs[3]}:7:11: sections: expected a list, found a number (7)"]
    memory = fsspec.filesystem("memory")
    assert sorted(memory.ls("/cluster-test/out", detail=False)) == [f"/cluster-test/out/b0{n}.pdf" for n in range(3)]
    for n, brief in enumerate(briefs[:3]):
        assert memory.cat_file(f"/cluster-test/out/b0{n}.pdf") == briefgen.render_pdf(briefgen.load(brief))


def test_scheduler_option_sends_a_cli_batch_to_the_cluster(tmp_path, cluster, monkeypatch, capsys):
    local, _ = cluster
    monkeypatch.chdir(tmp_path)
    briefs = _briefs(tmp_path / "briefs", 3)
    _write(tmp_path / "briefs" / "bad.yaml", BROKEN)
    status, out, err = run_cli(["build", "briefs", "--scheduler", local.scheduler_address, "-o", "out"], capsys)
    assert status == 2
    assert sorted(line.split(" in ")[0] for line in out.splitlines()) == [f"wrote out/b0{n}.pdf" for n in range(3)]
    # Paths as the user gave them, though the workers had them absolute.
    assert err.splitlines()[:2] == ["failed: briefs/bad.yaml (errors below)",
                                    "briefs/bad.yaml:7:11: sections: expected a list, found a number (7)"]
    assert run_cli(["build", briefs[0], "-o", "alone"], capsys)[0] == 0
    assert (tmp_path / "out" / "b00.pdf").read_bytes() == (tmp_path / "alone" / "b00.pdf").read_bytes()


def test_a_scheduler_that_cannot_be_used_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    brief = _briefs(tmp_path, 1)[0]
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        assert run_cli(["build", brief, "--scheduler", "tcp://127.0.0.1:9"], capsys) == (
            2, "", "briefgen build: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: Timed out trying to"
                   " connect to tcp://127.0.0.1:9 after 1 s (is it running? 'dask scheduler' starts one)\n")
    assert run_cli(["build", brief, "--scheduler", "tcp://host"], capsys) == (
        2, "", "briefgen build: error: not a scheduler address: 'tcp://host' (missing port number in address"
               " 'host'); expected tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786\n")
    assert run_cli(["build", brief, "--scheduler", "tcp://h:1", "-j", "2"], capsys) == (
        2, "", "briefgen build: error: -j and --scheduler do not go together: the cluster's workers set how many"
               " build at a time\n")
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)  # as if it were not installed
    assert run_cli(["build", brief, "--scheduler", "tcp://h:1"], capsys) == (
        2, "", "briefgen build: error: --scheduler needs the 'distributed' package: pip install 'briefgen[cluster]'\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b00.yaml"]  # nothing written
