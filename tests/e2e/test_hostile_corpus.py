"""The hostile corpus (tests/hostile/): each case built by the CLI in a bounded child process.

See tests/hostile/README.md for the case format. Every case is checked for its own
expectations (exit status, exact messages, strings that must not leak) and for the
rules every untrusted input must keep: no internal error, no control character on
the terminal, no PDF after a failure, no formula in an exported CSV, and the work
bounded in time and memory.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

CORPUS = ROOT / "tests" / "hostile"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "expect.yaml").is_file()) if CORPUS.is_dir() else []
#: A safety net far above the 500 MB asked for: the peak is measured, this only stops a runaway.
ADDRESS_SPACE_CAP = 4 << 30
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?(\d[\d,]*)?(\.\d+)?([eE][+-]?\d+)?$")


#: Runs briefgen in the child under an address-space cap and, on exit, writes its peak memory: the
#: peak of its own address space (VmHWM, which starts afresh at exec, unlike ru_maxrss, which keeps the
#: forking test process's size) and of the processes it started itself (the chart worker).
CHILD = """\
import atexit, resource, runpy, sys
resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
def report():
    with open('/proc/self/status') as status:
        own = next((int(line.split()[1]) for line in status if line.startswith('VmHWM:')), 0)
    with open({peak!r}, 'w') as out:
        out.write(str(max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)))
atexit.register(report)
sys.argv = ['briefgen', *{args!r}]
runpy.run_module('briefgen', run_name='__main__', alter_sys=True)
"""


def run_bounded(args, cwd: Path, env: dict, timeout: float):
    """Run ``python -m briefgen *args``; return (exit, stdout, stderr, seconds, peak MB)."""
    out_path, err_path, peak_path = cwd / ".stdout", cwd / ".stderr", cwd / ".peak"
    code = CHILD.format(cap=ADDRESS_SPACE_CAP, peak=str(peak_path), args=list(args))
    started = time.perf_counter()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen([sys.executable, "-c", code], cwd=cwd, env=env,
                                 stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        try:
            child.wait(timeout * 4)  # far past the bound: stop, and fail below
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    seconds = time.perf_counter() - started
    stdout = out_path.read_bytes().decode("utf-8", "replace")
    stderr = err_path.read_bytes().decode("utf-8", "replace")
    peak_kb = int(peak_path.read_text() or 0) if peak_path.exists() else float("inf")
    for path in (out_path, err_path, peak_path):
        path.unlink(missing_ok=True)
    return child.returncode, stdout, stderr, seconds, peak_kb / 1024


def _csv_formulas(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.reader(handle):
                found += [f"{path.name}: {cell!r}" for cell in row
                          if cell.startswith(FORMULA_START) and not NUMBER.match(cell)]
    return found


def _leaks(folder: Path, markers: list[str]) -> list[str]:
    """Markers found in any file under ``folder``, raw or as text extracted from a PDF."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        texts = [data.decode("latin-1")]
        if path.suffix == ".pdf":
            from tests.helpers import page_texts

            try:
                texts += page_texts(data)
            except Exception:  # noqa: BLE001 - an unreadable PDF is reported by its own check
                pass
        found += [f"{path.name}: {m}" for m in markers if any(m in t for t in texts)]
    return found


@pytest.mark.parametrize("name", CASES)
def test_hostile_case(tmp_path, name):
    expect = yaml.safe_load((CORPUS / name / "expect.yaml").read_text(encoding="utf-8"))
    assert expect.get("why"), f"{name}/expect.yaml must say what the attack is"
    case = tmp_path / "case"
    shutil.copytree(CORPUS / name, case, symlinks=True)
    cache = tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFGEN_")}
    env.update({"BRIEFGEN_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})
    env.update({k: str(v) for k, v in (expect.get("env") or {}).items()})
    if (case / "make.py").is_file():
        subprocess.run([sys.executable, "make.py"], cwd=case, env=env, check=True, timeout=120)
    args = [str(a) for a in expect.get("args") or ["build", "brief.yaml"]]
    if args[0] in ("build", "charts") and "-o" not in args:
        args += ["-o", "out"]
    for _ in range(int(expect.get("runs", 1))):  # runs: 2 builds twice (a poisoned cache, say)
        status, stdout, stderr, seconds, peak_mb = run_bounded(args, case, env, float(expect.get("max_seconds", 5)))
    terminal = stdout + stderr
    problems = []
    if status != expect["exit"]:
        problems.append(f"exit status {status}, expected {expect['exit']}")
    if "stderr" in expect and stderr.splitlines() != expect["stderr"]:
        problems.append("stderr differs from the expected lines")
    problems += [f"stderr lacks {text!r}" for text in expect.get("stderr_contains", []) if text not in stderr]
    if "internal error" in terminal or "Traceback" in terminal:
        problems.append("an internal error reached the user")
    if CONTROL.search(terminal):
        problems.append(f"a control character reached the terminal: {CONTROL.search(terminal).group()!r}")
    out = case / "out"
    if status != 0 and out.exists() and any(out.rglob("*.pdf")):
        problems.append("a failed build wrote a PDF")
    if status != 0 and out.exists() and any(out.rglob("*.tmp")):
        problems.append("a failed build left a temporary file")
    problems += [f"formula in exported CSV: {f}" for f in _csv_formulas(out)]  # the partner's own CSVs may hold any
    problems += [f"left behind: {p.relative_to(case)}" for g in expect.get("absent_files", []) for p in case.glob(g)]
    problems += [f"leaked: {leak}" for leak in _leaks(case / "out", expect.get("absent", []))]
    if seconds > float(expect.get("max_seconds", 5)):
        problems.append(f"took {seconds:.1f} s, the bound is {expect.get('max_seconds', 5)} s")
    if peak_mb > float(expect.get("max_mb", 500)):
        problems.append(f"peak memory {peak_mb:.0f} MB, the bound is {expect.get('max_mb', 500)} MB")
    assert not problems, "\n".join(problems) + f"\n--- stdout\n{stdout}--- stderr\n{stderr}"
