"""Charts drawn by a second process give the same PDF as charts drawn in the build's own process."""

import os

import briefgen
from briefgen.charts import vector, worker
from tests.helpers import charts_brief


def build(brief, out, monkeypatch, cache_dir, *, spare: int):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(cache_dir))
    monkeypatch.setattr(worker, "spare_processors", lambda: spare)
    return briefgen.build(brief, out).read_bytes()


def test_worker_and_in_process_drawing_give_identical_pdfs(tmp_path, monkeypatch):
    brief = charts_brief(tmp_path)
    here = build(brief, tmp_path / "here", monkeypatch, tmp_path / "cache-here", spare=0)
    forked = build(brief, tmp_path / "forked", monkeypatch, tmp_path / "cache-forked", spare=1)
    cached = build(brief, tmp_path / "cached", monkeypatch, tmp_path / "cache-forked", spare=1)
    assert here == forked == cached
    assert len(list((tmp_path / "cache-forked" / "charts").glob("*.rl.json"))) == 3


def test_charts_the_worker_fails_to_draw_are_drawn_by_the_build(tmp_path, monkeypatch):
    brief = charts_brief(tmp_path, charts=("vote-shares",))
    expected = build(brief, tmp_path / "here", monkeypatch, tmp_path / "cache-here", spare=0)
    parent, real = os.getpid(), vector.display_list

    def fails_in_the_child(*args, **kwargs):
        if os.getpid() != parent:
            raise RuntimeError("the worker cannot draw")
        return real(*args, **kwargs)

    monkeypatch.setattr(vector, "display_list", fails_in_the_child)
    assert build(brief, tmp_path / "forked", monkeypatch, tmp_path / "cache-forked", spare=1) == expected


def test_no_worker_without_uncached_charts(tmp_path):
    assert worker.ChartWorker.start([], tmp_path) is None
