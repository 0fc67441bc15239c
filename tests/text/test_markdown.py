"""Prose: Markdown is parsed into paragraphs and lists, and user text is always escaped."""

from briefgen.text import markdown


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
    assert text.endswith('see <a href="#table-2">Table 2</a>')


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
                    '<a href="#src-t">Table 2</a> <a href="#src-a">[9]</a>.')


def test_day_and_month_stay_together():
    blocks = markdown.parse("Election day was 28 July 2024; el 5 de mayo de 2025 también.")
    assert markdown.markup(blocks[0].inlines, Resolver()) == (
        "Election day was 28&nbsp;July 2024; el 5&nbsp;de&nbsp;mayo de 2025 también.")
