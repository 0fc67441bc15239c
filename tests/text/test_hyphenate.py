"""Hyphenation: pyphen's patterns, never a name, never a stub of fewer than three letters."""

from briefgen.text.hyphenate import hyphenator


def test_names_and_capitalised_words_are_not_hyphenated(tmp_path):
    breaks = hyphenator("en_US", tmp_path)
    assert breaks("Edmundo") == [] and breaks("Español") == []
    assert breaks("international")  # an ordinary word still has break points


def test_at_least_three_letters_carry_over(tmp_path):
    for cache in (tmp_path, None):  # from the cached patterns and from pyphen directly
        breaks = hyphenator("en_US", cache)
        assert all(len(tail) >= 3 and len(head) >= 2 for head, tail in breaks("abuses") + breaks("measures"))
        assert ("mea", "sures") in breaks("measures")
