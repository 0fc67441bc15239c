"""Typographic ties: no word left alone on the last line of a title."""

from briefgen.text.typography import tie_dates, tie_last_word


def test_last_two_words_of_a_title_are_tied():
    assert tie_last_word("The electoral council declared Maduro the winner") == \
        "The electoral council declared Maduro the&nbsp;winner"
    assert tie_last_word("Overview") == "Overview"
    assert tie_last_word("Two words") == "Two words"  # tying them would make one unbreakable line
    assert tie_last_word("Ends with internationalisation") == "Ends with internationalisation"


def test_dates_are_tied():
    assert tie_dates("on 28 July 2024") == "on 28&nbsp;July 2024"
    assert tie_dates("el 28 de julio") == "el 28&nbsp;de&nbsp;julio"
    assert tie_dates("le 1er mai et le 14 juillet") == "le 1er&nbsp;mai et le 14&nbsp;juillet"
    assert tie_dates("em 5 de março") == "em 5&nbsp;de&nbsp;março"
    assert tie_dates("28 Julyish") == "28 Julyish"  # whole month names only


def test_chart_titles_never_end_with_one_word():
    from briefgen.charts.style import ChartStyle
    from briefgen.theme import default_theme

    style = ChartStyle.from_theme(default_theme(), "en")
    title = "Political prisoners peaked near 2,000 after the election; the release waves halved the count"
    width = style.width(title) - style.width(" count") + 1  # only the last word would wrap
    lines = style.wrap(title, width)
    assert len(lines) == 2 and lines[1] == "the count"
