"""Benchmark: `briefgen watch` on the sample brief, from a save to the new PDF, and a warm rebuild (not a test).

Usage: python bench/rebuild.py [--before TREE] [--saves N] [--rounds R]

The sample brief (briefs/venezuela-2025.yaml, with the project's assets/) is
copied to a temporary folder and watched as ``briefgen watch`` does (watchfiles
events, in a thread of the benchmark's process), with its own cache folder. After
the first build and two warm-up saves, its summary is edited N times (one word
changed and back, saved as editors do: a temporary file renamed over the brief),
each a random 0.2-0.4 s after the last PDF. For each save it records the time
from the end of the save to the watcher's "wrote" line, which is printed just
after the PDF is in place. Then it times N warm rebuilds in the same process
(``briefgen.build``, nothing changed).

``--before TREE`` is another checkout of briefgen (for example
``git archive HEAD | tar -x -C /tmp/before``): each tree runs in its own process,
R rounds alternating, so both see the same machine noise. Prints medians.
Target (issue #12): save -> PDF at most 0.12 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "briefs" / "venezuela-2025.yaml"
EDIT = ("Nearly ten months", "Almost ten months")
TARGET = 0.12


def save(path: Path, text: str) -> float:
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return time.perf_counter()


def child(saves: int) -> dict:
    """Watch a copy of the sample in this process; return the save -> PDF and warm rebuild times (seconds)."""
    import briefgen
    from briefgen import cli
    from briefgen.watch import watch

    if hasattr(cli, "collect_less"):
        cli.collect_less()  # as `briefgen watch` runs

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "pyproject.toml").write_text("", encoding="utf-8")  # the project root, where assets/ is found
        shutil.copytree(ROOT / "assets", folder / "assets")
        shutil.copytree(SAMPLE.parent / "charts", folder / "briefs" / "charts")
        brief = folder / "briefs" / SAMPLE.name
        original = SAMPLE.read_text(encoding="utf-8")
        assert EDIT[0] in original
        brief.write_text(original, encoding="utf-8")
        os.environ["BRIEFGEN_CACHE_DIR"] = str(folder / "cache")
        lines, stop = [], threading.Event()
        wrote = threading.Condition()

        def report(line: str) -> None:
            with wrote:
                lines.append((time.perf_counter(), line))
                wrote.notify_all()

        def next_line(count: int) -> tuple:
            with wrote:
                if not wrote.wait_for(lambda: len(lines) > count, timeout=120):
                    raise TimeoutError("no rebuild")
                return lines[count]

        thread = threading.Thread(target=watch, args=(brief, folder / "out"), daemon=True,
                                  kwargs={"interval": 0.5, "report": report, "stop": stop})
        thread.start()
        latencies = []
        try:
            next_line(0)
            for n in range(saves + 2):
                time.sleep(random.uniform(0.2, 0.4))
                text = original if n % 2 else original.replace(*EDIT, 1)
                count = len(lines)
                saved = save(brief, text)
                at, line = next_line(count)
                assert line.startswith("wrote "), line
                if n >= 2:  # two warm-up saves
                    latencies.append(at - saved)
        finally:
            stop.set()
            thread.join(timeout=30)
        rebuilds = []
        for _ in range(saves):
            started = time.perf_counter()
            briefgen.build(brief, folder / "out")
            rebuilds.append(time.perf_counter() - started)
    return {"latency": latencies, "rebuild": rebuilds}


def run_tree(tree: Path, saves: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "--saves", str(saves)],
                         env=env, cwd=tree, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another briefgen tree to compare with")
    parser.add_argument("--saves", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, os.environ.get("PYTHONPATH", str(ROOT)).split(os.pathsep)[0])
        print(json.dumps(child(args.saves)))
        return
    trees = {"this tree": ROOT}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    found = {name: {"latency": [], "rebuild": []} for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            for kind, values in run_tree(tree, args.saves).items():
                found[name][kind] += values
    print(f"sample brief, {os.cpu_count()} CPUs, {args.rounds} x {args.saves} saves per tree; medians")
    for name, values in found.items():
        latency, rebuild = sorted(values["latency"]), values["rebuild"]
        print(f"{name:>10}: save -> PDF {statistics.median(latency):.3f} s (p90 {latency[int(0.9 * (len(latency) - 1))]:.3f},"
              f" target {TARGET} s); warm rebuild in process {statistics.median(rebuild):.3f} s")


if __name__ == "__main__":
    main()
