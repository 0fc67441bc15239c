"""Prose: Markdown is parsed into paragraphs and lists, and user text is always escaped."""

import time
from pathlib import Path

import pytest
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph

from briefgen.limits import Limits
from briefgen.source import Source
from briefgen.text import markdown
from briefgen.text.markdown import Inline


class Resolver(markdown.Resolver):
    def footnote(self, label):
        return 3, f"fn-{label}"

    def anchor(self, ident):
        return "Table 2"

    def target(self, ident):
        return "table-2"


def test_paragraphs_and_nested_lists():
    blocks = markdown.parse("Intro.\n\n- one\n  - one.a\n- two\n\n3. three\n4. four\n")
    assert [b.kind for b in blocks] == ["para", "bullet", "ordered"]
    assert blocks[2].start == 3
    first_item = blocks[1].items[0]
    assert [b.kind for b in first_item] == ["para", "bullet"]


def test_markup_escapes_user_text_and_tags():
    blocks = markdown.parse('A <b>bold</b> claim & <font color="red">x</font> <img src="/etc/passwd"/>')
    text = markdown.markup(blocks[0].inlines, Resolver())
    assert "<b>" not in text and "<img" not in text and "<font" not in text
    assert "&lt;b&gt;bold&lt;/b&gt; claim &amp; &lt;font" in text


def test_emphasis_links_footnotes_and_xrefs():
    blocks = markdown.parse('**Bold** and *it* [site](https://x.org/?a=1&b="2") note[^n] see [](#t)')
    text = markdown.markup(blocks[0].inlines, Resolver(), link_color="#123456")
    assert text.startswith("<b>Bold</b> and <i>it</i> ")
    assert '<a href="https://x.org/?a=1&amp;b=%222%22" color="#123456">site</a>' in text
    assert '<a href="#fn-n"><super>3</super></a><a name="ref-fn-n"/>' in text
    assert text.endswith('see <a href="#table-2">Table\u00a02</a>')  # a no-break space: "Table 2" stays whole


def test_typography():
    blocks = markdown.parse('"Quoted" -- and --- and...')
    assert markdown.plain(blocks[0].inlines) == "“Quoted” – and — and…"


def test_problems_found_with_lines():
    blocks = markdown.parse("ok\n\nbad [^x] and [](#nope) and [a](javascript:alert(1)) and [b](file:///etc)\n")
    found = markdown.problems(blocks, footnotes={"y": None}, anchors={"nape": None})
    assert found == [
        (2, "unknown footnote '[^x]'; define it under 'footnotes:'"),
        (2, "unknown cross-reference '#nope' (did you mean 'nape'?); give the section, figure or table that id"),
        (2, "link 'javascript:alert(1)' is not allowed: links must start with http://, https://, mailto: or #"
            " (a cross-reference)"),
        (2, "link 'file:///etc' is not allowed: links must start with http://, https://, mailto: or #"
            " (a cross-reference)"),
    ]


def test_lists_nest_one_level_only():
    blocks = markdown.parse("- a\n  - b\n    - c\n")
    assert markdown.problems(blocks, {}, {}) == [(0, "lists may nest one level only; flatten the innermost list")]


class SourceResolver(Resolver):
    def anchor(self, ident):
        return {"a": "[9]", "b": "[10]", "c": "[11]", "d": "[3]", "t": "Table 2"}[ident]

    def target(self, ident):
        return f"src-{ident}"


def test_runs_of_source_citations_are_collapsed():
    blocks = markdown.parse("Seen [](#a) [](#b) [](#c) [](#d), and [](#t) [](#a).")
    text = markdown.markup(blocks[0].inlines, SourceResolver())
    assert text == ('Seen [<a href="#src-d">3</a>, <a href="#src-a">9</a>–<a href="#src-c">11</a>], and '
                    '<a href="#src-t">Table\u00a02</a> <a href="#src-a">[9]</a>.')


def test_day_and_month_stay_together():
    blocks = markdown.parse("Election day was 28 July 2024; el 5 de mayo de 2025 también.")
    assert markdown.markup(blocks[0].inlines, Resolver()) == (
        "Election day was 28&nbsp;July 2024; el 5&nbsp;de&nbsp;mayo de 2025 también.")


HINT_DEPTH = ("raise the limit with --limit markdown_depth=N or BRIEFGEN_LIMIT_MARKDOWN_DEPTH=N if the input is"
              " trusted")


def _depth(nodes) -> int:
    return max((1 + _depth(node.children) for node in nodes), default=0)


@pytest.mark.parametrize("text, found", [
    ("_a " * 1000 + "x" + " a_" * 1000, 1000),
    ("*" * 1000 + "x" + "*" * 1000, 500),
    ("**a " * 1000 + "x" + " a**" * 1000, 1000),
], ids=["underscores", "stars", "strong"])
def test_emphasis_nested_too_deep_is_flattened_and_reported(text, found):
    started = time.perf_counter()
    blocks = markdown.parse("Intro.\n\n" + text)
    assert _depth(blocks[1].inlines) == 20 + 1  # 20 levels of emphasis, then the text
    assert markdown.plain(blocks[1].inlines).count("x") == 1  # flattened, no text lost
    assert markdown.markup(blocks[1].inlines, Resolver()).count("<i>") <= 20
    assert markdown.problems(blocks, {}, {}) == [
        (2, f"emphasis and links nest {found} deep here; the limit is 20 (markdown_depth); remove the extra '*',"
            f" '_' or brackets; {HINT_DEPTH}")]
    assert time.perf_counter() - started < 1


def test_depth_limit_follows_the_limits():
    text = "*a **b *c* b** a*"
    assert markdown.problems(markdown.parse(text), {}, {}) == []
    shallow = markdown.parse(text, limits=Limits.from_env({}, {"markdown_depth": 2}))
    assert markdown.problems(shallow, {}, {})[0][1].startswith("emphasis and links nest 3 deep here; the limit is 2")
    assert markdown.markup(shallow[0].inlines, Resolver()) == "<i>a <b>b c b</b> a</i>"


def test_footnote_references_are_read_in_linear_time():
    started = time.perf_counter()
    blocks = markdown.parse("[^a" * 5000)  # the plugin's own rule took 20 s; quadratic
    assert time.perf_counter() - started < 3
    assert [node.kind for node, _ in markdown.walk_inlines(blocks)] == ["text"]
    found = markdown.parse("a[^note-1] b[^x y] c[^" + "z" * 300 + "]")
    assert [(n.kind, n.text) for n, _ in markdown.walk_inlines(found)][:3] == [
        ("text", "a"), ("fnref", "note-1"), ("text", " b[^x y] c[^" + "z" * 300 + "]")]


def test_markdown_work_per_file_is_bounded():
    assert markdown.work("plain words") == 500 + 11
    assert markdown.work("*a* [b](c)") == 500 + 10 + 19 * 6
    source = Source(Path("brief.yaml"), {}, values={("a",): (3, 5), ("b",): (4, 5), ("c",): (5, 5)},
                    limits=Limits.from_env({}, {"markdown_work": 2000}))
    first = markdown.Prose.from_text("*x* " * 10, source, ("a",))  # 40 characters, 20 of them markup: 500 + 420
    second = markdown.Prose.from_text("[" * 40, source, ("b",))  # 500 + 800
    third = markdown.Prose.from_text("y" * 10, source, ("c",))
    assert markdown.problems(first.blocks, {}, {}) == []
    assert markdown.problems(second.blocks, {}, {}) == [
        (0, "the Markdown in this file passes 2,000 here (markdown_work counts 500 for each text, 1 for each"
            " character and 20 for each markup character, all texts together); shorten the texts or split the"
            " brief; raise the limit with --limit markdown_work=N or BRIEFGEN_LIMIT_MARKDOWN_WORK=N if the input"
            " is trusted")]
    assert markdown.problems(third.blocks, {}, {}) == []  # reported once, where the limit is crossed
    assert str(second) == "[" * 40


def test_many_tiny_texts_count_for_their_parsing_too():
    source = Source(Path("brief.yaml"), {}, values={}, limits=Limits.from_env({}, {"markdown_work": 1_000_000}))
    texts = [markdown.Prose.from_text("a", source, ("x", n)) for n in range(2_100)]
    assert source.markdown_work == 2_100 * 501
    # 100,000 one-letter items took 7 s to load: the 1,997th text crosses the limit
    assert not markdown.problems(texts[1995].blocks, {}, {}) and markdown.problems(texts[1996].blocks, {}, {})


def _paragraph_text(markup_text: str) -> str:
    """What ReportLab prints for ``markup_text`` (it raises on malformed markup)."""
    return Paragraph(markup_text, getSampleStyleSheet()["Normal"]).getPlainText()


def test_code_spans_and_raw_html_print_literally():
    blocks = markdown.parse('`<font color="red">x</font>` and <para>b</para> & <a href="y">z</a>')
    text = markdown.markup(blocks[0].inlines, Resolver())
    assert "<font" not in text and "<para" not in text and '<a href="y"' not in text
    assert _paragraph_text(text) == '<font color="red">x</font> and <para>b</para> & <a href=“y”>z</a>'  # typographer


def test_attribute_values_are_escaped_whatever_reaches_markup():
    class Hostile(Resolver):
        def footnote(self, label):
            return '1"/><font size="40">', f'fn-{label}"><b>'

        def target(self, ident):
            return 'x"><font size="40">'

    nodes = [Inline("link", 'https://x.org/"><font size="40">', [Inline("text", "site")]),
             Inline("text", " "), Inline("xref", "#t", [Inline("text", "see")]), Inline("fnref", "n")]
    text = markdown.markup(nodes, Hostile(), link_color="#123456")
    assert "<font" not in text and "<b>" not in text and "<b " not in text
    assert _paragraph_text(text) == 'site see1"/><font size="40">'


def test_link_url_with_quote_and_angle_bracket():
    blocks = markdown.parse('[site](<https://x.org/a"b c>) [two](https://x.org/?q="><b>)')
    text = markdown.markup(blocks[0].inlines, Resolver())
    assert text == '<a href="https://x.org/a%22b%20c">site</a> <a href="https://x.org/?q=%22%3E%3Cb%3E">two</a>'
    assert _paragraph_text(text).startswith("site two")


def test_unsafe_link_never_becomes_a_live_link_in_markup():
    nodes = [Inline("link", "javascript:alert(1)", [Inline("text", "click")])]
    assert markdown.markup(nodes, Resolver()) == "click"
