"""Benchmark (not a test): build the sample brief with charts, cold and warm.

Cold: an empty chart cache, so every chart is drawn (by the chart worker process when the
machine has a spare processor, else in the build process).
Warm: the same build again with the cache filled (matplotlib must not be imported).
Each build runs in a fresh Python process, timed from start to exit (as a user sees
`briefgen build`), and the in-process build time is printed too.

Targets: cold <= 1.3 s, warm <= 0.45 s. Also timed: rebuilds in one running process, as
``briefgen watch`` makes them after each save (Python's start-up and imports paid once). Uses briefs/venezuela-2025.yaml when it has
chart blocks, else a stand-in brief with the three sample charts.

Run:  python bench/bench_charts.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PROBE = """
import json, sys, time
start = time.perf_counter()
import briefgen
briefgen.build(sys.argv[1], sys.argv[2])
print(json.dumps({"build": time.perf_counter() - start, "matplotlib": "matplotlib" in sys.modules}))
"""


def spare_processors() -> int:
    from briefgen.charts.worker import spare_processors as spare

    return spare()


REBUILDS = """
import json, statistics, sys, time
import briefgen
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    briefgen.build(sys.argv[1], sys.argv[2])
    times.append(time.perf_counter() - start)
print(json.dumps({"first": times[0], "rebuilds": times[1:]}))
"""


def rebuilds(brief: Path, out: Path, cache: Path, count: int) -> dict:
    """Build ``count`` times in one process, as ``briefgen watch`` does after each save."""
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("BRIEFGEN_NO_CACHE", None)
    result = subprocess.run([sys.executable, "-c", REBUILDS, str(brief), str(out), str(count)], env=env,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def sample_brief(folder: Path) -> Path:
    sample = ROOT / "briefs" / "venezuela-2025.yaml"
    if sample.exists() and "- chart:" in sample.read_text(encoding="utf-8"):
        return sample
    from tests.helpers import charts_brief

    return charts_brief(folder)


def run(brief: Path, out: Path, cache: Path) -> dict:
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("BRIEFGEN_NO_CACHE", None)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", PROBE, str(brief), str(out)], env=env, capture_output=True,
                            text=True, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    report["process"] = time.perf_counter() - started
    return report


def without_charts(brief: Path, folder: Path) -> Path:
    """A copy of ``brief`` without its chart blocks, next to a link to the project's assets/."""
    import yaml

    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    for section in data["sections"]:
        section["blocks"] = [b for b in section.get("blocks", []) if "chart" not in b]
        for sub in section.get("sections", []):
            sub["blocks"] = [b for b in sub.get("blocks", []) if "chart" not in b]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    for ident in ("fig-vote-shares", "fig-state-margins", "fig-detentions"):
        text = text.replace(f"[](#{ident})", "")  # cross-references to the removed charts
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "assets").symlink_to(ROOT / "assets")
    path = folder / brief.name
    path.write_text(text, encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        brief = sample_brief(folder)
        cold, warm = [], []
        for i in range(args.repeat):
            cache = folder / f"cache-{i}"
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(run(brief, folder / "out", cache))
            warm.append(run(brief, folder / "out", cache))
        plain = without_charts(brief, folder / "plain")
        baseline = [run(plain, folder / "out", folder / "cache-plain") for _ in range(args.repeat)]
        print(f"baseline, the same brief with its chart blocks removed: "
              f"{statistics.median(r['process'] for r in baseline):.2f} s per build process"
              f" (best {min(r['process'] for r in baseline):.2f} s)")
        for name, runs, target in (("cold", cold, 1.3), ("warm", warm, 0.45)):
            process = statistics.median(r["process"] for r in runs)
            build = statistics.median(r["build"] for r in runs)
            imported = {r["matplotlib"] for r in runs}
            verdict = "ok" if process <= target else "over target"
            print(f"{name}: {process:.2f} s per build process, best {min(r['process'] for r in runs):.2f} s"
                  f" (import + build {build:.2f} s), target {target} s: {verdict};"
                  f" matplotlib imported in the build process: {', '.join(str(x) for x in sorted(imported))}")
        again = rebuilds(brief, folder / "out", folder / "cache-0", max(4, args.repeat + 1))["rebuilds"]
        print(f"rebuild in a running process (briefgen watch), charts cached: {statistics.median(again):.2f} s"
              f" median, best {min(again):.2f} s, target 0.45 s:"
              f" {'ok' if statistics.median(again) <= 0.45 else 'over target'}")
        print(f"spare processors for the chart worker: {spare_processors()}")
        print(f"brief: {brief.relative_to(ROOT) if brief.is_relative_to(ROOT) else brief.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
