"""Parsed Markdown kept per process and in the cache: the same trees as a fresh parse, each caller's own,
and a warm build that never imports markdown-it. Work is observed (modules imported, entries written),
never timed."""

import json
import os
import subprocess
import sys

from briefgen import cache
from briefgen.limits import Limits
from briefgen.source import Source
from briefgen.text import markdown, mdtrees
from tests.helpers import ROOT, SAMPLE

TEXTS = [
    "Intro.\n\n- one\n  - one.a\n- two\n\n3. three\n4. four\n",
    '**Bold** and *it* [site](https://x.org/?a=1&b="2") note[^n] see [](#t) and [](#a) [](#b)',
    "El [*proceso* electoral]{lang=es} y [mot]{lang=fr class=x} `code` line  \nbreak",
    "*" * 30 + "deep" + "*" * 30,
    "Plain text, 'quoted' -- and... (c)",
    "",
]


def fresh(text, limits=Limits()):
    """What parse() gave before trees were kept: a parse now (a parser given is never the kept trees')."""
    return markdown.parse(text, markdown._parser(), limits=limits)


def test_kept_trees_are_those_a_fresh_parse_makes():
    shallow = Limits.from_env({}, {"markdown_depth": 2})
    for text in TEXTS:
        for limits in (Limits(), shallow):
            assert markdown.parse(text, limits=limits) == fresh(text, limits)
            assert mdtrees.thaw(json.loads(json.dumps(markdown.frozen(text, limits)))) == fresh(text, limits)


def test_each_caller_gets_a_tree_of_its_own():
    first = markdown.parse(TEXTS[1])
    first[0].inlines[1].children[0].text = "changed"  # the text inside **Bold**
    first[0].inlines.clear()
    assert markdown.parse(TEXTS[1]) == fresh(TEXTS[1])


def test_a_brief_file_s_trees_are_kept_in_the_cache_and_read_back(tmp_path):
    folder = tmp_path / "markdown"
    source = Source(path=tmp_path / "b.yaml", data={}, text="meta: {}\n")
    stored = mdtrees.StoredTrees(source, folder)
    assert [stored.blocks(text) for text in TEXTS] == [fresh(text) for text in TEXTS]
    stored.save()
    assert len(list(folder.iterdir())) == 1
    again = mdtrees.StoredTrees(source, folder)
    assert [again.blocks(text) for text in TEXTS] == [fresh(text) for text in TEXTS]
    assert not again.added  # every text came from the cache
    other = mdtrees.StoredTrees(Source(path=tmp_path / "b.yaml", data={}, text="meta: {x: 1}\n"), folder)
    assert other.key != again.key  # another brief file (or another version of it): another entry


def test_an_entry_of_the_wrong_shape_is_read_again(tmp_path):
    folder = tmp_path / "markdown"
    source = Source(path=tmp_path / "b.yaml", data={}, text="x")
    stored = mdtrees.StoredTrees(source, folder)
    broken = {TEXTS[0]: [["para", 5]], TEXTS[1]: "nonsense", TEXTS[2]: [[1, 2, 3, 4, 5, 6, 7]]}
    cache.write(folder, stored.key, "json", json.dumps(broken).encode())
    assert [stored.blocks(text) for text in TEXTS[:3]] == [fresh(text) for text in TEXTS[:3]]
    cache.write(folder, stored.key, "json", b"[1, 2")
    assert mdtrees.StoredTrees(source, folder).blocks(TEXTS[0]) == fresh(TEXTS[0])


def test_a_warm_build_in_a_new_process_never_imports_markdown_it(tmp_path):
    env = {**os.environ, "BRIEFGEN_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("BRIEFGEN_NO_CACHE", None)
    probe = ("import sys, briefgen; briefgen.build(sys.argv[1], sys.argv[2]);"
             " print(sorted(m for m in sys.modules if m.startswith(('markdown_it', 'mdit_py_plugins'))))")
    runs = [subprocess.run([sys.executable, "-c", probe, str(SAMPLE), str(tmp_path / f"out{n}")], env=env, cwd=ROOT,
                           capture_output=True, text=True, check=True) for n in range(2)]
    assert runs[0].stdout.strip() != "[]" and runs[1].stdout.strip() == "[]"
    pdfs = [(tmp_path / f"out{n}" / "venezuela-2025.pdf").read_bytes() for n in range(2)]
    assert pdfs[0] == pdfs[1]
    assert len(list((tmp_path / "cache" / "markdown").iterdir())) == 1
