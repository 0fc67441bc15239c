"""Typography: for plain-text fields (titles, captions, chart labels), and each language's for paragraphs.

In:  text as typed: straight quotes, '--', '...'; or paragraph markup and its language.
Out: the same text with typographic quotes and apostrophes (’ ‘ “ ”), en and em
     dashes and an ellipsis, as Markdown prose gets from markdown-it's
     typographer, so titles and captions match the body text; and, for
     paragraph markup (:func:`typeset`), each language's typography: no-break
     spaces that keep "Table 1", "p. 12", "5 µg/m³" and "28 July" on one line,
     French spacing before ; : ! ? and inside « », Spanish and French "77 %".

ReportLab breaks a line at U+202F NARROW NO-BREAK SPACE (it is in its list of
spaces), never at U+00A0: so paragraph markup uses U+00A0 wherever French wants
a narrow no-break space (see :func:`briefgen.text.markup.escape`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .i18n import MONTH_NAMES
from .spans import CLOSE_CALLBACK, OPEN_CALLBACK, parse_label

NBSP = "\u00a0"

_RULES = (
    (re.compile(r"---"), "—"),
    (re.compile(r"--"), "–"),
    (re.compile(r"\.\.\."), "…"),
    (re.compile(r"(^|[\s(\[{—–-])\""), r"\1“"),  # an opening double quote follows a space or bracket
    (re.compile(r"\""), "”"),
    (re.compile(r"(^|[\s(\[{—–-])'"), r"\1‘"),
    (re.compile(r"'"), "’"),  # closing quotes and apostrophes
)


def smarten(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}(?:er)?) (de )?({'|'.join(MONTH_NAMES)})\b")


def tie_dates(markup: str) -> str:
    """Keep '28 July', '28 de julio' and '1er mai' on one line (non-breaking spaces, as paragraph markup)."""
    return _DAY_MONTH.sub(lambda m: m.group(1) + "&nbsp;" + ("de&nbsp;" if m.group(2) else "") + m.group(3),
                          markup)


def tie_last_word(markup: str) -> str:
    """Join a title's last two words with a non-breaking space, so no word is left alone on a line."""
    head, space, last = markup.rpartition(" ")
    if not space or len(last) > 14 or " " not in head.strip():
        return markup
    return f"{head}&nbsp;{last}"


def ellipsize(text: str, width: float, measure) -> str:
    """``text`` cut at a word (or, failing that, a letter) and ended with '…' to fit ``width`` points.

    ``measure(text)`` gives a text's width; ``text`` is returned as it is if it fits.
    """
    if measure(text) <= width:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis: a binary search
    while low < high:
        middle = (low + high + 1) // 2
        if measure(text[:middle].rstrip() + "…") <= width:
            low = middle
        else:
            high = middle - 1
    head = text[:low]
    cut = head.rfind(" ")
    if cut > low * 0.6:  # end at a word when that loses little
        head = head[:cut]
    head = head.rstrip(" ,;:·–—-")
    return head + "…" if head else ""


# -- typeset: a language's typography on paragraph markup ----------------------------------------------------

#: Tags, entities and web addresses: never changed (a ';' in '&amp;', a ':' in 'https:').
_PROTECTED = re.compile(r"<[^>]*>|&#?\w+;|(?:https?://|mailto:|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]»’”&]")
#: Text none of the rules can change (most of a paragraph's markup is left as it is, quickly).
_INERT = {"en": re.compile(r"[^0-9]*"), "pt": re.compile(r"[^0-9]*"), "es": re.compile(r"[^0-9“”]*"),
          "fr": re.compile(r"[^0-9“”«»;:!?]*")}
_SPACES = "[ \u00a0\u202f]"
#: Words that number what follows: "Table 1", "p. 12", "n.º 5", "§ 3" (every language's labels and abbreviations).
_LABEL_WORDS = (r"Tables?|Tableaux?|Tablas?|Tabelas?|Cuadros?|Figures?|Figuras?|Gráficos?|Graphiques?|Fig\.|"
                r"Sections?|Secci[óo]n|Secciones|Seç[ãa]o|Seções|Notes?|Notas?|Pages?|Páginas?|p\.|pp\.|"
                r"Chapters?|Chapitres?|Cap[ií]tulos?|Articles?|Art[ií]culos?|Artigos?|art\.|No\.|n\.º|nº|n°|№|§")
_LABEL = re.compile(rf"(?<![\w.])({_LABEL_WORDS}) +(?=\d)", re.IGNORECASE)
#: Unit symbols written after a number: "5 µg/m³", "12 km²", "40 %", "3 h", "10 €".
_UNIT = (r"(?:%|‰|‱|°[CF]?|km/h|kWh|MWh|GWh|ppm|ppb|min|ha|dB|Hz|Pa|bar|mol|USD|EUR|€|\$|£|"
         r"[µμnmcdkMGT]?(?:g|m|l|L|t|W|Wh|J|V|s)(?:[²³]|/[A-Za-zµμ]+[²³]?)?)")
_NUMBER = r"(?<![\w.,])[−-]?\d(?:[\d.,\u00a0\u202f]*\d)?"
_NUMBER_UNIT = re.compile(rf"({_NUMBER}) +(?={_UNIT}(?![\w’'/]))")
#: A number written with thousands groups is a count: it keeps the word it counts ("2,000 people").
_SCALE = r"(?:million|billion|trillion|mill[óo]n|millones|mil|milh[ãõ][oe]s?|bilh[ãõ][oe]s?|milliers?|millions|milliards?)\b"
_COUNT = re.compile(rf"(?<![\w.,])(\d{{1,3}}(?:[,.\u00a0\u202f]\d{{3}})+(?:[.,]\d+)?|{_NUMBER}(?= +{_SCALE})) +"
                    rf"(?=[a-zà-öø-ÿ])")
#: French digit groups typed with plain spaces: "7 156 462".
_SPACED_GROUPS = re.compile(r"(?<![\w.,\u00a0])\d{1,3}(?: \d{3})+(?![\d,.]\d)")
#: ; : ! ? ending a word, with or without a space before: French puts a narrow no-break space there.
_FRENCH_PUNCT = rf"(?<=[\w»”’)\]%…*HOLE])(?:{_SPACES}*)([;:!?]+)(?=$|[\s»”’)\].,HOLE])"
_QUOTE_SPACING = ((re.compile(rf"«{_SPACES}*"), "«" + NBSP),
                  (re.compile(rf"(?<!{_SPACES}){_SPACES}*»"), NBSP + "»"))  # a run of spaces is read once
_PERCENT = re.compile(r"(\d)%")


@lru_cache(maxsize=8192)  # `watch` rebuilds and batch workers set the same paragraphs again
def typeset(markup: str, lang: str) -> str:
    """Paragraph markup with ``lang``'s typography; tags, entities and web addresses stay as they are.

    Every language: no-break spaces (U+00A0) in "Table 1", "Figure 2", "p. 12" (and their translations),
    between a number and a unit symbol or '%' ("5 µg/m³", "40 %"), and between a number written
    with thousands groups (or followed by "million") and the next word ("2,000 people").
    ``es`` and ``fr``: “quotes” become « guillemets », and "77%" becomes "77 %".
    ``fr``: a no-break space inside « » and before ; : ! ? that end a word (not in 10:30 or a link).

    A span opened by :func:`briefgen.text.spans.open_span` with a language is set in that language's
    rules until it closes. Typesetting twice changes nothing.
    """
    if _INERT.get(lang, _INERT["fr"]).fullmatch(markup) and OPEN_CALLBACK not in markup:
        return markup
    # Each protected token stands as one private-use character while the rules run, so that
    # "<i>mot</i>?" still reads as a '?' after a word; a character the markup lacks, so none is confused.
    hole = next((chr(c) for c in range(0xE000, 0xF8FF) if chr(c) not in markup), None)
    if hole is None:
        return markup
    langs, runs = [lang], [(lang, [], [])]  # (language, its text with holes, in pieces; its tokens)
    at = 0
    for match in _PROTECTED.finditer(markup):
        token = match.group(0)
        runs[-1][1].append(markup[at:match.start()])
        at = match.end()
        name = re.match(r'<onDraw name="([^"]*)"', token)
        if name and name.group(1) == OPEN_CALLBACK:
            label = re.search(r'label="([^"]*)"', token)
            langs.append(parse_label(label.group(1) if label else "").get("lang") or langs[-1])
            runs.append((langs[-1], [], []))
        elif name and name.group(1) == CLOSE_CALLBACK and len(langs) > 1:
            langs.pop()
            runs.append((langs[-1], [], []))
        runs[-1][1].append(hole)
        runs[-1][2].append(token)
    runs[-1][1].append(markup[at:])
    out = []
    for run_lang, pieces, tokens in runs:
        pieces = _typeset_text("".join(pieces), run_lang, hole).split(hole)
        out.append(pieces[0] + "".join(token + piece for token, piece in zip(tokens, pieces[1:])))
    return "".join(out)


def _typeset_text(text: str, lang: str, hole: str) -> str:
    """:func:`typeset` on text in one language whose tags, entities and links are each one ``hole``."""
    lang = lang.split("-")[0].lower()
    if lang in ("es", "fr"):
        text = text.replace("“", "«").replace("”", "»")
        text = _PERCENT.sub(r"\1" + NBSP + "%", text)
    if lang == "fr":
        for pattern, replacement in _QUOTE_SPACING:
            text = pattern.sub(replacement, text)
        text = re.sub(_FRENCH_PUNCT.replace("HOLE", hole), NBSP + r"\1", text)
        text = _SPACED_GROUPS.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    text = _LABEL.sub(r"\1" + NBSP, text)
    text = _NUMBER_UNIT.sub(r"\1" + NBSP, text)
    return _COUNT.sub(r"\1" + NBSP, text)
