"""Each language's typography in paragraph markup: no-break ties, French spacing, « », '77 %',
and phrases marked with their own language (``[phrase]{lang=fr}``)."""

from __future__ import annotations

import re

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.text import markdown
from briefgen.text.hyphenate import SOFT_HYPHEN, soft_hyphens, soften
from briefgen.text.i18n import format_number, group_digits
from briefgen.text.markup import escape
from briefgen.text.spans import close_span, open_span
from briefgen.text.typography import typeset
from tests.helpers import BRIEFS, blocks_brief, build_bytes

NB = "\u00a0"  # what paragraph markup uses for every no-break space: ReportLab breaks lines at U+202F


class Resolver(markdown.Resolver):
    def __init__(self, lang="en", styles=None):
        self.lang, self.styles = lang, styles

    def footnote(self, label):
        return 1, f"fn-{label}"

    def anchor(self, ident):
        return "Tableau 1" if self.lang == "fr" else "Table 1"

    def target(self, ident):
        return "table-1"


def _markup(text, lang="en", styles=None):
    return markdown.markup(markdown.parse(text)[0].inlines, Resolver(lang, styles))


@pytest.fixture(scope="module")
def styles():
    from briefgen.layout.styles import build_styles
    from briefgen.theme import default_theme

    return {lang: build_styles(default_theme(), lang, 0, None) for lang in ("en", "fr")}


def _lines(markup, style, width):
    """The text of each line of a paragraph of ``markup`` wrapped to ``width`` points."""
    from briefgen.layout.paragraph import Para

    para = Para(markup, style)
    para.wrap(width, 100_000)
    broken = para.blPara
    if broken.kind == 0:
        return [" ".join(line[1]) for line in broken.lines]
    return ["".join(getattr(word, "text", "") for word in line.words) for line in broken.lines]


def test_french_spacing_before_punctuation_and_inside_guillemets():
    text = "Pourquoi? Parce que : voilà! Il est 10:30; voir https://x.org/a?b=c: “oui” et «non» &amp; co."
    assert typeset(text, "fr") == (f"Pourquoi{NB}? Parce que{NB}: voilà{NB}! Il est 10:30{NB}; voir"
                                   f" https://x.org/a?b=c{NB}: «{NB}oui{NB}» et «{NB}non{NB}» &amp; co.")


def test_french_spacing_sees_through_tags_but_not_into_them():
    text = '<a href="https://x.org/?a=b;c">lien</a>: <i>mot</i>?'
    assert typeset(text, "fr") == f'<a href="https://x.org/?a=b;c">lien</a>{NB}: <i>mot</i>{NB}?'


def test_spanish_guillemets_and_percent():
    assert typeset("El 77% dijo “sí”.", "es") == f"El 77{NB}% dijo «sí»."
    assert typeset("The 77% said “yes”.", "en") == "The 77% said “yes”."  # English keeps both
    assert typeset("Os 77% disseram “sim”.", "pt") == "Os 77% disseram “sim”."


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "See Table 1, Figure 2 and pp. 12–14 (p. 3).", f"See Table{NB}1, Figure{NB}2 and pp.{NB}12–14 (p.{NB}3)."),
    ("es", "Véase el Cuadro 1, la Tabla 2 y el Gráfico 3.", f"Véase el Cuadro{NB}1, la Tabla{NB}2 y el Gráfico{NB}3."),
    ("fr", "Voir le Tableau 1 et la Figure 2.", f"Voir le Tableau{NB}1 et la Figure{NB}2."),
    ("pt", "Ver a Tabela 1 e a Figura 2.", f"Ver a Tabela{NB}1 e a Figura{NB}2."),
    ("en", "PM2.5 reached 5 µg/m³, 40 % above 12 km², in 3 min.",
     f"PM2.5 reached 5{NB}µg/m³, 40{NB}% above 12{NB}km², in 3{NB}min."),
    ("en", "About 2,000 people and 3.5 million voters.", f"About 2,000{NB}people and 3.5{NB}million voters."),
    ("es", "Unas 2.000 personas.", f"Unas 2.000{NB}personas."),
    ("fr", "Soit 7 156 462 voix.", f"Soit 7{NB}156{NB}462{NB}voix."),
])
def test_no_break_ties(lang, text, expected):
    assert typeset(text, lang) == expected


@pytest.mark.parametrize("text", [
    "In 2019 the court held 12 detainees at 10:30 in Table Mountain.",  # a year, a small count, a time
    "They 5 l’ont vu; step. 12",
    '<a href="https://x.org/p.12?Table 1">x</a> &amp; 5&nbsp;m',
])
def test_what_is_left_alone(text):
    assert typeset(text, "en") == text


def test_typesetting_twice_changes_nothing():
    for lang, text in [("fr", "Pourquoi ? « Oui » : 77% de 2,000 personnes (Tableau 1)!"),
                       ("es", "“Sí”, el 77% (Cuadro 1)."), ("en", "Table 1: 5 µg/m³.")]:
        once = typeset(text, lang)
        assert typeset(once, lang) == once


def test_a_narrow_no_break_space_never_reaches_a_paragraph_as_such():
    # ReportLab counts U+202F as a space to break at, so "7 156 462" would split across lines.
    assert escape(format_number(7156462, "fr", group_min_digits=group_digits("fr"))) == f"7{NB}156{NB}462"


def test_tied_words_never_part_at_a_line_end(styles):
    markup = _markup("Le Tableau 1 montre 5 µg/m³, soit 77% (p. 12) de 7 156 462 voix: pourquoi?", "fr")
    cell = escape(format_number(7156462, "fr", group_min_digits=group_digits("fr")))
    tied = [f"Tableau{NB}1", f"5{NB}µg/m³", f"77{NB}%", f"p.{NB}12)", f"7{NB}156{NB}462{NB}voix",
            f"voix{NB}:", f"pourquoi{NB}?"]
    for style in ("body", "cell"):
        for width in range(100, 260, 7):  # from the width of the longest tie, "7 156 462 voix :"
            lines = _lines(markup, styles["fr"][style], width)
            for pair in tied:
                assert any(pair in line for line in lines), (style, width, pair, lines)
            assert len(_lines(cell, styles["fr"][style], width)) == 1


def test_a_phrase_in_another_language_is_marked():
    assert _markup("Le rapport [*Punished for Seeking Change*]{lang=en} le dit", "fr") == (
        f"Le rapport {open_span(lang='en')}<nobr><i>Punished for Seeking Change </i></nobr>{close_span()}le dit")


def test_a_phrase_keeps_its_own_typography():
    markup = _markup('Il demande [Why? "Because"]{lang=en}! Pourquoi?', "fr")
    assert f"{open_span(lang='en')}<nobr>Why? “Because”</nobr>{close_span()}{NB}! Pourquoi{NB}?" in markup


def test_span_mistakes_are_reported_where_they_are(tmp_path):
    path = blocks_brief(tmp_path, """\
        - prose: |
            Un [mot]{lang=french} ici,
            puis [deux]{.note} et [trois] {lang=fr}.
    """)
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)
    messages = [str(d).replace(str(tmp_path) + "/", "") for d in caught.value.diagnostics]
    assert messages == [
        "brief.yaml:9:11: sections[0].blocks[0].prose.text: span '[mot]{lang=french}': expected a language tag such as"
        " 'es', 'fr' or 'pt-BR' (two or three letters, then optional '-' parts), found 'french' (did you mean"
        " 'fr'?)",
        "brief.yaml:10:11: sections[0].blocks[0].prose.text: span '[deux]' has '.note': a span takes only a language,"
        " as in [phrase]{lang=fr}",
        "brief.yaml:10:11: sections[0].blocks[0].prose.text: '[trois] {lang=fr}' was not read as a language span;"
        " write it as [phrase]{lang=fr}: no space between ']' and '{', and a language tag after 'lang='",
    ]


def _hyphenated_heads(markup, style, word):
    """The parts of ``word`` that end a line (with the hyphen added there), over many widths."""
    heads = set()
    for width in range(60, 200, 2):
        for line in _lines(markup, style, width):
            last = line.replace(SOFT_HYPHEN, "").rstrip().rsplit(" ", 1)[-1]
            if last.endswith("-") and word.startswith(last[:-1]) and last[:-1] != word:
                heads.add(last)
    return heads


def test_a_phrase_breaks_where_its_own_language_allows(styles):
    body = styles["en"]["body"]
    spanish = _hyphenated_heads(_markup("They said the [desaparecimientos]{lang=es} went on", "en", styles["en"]),
                                body, "desaparecimientos")
    allowed = {"".join(soft_hyphens("desaparecimientos", "es").split(SOFT_HYPHEN)[:n]) + "-" for n in range(1, 6)}
    assert spanish and spanish <= allowed, (spanish, allowed)
    english = _hyphenated_heads(_markup("They said the desaparecimientos went on", "en", styles["en"]),
                                body, "desaparecimientos")
    assert "desaparec-" in english and "desaparec-" not in spanish  # the paragraph's own patterns differ
    # No patterns for the language: the phrase's words are never hyphenated.
    assert not _hyphenated_heads(_markup("They said the [desaparecimientos]{lang=ar} went on", "en",
                                         styles["en"]), body, "desaparecimientos")


def test_a_phrase_hyphen_becomes_soft_once_lines_are_final(styles):
    from briefgen.layout.paragraph import Para

    markup = _markup("Judges said the [Gesetzgebungsverfahren]{lang=de} took years", "en", styles["en"])
    broken = 0
    for width in range(80, 200, 3):
        para = Para(markup, styles["en"]["body"])
        para.wrap(width, 10_000)
        soften(para.blPara, para.source_text)
        lines = ["".join(word.text for word in line.words) for line in para.blPara.lines]
        assert not any(line.rstrip().endswith("-") or "  " in line.strip() for line in lines), (width, lines)
        broken += any(line.endswith(SOFT_HYPHEN) for line in lines)  # where ReportLab added '-'
        joined = "".join(line[:-1] if line.endswith(SOFT_HYPHEN) else line.rstrip() + " " for line in lines)
        assert joined.strip() == "Judges said the Gesetzgebungsverfahren took years", (width, lines)
    assert broken > 10


def test_a_french_brief_reads_as_french_typography_expects(tmp_path):
    import pypdfium2 as pdfium

    data = build_bytes(BRIEFS / "french.yaml", tmp_path)
    document = pdfium.PdfDocument(data)
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    text = " ".join(re.split(r"[\s\u00a0\u202f]+", text.replace(SOFT_HYPHEN, "")))
    # Written 'croire? Oui: 67% des voix, soit "une victoire nette"; ... (p. 12)!'
    assert ("Faut-il y croire ? Oui : 67 % des voix, soit « une victoire nette » ; le rapport Punished for Seeking"
            " Change le confirme (p. 12) !") in text
    # The English title is marked as English in the tagged PDF.
    import pikepdf

    with pikepdf.open(tmp_path / "out" / "french.pdf") as pdf:
        streams = b"".join(page.Contents.read_bytes() if not isinstance(page.Contents, pikepdf.Array)
                           else b"".join(part.read_bytes() for part in page.Contents) for page in pdf.pages)
    assert re.search(rb"/Span\s*<<\s*/Lang\s*(<FEFF0065006E>|\(en\))\s*>>\s*BDC", streams)


def test_typesetting_reads_long_runs_once():
    import time

    # A run of spaces before '»' or '?' was read again from each of its spaces (6 s for this one).
    text = "a" + " " * 100_000 + "x ?"
    start = time.perf_counter()
    assert typeset(text, "fr").endswith(f"x{NB}?")
    assert time.perf_counter() - start < 1.0
