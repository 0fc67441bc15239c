"""Ticks: axis ranges in, tick positions and their printed labels out (pure Python).

In:  the lowest and highest value to show (or first and last date) and roughly
     how many ticks fit.
Out: "nice" tick values (steps of 1, 2, 2.5 or 5 times a power of ten) with
     labels formatted for the brief's language, and month (or day) ticks for
     dated axes, labelled 'Jul 2024, Oct, Jan 2025' / 'jul 2024, oct, ene 2025'
     (or round years, for spans of decades to millennia).

Any finite range gives a few ticks in constant time: an empty or subnormal span
is widened, and tiny steps keep their digits when rounded.
"""

from __future__ import annotations

import datetime as dt
import math

from ..text.i18n import format_month

_STEPS = (1, 2, 2.5, 5, 10)
#: Spans below this are treated as no span at all (far below anything a chart can print).
TINY = 1e-200
#: Steps of a years axis too long for month ticks: 1, 2, 5, 10, 20, 50... years.
_YEAR_STEPS = tuple(m * 10 ** e for e in range(4) for m in (1, 2, 5))


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Evenly spaced round values covering [low, high] with about ``target`` intervals.

    Of the round steps giving a few intervals more or fewer than ``target``, the one
    wasting least of the axis wins: 0 to 2,229 gets 0–2,500 by 500, not 0–3,000 by 1,000.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"ticks need finite values, found {low} and {high}")  # values are checked at load
    if high < low:
        low, high = high, low
    if high - low <= max(abs(low), abs(high)) * 1e-9 or high - low < TINY:
        pad = max(abs(low), abs(high)) * 0.1
        pad = pad if pad >= TINY else 1.0  # a range of (almost) nothing: show it around zero
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
    digits = max(10, 6 - math.floor(math.log10(step)))  # tiny steps keep their digits
    return [_clean(start + i * step, digits) for i in range(count + 1)]


def _clean(value: float, digits: int = 10) -> float:
    rounded = round(value, digits)
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
    if index // 12 > dt.MAXYEAR:
        return dt.date.max  # past the last date there is: ends the caller's walk
    return dt.date(index // 12, index % 12 + 1, 1)


def _year_ticks(first: dt.date, last: dt.date, max_ticks: int) -> list:
    """(date, label) ticks on 1 January every few years, for spans too long for month ticks."""
    years = last.year - first.year
    step = next((s for s in _YEAR_STEPS if years // s + 1 <= max_ticks), _YEAR_STEPS[-1])
    start = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    year = max(-(-start // step) * step, step)  # a round year on or after the first date (there is no year 0)
    return [(dt.date(y, 1, 1), str(y)) for y in range(year, last.year + 1, step)]


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
    if (last.year - first.year) // 2 + 1 > max_ticks:  # even a tick every other year would crowd
        return _year_ticks(first, last, max_ticks)
    start = dt.date(first.year, first.month, 1)
    if start < first:
        start = _add_months(start, 1)
    for step in (1, 2, 3, 4, 6, 12, 24):
        ticks = []
        day = start
        while day <= last and day != dt.date.max:
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
