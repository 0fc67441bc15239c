"""What a process remembers between builds (``watch`` rebuilds, batch workers): bounded stores by key.

In:  keys and the values made for them.
Out: :class:`Remembered`, a store that forgets the least recently used value first. Each user
     makes its own store once per process (an ``lru_cache``-d factory), so nothing here is shared.
"""

from __future__ import annotations

from collections import OrderedDict


class Remembered:
    """Values by key, at most ``size`` of them; the least recently used is forgotten first.

    With ``weigh(key, value)``, ``size`` bounds the values' total weight instead (bytes, say),
    and a value heavier than ``size`` on its own is not kept.
    """

    def __init__(self, size: int, weigh=None):
        self.size, self.found = size, OrderedDict()
        self.weigh = weigh or (lambda key, value: 1)
        self.weight = 0

    def get(self, key):
        value = self.found.get(key)
        if value is not None:
            self.found.move_to_end(key)
        return value

    def clear(self) -> None:
        """Forget everything."""
        self.found.clear()
        self.weight = 0

    def put(self, key, value) -> None:
        weight = self.weigh(key, value)
        if weight > self.size:
            return
        if key in self.found:
            self.weight -= self.weigh(key, self.found.pop(key))
        self.found[key] = value
        self.weight += weight
        while self.weight > self.size:
            old_key, old_value = self.found.popitem(last=False)
            self.weight -= self.weigh(old_key, old_value)


__all__ = ["Remembered"]
