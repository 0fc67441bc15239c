"""Web addresses broken at their slashes, never past the line."""

from briefgen.text.urls import url_lines


def measure(text):  # one point per character
    return float(len(text))


def test_breaks_after_slashes_and_fills_lines():
    url = "https://example.org/news/2024/11/30/a-long-headline-for-the-story"
    lines = url_lines(url, 40, measure)
    assert "".join(lines) == url
    assert lines == ["https://example.org/news/2024/11/30/", "a-long-headline-for-the-story"]


def test_a_part_wider_than_the_line_breaks_at_hyphens_then_letters():
    url = "https://example.org/" + "-".join(["word"] * 12) + "/" + "x" * 30
    lines = url_lines(url, 24, measure)
    assert "".join(lines) == url
    assert all(measure(line) <= 24 for line in lines)
    assert lines[1].endswith("-")  # the headline part breaks after a hyphen
    assert lines[-3:] == ["word-word-word-word/xxxx", "x" * 24, "xx"]  # letters fill the line before breaking


def test_a_short_url_is_one_line():
    assert url_lines("https://a.org/b", 100, measure) == ["https://a.org/b"]
