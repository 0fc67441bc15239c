"""Hyphenation: pyphen's patterns for the brief's language, loaded quickly.

In:  a pyphen language code (``en_GB``, ``es``) and a cache folder.
Out: a callable ``word -> [(head, tail), ...]`` that ReportLab's paragraphs
     accept as ``hyphenationLang``.

Parsing a pyphen dictionary takes about a tenth of a second per process; the
parsed patterns are kept as JSON in the cache folder (keyed by pyphen's
version), which loads several times faster. Any problem with the cache falls
back to plain pyphen.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

#: Letters kept before and carried over a line-end hyphen: never a stub like "ab-/uses".
LEFT, RIGHT = 2, 3


def hyphenator(lang: str, cache_dir: Path | None):
    """A hyphenation callable for ``lang``."""
    import pyphen

    hyphen = None
    if cache_dir is not None:
        try:
            hyphen = _cached(pyphen, lang, Path(cache_dir))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # an unreadable or foreign cache is not worth failing a build
    hyphen = hyphen or pyphen.Pyphen(lang=lang, left=LEFT, right=RIGHT)

    def breaks(word: str):
        if word[:1].isupper():
            return []  # names and sentence starts: "Ed-mundo", "Es-pañol" read badly
        return list(hyphen.iterate(word))

    return breaks


def _cached(pyphen, lang: str, cache_dir: Path):
    cache_file = cache_dir / "hyphenation" / f"{lang}-pyphen-{version('pyphen')}.json"
    if cache_file.is_file():
        data = json.loads(cache_file.read_text(encoding="utf-8"))
        patterns = {key: (start, tuple(values)) for key, (start, values) in data["patterns"].items()}
    else:
        patterns = pyphen.Pyphen(lang=lang).hd.patterns
        if not all(isinstance(v, int) for _, values in patterns.values() for v in values):
            raise ValueError("non-standard hyphenation patterns are not cached")
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temp = cache_file.with_suffix(".tmp")
        temp.write_text(json.dumps({"patterns": {k: [s, list(v)] for k, (s, v) in patterns.items()}}),
                        encoding="utf-8")
        temp.replace(cache_file)
    hyph_dict = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph_dict.patterns = patterns
    hyph_dict.cache = {}
    hyph_dict.maxlen = max(len(key) for key in patterns)
    hyphen = pyphen.Pyphen.__new__(pyphen.Pyphen)
    hyphen.left, hyphen.right, hyphen.hd = LEFT, RIGHT, hyph_dict
    return hyphen
