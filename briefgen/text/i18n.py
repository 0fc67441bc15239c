"""Language: the labels, dates and numbers a brief prints, in its own language.

In:  a language code (``en``, ``es``, ``fr`` or ``pt``) and a label key, date or number.
Out: the text to print: "Page 3 of 8" / "Página 3 de 8", "30 April 2025" /
     "30 de abril de 2025", "12,335,884" / "12.335.884".
"""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("en", "es", "fr", "pt")

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
    "fr": {
        "contents": "Sommaire",
        "sources": "Sources",
        "notes": "Notes",
        "page_of": "Page {page} sur {total}",
        "figure": "Figure",
        "table": "Tableau",
        "section": "Section",
        "about": "À propos de {org}",
        "contact": "Contact",
        "summary": "Résumé",
        "by": "Par",
        "accessed": "consulté le",
        "source": "Source",
        "continued": "suite",
        "note": "Note {number}",
        "note_back": "Retour à l’appel de la note {number}",
        "source_entry": "Source {number}",
    },
    "pt": {
        "contents": "Índice",
        "sources": "Fontes",
        "notes": "Notas",
        "page_of": "Página {page} de {total}",
        "figure": "Figura",
        "table": "Tabela",
        "section": "Seção",
        "about": "Sobre {org}",
        "contact": "Contato",
        "summary": "Resumo",
        "by": "Por",
        "accessed": "consultado em",
        "source": "Fonte",
        "continued": "continuação",
        "note": "Nota {number}",
        "note_back": "Voltar à chamada da nota {number}",
        "source_entry": "Fonte {number}",
    },
}

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"],
}
#: Every language's month names (for ties such as "28 July", "1er mai").
MONTH_NAMES = tuple(dict.fromkeys(name for names in _MONTHS.values() for name in names))
#: Short month names where the first three letters are not the custom (French: "juin", "juil.").
_SHORT_MONTHS = {
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
}

#: (thousands, decimal). French groups digits with a narrow no-break space.
_SEPARATORS = {"en": (",", "."), "es": (".", ","), "fr": ("\u202f", ","), "pt": (".", ",")}
#: What comes between a number and its "%": a narrow no-break space in French, a no-break space in Spanish.
_PERCENT_SPACE = {"fr": "\u202f", "es": "\u00a0"}
#: First-level quotation marks, opening and closing, as paragraph markup: French spaces them with a
#: no-break space (U+00A0; ReportLab would break a line at a narrow one, U+202F).
QUOTES = {"en": ("“", "”"), "es": ("«", "»"), "fr": ("«\u00a0", "\u00a0»"), "pt": ("“", "”")}
#: The word before the last of several names: "A, B and C".
AND = {"en": "and", "es": "y", "fr": "et", "pt": "e"}


def label(lang: str, key: str, **values) -> str:
    """A fixed label in ``lang``, with ``{placeholders}`` filled in."""
    return _LABELS[lang][key].format(**values)


def format_date(day: dt.date, lang: str) -> str:
    """A long date: '30 April 2025' or '30 de abril de 2025'."""
    month = _MONTHS[lang][day.month - 1]
    if lang in ("es", "pt"):
        return f"{day.day} de {month} de {day.year}"
    if lang == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_month(day: dt.date, lang: str) -> str:
    """A short date for chart axes and tables: 'Apr 2025' or 'abr 2025'."""
    short = _SHORT_MONTHS.get(lang)
    return f"{short[day.month - 1] if short else _MONTHS[lang][day.month - 1][:3]} {day.year}"


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
    return result + (_PERCENT_SPACE.get(lang, "") + "%" if percent else "")


def group_digits(lang: str) -> int:
    """Smallest integer-part length that gets a thousands separator in ``lang``."""
    return 4 if lang in ("en", "pt") else 5
