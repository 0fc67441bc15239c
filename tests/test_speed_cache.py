"""Rebuild speed by reuse: a chart or SVG becomes drawing operators once (a ready form, kept in memory and in
the cache), never ReportLab shapes again on a warm build; the PDF stays byte for byte the same; and watch
loads a brief once per build. Work is counted (calls, loads), never timed."""

import json
import os
import subprocess
import sys

import pytest

from briefgen import cache as store
from briefgen.charts import forms
from tests.helpers import ROOT, SAMPLE, write_brief

#: Builds a brief and prints how often ReportLab's shape classes and their renderer ran (by cProfile).
PROBE = """
import cProfile, json, pstats, sys
import briefgen
profile = cProfile.Profile()
profile.enable()
briefgen.build(sys.argv[1], sys.argv[2])
profile.disable()
counts = {}
for (file, _line, name), (_cc, calls, *_rest) in pstats.Stats(profile).stats.items():
    if file.replace("\\\\", "/").endswith(("graphics/shapes.py", "lib/attrmap.py", "graphics/renderPDF.py")):
        counts[f"{file.rsplit('/', 1)[-1]}:{name}"] = calls
print(json.dumps(counts))
"""


def _probe(brief, out, cache_dir) -> dict:
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    env.pop("BRIEFGEN_NO_CACHE", None)
    result = subprocess.run([sys.executable, "-c", PROBE, str(brief), str(out)], env=env, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_warm_build_in_a_new_process_makes_no_shapes_and_the_same_bytes(tmp_path):
    cold = _probe(SAMPLE, tmp_path / "cold", tmp_path / "cache")
    assert cold.get("attrmap.py:validateSetattr", 0) > 0  # the first build does convert (three charts, a logo)
    warm = _probe(SAMPLE, tmp_path / "warm", tmp_path / "cache")
    assert warm == {}  # no Path, String or Group made, none validated or walked by renderPDF
    name = SAMPLE.stem + ".pdf"
    assert (tmp_path / "warm" / name).read_bytes() == (tmp_path / "cold" / name).read_bytes()
    assert len(list((tmp_path / "cache" / "charts").glob("*.form.json"))) == 3
    assert len(list((tmp_path / "cache" / "images").glob("*.form.json"))) == 1  # the logo, in the theme's fonts


def test_a_second_build_in_one_process_reuses_the_forms_it_holds(tmp_path, monkeypatch):
    import cProfile
    import pstats

    import briefgen

    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    briefgen.build(SAMPLE, tmp_path / "one")
    hits = forms.load.cache_info().hits
    profile = cProfile.Profile()
    profile.enable()
    briefgen.build(SAMPLE, tmp_path / "two")
    profile.disable()
    made = {name: calls for (file, _, name), (_, calls, *_) in pstats.Stats(profile).stats.items()
            if file.replace("\\", "/").endswith(("graphics/shapes.py", "lib/attrmap.py"))}
    assert made == {}
    assert forms.load.cache_info().hits - hits == 4  # three charts and the logo: the forms this process holds
    name = SAMPLE.stem + ".pdf"
    assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def _chart_form_entry(folder):
    [entry] = folder.glob("*.form.json")
    return entry.name[:64], store.read(folder, entry.name[:64], "form.json")


CHART_BRIEF = """\
meta:
  title: Forms
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - chart:
          type: bar
          title: Counts by place
          alt: Counts by place.
          data: {categories: [Alphaville, Betatown], values: {Count: [3, 5]}}
"""


def _run(brief, out, cache_dir):
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    env.pop("BRIEFGEN_NO_CACHE", None)
    subprocess.run([sys.executable, "-m", "briefgen", "build", str(brief), "-o", str(out)], env=env, check=True,
                   capture_output=True)
    return (out / "brief.pdf").read_bytes()


def test_a_form_entry_with_a_valid_tag_but_bad_content_is_a_miss(tmp_path):
    """Even with the key stolen: operators outside the alphabet (a string, an inline image), unknown fonts and
    bad numbers never reach the PDF; the form is compiled again from the display list and stored."""
    brief = write_brief(tmp_path, CHART_BRIEF)
    clean = _run(brief, tmp_path / "clean", tmp_path / "cache")
    folder = tmp_path / "cache" / "charts"
    key, good = _chart_form_entry(folder)
    body = json.loads(good)
    text = next(i for i, item in enumerate(body["items"]) if type(item) is list and item[0] == "t")
    raw = next(i for i, item in enumerate(body["items"]) if type(item) is str)

    def changed(index, value):
        copy = json.loads(good)
        copy["items"][index] = value
        return json.dumps(copy).encode()

    item = body["items"][text]
    for bad in (changed(raw, "BT /F1 9 Tf (injected) Tj ET"), changed(raw, "BI /W 1 ID x EI"),
                changed(text, [*item[:3], [["NoSuchFont", "x"]], *item[4:]]),
                changed(text, [item[0], float("nan"), *item[2:]]), changed(text, ["t", 1, 2]),
                good.replace(forms.FORMAT.encode(), b"briefgen-form-0"), b"{}", b"\xff"):
        assert forms.load(bad) is None
        store.write(folder, key, "form.json", bad)
        assert _run(brief, tmp_path / "again", tmp_path / "cache") == clean
        assert store.read(folder, key, "form.json") == good  # compiled again and stored


def test_a_form_replays_its_operators_and_sets_its_text_for_each_pdf():
    from reportlab.pdfgen.canvas import Canvas

    items = [["p", [0, 0, 10, 0, 10, 10], [0, 1, 1, 3], [1, 0, 0, 1], 1, None, 1, 0, 0, 10, None, 1, 1, 0],
             ["s", 5, 2, "Mid", "middle", "Helvetica", 10, [0, 0, 0, 1]],
             ["p", [0, 0, 4, 4], [0, 1], [0, 1, 0, 1], 1, [0, 0, 1, 1], 0.5, 1, 1, 10, [2, 1], 1, 1, 0]]
    data = json.dumps({"format": "briefgen-displaylist-3", "width": 20, "height": 10, "font": [None, 10],
                       "contents": items}).encode()
    form = forms.compile_list(data)
    assert form.items[0] == "1 0 0 rg\n0 0 m 10 0 l 10 10 l h f"  # closed: filled, nonzero winding
    canvas = Canvas(os.devnull)
    form.drawOn(canvas, 0, 0)
    code = "\n".join(canvas._code)
    assert "(Mid) Tj" in code and "0 0 0 rg" in code
    # an open path is never filled (as ReportLab draws it), only stroked, dashed as given
    assert code.endswith("0 0 1 RG\n.5 w\n1 J\n1 j\n[2 1] 0 d\n0 0 m 4 4 l S\nQ")
    assert forms.compile_list(data.replace(b'"Helvetica"', b'"Nope"')) is None  # checked like a display list


@pytest.mark.parametrize("saves", [2])
def test_watch_loads_the_brief_once_per_build(tmp_path, monkeypatch, saves):
    import briefgen
    from briefgen.watch import watch

    brief = write_brief(tmp_path, CHART_BRIEF)
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    real_load, loads, reports = briefgen.load, [], []

    def counted_load(*args, **kwargs):
        loads.append(args[0])
        return real_load(*args, **kwargs)

    monkeypatch.setattr(briefgen, "load", counted_load)

    def save(_seconds):
        brief.write_text(brief.read_text(encoding="utf-8").replace("Count: [3", "Count: [4"), encoding="utf-8")

    watch(brief, tmp_path / "out", interval=0, report=reports.append, rounds=saves, sleep=save)
    built = [line for line in reports if line.startswith("wrote ")]
    assert len(built) == saves and len(loads) == saves
