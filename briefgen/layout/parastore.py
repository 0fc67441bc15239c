"""Paragraphs set before, kept across processes: the cache's ``paragraphs`` section, one entry per brief file.

In:  the brief (its real path, edition and language), its styles (fonts and hyphenation), and
     from :mod:`.paragraph` each markup parse and each set of broken lines a build uses.
Out: :class:`StoredParagraphs`: :meth:`~StoredParagraphs.seed` puts an entry's parses and lines into
     the process's memories (:func:`.paragraph.remembered_parses` and
     :func:`.paragraph.remembered_lines`) before a build; :meth:`~StoredParagraphs.use` notes what
     the build used; :meth:`~StoredParagraphs.save` writes the entry back when it has gone stale.

A fresh process remembers nothing, and parsing markup and breaking lines with ReportLab are a
quarter of a fresh build: with the entry, a brief built before is neither parsed nor broken again,
and the PDF is the same, byte for byte (the same values a process keeps between builds).

The values are ReportLab's own objects (frags, lines of words, colours), stored with :mod:`pickle`:
a JSON form of them would cost as much to read back as the parse it saves. Unpickling runs code,
so an entry is read only if it passes the cache's check (an HMAC with the user's own secret, kept
outside the cache: see :mod:`briefgen.cache`), and even then only the classes of ReportLab's frags,
lines, bags and colours may be named in it (:data:`_CLASSES`; :class:`_Unpickler`): anything else
makes the entry a miss. Writing refuses any other class too, so no entry names one.

The entry's key covers what the values follow from beyond the memories' own keys (markup and style
values): this code's and ReportLab's versions, the brief's file, edition and language, the fonts'
bytes (a fallback font's size and time, as it may not be read) and the hyphenation.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import zlib
from functools import lru_cache
from pathlib import Path

from ..memo import Remembered

#: Bump when the stored layout changes.
FORMAT = 1
#: Parses or lines kept in one entry, at most.
MOST = 8_000
#: The entry is written again once this share of what a build used is missing from it.
STALE = 0.1
#: Entries whose keys a process keeps in mind (see :func:`_known`).
KNOWN = 16
#: The only classes an entry may name: ReportLab's frags, words and lines (list, str and float kinds
#: among them), its bags and its colours. Never a parser, a flowable or anything that reads a file.
_CLASSES = {
    "reportlab.lib.abag": frozenset({"ABag"}),
    "reportlab.lib.colors": frozenset({"Color", "CMYKColor", "CMYKColorSep", "PCMYKColor", "PCMYKColorSep"}),
    "reportlab.platypus.paraparser": frozenset({"ParaFrag", "_PCT"}),
    "reportlab.platypus.paragraph": frozenset({
        "FragLine", "ParaLines", "BidiList", "cjkU", "_HSFrag", "_InjectedFrag", "_SHYIndexedStr", "_SHYSplit",
        "_SHYSplitHY", "_SHYStr", "_SHYWord", "_SHYWordHS", "_SplitFrag", "_SplitFragH", "_SplitFragHS",
        "_SplitFragHY", "_SplitFragLL", "_SplitFragSHY", "_SplitWord", "_SplitWordEnd", "_SplitWordH",
        "_SplitWordHY", "_SplitWordLL"}),
}


def _allowed(module: str, name: str) -> bool:
    return name in _CLASSES.get(module, ())


@lru_cache(maxsize=1)  # the code and the installed versions cannot change while the process runs
def _versions() -> str:
    import pyphen
    import reportlab

    from .. import __version__

    layout = Path(__file__).resolve().parent
    found = [__version__, str(FORMAT), f"reportlab {reportlab.Version}", f"pyphen {pyphen.__version__}"]
    for path in (layout / "paragraph.py", layout / "linebreak.py", layout / "fonts.py", layout / "parastore.py",
                 layout.parent / "text" / "hyphenate.py"):
        found.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return "\n".join(found)


class _Pickler(pickle.Pickler):
    """Refuses every class but ReportLab's paragraph, bag and colour classes."""

    def reducer_override(self, obj):
        cls = obj if isinstance(obj, type) else type(obj)
        if not _allowed(cls.__module__, cls.__qualname__):
            raise pickle.PicklingError(f"not stored: {cls.__module__}.{cls.__qualname__}")
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    """Finds only the classes :data:`_CLASSES` lists, defined where it says (never a function, nor a name a
    module imported from elsewhere)."""

    def find_class(self, module, name):
        if _allowed(module, name):
            import importlib

            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and found.__module__ == module and found.__qualname__ == name:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a stored paragraph")


def dumps(value) -> bytes:
    """``value`` pickled (see :class:`_Pickler`) and compressed."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=5).dump(value)
    return zlib.compress(buffer.getvalue(), 1)


def loads(data: bytes):
    """What :func:`dumps` stored; raises for anything else."""
    return _Unpickler(io.BytesIO(zlib.decompress(data))).load()


@lru_cache(maxsize=1)  # one per process
def _known() -> Remembered:
    """Entry key -> the keys it holds, by memory, for the entries this process read or wrote lately: a `watch`
    reads its brief's entry once, not at every save."""
    return Remembered(KNOWN)


class StoredParagraphs:
    """The parses and broken lines of one brief file (one edition): those in the cache, and those used since."""

    def __init__(self, folder: Path, place: str):
        self.folder = folder
        self.entry = hashlib.sha256(f"{_versions()}\n{place}".encode("utf-8", "surrogatepass")).hexdigest()
        self.stored: dict = {"parses": frozenset(), "lines": frozenset()}  # the keys the entry holds
        self.used: dict = {"parses": {}, "lines": {}}  # what this build used, by key

    @classmethod
    def for_brief(cls, brief, styles):
        """The store of ``brief`` set in ``styles`` (None when caching is off, for a brief made without a file,
        or with a hyphenation known to this process only)."""
        from .. import cache

        path = getattr(brief, "path", None)
        folder = cache.section("paragraphs") if getattr(brief, "cache_dir", None) is not None else None
        hyphenation = styles["body"].hyphenationLang
        identity = getattr(hyphenation, "identity", None) if hyphenation else "none"
        if folder is None or path is None or identity is None:
            return None
        fonts = _fonts(brief.theme, styles)
        place = "\n".join((str(Path(path).resolve()), f"edition {getattr(brief, 'edition', None)}",
                           f"language {brief.meta.language}", f"hyphenation {identity}", *fonts))
        return cls(folder, place)

    def seed(self, parses, lines) -> None:
        """Put the entry's values into the memories ``parses`` and ``lines`` (a :class:`~briefgen.memo.Remembered`
        each), unless this process read or wrote it before; an entry that is missing, fails its check or is
        not shaped as written is a miss."""
        from .. import cache

        entry = self.entry
        known = _known().get((str(self.folder), entry))
        if known is not None:
            self.stored = known
            return
        data = cache.read(self.folder, entry, "pickle")
        try:
            stored = loads(data) if data is not None else None
        except Exception:  # noqa: BLE001 - whatever an entry holds, it is only a miss
            stored = None
        if not (isinstance(stored, dict) and all(isinstance(stored.get(kind), dict) for kind in self.stored)):
            return
        for memory, kind in ((parses, "parses"), (lines, "lines")):
            for key, value in stored[kind].items():
                if memory.get(key) is None:
                    memory.put(key, value)
        self.stored = {kind: frozenset(stored[kind]) for kind in self.stored}
        _known().put((str(self.folder), entry), self.stored)

    def use(self, kind: str, key, value) -> None:
        """Note a parse (``kind`` "parses") or a paragraph's lines ("lines") this build used."""
        used = self.used[kind]
        if len(used) < MOST:
            used[key] = value

    def save(self) -> None:
        """Write the entry again if it is missing, or lacks at least :data:`STALE` of what this build used: a
        `watch` whose each save changes one paragraph does not write it every time."""
        from .. import cache

        missing = sum(key not in self.stored[kind] for kind, used in self.used.items() for key in used)
        total = sum(len(used) for used in self.used.values())
        stale = missing and (not any(self.stored.values()) or missing >= STALE * total)
        if not total or (not stale and cache.exists(self.folder, self.entry, "pickle")):  # (cleared meanwhile?)
            return
        try:
            data = dumps(self.used)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return  # a paragraph holds something not stored: set it again next time
        if cache.write(self.folder, self.entry, "pickle", data) is not None:
            self.stored = {kind: frozenset(used) for kind, used in self.used.items()}
            _known().put((str(self.folder), self.entry), self.stored)


def _fonts(theme, styles) -> list[str]:
    """The theme's fonts, as the entry's key names them: each registered face by its bytes, a fallback by its
    file's size and time (it is read only when a text needs it)."""
    from .fonts import font_digest

    found = []
    for names in (styles.body_fonts, styles.sans):
        for name in sorted({names.regular, names.italic, names.bold, names.bold_italic, names.display}):
            found.append(f"font {name} {font_digest(name)}")
    for family in (theme.fonts.body, theme.fonts.headings):
        for fallback in getattr(family, "fallback", None) or ():
            for path in (fallback.regular, fallback.italic, fallback.bold, fallback.bold_italic):
                if path:
                    try:
                        info = os.stat(path)
                    except OSError:
                        found.append(f"fallback {fallback.name} {path} missing")
                    else:
                        found.append(f"fallback {fallback.name} {path} {info.st_size} {info.st_mtime_ns}")
    return found


__all__ = ["StoredParagraphs", "dumps", "loads"]
