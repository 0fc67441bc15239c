"""Benchmark: a fresh `briefgen build` of the sample, with warm caches and with cold ones (not a test).

Usage: python bench/fresh_build.py [--before TREE] [--runs N] [--cold-runs M] [BRIEF.yaml]

Each build is a new process (``python -m briefgen build``), so Python's start-up
and the imports count, as they do for a user. Warm: each tree keeps its own cache
folder, and its own bytecode cache (``PYTHONPYCACHEPREFIX``; as an installed package
has its ``.pyc`` files, even where ``PYTHONDONTWRITEBYTECODE`` is set), filled by a
first build that is not counted. Cold: an empty cache folder
for every build (charts drawn by matplotlib, the SVG logo read by svglib,
hyphenation patterns parsed). With ``--before TREE`` (another checkout, for
example ``git archive HEAD | tar -x -C /tmp/before``; no git state is touched),
the trees take turns build by build, so both see the same machine noise.
Prints the median and minimum of each. Targets (issue #12): warm at most 0.40 s;
cold no slower than before.

``--instructions``: also run one warm build of each tree under valgrind's callgrind and print
the instructions it executed. Unlike seconds on a shared machine, that count repeats to a
fraction of a percent, so it tells a small change from noise (about a minute per tree).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_TARGET = 0.40


def time_build(tree: Path, brief: Path, out_dir: Path, cache_dir: Path, bytecode: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree), "BRIEFGEN_CACHE_DIR": str(cache_dir),
           "PYTHONPYCACHEPREFIX": str(bytecode)}
    env.pop("BRIEFGEN_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else every build compiles briefgen's modules anew
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(brief), "-o", str(out_dir)], check=True,
                   cwd=tree, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def count_instructions(tree: Path, brief: Path, out_dir: Path, cache_dir: Path, bytecode: Path) -> int:
    """Instructions one build executes (valgrind's callgrind; the interpreter itself, not a wrapper script)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "BRIEFGEN_CACHE_DIR": str(cache_dir),
           "PYTHONPYCACHEPREFIX": str(bytecode)}
    env.pop("BRIEFGEN_NO_CACHE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                           os.path.realpath(sys.executable), "-m", "briefgen", "build", str(brief), "-o",
                           str(out_dir)], cwd=tree, env=env, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", done.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", nargs="?", default=str(ROOT / "briefs" / "venezuela-2025.yaml"))
    parser.add_argument("--before", type=Path, help="another briefgen tree to compare with")
    parser.add_argument("--runs", type=int, default=15, help="warm builds per tree")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold builds per tree")
    parser.add_argument("--instructions", action="store_true", help="count one warm build's instructions (callgrind)")
    args = parser.parse_args()
    brief = Path(args.brief).resolve()
    trees = {"this tree": ROOT}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    warm = {name: [] for name in trees}
    cold = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for round_number in range(args.runs + 1):
            for name, tree in trees.items():
                spent = time_build(tree, brief, tmp / "out", tmp / f"cache-{name}", tmp / f"pyc-{name}")
                if round_number:  # the first round fills each tree's cache
                    warm[name].append(spent)
        for n in range(args.cold_runs):
            for name, tree in trees.items():
                cold[name].append(time_build(tree, brief, tmp / "out", tmp / f"cold-{n}-{name}", tmp / f"pyc-{name}"))
        counted = {name: count_instructions(tree, brief, tmp / "out", tmp / f"cache-{name}", tmp / f"pyc-{name}")
                   for name, tree in trees.items()} if args.instructions else {}
    print(f"{brief.name}, fresh processes, {os.cpu_count()} CPUs")
    for name in trees:
        print(f"{name:>10}: warm caches median {statistics.median(warm[name]):.3f} s (min {min(warm[name]):.3f},"
              f" {len(warm[name])} builds, target {WARM_TARGET} s); cold median {statistics.median(cold[name]):.3f} s"
              f" (min {min(cold[name]):.3f}, {len(cold[name])} builds)")
    for name, count in counted.items():
        print(f"{name:>10}: a warm build executes {count / 1e9:.3f} billion instructions")
    if args.before:
        ratio = statistics.median(warm["this tree"]) / statistics.median(warm["before"])
        print(f"this tree / before: warm {ratio:.3f}, cold"
              f" {statistics.median(cold['this tree']) / statistics.median(cold['before']):.3f}"
              + (f", instructions {counted['this tree'] / counted['before']:.3f}" if counted else ""))


if __name__ == "__main__":
    main()
