"""Benchmark: wall time of `briefgen build` from process start (not a test).

Usage: python bench/bench_build.py [BRIEF.yaml] [--runs N]

Runs the CLI in fresh processes, so import time counts, and prints the
minimum and median. The first run may warm the OS file cache; it is reported
but not counted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_build(brief: Path, out_dir: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(brief), "-o", out_dir], check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", nargs="?", default=str(ROOT / "briefs" / "venezuela-2025.yaml"))
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out_dir:
        first = time_build(Path(args.brief), out_dir)
        times = [time_build(Path(args.brief), out_dir) for _ in range(args.runs)]
    print(f"{Path(args.brief).name}: first run {first:.3f} s; "
          f"min {min(times):.3f} s, median {statistics.median(times):.3f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
