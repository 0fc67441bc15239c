"""Benchmark: a batch on a Dask LocalCluster against `briefgen build -j 2` (not a test).

Usage: python bench/cluster.py [--workers 2] [--runs 3]

The batch is the 24 state sheets (briefs/state-sheets.yaml), or, where that brief is missing, 24
one-page briefs with a chart each (see bench/batch.py). Prints, as medians over --runs, with the
chart cache warm:
- `-j 2`: the whole command in a fresh process (imports, two worker processes, the batch);
- the cluster's start (scheduler and worker processes, in this process);
- `--scheduler`: the whole command in a fresh process, sending the batch to that running cluster;
- `build_many` on `client.get_executor()` in this process, once on fresh workers and then warm.
Needs the cluster extra (pip install -e ".[cluster]").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import batch_jobs, prepare, run_cli  # noqa: E402  (bench/batch.py, beside this file)


def start_cluster(workers: int):
    """A LocalCluster of ``workers`` processes of one thread each (see docs/scale.md), and its client."""
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=50)
    return cluster, Client(cluster)


def time_api(client, target, out: Path) -> float:
    """Seconds for ``briefgen.build_many`` of the batch on the client's executor (this process writes nothing)."""
    import briefgen

    jobs = batch_jobs(target, out)
    started = time.perf_counter()
    results = briefgen.build_many(jobs, client.get_executor())
    seconds = time.perf_counter() - started
    assert all(r.ok for r in results), [str(e) for r in results for e in r.errors][:3]
    return seconds


def measure(target, workers: int, runs: int, work: Path) -> dict:
    """The figures printed by :func:`main`, in seconds."""
    figures = {"-j 2": statistics.median(run_cli([target, "-j", "2", "-o", work / "j2"]) for _ in range(runs))}
    started = time.perf_counter()
    cluster, client = start_cluster(workers)
    figures["cluster start"] = time.perf_counter() - started
    try:
        figures["API, fresh workers"] = time_api(client, target, work / "api-fresh")
        figures["API, warm workers"] = statistics.median(time_api(client, target, work / f"api{n}")
                                                         for n in range(runs))
        figures["--scheduler"] = statistics.median(
            run_cli([target, "--scheduler", cluster.scheduler_address, "-o", work / f"sched{n}"]) for n in range(runs))
    finally:
        client.close()
        cluster.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        os.environ["BRIEFGEN_CACHE_DIR"] = str(work / "cache")  # inherited by the CLI and the workers
        target, count, what = prepare(work)
        run_cli([target, "-o", work / "warm-up"])  # draws the charts into the cache
        figures = measure(target, args.workers, args.runs, work)
    print(f"{what}; LocalCluster of {args.workers} worker processes; medians of {args.runs}; {os.cpu_count()} CPUs")
    for name, seconds in figures.items():
        rate = "" if name == "cluster start" else f"  ({count / seconds:5.1f} PDFs/s, {seconds / count:.3f} s each)"
        print(f"  {name:<20} {seconds:6.2f} s{rate}")


if __name__ == "__main__":
    main()
