"""Parsed Markdown kept: once per process by text, and across builds in the cache, per brief file.

In:  a Markdown text and the :class:`~briefgen.limits.Limits` it is read under; for the cache, the
     brief's :class:`~briefgen.source.Source` and the cache folder.
Out: :func:`freeze`, a tree as nested tuples (what :func:`briefgen.text.markdown.frozen` keeps per
     process, shared and never changed), and :func:`thaw`, fresh
     :class:`~briefgen.text.markdown.MdBlock` trees made from one for each caller, who may change
     them; :class:`StoredTrees`, the trees of one brief file's texts in the cache's
     ``markdown`` section, so that a build whose texts have all been read before never imports
     markdown-it (a fifth of a fresh build's imports) nor parses them.

A tree is a pure function of the text, the limits (the depth bound and its messages) and the
code that reads it: the cache key covers the brief file's text, the limits, the versions of
markdown-it-py and mdit-py-plugins and the source of this package's Markdown code. An entry
that fails its check (see :mod:`briefgen.cache`) is a miss, and so is a tree in it that is not
shaped as :func:`freeze` makes them: those texts are parsed again.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from ..memo import Remembered

#: Bump when the stored layout changes.
FORMAT = 1
#: A brief file's entry (one per edition) holds at most this many texts.
MOST_TEXTS = 5_000


def freeze(blocks) -> tuple:
    """MdBlocks as nested tuples: (kind, inlines, items, line, start, problem) per block and
    (kind, text, children, attrs, line) per inline node, ``attrs`` a tuple of pairs or None."""
    return tuple((b.kind, _freeze_inlines(b.inlines), tuple(freeze(item) for item in b.items), b.line, b.start,
                  b.problem) for b in blocks)


def _freeze_inlines(nodes) -> tuple:
    return tuple((n.kind, n.text, _freeze_inlines(n.children), None if n.attrs is None else tuple(n.attrs.items()),
                  n.line) for n in nodes)


def thaw(tree) -> list:
    """Fresh MdBlocks from a frozen tree (or the lists JSON gives back for one)."""
    from .markdown import MdBlock

    return [MdBlock(kind, _thaw_inlines(inlines), [thaw(item) for item in items], line, start, problem)
            for kind, inlines, items, line, start, problem in tree]


def _thaw_inlines(nodes) -> list:
    from .markdown import Inline

    return [Inline(kind, text, _thaw_inlines(children), None if attrs is None else {k: v for k, v in attrs}, line)
            for kind, text, children, attrs, line in nodes]


@lru_cache(maxsize=1)  # the installed versions and our code cannot change while the process runs
def _versions() -> str:
    from .. import __version__
    from ..resources import installed_version

    found = [__version__, str(FORMAT)]
    found += [f"{name} {installed_version(name)}" for name in ("markdown-it-py", "mdit-py-plugins")]
    here = Path(__file__).resolve().parent
    for path in (here / "markdown.py", here / "mdtrees.py", here.parent / "limits.py"):
        found.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return "\n".join(found)


@lru_cache(maxsize=1)  # one store per process: `watch` rebuilds and batch workers read the same texts again
def _read_here() -> Remembered:
    return Remembered(MOST_TEXTS)


class StoredTrees:
    """The Markdown trees of one brief file's texts: those this process has read, those in the cache, and
    those read since. A text this process has read is not looked for in the cache: a `watch` rebuild reads
    no entry."""

    def __init__(self, source, folder: Path | None, edition: int | None = None):
        self.source, self.folder, self.limits, self.edition = source, folder, source.limits, edition
        self.trees: dict | None = None  # the entry, read at the first text this process has not read
        self.used: dict = {}  # every text of this build, and its tree
        self.added = False

    @property
    def key(self) -> str:
        """The entry's key: the brief file's text, the limits, and what reads Markdown (see the docstring)."""
        key = f"{_versions()}\n{self.limits!r}\nedition {self.edition}\n{self.source.text}"
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()

    def blocks(self, text: str) -> list:
        """Fresh MdBlocks of ``text``, from this process's memory or the cache if they have them, else parsed
        now (and kept)."""
        here = _read_here()
        tree = here.get((text, self.limits))
        blocks = None
        if tree is None:
            tree, blocks = self._from_entry(text)
            here.put((text, self.limits), tree)
        if len(self.used) < MOST_TEXTS:
            self.used[text] = tree
        return blocks if blocks is not None else thaw(tree)

    def _from_entry(self, text: str) -> tuple:
        """The tree of ``text`` from the entry, or parsed now; and its MdBlocks if thawed already."""
        from .markdown import frozen

        trees = self._stored()
        tree = trees.get(text)
        if tree is not None:
            try:
                return tree, thaw(tree)
            except (TypeError, ValueError):
                pass  # not shaped as freeze() makes trees: read the text again
        tree = frozen(text, self.limits)
        if len(trees) < MOST_TEXTS:
            trees[text] = tree
            self.added = True
        return tree, None

    def _stored(self) -> dict:
        if self.trees is None:
            from .. import cache

            self.trees = cache.read_mapping(self.folder, self.key)
        return self.trees

    def save(self) -> None:
        """Write the entry if texts were read that it did not have, or if this process knew every text and
        the cache has no entry for this file (a file saved while watching: a later fresh build finds it)."""
        if self.folder is None:
            return
        from .. import cache

        if self.trees is None and self.used and not cache.exists(self.folder, self.key, "json"):
            self.trees, self.added = dict(self.used), True
        if self.added:
            cache.write_mapping(self.folder, self.key, self.trees)
            self.added = False
