"""Values: a cell's text in, a number, a date or "missing" out.

In:  one cell as written in a CSV file (or a YAML scalar).
Out: ``float`` / ``datetime.date`` / ``None`` (missing), or a :class:`BadValue`
     saying what was expected and what was found.

Numbers are written the machine way: an optional sign, digits, an optional
``.`` decimal part and exponent (``-12``, ``2229``, ``51.2``, ``1e3``). Thousands
separators and decimal commas are refused with a hint, because ``1,234`` is
one thousand two hundred in English and one point two in Spanish; a CSV file
read with ``decimal: ","`` takes ``51,2`` (and then refuses ``51.2``). Dates are
``YYYY-MM-DD``, or ``YYYY-MM`` for a month (read as its first day).

A number or date read from text is a :class:`WrittenNumber` / :class:`WrittenDate`:
a plain ``float`` / ``date`` that also keeps the text it was read from, so an
exported CSV gives ``2024-01`` and ``49.0`` back as written. Arithmetic makes
plain values (a sum, a share), which are printed afresh.

A number must be finite and at most :data:`LARGEST` either side of zero:
``inf``, ``nan`` (YAML ``.inf``, ``.nan``), ``1e400`` or a 310-digit integer
are refused here, where numbers enter, so no later stage meets one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

#: Cell texts that mean "no value" (compared case-insensitively, after stripping).
MISSING_TOKENS = ("", "na", "n/a", "null", "none", "-", "–", "—", "..")
#: Largest size of a number (either side of zero): beyond about 9e15 a float no longer
#: holds every whole number, and axis arithmetic (spans, steps, labels) loses its digits.
LARGEST = 1e15
#: Cell texts Python would read as a non-finite float.
_NON_FINITE = re.compile(r"^[+-]?(nan|inf|infinity)$", re.IGNORECASE)

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_COMMA_NUMBER = re.compile(r"^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$")
#: The decimal marks a CSV file may use (``decimal:`` of a chart's data).
DECIMAL_MARKS = (".", ",")
_DATE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_LOOKS_LIKE_DATE = re.compile(r"^\d{4}-\d{1,2}(-\d{1,2})?([T ].*)?$")


class WrittenNumber(float):
    """A float read from text, which keeps that text (``written``) for exports."""

    written = None

    def __new__(cls, value: float, written: str):
        number = super().__new__(cls, value)
        number.written = written
        return number


class WrittenDate(dt.date):
    """A date read from text (``2024-01``), which keeps that text (``written``) for exports.

    Date arithmetic gives a WrittenDate without text (``written`` None): it is printed afresh."""

    written = None

    def __repr__(self) -> str:  # as a plain date, in messages
        return f"datetime.date({self.year}, {self.month}, {self.day})"

    @classmethod
    def read(cls, year: int, month: int, day: int, written: str) -> WrittenDate:
        date = cls(year, month, day)
        date.written = written
        return date


def as_written(value):
    """The text a number or date was read from, or None if it was computed (or never text)."""
    return getattr(value, "written", None)


@dataclass(frozen=True)
class BadValue:
    """Why a cell could not be read; ``message`` completes 'expected ..., found ...'."""

    message: str


def is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in MISSING_TOKENS


def shown(text) -> str:
    """A cell as quoted in messages (shortened)."""
    text = str(text)
    return repr(text if len(text) <= 30 else text[:27] + "...")


def number_problem(value, written: str | None = None, *, missing: str = "") -> BadValue | None:
    """Why an int or float cannot be used (not finite, or too large), or None if it can.

    ``missing`` ends the message for NaN: how to write a missing value instead.
    """
    if -LARGEST <= value <= LARGEST:  # the common case, first (NaN fails every comparison)
        return None
    written = written or yaml_number(value)
    if isinstance(value, float) and math.isnan(value):
        return BadValue(f"expected a finite number, found {written}{missing}")
    if isinstance(value, float) and math.isinf(value):
        return BadValue(f"expected a finite number, found {written}")
    return BadValue(f"expected a number from -1e15 to 1e15, found {written}; give large values in a"
                    " larger unit (thousands, millions)")


def yaml_number(value) -> str:
    """A number as a YAML file writes it (``.inf``, ``.nan``), shortened if it is very long."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    if isinstance(value, int) and abs(value) > 10 ** 30:
        return f"a whole number of {len(str(abs(value))) if abs(value) < 10 ** 4000 else 'over 4,000'} digits"
    return repr(value)


def parse_number(value, decimal: str | None = None):
    """A float, ``None`` for a missing value, or a :class:`BadValue`.

    ``decimal``: the decimal mark of a CSV file ('.' or ','); None for a value written in the YAML.
    """
    if isinstance(value, bool):
        return BadValue(f"expected a number, found a boolean ({str(value).lower()})")
    if isinstance(value, (int, float)):  # from the YAML: 'as written' is as YAML read it (49 or 49.0)
        return number_problem(value, missing="; write null for a missing value") or \
            WrittenNumber(value, str(value) if isinstance(value, int) else repr(float(value)))
    if is_missing(value):
        return None
    if not isinstance(value, str):
        return BadValue(f"expected a number, found {type(value).__name__}")
    written = value.strip()
    text = written.replace("\u2212", "-")  # a typographic minus is still a minus
    comma = decimal == ","
    if comma and _COMMA_NUMBER.match(text):
        text = text.replace(",", ".")
    if _NUMBER.match(text) and not (comma and "." in written):
        number = float(text)  # '1e400' reads as inf: too large, like '1e16'
        if -LARGEST <= number <= LARGEST:
            return WrittenNumber(number, written)
        return number_problem(number if math.isfinite(number) else LARGEST * 10, shown(value))
    if _NON_FINITE.match(text):
        hint = "; leave the cell empty or write NA for a missing value" if "n" == text.lstrip("+-")[0].lower() \
            else ""
        return BadValue(f"expected a finite number, found {shown(value)}{hint}")
    bare = text.rstrip("%").strip()
    if bare != text and (_NUMBER.match(bare) or comma and _COMMA_NUMBER.match(bare)):
        return BadValue(f"expected a number, found {shown(value)}; write it without the '%' sign"
                        " (put the unit in the chart's number_format)")
    if comma and (re.match(r"^[+-]?\d{1,3}([.]\d{3})+(,\d+)?$", text) or _NUMBER.match(text)):
        return BadValue(f"expected a number with a decimal comma (the data says decimal: ','), found"
                        f" {shown(value)}; write numbers without thousands separators, e.g. 1234,5")
    if re.match(r"^[+-]?\d{1,3}([,.]\d{3})+([.,]\d+)?$", text) or re.match(r"^[+-]?\d+,\d+$", text):
        also = "; or, if the file writes decimal commas, add decimal: ',' to the chart's data" \
            if decimal == "." and "," in text else ""
        return BadValue(f"expected a number, found {shown(value)}; write numbers without thousands"
                        f" separators and with a '.' decimal point, e.g. 1234.5{also}")
    return BadValue(f"expected a number, found text ({shown(value)})")


def parse_date(value):
    """A ``datetime.date``, ``None`` for a missing value, or a :class:`BadValue`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if is_missing(value):
        return None
    text = str(value).strip()
    match = _DATE.match(text)
    if match:
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
        try:
            return WrittenDate.read(year, month, day, text)
        except ValueError as exc:
            return BadValue(f"expected a date like 2024-07-28, found {shown(value)} ({exc})")
    return BadValue(f"expected a date like 2024-07-28 (YYYY-MM-DD) or a month like 2024-07,"
                    f" found {shown(value)}")


def looks_like_date(value) -> bool:
    """Whether a value was probably meant as a date (used to guess an x column's type)."""
    if isinstance(value, dt.date):
        return True
    return isinstance(value, str) and bool(_LOOKS_LIKE_DATE.match(value.strip()))


def looks_like_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and bool(_NUMBER.match(value.strip().replace("\u2212", "-")))
