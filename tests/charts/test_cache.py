"""The chart cache: a rebuild whose charts did not change does not import matplotlib, and a tampered
entry never changes a PDF or an export.

Charts never need svglib: they are drawn straight to ReportLab shapes."""

import json
import os
import shutil
import subprocess
import sys
import time

import yaml

from briefgen import cache as store
from briefgen.charts import cache, displaylist
from tests.helpers import ROOT, SAMPLE, charts_brief, page_texts

PROBE = """
import json, sys
import briefgen
briefgen.build(sys.argv[1], sys.argv[2])
print(json.dumps({"matplotlib": "matplotlib" in sys.modules, "svglib": "svglib" in sys.modules}))
"""
START = len(store.HEADER)
CONTENT = START + store.TAG_SIZE


def child_env(cache_dir, **extra):
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT), **extra}
    env.pop("BRIEFGEN_NO_CACHE", None)
    return env


def run_build(brief, out, cache_dir):
    result = subprocess.run([sys.executable, "-c", PROBE, str(brief), str(out)], env=child_env(cache_dir),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def cli(args, cache_dir, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "briefgen", *map(str, args)], env=child_env(cache_dir), cwd=cwd,
                          capture_output=True, text=True, check=True)


def edit_in_place(path, change):
    """Change an entry's content as someone without the key would: the old tag stays."""
    blob = path.read_bytes()
    path.write_bytes(blob[:CONTENT] + change(blob[CONTENT:]))


def swap_strings(data: bytes, first: str, second: str) -> bytes:
    return data.replace(first.encode(), b"\0").replace(second.encode(), first.encode()).replace(b"\0", second.encode())


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


def test_cache_key_needs_no_matplotlib(tmp_path):
    code = "import sys, briefgen.charts.cache as c; c.versions(); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "False"


def test_swapped_bar_labels_in_a_cached_chart_never_reach_the_pdf(tmp_path):
    brief = charts_brief(tmp_path, charts=("vote-shares",))
    run_build(brief, tmp_path / "clean", tmp_path / "cache")
    clean = (tmp_path / "clean" / "charts-brief.pdf").read_bytes()
    [entry] = (tmp_path / "cache" / "charts").glob("*.rl.json")
    labels = [item[3] for item in json.loads(entry.read_bytes()[CONTENT:])["contents"] if item[0] == "s"]
    assert labels[0] != labels[-1] and labels[0] in " ".join(page_texts(clean))
    form = entry.with_name(entry.name.replace(".rl.json", ".form.json"))  # the chart's ready form
    for tampered in (entry, form):
        edit_in_place(tampered, lambda data: swap_strings(data, labels[0], labels[-1]))
    run_build(brief, tmp_path / "again", tmp_path / "cache")
    assert (tmp_path / "again" / "charts-brief.pdf").read_bytes() == clean
    assert store.read(entry.parent, entry.name[:64], "rl.json") is not None  # redrawn and overwritten
    assert store.read(entry.parent, entry.name[:64], "form.json") is not None


def test_an_entry_from_an_older_briefgen_or_another_machine_is_redrawn(tmp_path):
    brief = charts_brief(tmp_path, charts=("vote-shares",))
    run_build(brief, tmp_path / "clean", tmp_path / "cache")
    [entry] = (tmp_path / "cache" / "charts").glob("*.rl.json")
    plain = entry.read_bytes()[CONTENT:]
    for poisoned in (plain, b"", entry.read_bytes()[:CONTENT + 40], plain.replace(b'"Lato"', b'"Courier"')):
        entry.write_bytes(poisoned)  # no header (the old cache's format), empty, truncated, plain JSON edited
        run_build(brief, tmp_path / "again", tmp_path / "cache")
        assert (tmp_path / "again" / "charts-brief.pdf").read_bytes() == (tmp_path / "clean" / "charts-brief.pdf").read_bytes()


def test_a_well_formed_entry_naming_an_unknown_font_or_bad_values_is_a_miss(tmp_path):
    """Even with a valid tag (the key was stolen, or only hashes are possible), bad content is a miss."""
    brief = charts_brief(tmp_path, charts=("vote-shares",))
    run_build(brief, tmp_path / "clean", tmp_path / "cache")
    clean = (tmp_path / "clean" / "charts-brief.pdf").read_bytes()
    folder = tmp_path / "cache" / "charts"
    [entry] = folder.glob("*.rl.json")
    key, good = entry.name[:64], store.read(folder, entry.name[:64], "rl.json")
    body = json.loads(good)
    string = next(i for i, item in enumerate(body["contents"]) if item[0] == "s")
    path = next(i for i, item in enumerate(body["contents"]) if item[0] == "p")

    def changed(index, position, value):
        copy = json.loads(good)
        copy["contents"][index][position] = value
        return json.dumps(copy).encode()

    for bad in (changed(string, 5, "NoSuchFont"), changed(string, 6, "big"), changed(string, 3, 7),
                changed(path, 1, [0, 0, 1]), changed(path, 2, [0, 9]), changed(path, 3, [2, 0, 0, 1]),
                changed(string, 1, float("nan")), changed(path, 7, 12),
                good.replace(b'"width":', b'"width":"wide","w":', 1), b"[]", b"\xff\xfe"):
        store.write(folder, key, "rl.json", bad)
        (folder / f"{key}.form.json").unlink(missing_ok=True)  # else the ready form is used, not the list
        assert displaylist.load(bad) is None
        run_build(brief, tmp_path / "again", tmp_path / "cache")
        assert (tmp_path / "again" / "charts-brief.pdf").read_bytes() == clean


def test_tampered_charts_images_paragraphs_and_hyphenation_never_change_the_sample(tmp_path):
    out = tmp_path / "out"
    cli(["build", SAMPLE, "-o", out / "clean"], tmp_path / "cache")
    clean = (out / "clean" / "venezuela-2025.pdf").read_bytes()
    sections = {name: sorted((tmp_path / "cache" / name).iterdir())
                for name in ("charts", "images", "hyphenation", "paragraphs")}
    assert all(sections.values()), sections  # the sample uses all four caches
    for entry in sections["paragraphs"]:  # set again, so the hyphenation patterns are read again too
        edit_in_place(entry, lambda data: data[:-1] + bytes([data[-1] ^ 1]))
    for entry in sections["charts"] + sections["images"]:
        body = json.loads(entry.read_bytes()[CONTENT:])
        texts = [json.dumps(item[3]).encode() for item in body.get("contents", []) if item[0] == "s"]
        texts += [json.dumps(item[3][0][1]).encode() for item in body.get("items", []) if item[0] == "t"]  # forms
        target, poison = (texts[0], b'"POISONED"') if texts else (b'"width":', b'"width":1,"was":')
        edit_in_place(entry, lambda data: data.replace(target, poison, 1))
    [patterns] = sections["hyphenation"]
    edit_in_place(patterns, lambda data: data + b"".join(b"\n%s 1 1" % bytes([c]) for c in b"aeiou"))  # break anywhere
    cli(["build", SAMPLE, "-o", out / "poisoned"], tmp_path / "cache")
    assert (out / "poisoned" / "venezuela-2025.pdf").read_bytes() == clean
    for name, entries in sections.items():
        for entry in entries:
            fmt = entry.name.split(".", 1)[1]
            assert store.read(entry.parent, entry.name[:64], fmt) is not None, entry  # made again


def test_a_script_injected_into_a_cached_svg_never_reaches_the_exports(tmp_path):
    brief = charts_brief(tmp_path, charts=("vote-shares",))
    cli(["charts", brief, "--format", "svg", "-o", tmp_path / "clean"], tmp_path / "cache")
    svgs = list((tmp_path / "cache" / "charts").glob("*.svg"))
    assert svgs
    for entry in svgs:
        edit_in_place(entry, lambda data: data.replace(b"</svg>", b"<script>alert(document.domain)</script></svg>"))
    cli(["charts", brief, "--format", "svg", "-o", tmp_path / "again"], tmp_path / "cache")
    for exported in (tmp_path / "again").glob("*.svg"):
        assert b"<script" not in exported.read_bytes()
        assert exported.read_bytes() == (tmp_path / "clean" / exported.name).read_bytes()


def test_copied_and_touched_fonts_give_identical_pdfs(tmp_path):
    """The chart key holds the fonts' content, not their paths or dates (chart names in the PDF come from it)."""
    for name in ("a", "b"):
        folder = tmp_path / f"fonts-{name}"
        folder.mkdir()
        for font in (ROOT / "briefgen" / "assets" / "fonts").glob("Lato-*.ttf"):
            shutil.copy(font, folder / font.name)
            if name == "b":
                os.utime(folder / font.name, (time.time() + 3600, time.time() + 3600))
    brief = charts_brief(tmp_path, charts=("vote-shares",))
    data = yaml.safe_load(brief.read_text(encoding="utf-8"))
    built = []
    for name in ("a", "b"):
        faces = {face: f"fonts-{name}/Lato-{file}.ttf" for face, file in
                 (("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic"), ("bold_italic", "BoldItalic"))}
        data["style"] = {"fonts": {"headings": {"name": "Lato", **faces, "display": f"fonts-{name}/Lato-Black.ttf"}}}
        brief.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        run_build(brief, tmp_path / name, tmp_path / "cache")
        built.append((tmp_path / name / "charts-brief.pdf").read_bytes())
        if name == "a":
            drawn = set((tmp_path / "cache" / "charts").iterdir())
    assert built[0] == built[1]
    assert set((tmp_path / "cache" / "charts").iterdir()) == drawn  # the same key: nothing drawn again


def test_cache_clear_command(tmp_path, capsys, monkeypatch):
    from tests.helpers import run_cli

    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path))
    cache.write(tmp_path / "charts", "a" * 64, "svg", b"x")
    status, out, _ = run_cli(["cache", "clear"], capsys)
    assert status == 0 and out == f"removed 1 cached file(s) from {tmp_path}\n"
    assert not (tmp_path / "charts").exists()


def test_no_cache_wins_over_a_folder_given_in_python(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_NO_CACHE", "1")
    assert cache.cache_dir(tmp_path) is None and cache.cache_dir() is None
    monkeypatch.delenv("BRIEFGEN_NO_CACHE")
    assert cache.cache_dir(tmp_path) == tmp_path / "charts"
