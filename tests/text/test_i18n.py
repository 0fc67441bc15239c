"""Language: labels, dates and numbers follow the brief's language."""

import datetime as dt

from briefgen.text.i18n import format_date, format_number, label


def test_labels():
    assert label("en", "page_of", page=3, total=8) == "Page 3 of 8"
    assert label("es", "page_of", page=3, total=8) == "Página 3 de 8"
    assert (label("en", "figure"), label("es", "figure")) == ("Figure", "Gráfico")
    assert (label("en", "table"), label("es", "table")) == ("Table", "Cuadro")
    assert (label("en", "contents"), label("es", "contents")) == ("Contents", "Índice")
    assert (label("en", "sources"), label("es", "sources")) == ("Sources", "Fuentes")


def test_dates():
    day = dt.date(2024, 7, 28)
    assert format_date(day, "en") == "28 July 2024"
    assert format_date(day, "es") == "28 de julio de 2024"


def test_numbers():
    assert format_number(12335884, "en") == "12,335,884"
    assert format_number(12335884, "es") == "12.335.884"
    assert format_number(1234.5, "en", 1, group_min_digits=4) == "1,234.5"
    assert format_number(1234.5, "es", 1) == "1234,5"
    assert format_number(67.08, "es", 1, percent=True) == "67,1\u00a0%"
    assert format_number(-3.25, "en", 1) == "−3.2"
