"""Building many briefs in one command (#11, part 4): folders, -j, progress, failures, -o, Ctrl-C."""

import io
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Executor, Future
from pathlib import Path

import pytest

import briefgen
from briefgen import progress
from briefgen.batch import BuildJob, find_briefs, is_brief
from briefgen.errors import BriefError
from tests.helpers import BRIEFS, ROOT, run_cli, write_brief

MINIMAL = (BRIEFS / "minimal.yaml").read_text(encoding="utf-8")
BROKEN = MINIMAL.split("sections:")[0] + "sections: 7\n"
BROKEN_ERROR = "bad.yaml:7:11: sections: expected a list, found a number (7)"
#: A theme, a chart spec and a CSV: none of them is a brief.
NOT_BRIEFS = {"theme.yaml": "colors:\n  brand: '#3b1f4a'\n", "chart.yaml": "type: bar\ntitle: T\n",
              "data.csv": "a,b\n1,2\n", "notes.yaml": "meta: {title: x}\n"}


def _folder(tmp_path, briefs: dict) -> Path:
    folder = tmp_path / "briefs"
    folder.mkdir()
    for name, text in {**NOT_BRIEFS, **briefs}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_folder_holds_the_yaml_files_with_meta_and_sections(tmp_path):
    folder = _folder(tmp_path, {"b.yaml": MINIMAL, "a.yml": MINIMAL, "bad.yaml": BROKEN})
    (folder / "sub").mkdir()
    (folder / "sub" / "c.yaml").write_text(MINIMAL, encoding="utf-8")
    assert [p.name for p in find_briefs([folder])] == ["a.yml", "b.yaml", "bad.yaml"]
    # Named files are built whatever they hold; a brief named twice (or also by its folder) is built once.
    assert [p.name for p in find_briefs([folder / "theme.yaml", folder, folder / "b.yaml"])] == [
        "theme.yaml", "a.yml", "b.yaml", "bad.yaml"]
    assert not is_brief(folder / "notes.yaml") and not is_brief(folder / "sub")


def test_a_folder_without_a_brief_is_an_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, {})
    with pytest.raises(BriefError):
        find_briefs(["briefs"])
    assert run_cli(["build", "briefs"], capsys) == (
        2, "", "briefs: (folder): no brief here: a brief is a .yaml file with top-level 'meta:' and 'sections:'"
               " keys (subfolders are not searched)\n")


def test_one_bad_brief_does_not_stop_the_others(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, {"a.yaml": MINIMAL, "bad.yaml": BROKEN, "c.yaml": MINIMAL})
    status, out, err = run_cli(["build", "briefs", "-o", "out"], capsys)
    assert status == 2
    assert [line.split(" in ")[0] for line in out.splitlines()] == ["wrote out/a.pdf", "wrote out/c.pdf"]
    lines = err.splitlines()
    assert lines[0] == "failed: briefs/bad.yaml (errors below)"
    assert lines[1] == "briefs/" + BROKEN_ERROR  # the summary: each failure with its positioned error
    assert lines[2].startswith("wrote 2 PDF(s) to out in ") and lines[2].endswith(
        " s; 1 of 3 brief(s) failed: briefs/bad.yaml")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.pdf", "c.pdf"]


def test_worker_processes_build_the_same_bytes_and_report_the_same_failures(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, {"a.yaml": MINIMAL, "bad.yaml": BROKEN, "c.yaml": MINIMAL})
    assert run_cli(["build", "briefs/a.yaml", "-o", "alone"], capsys)[0] == 0
    status, out, err = run_cli(["build", "briefs", "-j", "2", "-o", "out"], capsys)
    assert status == 2 and "briefs/" + BROKEN_ERROR in err.splitlines()
    assert sorted(line.split(" in ")[0] for line in out.splitlines()) == ["wrote out/a.pdf", "wrote out/c.pdf"]
    assert (tmp_path / "out" / "a.pdf").read_bytes() == (tmp_path / "alone" / "a.pdf").read_bytes()


def test_the_exit_status_is_the_worst_one(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, {"a.yaml": MINIMAL, "bad.yaml": BROKEN})
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.pdf").mkdir()  # in the way: status 2, like the broken brief
    assert run_cli(["build", "briefs", "-o", "out"], capsys)[0] == 2
    real_build = briefgen.build

    def disk_full(path, *args, **kwargs):
        if Path(path).name == "a.yaml":
            raise BriefError([], exit_code=1)
        return real_build(path, *args, **kwargs)

    monkeypatch.setattr(briefgen, "build", disk_full)
    assert run_cli(["build", "briefs/a.yaml", "-o", "out2"], capsys)[0] == 1
    assert run_cli(["build", "briefs/a.yaml", "briefs/bad.yaml", "-o", "out2"], capsys)[0] == 2


def test_o_ending_in_pdf_writes_that_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    status, out, err = run_cli(["build", BRIEFS / "minimal.yaml", "-o", "final.pdf"], capsys)
    assert (status, err) == (0, "") and out.startswith("wrote final.pdf in ")
    assert (tmp_path / "final.pdf").is_file() and (tmp_path / "final.pdf").read_bytes().startswith(b"%PDF-")
    status, out, err = run_cli(["build", BRIEFS / "minimal.yaml", "-o", "deep/er/Final.PDF"], capsys)
    assert status == 0 and (tmp_path / "deep" / "er" / "Final.PDF").is_file()


def test_o_ending_in_pdf_with_several_briefs_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, {"a.yaml": MINIMAL, "c.yaml": MINIMAL})
    assert run_cli(["build", "briefs", "-o", "final.pdf"], capsys) == (
        2, "", "briefgen build: error: -o final.pdf names one PDF file, but 2 briefs were given; give -o a folder\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefs"]


def test_two_briefs_of_one_name_cannot_share_a_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for folder in ("en", "es"):
        (tmp_path / folder).mkdir()
        write_brief(tmp_path / folder, MINIMAL)
    assert run_cli(["build", "en/brief.yaml", "es/brief.yaml"], capsys) == (
        2, "", "briefgen build: error: en/brief.yaml and es/brief.yaml would both write out/brief.pdf; build them"
               " into different folders (-o)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en", "es"]


def test_bad_jobs_counts_are_usage_errors(capsys):
    for value in ("-1", "two"):
        status, _, err = run_cli(["build", "x.yaml", "-j", value], capsys)
        assert status == 2 and err.splitlines()[-1] == (
            f"briefgen build: error: argument -j/--jobs: expected a whole number of briefs at a time, found {value!r}")


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_a_progress_line_on_a_terminal_instead_of_a_line_per_pdf(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TERM", raising=False)
    _folder(tmp_path, {"a.yaml": MINIMAL, "bad.yaml": BROKEN, "c.yaml": MINIMAL})
    monkeypatch.setattr(progress, "wanted", lambda stream, count: count > 1)
    status, out, err = run_cli(["build", "briefs", "-o", "out"], capsys)
    assert status == 2 and out == ""
    drawn, _, rest = err.rpartition("\r")
    assert "\r[########----------------] 1/3 done  0 s" in drawn and "] 3/3 done, 1 failed  " in drawn
    assert "wrote out/" not in drawn  # no line per PDF while the progress line is shown
    assert rest.splitlines()[0] == "briefs/" + BROKEN_ERROR
    assert rest.splitlines()[1].startswith("wrote 2 PDF(s) to out in ")


def test_the_progress_line_fits_the_terminal_and_shows_only_numbers(monkeypatch):
    monkeypatch.setenv("COLUMNS", "30")
    stream = _Tty()
    line = progress.ProgressLine(stream, 3)
    line.update(briefgen.batch.BuildResult(Path("x"), errors=["e"], exit_code=2))
    written = stream.getvalue()
    assert written.startswith("\r") and written.endswith("\r") and len(written) == 29 + 2
    assert written.strip() == "1/3 done, 1 failed  0 s"  # no room for the bar
    monkeypatch.setenv("COLUMNS", "8")
    assert line.text(7) == "1/3 don"
    assert progress.wanted(stream, 2) and not progress.wanted(stream, 1) and not progress.wanted(io.StringIO(), 2)
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(stream, 2)


class _ReverseExecutor(Executor):
    """Runs its jobs one at a time, the last submitted first, on threads."""

    def __init__(self, count):
        self.count, self.lock, self.threads = count, threading.Lock(), []

    def submit(self, fn, /, *args, **kwargs):
        future, rank = Future(), len(self.threads)

        def run():
            time.sleep(0.15 * (self.count - rank))
            with self.lock:
                future.set_running_or_notify_cancel()
                future.set_result(fn(*args, **kwargs))

        self.threads.append(threading.Thread(target=run))
        self.threads[-1].start()
        return future


def test_build_many_takes_any_executor_and_keeps_the_input_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = _folder(tmp_path, {"a.yaml": MINIMAL, "bad.yaml": BROKEN, "c.yaml": MINIMAL})
    jobs = [BuildJob(folder / name, tmp_path / "out") for name in ("a.yaml", "bad.yaml", "c.yaml")]
    seen = []
    results = briefgen.build_many(jobs, _ReverseExecutor(3), progress=seen.append)
    assert [r.brief.name for r in results] == ["a.yaml", "bad.yaml", "c.yaml"]
    assert [r.brief.name for r in seen if r is not None] == ["c.yaml", "bad.yaml", "a.yaml"]  # as they finished
    assert [r.output for r in results] == [tmp_path / "out" / "a.pdf", None, tmp_path / "out" / "c.pdf"]
    assert [r.exit_code for r in results] == [0, 2, 0]
    assert [str(e).rpartition("/")[2] for e in results[1].errors] == [BROKEN_ERROR]
    plain = briefgen.build_many([folder / "a.yaml"])  # paths will do; built here, into out/
    assert plain[0].ok and plain[0].output == Path("out/a.pdf") and (tmp_path / "out" / "a.pdf").is_file()


def _chart_brief(seed: int) -> str:
    """A brief of three charts whose data differ with ``seed``, so that each one is drawn afresh."""
    charts = "".join(
        f"      - chart:\n          type: line\n          title: Series {n}\n          alt: It rises.\n"
        f"          data: {{categories: [{', '.join(str(2000 + y) for y in range(30))}],"
        f" values: {{A: [{', '.join(str(seed * 100 + n * 7 + y * y % 13) for y in range(30))}]}}}}\n"
        for n in range(3))
    return MINIMAL.replace("      - prose: Hello, world.\n", charts)


def test_ctrl_c_stops_a_parallel_build_cleanly(tmp_path):
    """Ctrl-C reaches the whole process group: status 130, one line, no traceback, no process left, no
    temporary file, and the jobs still queued are not built."""
    for seed in range(6):
        (tmp_path / f"b{seed}.yaml").write_text(_chart_brief(seed), encoding="utf-8")
    launch = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid();"
              " os.execvp(sys.executable, [sys.executable, '-m', 'briefgen', *sys.argv[1:]])")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "BRIEFGEN_CACHE_DIR": str(tmp_path / "cache"),
           "PYTHONDONTWRITEBYTECODE": "1"}
    child = subprocess.Popen([sys.executable, "-c", launch, "build", ".", "-j", "2", "-o", "out"], cwd=tmp_path,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = child.stdout.readline()  # the first PDF is written: the workers are busy with the next ones
    os.killpg(child.pid, signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert first.startswith("wrote out/b") and (child.returncode, err) == (130, "interrupted\n")
    with pytest.raises(ProcessLookupError):
        os.killpg(child.pid, 0)  # the workers, and the processes drawing their charts, are gone too
    announced = {line.split()[1].split("/")[1] for line in (first + out).splitlines()}
    on_disk = set(os.listdir(tmp_path / "out"))
    assert announced <= on_disk and all(name.endswith(".pdf") and not name.startswith(".") for name in on_disk)
    assert len(on_disk) <= 4  # two busy workers, one job queued ahead: the rest never started


# --- Outputs named by URL (#12, part 3): fsspec stores, written by the process that holds the results ---------

def test_o_takes_file_and_memory_urls(tmp_path, monkeypatch, capsys):
    import fsspec

    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, {"a.yaml": MINIMAL, "bad.yaml": BROKEN, "c.yaml": MINIMAL})
    assert run_cli(["build", "briefs", "-o", "local"], capsys)[0] == 2
    status, out, err = run_cli(["build", "briefs", "-o", "memory://test-batch/out/"], capsys)
    assert status == 2 and "briefs/" + BROKEN_ERROR in err.splitlines()
    assert [line.split(" in ")[0] for line in out.splitlines()] == [
        "wrote memory://test-batch/out/a.pdf", "wrote memory://test-batch/out/c.pdf"]
    memory = fsspec.filesystem("memory")
    assert sorted(memory.ls("/test-batch/out", detail=False)) == ["/test-batch/out/a.pdf", "/test-batch/out/c.pdf"]
    assert memory.cat_file("/test-batch/out/a.pdf") == (tmp_path / "local" / "a.pdf").read_bytes()
    status, out, _ = run_cli(["build", "briefs/a.yaml", "-o", f"file://{tmp_path}/by%20url/a.pdf"], capsys)
    assert status == 0 and out.startswith(f"wrote {tmp_path}/by url/a.pdf in ")  # file:// is a local path
    assert (tmp_path / "by url" / "a.pdf").read_bytes() == (tmp_path / "local" / "a.pdf").read_bytes()
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_an_unknown_or_missing_store_is_refused_before_any_work(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _folder(tmp_path, {"a.yaml": MINIMAL})
    assert run_cli(["build", "briefs", "-o", "nosuch://bucket/out"], capsys) == (
        2, "", "nosuch://bucket/out: (output): cannot write here: Protocol not known: nosuch\n")
    monkeypatch.setitem(sys.modules, "fsspec", None)  # as if fsspec were not installed
    monkeypatch.setitem(sys.modules, "fsspec.core", None)
    assert run_cli(["build", "briefs", "-o", "s3://bucket/out"], capsys) == (
        2, "", "s3://bucket/out: (output): writing to a URL needs fsspec: pip install 'briefgen[cluster]'\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefs"]


def test_a_store_without_atomic_puts_gets_a_temporary_name_then_a_move(tmp_path):
    from briefgen.output import write_url

    url = f"local://{tmp_path}/deep/x.pdf"  # fsspec's local file system, through the generic path
    write_url(b"%PDF-old", url)
    write_url(b"%PDF-new", url)
    assert (tmp_path / "deep" / "x.pdf").read_bytes() == b"%PDF-new" and os.listdir(tmp_path / "deep") == ["x.pdf"]
    (tmp_path / "deep" / "dir.pdf").mkdir()
    with pytest.raises(BriefError) as error:
        write_url(b"%PDF-", f"local://{tmp_path}/deep/dir.pdf")
    assert error.value.exit_code == 2 and str(error.value.diagnostics[0]).startswith(
        f"local://{tmp_path}/deep/dir.pdf: (output): expected a file here, found a folder with the output's name")
    with pytest.raises(BriefError) as error:
        write_url(b"%PDF-", f"local://{tmp_path}/deep/x.pdf/y.pdf")  # a file where the folder should be
    assert error.value.exit_code == 1 and ": (output): cannot write this file: " in str(error.value.diagnostics[0])
    assert sorted(os.listdir(tmp_path / "deep")) == ["dir.pdf", "x.pdf"]  # no temporary file left


def test_build_many_on_an_executor_writes_url_targets_here(tmp_path, monkeypatch):
    """Workers that are threads here, but could be anywhere: the bytes come back and this process writes them."""
    import fsspec

    folder = _folder(tmp_path, {"a.yaml": MINIMAL, "bad.yaml": BROKEN})
    jobs = [BuildJob(folder / "a.yaml", "memory://test-batch/exec"), BuildJob(folder / "bad.yaml", "memory://x"),
            BuildJob(folder / "a.yaml", tmp_path / "here", out_file="memory://test-batch/exec/named.pdf")]
    results = briefgen.build_many(jobs, _ReverseExecutor(3))
    assert [r.output for r in results] == ["memory://test-batch/exec/a.pdf", None, "memory://test-batch/exec/named.pdf"]
    assert [r.exit_code for r in results] == [0, 2, 0] and all(r.data is None for r in results)
    memory = fsspec.filesystem("memory")
    assert memory.cat_file("/test-batch/exec/a.pdf") == memory.cat_file("/test-batch/exec/named.pdf")
    local = briefgen.build_many([BuildJob(folder / "a.yaml", tmp_path / "here")], _ReverseExecutor(1), write_here=True)
    assert local[0].output == tmp_path / "here" / "a.pdf"
    assert (tmp_path / "here" / "a.pdf").read_bytes() == memory.cat_file("/test-batch/exec/a.pdf")


def test_a_worker_killed_mid_batch_fails_no_brief(tmp_path):
    """A dead worker breaks the whole process pool: the briefs it held are built again in a fresh pool."""
    from briefgen.batch import build_many, worker_pool

    folder = _folder(tmp_path, {f"brief-{n}.yaml": MINIMAL.replace("title:", f"title: Number {n} —", 1)
                                for n in range(6)})
    jobs = [BuildJob(path, tmp_path / "out") for path in find_briefs([folder])]
    serial = {job.brief.name: briefgen.build(job.brief, tmp_path / "serial").read_bytes() for job in jobs}
    killed = []
    with worker_pool(2) as pool:

        def progress(result):
            if result is not None and not killed:  # the first brief is done: kill a worker busy with another
                victim = next(iter(pool._processes.values()))
                os.kill(victim.pid, signal.SIGKILL)
                killed.append(victim.pid)

        results = build_many(jobs, pool, progress=progress)
    assert killed
    assert [result.exit_code for result in results] == [0] * len(jobs), [r.errors for r in results]
    for job in jobs:
        assert (tmp_path / "out" / f"{job.brief.stem}.pdf").read_bytes() == serial[job.brief.name]


#: Run in a process of its own (a worker forked from the test process would inherit whatever it imported):
#: a one-worker pool builds a brief whose chart is cached, then one whose chart is new; after each, the worker
#: says whether it has matplotlib.
WORKER_IMPORTS = """
import sys
from pathlib import Path
from briefgen.batch import BuildJob, build_many, worker_pool

def imports_matplotlib():
    return "matplotlib.figure" in sys.modules

if __name__ == "__main__":
    cached, new, out = map(Path, sys.argv[1:])
    with worker_pool(1) as pool:
        found = []
        for brief in (cached, new):
            assert build_many([BuildJob(brief, out)], pool)[0].ok
            found.append(pool.submit(imports_matplotlib).result())
    print(found)
"""


def test_a_worker_imports_matplotlib_only_once_it_has_a_chart_to_draw(tmp_path):
    """A batch whose charts are all in the cache never pays for matplotlib in its workers; one that draws
    imports it in the worker itself, so the worker's later chart children start drawing at once."""
    from tests.helpers import chart_spec, charts_brief

    spec = chart_spec("vote-shares")
    cached = charts_brief(tmp_path / "cached", specs=[spec])
    briefgen.build(cached, tmp_path / "here")  # its chart is drawn here, into the cache
    new = charts_brief(tmp_path / "new", specs=[{**spec, "title": f"A chart never drawn before {time.time()}"}])
    script = tmp_path / "workers.py"
    script.write_text(WORKER_IMPORTS, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(cached), str(new), str(tmp_path / "out")],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "[False, True]"
