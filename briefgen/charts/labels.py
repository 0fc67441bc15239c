"""Label placement: wanted positions in, positions that do not overlap out (pure Python).

In:  labels as (wanted position, height) along one axis, in points, and the
     room available.
Out: positions at least their heights apart, each moved as little as possible
     from where it wants to be (a small one-dimensional "repel"), kept inside
     the room; and rows for labels that would collide side by side.
"""

from __future__ import annotations


def spread(wanted: list, heights: list, low: float, high: float, gap: float = 1.0) -> list:
    """Centre positions for labels wanting ``wanted`` (points, bottom-up), without overlaps.

    Labels keep their order; each pair is at least the mean of their heights
    plus ``gap`` apart; positions stay within [low, high] when there is room.
    """
    if not wanted:
        return []
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    pos = [wanted[i] for i in order]
    size = [heights[i] for i in order]
    for _ in range(50):  # push apart, then pull back inside, until stable
        moved = False
        for j in range(1, len(pos)):
            need = (size[j - 1] + size[j]) / 2 + gap
            if pos[j] - pos[j - 1] < need - 1e-6:
                middle = (pos[j] + pos[j - 1]) / 2
                pos[j - 1], pos[j] = middle - need / 2, middle + need / 2
                moved = True
        if pos[0] - size[0] / 2 < low:
            shift = low - (pos[0] - size[0] / 2)
            pos = [p + shift for p in pos]
            moved = True
        for j in range(1, len(pos)):
            need = (size[j - 1] + size[j]) / 2 + gap
            if pos[j] - pos[j - 1] < need:
                pos[j] = pos[j - 1] + need
        if pos[-1] + size[-1] / 2 > high and pos[0] - size[0] / 2 > low:
            shift = min(pos[-1] + size[-1] / 2 - high, pos[0] - size[0] / 2 - low)
            pos = [p - shift for p in pos]
            moved = True
        if not moved:
            break
    result = [0.0] * len(pos)
    for rank, i in enumerate(order):
        result[i] = pos[rank]
    return result


def rows(spans: list, gap: float = 6.0) -> list:
    """Row number (0, 1, ...) for each (left, right) span so spans in one row do not overlap."""
    ends: list = []  # right end of the last span in each row
    result = []
    for left, right in spans:
        for row, end in enumerate(ends):
            if left >= end + gap:
                ends[row] = right
                result.append(row)
                break
        else:
            ends.append(right)
            result.append(len(ends) - 1)
    return result
