"""Stage 1: YAML is read safely, with every value's position."""

import time

import pytest

from briefgen.errors import BriefError
from briefgen.limits import Limits
from briefgen.source import load_yaml
from tests.helpers import write_brief


def test_positions_of_values_and_keys(tmp_path):
    path = write_brief(tmp_path, """\
        meta:
          title: Hello
        list:
          - a
          - b: 1
        """)
    source = load_yaml(path)
    assert source.data == {"meta": {"title": "Hello"}, "list": ["a", {"b": 1}]}
    assert source.where(("meta", "title")) == (2, 10)
    assert source.where(("meta", "title"), key=True) == (2, 3)
    assert source.where(("list", 1, "b")) == (5, 8)
    assert source.where(("list", 7)) == (4, 3)  # falls back to the parent


def test_block_scalar_lines(tmp_path):
    path = write_brief(tmp_path, "text: |\n  first\n\n  third\n")
    source = load_yaml(path)
    assert source.text_line(("text",), 0) == (2, 3)
    assert source.text_line(("text",), 2) == (4, 3)


def _error(tmp_path, text, name="brief.yaml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(BriefError) as caught:
        load_yaml(path)
    return [str(d).replace(str(tmp_path) + "/", "") for d in caught.value.diagnostics]


def test_syntax_error_names_position_and_hint(tmp_path):
    assert _error(tmp_path, "meta:\n  title: Bad: colon\n") == [
        "brief.yaml:2:13: (yaml): YAML syntax error: mapping values are not allowed here; a value containing"
        " ': ' must be quoted, or the line is indented wrongly"]


def test_python_tags_are_refused(tmp_path):
    assert _error(tmp_path, "a: !!python/object/apply:os.system ['echo hi']\n") == [
        "brief.yaml:1:4: a: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed;"
        " remove the tag and write a plain value"]


def test_duplicate_keys(tmp_path):
    assert _error(tmp_path, "a: 1\na: 2\n") == ["brief.yaml:2:1: a: duplicate key 'a'; each key may appear once"]


def test_not_utf8_gives_byte_offset(tmp_path):
    assert _error(tmp_path, b"title: caf\xe9\n") == [
        "brief.yaml:1:11: (file): file is not UTF-8 (invalid byte 0xe9 at byte offset 10); save it as UTF-8"]


HINT = "raise the limit with --limit {0}=N or BRIEFGEN_LIMIT_{1}=N if the input is trusted"


def _hint(name):
    return HINT.format(name, name.upper())


def test_billion_laughs_is_refused_at_the_alias_that_crosses_the_bound(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    started = time.perf_counter()
    messages = _error(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 0.5
    assert messages == [
        "brief.yaml:6:22: a5[3]: alias '*a4' expands to 841,447, taking the document past 4,000,000 (yaml_expanded"
        " counts 10 for each value and 1 for each character of text); write the repeated part once instead of"
        f" through aliases; {_hint('yaml_expanded')}"]


def test_a_long_text_aliased_many_times_is_refused_before_expansion(tmp_path):
    text = "k: &k " + "x" * 150_000 + "\nlist:\n" + "  - *k\n" * 2000
    started = time.perf_counter()
    messages = _error(tmp_path, text)
    assert time.perf_counter() - started < 0.5
    assert messages == [
        "brief.yaml:28:5: list[25]: alias '*k' expands to 150,010, taking the document past 4,000,000"
        " (yaml_expanded counts 10 for each value and 1 for each character of text); write the repeated part"
        f" once instead of through aliases; {_hint('yaml_expanded')}"]


def test_aliases_within_the_bound_are_expanded(tmp_path):
    path = write_brief(tmp_path, "a: &a {x: [1, 2]}\nb: [*a, *a]\n")
    assert load_yaml(path).data == {"a": {"x": [1, 2]}, "b": [{"x": [1, 2]}, {"x": [1, 2]}]}
    limits = Limits.from_env({}, {"yaml_expanded": 50})
    with pytest.raises(BriefError) as caught:
        load_yaml(path, limits=limits)
    assert str(caught.value.diagnostics[0]).endswith(_hint("yaml_expanded"))


def test_merge_keys_own_keys_win_and_merge_bombs_are_bounded(tmp_path):
    path = write_brief(tmp_path, "base: &b {x: 1, y: 2}\nother: {<<: *b, y: 3}\nboth: {<<: [{x: 9}, *b]}\n")
    assert load_yaml(path).data == {"base": {"x": 1, "y": 2}, "other": {"x": 1, "y": 3}, "both": {"x": 9, "y": 2}}
    lines = ["m0: &m0 {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v}"]
    for i in range(1, 10):
        lines.append(f"m{i}: &m{i} {{<<: [" + ", ".join([f"*m{i - 1}"] * 9) + "]}")
    started = time.perf_counter()
    messages = _error(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 0.5
    assert messages[0].startswith("brief.yaml:6:20: m5.<<[1]: alias '*m4' expands to 1,449,977, taking the document")
    assert _error(tmp_path, "a: {<<: 3}\n") == [
        "brief.yaml:1:9: a: '<<' merges mappings only; write an alias of a mapping ('<<: *name') or a list of them"]


@pytest.mark.parametrize("text, where", [
    ("a: " + "[" * 500 + "]" * 500 + "\n", "1:67: a[0][0][0][0][0][0][0]…"),
    ("".join("  " * i + "- \n" for i in range(500)), "65:129: [0][0][0][0][0][0][0][0]…"),
    ("a: " + "[" * 300_000 + "]" * 300_000 + "\n", "1:67: a[0][0][0][0][0][0][0]…"),  # crashed libyaml's composer
], ids=["flow-500", "block-500", "flow-300000"])
def test_deep_nesting_is_a_positioned_error(tmp_path, text, where):
    assert _error(tmp_path, text) == [f"brief.yaml:{where}: lists and mappings nest more than 64 deep here"
                                      f" (yaml_depth); flatten the structure; {_hint('yaml_depth')}"]


def test_depth_through_an_alias_and_the_hard_ceiling(tmp_path):
    text = "a: &a " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 30 + "*a" + "]" * 30 + "\n"
    assert _error(tmp_path, text) == [
        "brief.yaml:2:34: b[0][0][0][0][0][0][0]…: alias '*a' nests lists and mappings more than 64 deep here"
        f" (yaml_depth); flatten the structure; {_hint('yaml_depth')}"]
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 250 + "]" * 250 + "\n")
    with pytest.raises(BriefError) as caught:
        load_yaml(path, limits=Limits.from_env({}, {"yaml_depth": 10_000}))
    assert caught.value.diagnostics[0].message == (
        "lists and mappings nest more than 200 deep here, deeper than briefgen can read whatever the limits;"
        " flatten the structure")


def test_python_fallback_for_messages_is_not_recursive(tmp_path):
    # a syntax error after deep (allowed) nesting: the message comes from PyYAML's parser, without recursion
    text = "a: " + "[" * 60 + "]" * 60 + "\nb: c: d\n"
    assert _error(tmp_path, text) == [
        "brief.yaml:2:5: (yaml): YAML syntax error: mapping values are not allowed here; a value containing"
        " ': ' must be quoted, or the line is indented wrongly"]


def test_recursive_undefined_and_duplicate_anchors(tmp_path):
    assert _error(tmp_path, "a: &a [1, *a]\n") == [
        "brief.yaml:1:11: a[1]: alias '*a' is used inside the value it names; a value cannot contain itself"]
    assert _error(tmp_path, "a: *b\n") == ["brief.yaml:1:4: a: unknown alias '*b'; define the anchor '&b' before"
                                           " using it"]
    assert _error(tmp_path, "a: &x 1\nb: &x 2\n") == [
        "brief.yaml:2:4: b: anchor '&x' is defined twice (first on line 1); give each anchor its own name"]
    assert _error(tmp_path, "a: 1\n---\nb: 2\n") == [
        "brief.yaml:2:1: (yaml): YAML syntax error: expected one document, found a second ('---'); keep one"
        " document per file"]


def test_text_too_long(tmp_path):
    messages = _error(tmp_path, "meta:\n  title: " + "x" * 200_001 + "\n")
    assert messages == ["brief.yaml:2:10: meta.title: text is 200,001 characters long; the limit is 200,000"
                        f" (text_chars); split it into shorter paragraphs or blocks; {_hint('text_chars')}"]


def test_size_limit(tmp_path):
    messages = _error(tmp_path, "a: " + "x" * 2_100_000 + "\n")
    assert messages == ["brief.yaml:1:1: (file): file is 2,100,004 bytes; the limit is 2,000,000 bytes (yaml_bytes)."
                        f" Split the content or move data into a CSV file; {_hint('yaml_bytes')}"]


def test_a_brief_that_is_a_fifo_or_device_is_refused_without_blocking(tmp_path):
    import os

    fifo = tmp_path / "brief.yaml"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        with pytest.raises(BriefError) as caught:
            load_yaml(path)
        assert caught.value.diagnostics[0].message == ("expected a YAML file, found a pipe or device, not a regular"
                                                       " file; give the path of the .yaml file")


def test_a_number_python_cannot_read_is_named_short(tmp_path):
    path = write_brief(tmp_path, "n: " + "9" * 5000 + "\n")
    with pytest.raises(BriefError) as caught:
        load_yaml(path)
    assert str(caught.value.diagnostics[0]).endswith(
        "1:4: n: cannot read the number '99999999999999999999…99999999': it has 5,000 digits; quote it to keep it as"
        " text, or give it in larger units")
