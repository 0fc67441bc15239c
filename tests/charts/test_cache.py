"""The chart cache: a rebuild whose charts did not change does not import matplotlib.

Charts never need svglib: they are drawn straight to ReportLab shapes."""

import json
import os
import subprocess
import sys

from briefgen.charts import cache
from tests.helpers import ROOT, charts_brief

PROBE = """
import json, sys
import briefgen
briefgen.build(sys.argv[1], sys.argv[2])
print(json.dumps({"matplotlib": "matplotlib" in sys.modules, "svglib": "svglib" in sys.modules}))
"""


def run_build(brief, out, cache_dir):
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    env.pop("BRIEFGEN_NO_CACHE", None)
    result = subprocess.run([sys.executable, "-c", PROBE, str(brief), str(out)], env=env, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_second_build_does_not_import_matplotlib(tmp_path):
    brief = charts_brief(tmp_path)
    first = run_build(brief, tmp_path / "out1", tmp_path / "cache")
    second = run_build(brief, tmp_path / "out2", tmp_path / "cache")
    assert first["svglib"] is False  # charts never go through SVG
    assert len(list((tmp_path / "cache" / "charts").glob("*.rl.json"))) == 3  # drawn here or by the worker
    assert second == {"matplotlib": False, "svglib": False}
    assert (tmp_path / "out1" / "charts-brief.pdf").read_bytes() == (tmp_path / "out2" / "charts-brief.pdf").read_bytes()


def test_a_changed_chart_is_drawn_again(tmp_path):
    brief = charts_brief(tmp_path, charts=("vote-shares",))
    run_build(brief, tmp_path / "out1", tmp_path / "cache")
    drawn = set((tmp_path / "cache" / "charts").glob("*.rl.json"))
    brief.write_text(brief.read_text(encoding="utf-8").replace("Half the votes", "Majority"), encoding="utf-8")
    run_build(brief, tmp_path / "out2", tmp_path / "cache")
    assert len(set((tmp_path / "cache" / "charts").glob("*.rl.json")) - drawn) == 1


def test_cache_key_needs_no_matplotlib_and_clear_empties_the_folder(tmp_path):
    code = "import sys, briefgen.charts.cache as c; c.versions(); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "False"
    folder = tmp_path / "charts"
    cache.write(folder, "abc", "svg", b"<svg/>")
    assert cache.read(folder, "abc", "svg") == b"<svg/>"
    assert cache.clear(folder) == 1 and not folder.exists()


def test_cache_clear_command(tmp_path, capsys, monkeypatch):
    from tests.helpers import run_cli

    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    cache.write(tmp_path / "charts", "k", "svg", b"x")
    status, out, _ = run_cli(["cache", "clear"], capsys)
    assert status == 0 and out.startswith("removed 1 cached file(s)")
