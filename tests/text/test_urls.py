"""Web addresses broken at their slashes, never past the line."""

from briefgen.text.urls import url_lines


def measure(text):  # one point per character
    return float(len(text))


def test_breaks_after_slashes_and_fills_lines():
    url = "https://example.org/news/2024/11/30/a-long-headline-for-the-story"
    lines = url_lines(url, 40, measure)
    assert "".join(lines) == url
    assert lines == ["https://example.org/news/2024/11/30/", "a-long-headline-for-the-story"]


def test_a_part_wider_than_the_line_breaks_before_hyphens_then_between_letters():
    url = "https://example.org/" + "-".join(["word"] * 12) + "/" + "x" * 30
    lines = url_lines(url, 24, measure)
    assert "".join(lines) == url
    assert all(measure(line) <= 24 for line in lines)
    assert not any(line.endswith("-") for line in lines)  # a line-end hyphen would read as word hyphenation
    assert lines[1].startswith("-word")
    assert lines[-2:] == ["-word-word-word/xxxxxxxx", "x" * 22]  # letters fill the line before breaking


def test_a_short_url_is_one_line():
    assert url_lines("https://a.org/b", 100, measure) == ["https://a.org/b"]
