"""Benchmark: how soon `briefgen watch` starts a rebuild after a save, and what watching costs (not a test).

Usage: python bench/watch_latency.py [--saves N] [--idle SECONDS]

A small brief (prose and a bar chart drawn from ``data/counts.csv`` beside it)
is watched in this process, in a temporary folder, and its CSV is saved N times
(two contents in turn, so that after the first two the charts come from the
cache), a random 0.2-0.4 s after the last rebuild ended, as an editor saves:
a temporary file renamed over the old one. Two ways of waiting are
compared, each with an empty ``assets/`` and with 5,000 files in ``assets/``:

- ``events``: file-system events through watchfiles (inotify), as ``briefgen watch`` does;
- ``poll 50 ms``: a look every 50 ms (the longest gap that can keep within the 100 ms target).

For each it prints save -> rebuild starts (median, 90th percentile and worst,
in ms), save -> new PDF written (median), the CPU time the watching process
uses while nothing changes (ms per second), the cost of one look (the
stat of every file followed), and any second build for one save. Last, it runs
``briefgen watch`` in its own process and times save -> "wrote" line when each
save changes the chart (drawn anew, in a forked child).
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BRIEF = """\
meta:
  title: Watched
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - prose: Counted.
      - chart:
          type: bar
          title: Counts by place
          alt: Counts by place.
          data: {file: data/counts.csv, x: place, y: count}
"""
CONTENTS = ("place,count\nAlphaville,3\nBetatown,5\n", "place,count\nAlphaville,4\nBetatown,6\n")


def folder_with_brief(root: Path, name: str, assets_files: int) -> Path:
    folder = root / name
    (folder / "data").mkdir(parents=True)
    (folder / "assets").mkdir()
    for n in range(assets_files):  # 50 folders of 100 files: an image library, say
        sub = folder / "assets" / f"set{n // 100:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"file{n:04d}.txt").write_text("x", encoding="utf-8")
    (folder / "data" / "counts.csv").write_text(CONTENTS[0], encoding="utf-8")
    (folder / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    return folder / "brief.yaml"


def save(path: Path, text: str) -> float:
    """Save as editors do (write a temporary file, rename it over the old one); return when the save ended."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return time.perf_counter()


def measure(brief: Path, polling: bool, saves: int, idle: float) -> dict:
    import briefgen
    from briefgen.inputs import brief_inputs
    from briefgen.watch import _look, watch

    events, stop = queue.Queue(), threading.Event()
    real_build = briefgen.build

    def timed_build(*args, **kwargs):  # the moment the rebuild starts, and the moment it ends
        events.put(("start", time.perf_counter()))
        try:
            return real_build(*args, **kwargs)
        finally:
            events.put(("done", time.perf_counter()))

    briefgen.build = timed_build  # this benchmark's own process only
    kwargs = {"interval": 0.05, "sleep": time.sleep} if polling else {"interval": 0.5}
    thread = threading.Thread(target=watch, args=(brief, brief.parent / "out"), daemon=True,
                              kwargs={"report": lambda _line: None, "stop": stop, **kwargs})
    thread.start()
    try:
        for expected in ("start", "done"):
            assert events.get(timeout=300)[0] == expected
        starts, ends, extra = [], [], 0
        csv = brief.parent / "data" / "counts.csv"
        for n in range(saves):
            time.sleep(random.uniform(0.2, 0.4))
            saved = save(csv, CONTENTS[(n + 1) % 2])
            kind, started = events.get(timeout=300)
            kind2, ended = events.get(timeout=300)
            assert (kind, kind2) == ("start", "done")
            starts.append((started - saved) * 1000)
            ends.append((ended - saved) * 1000)
            while True:  # a second build for one save would be a defect: count them
                try:
                    events.get(timeout=0.3)
                except queue.Empty:
                    break
                extra += 1
        time.sleep(1.0)  # let the last rebuild's after-work finish
        cpu, wall = time.process_time(), time.perf_counter()
        time.sleep(idle)
        idle_cpu = (time.process_time() - cpu) / (time.perf_counter() - wall) * 1000
    finally:
        stop.set()
        thread.join(timeout=30)
        briefgen.build = real_build
    inputs = brief_inputs(briefgen.load(brief))
    rounds = 200
    began = time.process_time()
    for _ in range(rounds):
        _look(brief, inputs, False)
    look = (time.process_time() - began) / rounds * 1000
    starts.sort()
    return {"start_median": statistics.median(starts), "start_p90": starts[int(0.9 * (len(starts) - 1))],
            "start_max": starts[-1], "done_median": statistics.median(ends[2:] or ends), "idle_cpu": idle_cpu,
            "look": look, "extra": extra // 2}


def cli_rebuilds(brief: Path, saves: int, idle: float) -> tuple[list[float], float]:
    """``briefgen watch`` as a user runs it: seconds from each save to its "wrote" line, a new chart each time."""
    import signal
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    watcher = subprocess.Popen([sys.executable, "-m", "briefgen", "watch", str(brief), "-o", str(brief.parent / "out")],
                               stdout=subprocess.PIPE, text=True, env=env)
    times = []
    try:
        for _ in range(2):  # "watching ..." and the first build
            watcher.stdout.readline()
        time.sleep(3)  # the chart code is imported once after the first build
        for n in range(saves):
            saved = save(brief.parent / "data" / "counts.csv", f"place,count\nAlphaville,{n + 10}\nBetatown,{n}\n")
            line = watcher.stdout.readline()
            times.append(time.perf_counter() - saved)
            assert line.startswith("wrote "), line
            time.sleep(random.uniform(0.2, 0.4))
        time.sleep(1.0)
        began, cpu = time.perf_counter(), _cpu_seconds(watcher.pid)
        time.sleep(idle)
        idle_cpu = (_cpu_seconds(watcher.pid) - cpu) / (time.perf_counter() - began) * 1000
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.communicate(timeout=30)
    return times, idle_cpu


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process, all its threads (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--idle", type=float, default=5.0, help="seconds of idle watching measured")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ.setdefault("BRIEFGEN_CACHE_DIR", str(root / "cache"))  # never the user's own cache
        print(f"{args.saves} saves each; times in ms from the end of the save; {os.cpu_count()} CPUs")
        print(f"{'waiting by':<12} {'assets/':>8} {'start med':>10} {'p90':>7} {'worst':>7} {'PDF med':>8}"
              f" {'idle CPU ms/s':>14} {'one look ms':>12} {'extra builds':>13}")
        for files in (0, 5000):
            for polling in (False, True):
                name = f"{'poll' if polling else 'events'}-{files}"
                brief = folder_with_brief(root, name, files)
                r = measure(brief, polling, args.saves, args.idle)
                print(f"{'poll 50 ms' if polling else 'events':<12} {files:>8,} {r['start_median']:>10.1f}"
                      f" {r['start_p90']:>7.1f} {r['start_max']:>7.1f} {r['done_median']:>8.0f}"
                      f" {r['idle_cpu']:>14.2f} {r['look']:>12.2f} {r['extra']:>13}")
        times, idle_cpu = cli_rebuilds(folder_with_brief(root, "cli", 0), max(3, args.saves // 2), 2 * args.idle)
        print(f"briefgen watch (its own process), a CSV edit that changes the chart, save -> 'wrote' line:"
              f" median {statistics.median(times):.2f} s, worst {max(times):.2f} s over {len(times)} saves;"
              f" idle CPU {idle_cpu:.1f} ms/s")


if __name__ == "__main__":
    main()
