"""French and Portuguese: labels, dates, numbers and quotation marks in the brief's language."""

from __future__ import annotations

import datetime as dt

import pytest

import briefgen
from briefgen.text.i18n import QUOTES, format_date, format_month, format_number, group_digits, label
from tests.helpers import BRIEFS

NNBSP = "\u202f"  # narrow no-break space


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "1er mai 2025"), ("pt", "1 de maio de 2025"), ("es", "1 de mayo de 2025"), ("en", "1 May 2025")])
def test_dates(lang, expected):
    assert format_date(dt.date(2025, 5, 1), lang) == expected


def test_french_and_portuguese_numbers():
    assert format_number(7156462, "fr", group_min_digits=group_digits("fr")) == f"7{NNBSP}156{NNBSP}462"
    assert format_number(67.14, "fr", 1, percent=True) == f"67,1{NNBSP}%"
    assert format_number(1234, "fr", group_min_digits=group_digits("fr")) == "1234"
    assert format_number(7156462, "pt", group_min_digits=group_digits("pt")) == "7.156.462"
    assert format_number(2229, "pt", group_min_digits=group_digits("pt")) == "2.229"
    assert format_number(-3.5, "pt", 1) == "−3,5"


def test_short_months_and_labels():
    assert format_month(dt.date(2025, 7, 1), "fr") == "juil. 2025"
    assert format_month(dt.date(2025, 6, 1), "fr") == "juin 2025"
    assert format_month(dt.date(2025, 9, 1), "pt") == "set 2025"
    assert label("fr", "page_of", page=2, total=8) == "Page 2 sur 8"
    assert label("pt", "table") == "Tabela" and label("fr", "table") == "Tableau"
    # In paragraph markup: ReportLab breaks a line at U+202F, so the marks hold on with U+00A0.
    assert QUOTES["fr"] == ("«\u00a0", "\u00a0»") and QUOTES["es"] == ("«", "»")


@pytest.mark.parametrize(("name", "expected"), [
    ("french", ["1er mai 2025", "Sommaire", "RÉSUMÉ", "Tableau 1 Voix par candidat", f"7{NNBSP}156{NNBSP}462",
                f"67,1{NNBSP}%", f"«{NNBSP}Les chiffres doivent pouvoir être vérifiés.{NNBSP}»", "Par Claire Dubois et"
                " Marc Petit"]),
    ("portuguese", ["30 de abril de 2025", "RESUMO", "Tabela 1 Votos por candidato", "7.156.462", "67,1%",
                    "“Os números precisam ser verificáveis.”", "Por Ana Souza"]),
])
def test_a_brief_reads_in_its_language(tmp_path, name, expected):
    import pypdfium2 as pdfium

    path = briefgen.build(BRIEFS / f"{name}.yaml", tmp_path)
    document = pdfium.PdfDocument(str(path))
    text = " ".join(" ".join(document[i].get_textpage().get_text_range().replace("\r", "").split(" "))
                    .replace("\n", " ") for i in range(len(document)))
    text = " ".join(text.replace(NNBSP, " ").replace("\xa0", " ").split(" "))  # readers give spaces
    for piece in expected:
        piece = piece.replace(NNBSP, " ")
        assert piece in text, (piece, text[:400])
