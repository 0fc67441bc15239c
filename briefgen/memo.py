"""What a process remembers between builds (``watch`` rebuilds, batch workers): bounded stores by key.

In:  keys and the values made for them.
Out: :class:`Remembered`, a store that forgets the least recently used value first. Each user
     makes its own store once per process (an ``lru_cache``-d factory), so nothing here is shared.
"""

from __future__ import annotations

from collections import OrderedDict


class Remembered:
    """Values by key, at most ``size`` of them; the least recently used is forgotten first."""

    def __init__(self, size: int):
        self.size, self.found = size, OrderedDict()

    def get(self, key):
        value = self.found.get(key)
        if value is not None:
            self.found.move_to_end(key)
        return value

    def put(self, key, value) -> None:
        self.found[key] = value
        self.found.move_to_end(key)
        if len(self.found) > self.size:
            self.found.popitem(last=False)


__all__ = ["Remembered"]
