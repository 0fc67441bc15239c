"""Line-break plans kept across processes: the cache's ``linebreaks`` section, one entry per brief file.

In:  the brief's path and edition and the cache folder (or None); then, from
     :func:`briefgen.layout.linebreak.break_lines`, a paragraph and the widths of its lines.
Out: :class:`StoredPlans`, whose :meth:`~StoredPlans.key` names everything a plan follows from
     (None when that cannot be named across processes), :meth:`~StoredPlans.get` and
     :meth:`~StoredPlans.put` by that key, and :meth:`~StoredPlans.save` at the end of a build.

Planning is a tenth of a fresh build's layout, and a fresh process remembers nothing: with the
plans stored, a fresh build of a brief built before plans nothing again. A plan follows from the
paragraph's text and fonts, the widths of its lines, its hyphenation and the code that plans: a
stored plan's key is a digest of the text, the fonts' bytes (not their names), the widths, the
hyphenation's language and version, and the entry's key a digest of this code and ReportLab's
version, the brief's real path and its edition. An entry that fails the cache's check (see
:mod:`briefgen.cache`) is a miss, and so is a plan in it not shaped as plans are: that paragraph
is planned again. Even a stored plan that were wrong would cost no text: ReportLab sets the
planned lines, and a paragraph whose lines are not the planned ones is set first fit.
"""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from pathlib import Path

from .fonts import font_digest

#: Bump when the stored layout changes.
FORMAT = 1
#: Plans kept in one brief file's entry, at most (the oldest go first).
MOST_PLANS = 5_000
#: What a plan's line says it broke with (see linebreak._plan).
_PASSES = (None, "splits", "any_splits")


@lru_cache(maxsize=1)  # the code and the installed versions cannot change while the process runs
def _versions() -> str:
    import reportlab

    from .. import __version__

    here = Path(__file__).resolve().parent
    found = [__version__, str(FORMAT), f"reportlab {reportlab.Version}"]
    for path in (here / "linebreak.py", here / "paragraph.py", here / "planstore.py"):
        found.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return "\n".join(found)


class StoredPlans:
    """The plans of one brief file (one edition): those in the cache, and those made since."""

    def __init__(self, folder: Path | None, brief_path, edition: int | None = None):
        self.folder = folder
        self.place = f"{Path(brief_path).resolve()}\nedition {edition}"
        self.plans: dict | None = None  # read at the first paragraph a process has not planned
        self.used: dict = {}  # every plan of this build, by key
        self.added = False
        self._fonts: dict = {}

    @classmethod
    def for_brief(cls, brief):
        """The store of ``brief`` (None when caching is off, or for a brief made without a file)."""
        from .. import cache

        folder = cache.section("linebreaks") if getattr(brief, "cache_dir", None) is not None else None
        path = getattr(brief, "path", None)
        if folder is None or path is None:
            return None
        return cls(folder, path, getattr(brief, "edition", None))

    @property
    def entry(self) -> str:
        return hashlib.sha256(f"{_versions()}\n{self.place}".encode("utf-8", "surrogatepass")).hexdigest()

    def key(self, paragraph, widths) -> str | None:
        """The stored plan's key for ``paragraph`` set in lines of ``widths``, or None if it cannot be named."""
        from .linebreak import _texts

        style = paragraph.style
        hyphenator = style.hyphenationLang
        hyphenation = getattr(hyphenator, "identity", None) if hyphenator else "none"
        if hyphenation is None:  # a hyphenator of the caller's own: known to this process only
            return None
        texts = _texts(paragraph.frags)
        fonts = []
        for name in sorted({frag[1] for frag in texts} | {style.fontName}):
            digest = self._fonts.get(name)
            if digest is None:
                digest = self._fonts[name] = font_digest(name)
            if digest is None:
                return None
            fonts.append((name, digest))
        named = repr((texts, tuple(widths), style.fontName, style.fontSize, style.embeddedHyphenation, hyphenation,
                      str(paragraph.bulletText), tuple(fonts)))
        return hashlib.sha256(named.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str):
        """The stored plan (a tuple, possibly empty: no plan sets the paragraph), or None if there is none."""
        stored = self._stored().get(key)
        return None if stored is None else _plan(stored)

    def put(self, key: str, plan) -> None:
        """Keep a plan just made."""
        plans = self._stored()
        plans.pop(key, None)  # newest last: the oldest are dropped first
        plans[key] = [list(line) for line in plan]
        self.added = True

    def use(self, key: str, plan) -> None:
        """Note a plan this build uses, made or read here or remembered by this process: a brief built in a
        process that set the same paragraphs before (a `watch`, a batch worker) gets a whole entry too."""
        if len(self.used) < MOST_PLANS:
            self.used[key] = plan

    def _stored(self) -> dict:
        if self.plans is None:
            from .. import cache

            self.plans = cache.read_mapping(self.folder, self.entry)
        return self.plans

    def save(self) -> None:
        """Write the entry back if this build used plans that it does not have; when the entry was never read
        (this process remembered every plan), only if there is none."""
        from .. import cache

        if self.plans is None:
            if not self.used or cache.exists(self.folder, self.entry, "json"):
                return
            self.plans = {}
        for key, plan in self.used.items():
            if key not in self.plans:
                self.plans[key] = [list(line) for line in plan]
                self.added = True
        if not self.added:
            return
        plans = self.plans
        if len(plans) > MOST_PLANS:
            plans = dict(list(plans.items())[-MOST_PLANS:])
        cache.write_mapping(self.folder, self.entry, plans)
        self.added = False


def _plan(stored) -> tuple | None:
    """A plan read back: a tuple of lines (natural width, width, next line's first word, its split,
    stretch, pass), or None if ``stored`` is not shaped like one."""
    if not isinstance(stored, list):
        return None
    lines = []
    for line in stored:
        if not isinstance(line, list) or len(line) != 6:
            return None
        natural, width, word, split, give, hyphens = line
        if not (_number(natural) and _number(width) and _number(give) and _index(word)
                and (split is None or _index(split)) and hyphens in _PASSES):
            return None
        lines.append((natural, width, word, split, give, hyphens))
    return tuple(lines)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _index(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


__all__ = ["StoredPlans"]
