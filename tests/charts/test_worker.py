"""Charts drawn by a second process give the same PDF as charts drawn in the build's own process."""

import os

import briefgen
from briefgen.charts import vector, worker
from tests.helpers import charts_brief


def build(brief, out, monkeypatch, cache_dir, *, spare: int):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(cache_dir))
    monkeypatch.setattr(worker, "spare_processors", lambda: spare)
    return briefgen.build(brief, out).read_bytes()


def first_in_the_child(monkeypatch, action):
    """Make the worker process run ``action`` before drawing each chart (the build's own process does not)."""
    parent, real = os.getpid(), vector.display_list

    def display_list(*args, **kwargs):
        if os.getpid() != parent:
            action()
        return real(*args, **kwargs)

    monkeypatch.setattr(vector, "display_list", display_list)


def test_worker_and_in_process_drawing_give_identical_pdfs(tmp_path, monkeypatch):
    brief = charts_brief(tmp_path)
    here = build(brief, tmp_path / "here", monkeypatch, tmp_path / "cache-here", spare=0)
    started, real_start = [], worker.ChartWorker.start.__func__

    def recording_start(cls, jobs, folder):
        started.append(real_start(cls, jobs, folder))
        return started[-1]

    monkeypatch.setattr(worker.ChartWorker, "start", classmethod(recording_start))
    forked = build(brief, tmp_path / "forked", monkeypatch, tmp_path / "cache-forked", spare=1)
    assert started and started[0] is not None  # the charts really were drawn by a child process
    cached = build(brief, tmp_path / "cached", monkeypatch, tmp_path / "cache-forked", spare=1)
    assert here == forked == cached
    assert len(list((tmp_path / "cache-forked" / "charts").glob("*.rl.json"))) == 3


def test_charts_the_worker_fails_to_draw_are_drawn_by_the_build(tmp_path, monkeypatch):
    brief = charts_brief(tmp_path, charts=("vote-shares",))
    expected = build(brief, tmp_path / "here", monkeypatch, tmp_path / "cache-here", spare=0)
    def fail():
        raise RuntimeError("the worker cannot draw")

    first_in_the_child(monkeypatch, fail)
    assert build(brief, tmp_path / "forked", monkeypatch, tmp_path / "cache-forked", spare=1) == expected


def test_no_worker_without_uncached_charts(tmp_path):
    assert worker.ChartWorker.start([], tmp_path) is None


def test_a_stuck_worker_is_stopped_and_the_build_draws_its_charts(tmp_path, monkeypatch):
    import time

    brief = charts_brief(tmp_path, charts=("vote-shares",))
    expected = build(brief, tmp_path / "here", monkeypatch, tmp_path / "cache-here", spare=0)
    first_in_the_child(monkeypatch, lambda: time.sleep(60))
    monkeypatch.setattr(worker, "PATIENCE", 0.5)
    started = time.monotonic()
    assert build(brief, tmp_path / "stuck", monkeypatch, tmp_path / "cache-stuck", spare=1) == expected
    assert time.monotonic() - started < 30


def test_no_fork_while_other_threads_run(tmp_path, monkeypatch):
    import threading

    monkeypatch.setattr(worker, "spare_processors", lambda: 1)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert worker.ChartWorker.start([("key", None, None, 100.0)], tmp_path) is None
    finally:
        stop.set()
        thread.join()



def test_a_brief_with_contents_takes_two_passes_and_still_matches(tmp_path, monkeypatch):
    brief = charts_brief(tmp_path, charts=("vote-shares", "state-margins"), extra_meta={"toc": True})
    here = build(brief, tmp_path / "here", monkeypatch, tmp_path / "cache-here", spare=0)
    forked = build(brief, tmp_path / "forked", monkeypatch, tmp_path / "cache-forked", spare=1)
    assert here == forked
