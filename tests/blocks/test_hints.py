"""page_break: a run of breaks makes one new page, never blank pages, and says so."""

import briefgen
from tests.helpers import page_texts, write_brief

BREAKS = """\
meta:
  title: T
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - prose: Before.
%s      - prose: After.
"""


def test_consecutive_page_breaks_give_one_new_page_and_a_warning(tmp_path):
    path = write_brief(tmp_path, BREAKS % ("      - page_break: true\n" * 12))
    brief = briefgen.load(path)
    assert [str(d) for d in brief.warnings] == [
        f"{path}:10:9: sections[0].blocks[2]: warning: page break right after another page break; briefgen prints"
        " no blank pages, so it is ignored; remove it"]
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    assert len(texts) == 2 and "Before." in texts[0] and "After." in texts[1]


def test_a_disabled_break_between_two_still_leaves_one(tmp_path):
    path = write_brief(tmp_path, BREAKS % "      - page_break: true\n      - page_break: false\n"
                                          "      - page_break: true\n")
    assert [d.path for d in briefgen.load(path).warnings] == ["sections[0].blocks[3]"]
    assert len(page_texts(briefgen.build(path, tmp_path / "out").read_bytes())) == 2


def test_single_breaks_each_start_a_page(tmp_path):
    path = write_brief(tmp_path, BREAKS % "      - page_break: true\n      - prose: Middle.\n"
                                          "      - page_break: true\n")
    assert briefgen.load(path).warnings == []
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    assert len(texts) == 3 and "Middle." in texts[1]
