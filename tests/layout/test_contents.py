"""The table of contents: every section with the page it starts on, over as many pages as it needs."""

import re

import briefgen
from briefgen.layout import story
from tests.helpers import page_texts, write_brief

HEAD = """\
meta:
  title: Long
  date: 2025-04-30
  organisation: {name: X}
  toc: true
sections:
"""


def test_a_long_contents_lists_every_section_with_its_page(tmp_path):
    count = 120  # about three pages of contents
    path = write_brief(tmp_path, HEAD + "".join(f"  - heading: Part{i}\n    blocks: [prose: Text {i}.]\n"
                                                for i in range(count)))
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    contents = "\n".join(texts[:4])
    for i in range(count):
        listed = re.search(rf"{i + 1}\s*Part{i}\s+(\d+)", contents)
        assert listed, f"Part{i} missing from the contents"
        page = int(listed.group(1))
        assert f"Text {i}." in texts[page - 1], (i, page)  # the heading keeps with its first lines


def test_a_long_contents_is_made_of_short_tables(tmp_path):
    """A split table is measured again whole on every page: short ones keep the work linear."""
    from reportlab.platypus import Table

    from briefgen.layout.context import LayoutDoc
    from briefgen.layout.page import PassPlan

    path = write_brief(tmp_path, HEAD + "".join(f"  - heading: S{i}\n" for i in range(45)))
    doc = LayoutDoc(briefgen.load(path), 470)
    (kept,) = story._contents(doc, PassPlan())
    tables = [f for f in kept._content if isinstance(f, Table)]
    assert [len(t._cellvalues) for t in tables] == [20, 20, 5]
