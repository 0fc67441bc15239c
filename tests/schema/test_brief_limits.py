"""Brief-wide bounds on layout work: sections, blocks, footnotes and sources, each named at the first one over."""

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.limits import Limits
from tests.helpers import write_brief

HEAD = """\
meta:
  title: T
  date: 2025-04-30
  organisation: {name: X}
"""


def _errors(path, **limits) -> list[str]:
    with pytest.raises(BriefError) as caught:
        briefgen.load(path, limits=Limits.from_env(overrides=limits))
    return [str(d) for d in caught.value.diagnostics]


def _hint(name):
    return f"raise the limit with --limit {name}=N or BRIEFGEN_LIMIT_{name.upper()}=N if the input is trusted"


def test_sections_count_subsections_in_reading_order(tmp_path):
    path = write_brief(tmp_path, HEAD + "sections:\n  - heading: A\n    sections:\n      - heading: A1\n"
                                        "  - heading: B\n  - heading: C\n")
    assert _errors(path, sections=2) == [
        f"{path}:9:5: sections[1]: the brief has 4 sections, more than the limit of 2 (sections); merge sections or"
        f" split the brief into several, or {_hint('sections')}"]


def test_blocks_count_across_sections(tmp_path):
    path = write_brief(tmp_path, HEAD + "sections:\n  - heading: A\n    blocks: [prose: a, prose: b]\n"
                                        "  - heading: B\n    blocks: [prose: c]\n")
    assert _errors(path, blocks=2) == [
        f"{path}:9:14: sections[1].blocks[0]: the brief has 3 blocks, more than the limit of 2 (blocks); merge short"
        f" blocks or split the brief into several, or {_hint('blocks')}"]


def test_footnotes_and_sources(tmp_path):
    path = write_brief(tmp_path, HEAD + "sections:\n  - heading: A\n    blocks: [prose: 'a[^x][^y]']\n"
                                        "footnotes: {x: X, y: Y}\nsources:\n  - {id: s1, title: S}\n"
                                        "  - {id: s2, title: S}\n")
    assert _errors(path, footnotes=1, sources=1) == [
        f"{path}:8:19: footnotes.y: the brief has 2 footnotes, more than the limit of 1 (footnotes); cite fewer"
        f" notes or list the works under 'sources:', or {_hint('footnotes')}",
        f"{path}:11:5: sources[1]: the brief has 2 sources, more than the limit of 1 (sources); list fewer sources"
        f" or split the brief into several, or {_hint('sources')}"]


def test_at_the_limits_the_brief_loads(tmp_path):
    path = write_brief(tmp_path, HEAD + "sections:\n  - heading: A\n    blocks: [prose: a]\n")
    # at two limits at once the brief is over its work budget (brief_work, see test_budget.py): raised here
    assert briefgen.load(path, limits=Limits.from_env(overrides={"sections": 1, "blocks": 1, "brief_work": 300}))


def test_paragraphs_count_markdown_paragraphs_list_items_callout_items_and_recommendations(tmp_path):
    path = write_brief(tmp_path, HEAD + "sections:\n  - heading: A\n    blocks:\n"
                                        "      - prose: |\n          One.\n\n          - two\n          - three\n"
                                        "      - callout: {title: T, items: [four, five]}\n"
                                        "      - recommendations: {items: [{lead: six}, {lead: seven}]}\n")
    hint = _hint("paragraphs")
    assert _errors(path, paragraphs=4) == [
        f"{path}:13:43: sections[0].blocks[1].callout.items[1]: the brief has 7 paragraphs (list items, callout items"
        f" and recommendations included), more than the limit of 4 (paragraphs); shorten the brief or split it into"
        f" several, or {hint}"]
    assert _errors(path, paragraphs=6)[0].startswith(
        f"{path}:14:48: sections[0].blocks[2].recommendations.items[1]: the brief has 7 paragraphs")
    assert _errors(path, paragraphs=2)[0].startswith(f"{path}:12:11: sections[0].blocks[0].prose.text: the brief")
