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


def test_patterns_are_read_at_the_first_word_to_break(tmp_path):
    breaks = hyphenator("en_US", tmp_path)
    assert not (tmp_path / "hyphenation").exists() and breaks.hyphen.made is None
    assert ("mea", "sures") in breaks("measures")
    assert len(list((tmp_path / "hyphenation").glob("*.txt"))) == 1


def test_a_cached_entry_not_shaped_like_patterns_is_made_again(tmp_path):
    """Even with a valid tag (hash-only caches, or a stolen key), stored patterns are checked first."""
    from briefgen import cache
    from briefgen.text import hyphenate

    hyphenator("en_US", tmp_path)("international")
    folder = tmp_path / "hyphenation"
    [entry] = folder.glob("*.txt")
    key = entry.name[:64]
    good = cache.read(folder, key, "txt")
    assert good.startswith(b".") and hyphenate._patterns(good)
    expected = hyphenator("en_US", None)("international")
    for bad in (b"", b"\n", b"ab 0 1\n", b"ab 0 1 2", b"ab 0 12345", b"ab -1 1", b"ab 0 x", b"a1 0 1", b"ab 123 1",
                b"ab 0 \xd9\xa3", b"\xff 0 1", b"ab 0 1\n" * 5 + b"b 9 1", b"[" * 100_000, good + b"\nab 9 1"):
        assert hyphenate._patterns(bad) is None, bad
        cache.write(folder, key, "txt", bad)
        assert hyphenator("en_US", tmp_path)("international") == expected
        assert cache.read(folder, key, "txt") == good  # made again and overwritten
