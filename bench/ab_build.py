"""Benchmark: `briefgen build` of a brief at another commit against this tree, interleaved (not a test).

Usage: python bench/ab_build.py REF [BRIEF.yaml] [--runs N]

Checks REF out into a temporary git worktree, then builds the brief N times with each tree in
turn (fresh processes, so import time counts; caches warm after the first round, which is not
counted). Interleaving puts both trees under the same machine noise. Prints the median and
minimum of each, and the ratio of medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_build(tree: Path, brief: Path, out_dir: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(brief), "-o", out_dir], check=True, cwd=tree,
                   env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref")
    parser.add_argument("brief", nargs="?", default=str(ROOT / "briefs" / "venezuela-2025.yaml"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    brief = Path(args.brief).resolve()
    with tempfile.TemporaryDirectory() as folder:
        other = Path(folder) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", str(other), args.ref], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            times: dict = {args.ref: [], "this tree": []}
            trees = {args.ref: other, "this tree": ROOT}
            for round_number in range(args.runs + 1):
                for name, tree in trees.items():
                    spent = time_build(tree, brief, str(Path(folder) / "out"))
                    if round_number:  # the first round fills the caches
                        times[name].append(spent)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=False)
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"{name}: median {medians[name]:.3f} s, min {min(values):.3f} s over {len(values)} builds")
    print(f"this tree / {args.ref}: {medians['this tree'] / medians[args.ref]:.3f}")


if __name__ == "__main__":
    main()
