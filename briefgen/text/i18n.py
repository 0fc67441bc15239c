"""Language: the labels, dates and numbers a brief prints, in its own language.

In:  a language code (``en`` or ``es``) and a label key, date or number.
Out: the text to print: "Page 3 of 8" / "Página 3 de 8", "30 April 2025" /
     "30 de abril de 2025", "12,335,884" / "12.335.884".
"""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("en", "es")

_LABELS = {
    "en": {
        "contents": "Contents",
        "sources": "Sources",
        "notes": "Notes",
        "page_of": "Page {page} of {total}",
        "figure": "Figure",
        "table": "Table",
        "section": "Section",
        "about": "About {org}",
        "contact": "Contact",
        "summary": "Summary",
        "by": "By",
        "accessed": "accessed",
        "source": "Source",
        "continued": "continued",
        "note": "Note {number}",
        "note_back": "Back to where note {number} is cited",
        "source_entry": "Source {number}",
    },
    "es": {
        "contents": "Índice",
        "sources": "Fuentes",
        "notes": "Notas",
        "page_of": "Página {page} de {total}",
        "figure": "Gráfico",
        "table": "Cuadro",
        "section": "Sección",
        "about": "Acerca de {org}",
        "contact": "Contacto",
        "summary": "Resumen",
        "by": "Por",
        "accessed": "consultado el",
        "source": "Fuente",
        "continued": "continuación",
        "note": "Nota {number}",
        "note_back": "Volver a la llamada de la nota {number}",
        "source_entry": "Fuente {number}",
    },
}

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}

_SEPARATORS = {"en": (",", "."), "es": (".", ",")}  # (thousands, decimal)


def label(lang: str, key: str, **values) -> str:
    """A fixed label in ``lang``, with ``{placeholders}`` filled in."""
    return _LABELS[lang][key].format(**values)


def format_date(day: dt.date, lang: str) -> str:
    """A long date: '30 April 2025' or '30 de abril de 2025'."""
    month = _MONTHS[lang][day.month - 1]
    if lang == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{day.day} {month} {day.year}"


def format_month(day: dt.date, lang: str) -> str:
    """A short date for chart axes and tables: 'Apr 2025' or 'abr 2025'."""
    return f"{_MONTHS[lang][day.month - 1][:3]} {day.year}"


def format_number(value: float, lang: str, decimals: int = 0, *, group_min_digits: int = 5,
                  percent: bool = False) -> str:
    """Format a number with the language's separators.

    Thousands are grouped when the integer part has ``group_min_digits`` digits
    or more (style guides leave 4-digit numbers such as 2229 ungrouped in
    Spanish; English groups from 4 digits, so callers pass 4 there).
    """
    thousands, decimal = _SEPARATORS[lang]
    text = f"{abs(value):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    if len(whole) >= group_min_digits:
        groups = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        whole = thousands.join(groups)
    result = whole + (decimal + fraction if fraction else "")
    if value < 0 and float(text) != 0:
        result = "−" + result
    return result + ("%" if percent else "")


def group_digits(lang: str) -> int:
    """Smallest integer-part length that gets a thousands separator in ``lang``."""
    return 4 if lang == "en" else 5
