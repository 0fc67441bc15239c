"""Benchmark: what total-fit line breaking costs per build, cold and warm (not a test).

Usage: python bench/linebreak_cost.py [BRIEF.yaml ...] [--runs N]

Builds each brief in this process N times three ways and prints the median CPU
time (``time.process_time``, steadier than wall time on a shared machine):
- "first fit": justified paragraphs broken by ReportLab's own breaker (total fit off);
- "total fit, cold": the plans, parses and lines remembered per process are
  cleared before each build, so every paragraph is planned anew;
- "total fit, warm": nothing cleared, as in ``briefgen watch`` or a batch worker.
It also prints the time spent planning (:func:`briefgen.layout.linebreak._plan`)
in a cold build. Issue #13 asks that a warm rebuild pay for line breaks once.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import briefgen
from briefgen.layout import linebreak, paragraph

ROOT = Path(__file__).resolve().parents[1]
BRIEFS = [ROOT / "briefs" / "venezuela-2025.yaml", ROOT / "bench" / "reference" / "reference.yaml"]


def clear() -> None:
    for store in (linebreak.plans(), paragraph._parses(), paragraph._lines()):
        store.found.clear()


def timed(brief: Path, out: Path) -> float:
    started = time.process_time()
    briefgen.build(brief, out)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("briefs", nargs="*", type=Path, default=BRIEFS)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    eligible, plan = linebreak.eligible, linebreak._plan
    planning = []

    def counted_plan(*a, **kw):
        started = time.process_time()
        try:
            return plan(*a, **kw)
        finally:
            planning[-1] += time.process_time() - started

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for brief in args.briefs:
            briefgen.build(brief, out)  # imports, fonts, charts
            first, cold, warm, plans = [], [], [], []
            for _ in range(args.runs):
                linebreak.eligible = lambda _paragraph: False
                clear()
                first.append(timed(brief, out))
                linebreak.eligible, linebreak._plan = eligible, counted_plan
                clear()
                planning.append(0.0)
                cold.append(timed(brief, out))
                plans.append(planning[-1])
                warm.append(timed(brief, out))
                linebreak._plan = plan
            print(f"{brief.name}: first fit {statistics.median(first):.3f} s; total fit cold "
                  f"{statistics.median(cold):.3f} s (planning {statistics.median(plans):.3f} s), warm "
                  f"{statistics.median(warm):.3f} s (CPU, median of {args.runs})")


if __name__ == "__main__":
    main()
