"""Benchmark: one batch built serially, one process per brief, against `-j 2` and a Dask LocalCluster (not a test).

Usage: python bench/batch.py [--runs 3] [--no-cluster]

The batch is the 24 state sheets of briefs/state-sheets.yaml (#12: under 5 s in all, about 0.2 s a
sheet), or, where that brief is missing, 24 one-page briefs with a chart each. Each figure is the
wall time of whole commands in fresh processes, so imports count, as medians over --runs:
- serial: a loop starting one process per brief (per sheet), as a user's shell loop would;
- `-j 1` and `-j 2`: one `briefgen build` command for the whole batch;
- cluster: `briefgen build --scheduler` on a LocalCluster of 2 workers that is already running
  (its start is printed apart; bench/cluster.py has more).
with the chart cache warm (a private one, BRIEFGEN_CACHE_DIR), and `-j 2` once with it empty.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHEETS = ROOT / "briefs" / "state-sheets.yaml"
COUNT = 24
#: One edition of the state sheets, built in a process of its own (as `briefgen build` would build one brief).
ONE_EDITION = ("import sys; from pathlib import Path; from briefgen.batch import BuildJob, build_one;"
               " from briefgen.editions import expand;"
               " r = build_one(expand(BuildJob(Path(sys.argv[1]), Path(sys.argv[2])))[int(sys.argv[3])]);"
               " sys.exit(r.exit_code)")


def prepare(work: Path):
    """(what to pass to `briefgen build`, how many PDFs it makes, a description) for the batch."""
    if SHEETS.is_file():
        return SHEETS, COUNT, f"the {COUNT} state sheets ({SHEETS.relative_to(ROOT)})"
    sys.path.insert(0, str(ROOT))
    from tests.test_batch import _chart_brief

    folder = work / "briefs"
    folder.mkdir()
    for n in range(COUNT):
        (folder / f"b{n:02d}.yaml").write_text(_chart_brief(n), encoding="utf-8")
    return folder, COUNT, f"{COUNT} one-page briefs with a chart each (tests/test_batch.py)"


def batch_jobs(target, out: Path) -> list:
    """The batch as BuildJob records (for the Python API)."""
    from briefgen.batch import BuildJob, find_briefs

    if Path(target) == SHEETS:
        from briefgen.editions import expand

        return expand(BuildJob(SHEETS, out))
    return [BuildJob(brief, out) for brief in find_briefs([target])]


def run_cli(args) -> float:
    """Seconds for `python -m briefgen build ARGS` in a fresh process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", "build", *map(str, args)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def serial(target, out: Path) -> float:
    """Seconds for a loop of one process per brief (per edition)."""
    started = time.perf_counter()
    for n in range(COUNT):
        if Path(target) == SHEETS:
            command = [sys.executable, "-c", ONE_EDITION, str(SHEETS), str(out), str(n)]
        else:
            command = [sys.executable, "-m", "briefgen", "build", str(Path(target) / f"b{n:02d}.yaml"), "-o", str(out)]
        subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-cluster", action="store_true", help="leave out the Dask LocalCluster")
    args = parser.parse_args()
    figures = {}
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        cache = work / "cache"
        os.environ["BRIEFGEN_CACHE_DIR"] = str(cache)  # inherited by every process started here
        target, count, what = prepare(work)
        figures["-j 2, cold chart cache"] = run_cli([target, "-j", "2", "-o", work / "cold"])
        figures["serial, a process each"] = statistics.median(serial(target, work / f"s{n}") for n in range(args.runs))
        figures["-j 1"] = statistics.median(run_cli([target, "-o", work / f"j1-{n}"]) for n in range(args.runs))
        figures["-j 2"] = statistics.median(run_cli([target, "-j", "2", "-o", work / f"j2-{n}"])
                                            for n in range(args.runs))
        if not args.no_cluster:
            from cluster import start_cluster

            started = time.perf_counter()
            cluster, client = start_cluster(2)
            figures["(cluster start)"] = time.perf_counter() - started
            try:
                run_cli([target, "--scheduler", cluster.scheduler_address, "-o", work / "c-warm-up"])  # worker imports
                figures["LocalCluster(2), --scheduler"] = statistics.median(
                    run_cli([target, "--scheduler", cluster.scheduler_address, "-o", work / f"c{n}"])
                    for n in range(args.runs))
            finally:
                client.close()
                cluster.close()
        shutil.rmtree(cache, ignore_errors=True)
    print(f"{what}: {count} PDFs; medians of {args.runs} runs; {os.cpu_count()} CPUs; target: under 5 s for the"
          f" batch (about 0.2 s a sheet)")
    for name, seconds in figures.items():
        rate = "" if name.startswith("(") else f"  {seconds / count:.3f} s a PDF, {count / seconds:5.1f} PDFs/s"
        print(f"  {name:<30} {seconds:6.2f} s{rate}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
