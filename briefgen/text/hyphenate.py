"""Hyphenation: pyphen's patterns for the brief's language, loaded quickly.

In:  a pyphen language code (``en_GB``, ``es``) and the cache folder (or None);
     or text in a language tag's language (a phrase marked ``[phrase]{lang=de}``).
Out: a callable ``word -> [(head, tail), ...]`` that ReportLab's paragraphs
     accept as ``hyphenationLang``; :func:`soft_hyphens` gives the text with a
     soft hyphen (U+00AD) wherever its own language lets a word break.

Parsing a pyphen dictionary takes about a tenth of a second per process; the
parsed patterns are kept as text in the cache's ``hyphenation`` section
(keyed by pyphen's version; see :mod:`briefgen.cache`), which loads several
times faster. An entry failing its check, or not shaped like pyphen's patterns,
is made again; any other problem with the cache falls back to plain pyphen.
They are read at the first word to break, not before: a build whose paragraphs
are all stored (:mod:`briefgen.layout.parastore`) breaks none.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

#: Letters kept before and carried over a line-end hyphen: never a stub like "ab-/uses".
LEFT, RIGHT = 2, 3
#: Bump when the stored layout changes.
FORMAT = 2


def hyphenator(lang: str, cache_dir: Path | None, soft: bool = False):
    """A hyphenation callable for ``lang`` (``cache_dir`` None: no cache).

    ``soft``: the hyphen added at a line's end is U+00AD SOFT HYPHEN, drawn like '-' by fonts
    that have it. That is how PDF marks a hyphen that is not part of the word (ISO 32000-1,
    14.8.2.2.3), so copied text, text extraction and screen readers get the whole word.
    """
    import pyphen

    if cache_dir is not None:
        folder = Path(cache_dir) / "hyphenation"
        hyphen = _remembered(lang, str(folder), _stamp(folder / f"{_key(lang)}.txt"))
    else:
        hyphen = pyphen.Pyphen(lang=lang, left=LEFT, right=RIGHT)
    return Breaks(hyphen, soft, f"{lang} pyphen {pyphen.__version__} {LEFT} {RIGHT} soft {soft}")


class _Later:
    """pyphen's ``Pyphen`` for a language, read from the cache at its first word (see :func:`_cached`)."""

    def __init__(self, lang: str, folder: Path):
        self.lang, self.folder, self.made = lang, folder, None

    def iterate(self, word: str):
        if self.made is None:
            import pyphen

            try:
                self.made = _cached(pyphen, self.lang, self.folder)
            except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
                self.made = pyphen.Pyphen(lang=self.lang, left=LEFT, right=RIGHT)  # a broken cache: plain pyphen
        return self.made.iterate(word)


class Breaks:
    """Where a word may break: ReportLab's ``hyphenationLang`` callable, word -> [(head, tail)].

    ReportLab adds '-' to the head; with ``soft``, the paragraph (``briefgen.layout.flowables``)
    turns each such hyphen into a soft one once its lines are broken (:func:`soften`).
    """

    def __init__(self, hyphen, soft: bool, identity: str | None = None):
        self.hyphen, self.soft = hyphen, soft
        #: What sets where words break, as text (the same in every process), or None if unknown.
        self.identity = identity

    def __call__(self, word: str) -> list:
        if word[:1].isupper():
            return []  # names and sentence starts: "Ed-mundo", "Es-pañol" read badly
        return list(self.hyphen.iterate(word))


def soften(broken, text: str) -> None:
    """Make each hyphen that ReportLab added at a line's end in ``broken`` a soft hyphen.

    ``broken`` holds lines (all, or those of a part split off) of a paragraph whose
    text is ``text``. A hyphen the text has ("mid-November" broken after "mid-") stays;
    so does everything from a line whose text does not match (nothing is guessed).
    Softening lines again changes nothing.
    """
    from reportlab.platypus.paragraph import _SplitWordHY

    letters = "".join(text.replace(SOFT_HYPHEN, "").split())  # break points written in the text do not print
    at = None
    for line in broken.lines:
        if broken.kind == 0:
            words = line[1]
            drawn = "".join(words)
        else:
            words = [word for word in line.words if getattr(word, "text", "")]
            drawn = "".join(word.text for word in words)
        drawn = "".join(drawn.split())
        added = drawn.endswith(("-", SOFT_HYPHEN))
        if at is None:  # where this part starts in the paragraph
            at = letters.find(drawn[:-1] if added else drawn)
            if at < 0 or not drawn:
                return
        if not added or letters.startswith(drawn, at) and drawn.endswith("-"):
            if not letters.startswith(drawn, at):
                return
            at += len(drawn)
            continue
        if not letters.startswith(drawn[:-1], at):
            return
        at += len(drawn) - 1
        last = words[-1]
        if broken.kind == 0:
            words[-1] = _SplitWordHY(last[:-1] + SOFT_HYPHEN) if last.endswith("-") else last
        elif last.text.rstrip().endswith("-"):
            kept = last.text.rstrip()
            last.text = kept[:-1] + SOFT_HYPHEN + last.text[len(kept):]


SOFT_HYPHEN = "\u00ad"

#: pyphen's best patterns for a bare tag (its "en" is en_GB, which breaks worse than en_US).
_PREFERRED = {"en": "en_US", "pt": "pt_PT"}
#: Words that get soft hyphens: letters only, long enough to break with LEFT and RIGHT letters kept.
_WORD = re.compile(rf"[^\W\d_]{{{LEFT + RIGHT},}}")


def patterns_for(tag: str) -> str | None:
    """pyphen's dictionary for a language tag ('fr', 'pt-BR', 'de-CH'), or None when it has none."""
    import pyphen

    tag = tag.replace("-", "_")
    return _PREFERRED.get(tag.lower()) or pyphen.language_fallback(tag)


def soft_hyphens(text: str, tag: str) -> str:
    """``text`` with a soft hyphen (U+00AD) wherever ``tag``'s patterns let a word break.

    ReportLab breaks a word at a soft hyphen (``embeddedHyphenation``) and prints nothing there
    otherwise. Capitalised words break too (German nouns; a phrase is rarely a bare name), words
    in capitals do not (acronyms); nothing does when pyphen has no patterns for the language.
    """
    import pyphen

    code = patterns_for(tag)
    if code is None:
        return text
    hyphen = pyphen.Pyphen(lang=code, left=LEFT, right=RIGHT)  # pyphen keeps each dictionary it parsed

    def soften_word(match):
        word = match.group(0)
        return word if word.isupper() else hyphen.inserted(word, hyphen=SOFT_HYPHEN)

    return _WORD.sub(soften_word, text)


@lru_cache(maxsize=8)  # once per process: a rebuild in `watch` or a batch worker reuses the parsed patterns
def _remembered(lang: str, folder: str, stamp) -> _Later:
    """``stamp``: the entry's size and time, so an entry changed on disk (or a poisoned one) is read again."""
    return _Later(lang, Path(folder))


def _stamp(path: Path):
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns


def _key(lang: str) -> str:
    import pyphen  # imported with ReportLab's paragraphs anyway; its metadata would cost a look through sys.path

    return hashlib.sha256(f"{lang} pyphen {pyphen.__version__} {FORMAT}".encode()).hexdigest()


def _cached(pyphen, lang: str, folder: Path):
    from .. import cache

    key = _key(lang)
    stored = cache.read(folder, key, "txt")
    patterns = _patterns(stored) if stored is not None else None
    if patterns is None:
        patterns = pyphen.Pyphen(lang=lang).hd.patterns
        cache.write(folder, key, "txt", _encode(patterns))
    hyph_dict = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hyph_dict.patterns = patterns
    hyph_dict.cache = {}
    hyph_dict.maxlen = max(len(key) for key in patterns)
    hyphen = pyphen.Pyphen.__new__(pyphen.Pyphen)
    hyphen.left, hyphen.right, hyphen.hd = LEFT, RIGHT, hyph_dict
    return hyphen


#: One pattern a line: its letters, the offset of its first value, its values as digits ("ab 1 21").
_STORED = re.compile(r"(?:[^\s0-9]+ [0-9]{1,2} [0-9]+\n)*[^\s0-9]+ [0-9]{1,2} [0-9]+")


def _encode(patterns: dict) -> bytes:
    """pyphen's patterns as text (faster to read back than JSON, and checked by one expression)."""
    lines = [f"{key} {start} {''.join(map(str, values))}" for key, (start, values) in patterns.items()]
    text = "\n".join(lines)
    if not all(isinstance(v, int) for _, values in patterns.values() for v in values) \
            or not _STORED.fullmatch(text):
        raise ValueError("non-standard hyphenation patterns are not cached")
    return text.encode("utf-8")


def _patterns(data: bytes) -> dict | None:
    """The patterns stored in ``data``, or None unless every line has pyphen's shape and its values
    fit within its letters (as :func:`_encode` writes them)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not _STORED.fullmatch(text):
        return None
    patterns, shared = {}, {}
    for line in text.split("\n"):
        key, start, digits = line.split(" ")
        start = int(start)
        if start + len(digits) > len(key) + 1:
            return None
        values = shared.get(digits)
        if values is None:  # most value runs repeat: share one tuple
            values = shared[digits] = tuple(map(int, digits))
        patterns[key] = (start, values)
    return patterns
