"""Ticks: axis ranges in, tick positions and their printed labels out (pure Python).

In:  the lowest and highest value to show (or first and last date) and roughly
     how many ticks fit.
Out: "nice" tick values (steps of 1, 2, 2.5 or 5 times a power of ten) with
     labels formatted for the brief's language, and month (or day) ticks for
     dated axes, labelled 'Jul 2024, Oct, Jan 2025' / 'jul 2024, oct, ene 2025'.
"""

from __future__ import annotations

import datetime as dt
import math

from ..text.i18n import format_month

_STEPS = (1, 2, 2.5, 5, 10)


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Evenly spaced round values covering [low, high] with about ``target`` intervals.

    Of the round steps giving a few intervals more or fewer than ``target``, the one
    wasting least of the axis wins: 0 to 2,229 gets 0–2,500 by 500, not 0–3,000 by 1,000.
    """
    if high < low:
        low, high = high, low
    if math.isclose(low, high):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    target = max(1, target)
    span = high - low
    base = 10 ** math.floor(math.log10(span / target))
    best = None
    for magnitude in (base * 10, base, base / 10):  # larger steps first: they win a tie
        for m in reversed(_STEPS):
            step = m * magnitude
            start = math.floor(low / step + 1e-9) * step
            end = math.ceil(high / step - 1e-9) * step
            count = int(round((end - start) / step))
            if not max(2, target - 2) <= count <= target + 1:
                continue
            score = (end - start - span) / (end - start) + 0.04 * abs(count - target)
            if best is None or score < best[0] - 1e-9:
                best = (score, start, step, count)
    if best is None:  # a target of one or two intervals: the smallest step that covers the range
        step = next(m * base for m in _STEPS if m * base >= span / target * 0.999)
        start = math.floor(low / step + 1e-9) * step
        best = (0, start, step, int(round((math.ceil(high / step - 1e-9) * step - start) / step)))
    _, start, step, count = best
    return [_clean(start + i * step) for i in range(count + 1)]


def _clean(value: float) -> float:
    rounded = round(value, 10)
    return 0.0 if rounded == 0 else rounded


def step_decimals(ticks) -> int:
    """Decimals needed to print these ticks distinctly (0 for whole steps)."""
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    for decimals in range(0, 4):
        if abs(step * 10 ** decimals - round(step * 10 ** decimals)) < 1e-6:
            return decimals
    return 3


def _month_abbr(day: dt.date, lang: str) -> str:
    return format_month(day, lang).split(" ")[0]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def date_ticks(first: dt.date, last: dt.date, max_ticks: int, lang: str) -> list:
    """(date, label) ticks between ``first`` and ``last``: months (every 1-24) or, for short spans, days."""
    max_ticks = max(2, max_ticks)
    span = (last - first).days
    if span <= 62:
        for step in (1, 2, 7, 14):
            ticks = [first + dt.timedelta(days=d) for d in range(0, span + 1, step)]
            if len(ticks) <= max_ticks:
                break
        return [(t, f"{t.day} {_month_abbr(t, lang)}") for t in ticks]
    start = dt.date(first.year, first.month, 1)
    if start < first:
        start = _add_months(start, 1)
    for step in (1, 2, 3, 4, 6, 12, 24):
        ticks = []
        day = start
        while day <= last:
            if (day.month - 1) % step == 0 if step <= 12 else (day.month == 1 and day.year % 2 == 0):
                ticks.append(day)
            day = _add_months(day, 1)
        if len(ticks) <= max_ticks:
            break
    labels = []
    for i, day in enumerate(ticks):
        if step >= 12:
            labels.append(str(day.year))
        elif i == 0 or day.month == 1 or day.year != ticks[i - 1].year:
            labels.append(f"{_month_abbr(day, lang)} {day.year}")
        else:
            labels.append(_month_abbr(day, lang))
    return list(zip(ticks, labels))


def short_date(day: dt.date, lang: str, *, year: bool = True) -> str:
    """'6 Aug 2024' / '6 ago 2024' (for labels and annotations)."""
    text = f"{day.day} {_month_abbr(day, lang)}"
    return f"{text} {day.year}" if year else text
