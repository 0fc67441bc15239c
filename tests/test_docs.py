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
