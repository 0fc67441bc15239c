"""Fuzzing: mutated briefs end in a valid PDF or a clean, positioned BriefError.

CI runs a bounded number of examples; set BRIEFGEN_FUZZ_EXAMPLES=5000 for a longer search.
"""

import copy
import json
import os
import shutil
import time

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefgen
from briefgen.errors import BriefError
from tests.helpers import BRIEFS, HOSTILE_HEAD, pdf_reader, qpdf_check

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "30"))
BASE = yaml.safe_load((BRIEFS / "all-blocks.yaml").read_text(encoding="utf-8"))

NASTY_TEXT = st.sampled_from([
    "<b>", "</para>", "<img src='/etc/passwd'/>", '<a href="javascript:alert(1)">x</a>', "&", "&amp;#0;",
    "<font size=99>", "\x00", "\x07bell", "\u202eRTL", "\ud7ff", "[^missing]", "[](#nowhere)", "**", "`",
    "x" * 5000, "word " * 3000, "../../etc/passwd", "/etc/passwd", "\t\r\n", "%s%n", "{0}", "\\",
])
HOSTILE_PATHS = st.sampled_from(["../../etc/passwd", "/etc/passwd", "bars.png/../../x.png", "nul\x00.png",
                                 "bars.svg", "~/.ssh/id_rsa.png", "C:\\Windows\\x.png", "bars.png"])
ANY_VALUE = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True),
                      st.text(max_size=40), st.lists(st.integers(), max_size=3),
                      st.dictionaries(st.text(max_size=5), st.integers(), max_size=2), NASTY_TEXT)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_briefs(draw):
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent, last = _parent(data, path), path[-1]
        action = draw(st.sampled_from(["rename", "retype", "inject", "drop", "huge", "path"]))
        if action == "rename" and isinstance(parent, dict):
            new = draw(st.sampled_from([last + "s", last[:-1], last.upper(), "kind", "", "tabel"]))
            parent[new] = parent.pop(last)
        elif action == "retype":
            parent[last] = draw(ANY_VALUE)
        elif action == "inject" and isinstance(parent[last], str):
            parent[last] = parent[last] + draw(NASTY_TEXT)
        elif action == "drop":
            if isinstance(parent, dict):
                del parent[last]
            else:
                parent.pop(last)
        elif action == "huge":
            parent[last] = draw(st.sampled_from(["y" * 20_000, list(range(5000)), {"k": "v" * 10_000}]))
        elif action == "path":
            parent[last] = draw(HOSTILE_PATHS)
    return data


@settings(max_examples=EXAMPLES, deadline=None, derandomize="BRIEFGEN_FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=mutated_briefs())
def test_mutated_brief_builds_or_fails_cleanly(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copy(BRIEFS / "bars.png", folder / "bars.png")
    (folder / "assets" / "logos").mkdir(parents=True)
    shutil.copy(BRIEFS.parents[1] / "briefgen" / "assets" / "logos" / "observatorio.svg", folder / "assets" / "logos")
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = folder / "out"
    try:
        target = briefgen.build(path, out)
    except BriefError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file and diagnostic.message and diagnostic.path
        assert not out.exists() or not any(out.iterdir()), "a failed build left files behind"
        return
    reader = pdf_reader(target.read_bytes())
    assert len(reader.pages) >= 1
    assert [p.name for p in out.iterdir()] == ["brief.pdf"]
    report = qpdf_check(target)
    assert report is None or report.startswith("exit 0"), report


HEAD = HOSTILE_HEAD


@st.composite
def hostile_yaml(draw):
    """A small brief whose YAML nests deep, expands through aliases or merges, or whose Markdown nests deep."""
    kind = draw(st.sampled_from(["nesting", "aliases", "merges", "markdown"]))
    if kind == "nesting":
        depth = draw(st.integers(1, 3000))
        if draw(st.booleans()):
            return HEAD + "      - prose: x\n        extra: " + "[" * depth + "]" * depth + "\n"
        return HEAD + "      - prose: x\nextra:\n" + "".join("  " * i + "- \n" for i in range(1, min(depth, 400)))
    if kind in ("aliases", "merges"):
        width, levels = draw(st.integers(1, 12)), draw(st.integers(1, 9))
        text = "w" * draw(st.integers(1, 50_000))
        if kind == "aliases":
            lines = [f"a0: &a0 ['{text}']"] + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]"
                                                for i in range(1, levels + 1)]
        else:
            lines = [f"a0: &a0 {{k: '{text}'}}"] + [f"a{i}: &a{i} {{<<: [" + ", ".join([f"*a{i - 1}"] * width) + "]}"
                                                    for i in range(1, levels + 1)]
        return "\n".join(lines) + "\n" + HEAD + f"      - prose: *a{levels}\n"
    pieces = draw(st.lists(st.sampled_from(["*", "_", "**", "__", "[", "](https://x.org)", "`", "[^a", "> ",
                                            "\n  - ", "a ", " a"]), min_size=1, max_size=40))
    text = "".join(pieces) * draw(st.integers(1, 200))
    return HEAD + "      - prose: " + json.dumps(text) + "\n"


@settings(max_examples=max(10, EXAMPLES // 3), deadline=None, derandomize="BRIEFGEN_FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=hostile_yaml())
def test_hostile_yaml_and_markdown_load_or_fail_cleanly_and_quickly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz-yaml") / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    try:
        briefgen.load(path)
    except BriefError as error:
        assert all(d.line > 0 and d.message for d in error.diagnostics), error.diagnostics
    assert time.perf_counter() - started < 5
