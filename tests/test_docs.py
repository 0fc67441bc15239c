"""The documentation's examples work as written."""

import re

import briefgen
from tests.helpers import ROOT, page_texts

FENCE = re.compile(r"```yaml\n(.*?)```", re.S)


def _complete_examples(doc: str) -> list[str]:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    return FENCE.findall(text.split("## A complete example", 1)[1])[:1]


def test_brief_format_complete_example_builds_anywhere(tmp_path):
    examples = _complete_examples("brief-format.md")
    assert examples, "docs/brief-format.md has no complete example"
    for n, text in enumerate(examples):
        path = tmp_path / f"example-{n}.yaml"  # outside the project: briefgen's own assets are used
        path.write_text(text, encoding="utf-8")
        data = briefgen.build(path, tmp_path / "out").read_bytes()
        assert page_texts(data)


def test_template_copied_out_of_the_project_builds(tmp_path):
    path = tmp_path / "my-brief.yaml"
    path.write_text((ROOT / "briefs" / "template.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert briefgen.build(path, tmp_path / "out").exists()


def test_security_doc_lists_every_limit_with_its_default():
    import runpy

    table = runpy.run_path(str(ROOT / "tools" / "limits_table.py"))["limits_table"]()
    text = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert table in text, "docs/security.md's limits table is stale: run python tools/limits_table.py"


def _markdown_files() -> list:
    return sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"]


def _cell_count(line: str) -> int:
    """Cells of a table row as GitHub splits them: at every '|' not escaped (code spans do not protect)."""
    line = line.strip()
    line = line.removeprefix("|")
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return len(re.split(r"(?<!\\)\|", line))


def table_problems(text: str) -> list[str]:
    """Rows of pipes that would not render as a table row on GitHub (markdown-it with tables, as GitHub's GFM)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    lines = text.splitlines()
    in_table, verbatim, problems = set(), set(), []
    for token in tokens:
        if token.type == "table_open":
            start, end = token.map
            in_table.update(range(start, end))
            header = _cell_count(lines[start])
            problems += [f"line {i + 1}: {_cell_count(lines[i])} cells, the header has {header}"
                         for i in range(start + 2, end) if _cell_count(lines[i]) != header]
        elif token.type in ("fence", "code_block", "html_block"):
            verbatim.update(range(*token.map))
    problems += [f"line {i + 1}: a '|' row outside any table: {line[:60]!r}" for i, line in enumerate(lines)
                 if line.lstrip().startswith("|") and i not in in_table and i not in verbatim]
    html = MarkdownIt("commonmark").enable("table").render(text)
    paragraphs = [re.sub(r"<[^>]+>", "", p) for p in re.findall(r"<p>(.*?)</p>", html, re.DOTALL)]
    problems += [f"a paragraph of raw pipes: {p[:60]!r}" for p in paragraphs
                 if any(line.lstrip().startswith("|") for line in p.splitlines())]
    return problems


def test_every_markdown_table_renders():
    """Every docs page (and the README) renders with markdown-it, as GitHub does, each table intact."""
    found = {path.relative_to(ROOT).as_posix(): table_problems(path.read_text(encoding="utf-8"))
             for path in _markdown_files()}
    assert "docs/charts.md" in found and "docs/brief-format.md" in found
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_table_check_catches_broken_tables():
    table = "| a | b |\n| --- | --- |\n| 1 | 2 |\n"
    assert table_problems(table) == []
    assert table_problems(table + "\nA paragraph inside.\n| 3 | 4 |\n") == [
        "line 6: a '|' row outside any table: '| 3 | 4 |'",
        "a paragraph of raw pipes: 'A paragraph inside.\\n| 3 | 4 |'"]
    assert table_problems(table + "| `x|y` | 5 |\n") == ["line 4: 3 cells, the header has 2"]
