"""Benchmark (not a test): what tagging and PDF/A cost, the default standards against `--standard none`.

Usage: python bench/standards.py [BRIEF.yaml] [--runs N] [--standard S] [--cold] [--profile N]

Warm (always): builds in this process with ``briefgen.build(path, out_dir, standard=...)``,
after one warm-up build of each kind (charts cached, modules imported), interleaved
A B A B ... so that drift in the machine's speed hits both alike. Cold (``--cold``): each
build in a fresh ``python3 -m briefgen build`` process, timed from start to exit, also
interleaved. Prints the median and minimum of each and the overhead in percent (of the
untagged build), then the post-processing alone: ``briefgen.pdf.conform.conform`` timed
directly on the bytes ReportLab made for one build (in the same rounds as the warm builds),
and its steps from a profile of ``--profile`` builds.

The chart cache is a temporary folder (filled by the warm-up), so the user's cache is
neither used nor changed. Target from issue #9: tagging and PDF/A at most 15% of the build.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASELINE = "none"
#: The name under which the post-processing alone is timed among the builds.
POST = "conform"
#: The post-processing steps reported from the profile, in the order conform() runs them.
STEPS = ("fix_tounicode", "embed_files", "write_structure", "fix_annotations", "add_output_intent",
         "add_metadata", "save")


def interleaved(runs: int, kinds: tuple, build) -> dict:
    """``build(kind)`` ``runs`` times per kind, alternating kinds; the seconds of each, per kind."""
    times: dict = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind in kinds:
            times[kind].append(build(kind))
    return times


def warm_build(brief: Path, out_dir: Path, standard: str) -> float:
    import briefgen

    started = time.perf_counter()
    briefgen.build(brief, out_dir / standard, standard=standard)
    return time.perf_counter() - started


def cold_build(brief: Path, out_dir: Path, standard: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(brief), "-o", str(out_dir / standard),
                    "--standard", standard], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def summary(name: str, times: dict, standard: str) -> str:
    tagged, plain = statistics.median(times[standard]), statistics.median(times[BASELINE])
    best_tagged, best_plain = min(times[standard]), min(times[BASELINE])
    return (f"{name}: {standard} median {tagged:.3f} s (min {best_tagged:.3f}), {BASELINE} median"
            f" {plain:.3f} s (min {best_plain:.3f}); overhead by medians {100 * (tagged / plain - 1):+.1f}%"
            f" of the untagged build ({100 * (1 - plain / tagged):.1f}% of the tagged one),"
            f" by minima {100 * (best_tagged / best_plain - 1):+.1f}%")


@contextmanager
def recording_conform(calls: list):
    """While inside, every call of ``briefgen.pdf.conform.conform`` is recorded in ``calls``.

    render.py imports ``conform`` from its module at each call, so wrapping the module's
    attribute for the length of one build is enough; it is put back on the way out.
    """
    module = importlib.import_module("briefgen.pdf.conform")
    original = module.conform

    def record(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    module.conform = record
    try:
        yield
    finally:
        module.conform = original


def captured_conform(brief: Path, out_dir: Path, standard: str):
    """One build; a function that runs its ``conform`` call again on the same input (None if it made none)."""
    from briefgen.pdf.conform import conform

    calls: list = []
    with recording_conform(calls):
        warm_build(brief, out_dir, standard)
    if not calls:
        return None  # the brief claims nothing: no post-processing
    args, kwargs = calls[-1]

    def again() -> float:
        started = time.perf_counter()
        conform(*args, **kwargs)
        return time.perf_counter() - started

    return again


def profiled_steps(brief: Path, out_dir: Path, standard: str, builds: int) -> tuple[float, float, dict]:
    """From a profile of ``builds`` builds: seconds per build in all, in conform(), and in each step."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(builds):
        warm_build(brief, out_dir, standard)
    profile.disable()
    stats = pstats.Stats(profile).stats
    whole = conform_total = 0.0
    steps = {}
    for (filename, _, function), (_, _, _, cumulative, _) in stats.items():
        path = Path(filename).as_posix()
        if function == "build" and path.endswith("briefgen/__init__.py"):
            whole = cumulative
        elif "briefgen/pdf/" in path:
            if function == "conform" and path.endswith("conform.py"):
                conform_total = cumulative
            elif function in STEPS:
                steps[function] = steps.get(function, 0.0) + cumulative
    return whole / builds, conform_total / builds, {name: seconds / builds for name, seconds in steps.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", nargs="?", default=str(ROOT / "briefs" / "venezuela-2025.yaml"))
    parser.add_argument("--runs", type=int, default=9, help="builds of each kind (default 9)")
    parser.add_argument("--standard", default="ua-1+a-2b",
                        help="the claims to compare with none (default ua-1+a-2b, briefgen's default)")
    parser.add_argument("--cold", action="store_true", help="also time builds in fresh processes")
    parser.add_argument("--profile", type=int, default=3, metavar="N",
                        help="builds to profile for the post-processing steps (0: none; default 3)")
    args = parser.parse_args()
    if args.standard.strip().lower() == BASELINE:
        parser.error("--standard names the claims to compare with none; give one other than none")
    brief = Path(args.brief).resolve()
    kinds = (args.standard, BASELINE)
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        os.environ["BRIEFGEN_CACHE_DIR"] = str(folder / "cache")  # read at each build; the cold runs inherit it
        os.environ.pop("BRIEFGEN_NO_CACHE", None)
        out = folder / "out"
        warm_build(brief, out, BASELINE)  # warm-up: imports, fonts, hyphenation and the chart cache
        conform_again = captured_conform(brief, out, args.standard)  # the other warm-up
        print(f"brief: {brief.relative_to(ROOT) if brief.is_relative_to(ROOT) else brief}; {args.runs} builds"
              f" of each kind, interleaved")
        if conform_again is not None:
            kinds += (POST,)  # timed in the same rounds as the builds, so under the same load
        warm = interleaved(args.runs, kinds, lambda kind: conform_again() if kind == POST
                           else warm_build(brief, out, kind))
        print(summary("warm, in one process", warm, args.standard))
        if args.cold:
            cold_build(brief, out, BASELINE)  # the OS file cache, not counted
            cold = interleaved(args.runs, kinds[:2], lambda kind: cold_build(brief, out, kind))
            print(summary("cold, a fresh process per build", cold, args.standard))
        if conform_again is not None:
            alone, tagged = statistics.median(warm[POST]), statistics.median(warm[args.standard])
            extra = tagged - statistics.median(warm[BASELINE])
            print(f"post-processing alone (briefgen.pdf.conform.conform on one build's bytes, in the same"
                  f" rounds): median {alone * 1000:.1f} ms (min {min(warm[POST]) * 1000:.1f} ms),"
                  f" {100 * alone / tagged:.1f}% of the {args.standard} build and"
                  f" {100 * alone / extra if extra > 0 else float('nan'):.0f}% of its overhead; the rest,"
                  f" {(extra - alone) * 1000:+.1f} ms, is marking content while drawing (and noise)")
        if args.profile > 0 and conform_again is not None:
            whole, total, steps = profiled_steps(brief, out, args.standard, args.profile)
            print(f"profiled ({args.profile} builds, profiler overhead included): build {whole * 1000:.0f} ms,"
                  f" conform {total * 1000:.1f} ms ({100 * total / whole:.1f}%), of which:")
            for name in STEPS:
                if name in steps:
                    print(f"  {name:<18} {steps[name] * 1000:7.1f} ms  {100 * steps[name] / total:5.1f}%")
            rest = total - sum(steps.values())
            print(f"  {'(open, other)':<18} {rest * 1000:7.1f} ms  {100 * rest / total:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
