"""Benchmark: the sample brief at 1x, 10x and 50x its length: time per page and peak memory (not a test).

Usage: python bench/scale.py [--sizes 1,10,50] [--repeat 3] [--profile N]

The sample (briefs/venezuela-2025.yaml) is repeated N times: its sections are copied, and in each
copy every id defined in the sections (sections, tables, figures) and every footnote gets a suffix
(``sec-overview-2``, ``[^coverage-2]``), with the references to them in the text renamed to match;
the sources are shared. Every --limit is raised 100-fold (50 samples exceed a brief's default
bounds), and the chart cache (a private one) is warm. Each size is built in a fresh process: once
cold, --repeat times warm (as `briefgen watch` would; the fastest counts), and once with the
garbage collector off. Prints, per size: pages, CPU time (load and render) per page (CPU time, not
wall time: the machine may be shared), and the first build's peak RSS, also above the RSS after
the imports. #12 asks for a flat time per page (within 10%) and memory growing at most linearly.
``--profile N`` prints where the time of the N-times brief goes (cProfile, warm build).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "briefs" / "venezuela-2025.yaml"
_REF = re.compile(r"\(#([A-Za-z0-9_.:-]+)\)")
_NOTE = re.compile(r"\[\^([A-Za-z0-9_.:-]+)\]")


def _ids(node) -> set:
    """Every ``id:`` value defined inside ``node``."""
    if isinstance(node, dict):
        found = {node["id"]} if isinstance(node.get("id"), str) else set()
        return found.union(*(_ids(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_ids(value) for value in node))
    return set()


def _renamed(node, ids: set, suffix: str):
    """A copy of ``node`` with the ids in ``ids``, references to them and footnote labels suffixed."""
    if isinstance(node, dict):
        return {key: (f"{value}{suffix}" if key == "id" and value in ids else _renamed(value, ids, suffix))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_renamed(value, ids, suffix) for value in node]
    if isinstance(node, str):
        node = _REF.sub(lambda m: f"(#{m.group(1)}{suffix})" if m.group(1) in ids else m.group(0), node)
        return _NOTE.sub(lambda m: f"[^{m.group(1)}{suffix}]", node)
    return node


def scaled(data: dict, times: int) -> dict:
    """The brief ``data`` with its sections repeated ``times`` times (see the module's docstring)."""
    data = copy.deepcopy(data)
    sections, notes = data["sections"], data.get("footnotes") or {}
    ids = _ids(sections)
    for n in range(2, times + 1):
        suffix = f"-{n}"
        data["sections"] = data["sections"] + _renamed(sections, ids, suffix)
        data["footnotes"] = {**data["footnotes"], **{f"{label}{suffix}": _renamed(text, ids, suffix)
                                                   for label, text in notes.items()}}
    return data


def make_project(folder: Path, sizes) -> dict:
    """A project folder (its own assets/ and a pyproject.toml marker) holding the sample at each size."""
    folder.mkdir()
    (folder / "pyproject.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "assets", folder / "assets")
    (folder / "briefs").mkdir()
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    paths = {}
    for times in sizes:
        paths[times] = folder / "briefs" / f"sample-x{times}.yaml"
        paths[times].write_text(yaml.safe_dump(scaled(data, times), allow_unicode=True, sort_keys=False, width=100),
                                encoding="utf-8")
    return paths


def child(path: str, profile: bool, repeat: int) -> None:
    """In a fresh process: build ``path`` once cold, ``repeat`` times warm and once with the garbage
    collector off; print one JSON line of figures (the warm ones the fastest of their runs)."""
    import gc
    import io
    import resource
    import time

    import pypdf

    import briefgen
    import briefgen.render  # noqa: F401  (imports done before the baseline is taken)

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures: dict = {}
    for run in ["first"] + ["warm"] * repeat + ["no gc"]:
        started = time.process_time()  # CPU time: others' work on the machine does not count
        brief = briefgen.load(path)
        loaded = time.process_time()
        if run == "no gc":
            gc.disable()
        if profile and run == "warm":
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            data = profiler.runcall(briefgen.render_pdf, brief)
            stats = pstats.Stats(profiler, stream=sys.stderr)
            stats.sort_stats("tottime").print_stats(25)
            stats.sort_stats("cumulative").print_stats(30)
        else:
            data = briefgen.render_pdf(brief)
        done = time.process_time()
        gc.enable()
        if run not in figures or done - started < sum(figures[run].values()):
            figures[run] = {"load": loaded - started, "render": done - loaded}
        if run == "first":
            figures["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["pages"] = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    figures["rss_base_mb"] = baseline / 1024
    print(json.dumps(figures))


def measure(path: Path, profile: bool = False, repeat: int = 3) -> dict:
    command = [sys.executable, __file__, "--child", str(path), "--repeat", str(repeat)] + (
        ["--profile-child"] if profile else [])
    done = subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50")
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--profile-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3, help="warm builds per size (the fastest counts)")
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.profile_child, args.repeat)
    sizes = sorted({int(n) for n in args.sizes.split(",")} | ({args.profile} if args.profile else set()))
    with tempfile.TemporaryDirectory() as temp:
        os.environ["BRIEFGEN_CACHE_DIR"] = str(Path(temp) / "cache")
        sys.path.insert(0, str(ROOT))
        from briefgen.limits import Limits

        for _, default, variable, _ in Limits.describe():  # 50 samples exceed a brief's bounds: lift them all
            os.environ[variable] = str(default * 100)
        paths = make_project(Path(temp) / "project", sizes)
        measure(paths[sizes[0]])  # draws the charts into the cache
        if args.profile:
            measure(paths[args.profile], profile=True, repeat=1)
            return
        rows = {times: measure(paths[times], repeat=args.repeat) for times in sizes}
    def per_page(row, run):
        return (row[run]["load"] + row[run]["render"]) / row["pages"]

    base = rows[sizes[0]]
    print(f"sample brief at {', '.join(f'{n}x' for n in sizes)}; {os.cpu_count()} CPUs; CPU ms per page (first build;"
          f" fastest of {args.repeat} warm; warm with the garbage collector off); peak RSS of the first build, MB")
    print(f"  {'size':>5} {'pages':>5} {'first':>6} {'warm':>6} {'vs 1x':>6} {'no gc':>6} {'vs 1x':>6}"
          f" {'RSS':>5} {'above imports':>13} {'per page':>8}")
    for times, row in rows.items():
        grown = row["rss_peak_mb"] - row["rss_base_mb"]
        print(f"  {times:>4}x {row['pages']:>5} {per_page(row, 'first') * 1000:6.1f}"
              f" {per_page(row, 'warm') * 1000:6.1f}"
              f" {per_page(row, 'warm') / per_page(base, 'warm'):6.2f} {per_page(row, 'no gc') * 1000:6.1f}"
              f" {per_page(row, 'no gc') / per_page(base, 'no gc'):6.2f} {row['rss_peak_mb']:5.0f} {grown:13.0f}"
              f" {grown / row['pages']:8.2f}")

if __name__ == "__main__":
    main()
