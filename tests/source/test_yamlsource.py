"""Stage 1: YAML is read safely, with every value's position."""

import pytest

from briefgen.errors import BriefError
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


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    messages = _error(tmp_path, "\n".join(lines) + "\n")
    assert len(messages) == 1
    assert "document expands to more than 200,000 values (too many aliases?)" in messages[0]


def test_size_limit(tmp_path):
    messages = _error(tmp_path, "a: " + "x" * 2_100_000 + "\n")
    assert messages == ["brief.yaml:1:1: (file): file is 2,100,004 bytes; the limit is 2,000,000 bytes. Split"
                        " the content or move data into a CSV file"]
