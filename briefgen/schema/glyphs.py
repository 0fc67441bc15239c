"""Every character a brief prints, checked against the theme's fonts before anything is drawn.

In:  the brief's YAML (the source, with positions), its theme's font families, the check context.
Out: an error at ``file:line:col`` for each character that no font of the theme can draw. ReportLab
     would draw it as an empty box, lose it from the text a reader copies or hears, and break the
     PDF/UA and PDF/A claims (their validators refuse .notdef glyphs). Charts' texts, their
     captions included, are checked against the chart font by :mod:`briefgen.charts.texts`;
     here, all the other text the pages set.

Prose, notes and sources are set in the theme's body family; titles, headings, captions, source
lines and table cells in its headings family. A character passes when every face (regular, bold,
italic, bold italic) of its family has it, since Markdown may set any run in bold or italic.
Text that is never printed (alt text, ids, file names, options) is not checked.
"""

from __future__ import annotations

import unicodedata

#: Keys whose text values are never printed as text on the page.
NOT_PRINTED = frozenset({
    "alt", "file", "logo", "id", "theme", "style", "date", "accessed", "language", "lang", "page_size",
    "standard", "type", "kind", "align", "format", "data", "cite", "x", "y", "split_by", "color", "colour",
    "series", "sort", "filter", "stack", "orientation", "shape", "marker", "axis", "keywords",
})
#: Characters that are layout, not glyphs.
LAYOUT = frozenset("\n\r\t")
#: At most this many characters are reported (each once, at its first place).
MOST_REPORTED = 20


#: Keys whose text is set in the body font (the rest, in the headings font: titles, captions, cells...).
BODY_KEYS = frozenset({"prose", "text", "items", "lead", "summary", "about"})
#: Top-level keys whose every text is set in the body font.
BODY_PARTS = frozenset({"sources", "footnotes"})


def font_coverage(family) -> frozenset:
    """The characters every face (regular, bold, italic, bold italic) of a theme font family has."""
    from ..layout.fonts import FontChain

    return FontChain(family).covered


def check_printed_text(source, theme, ctx) -> None:
    """Report, at its position, each text of the brief with characters no font of its chain can draw."""
    from ..layout.fonts import FontChain

    chains = {"body": FontChain(theme.fonts.body), "headings": FontChain(theme.fonts.headings)}
    reported = 0
    for path, text in _printed(source.data, ()):
        role = "body" if path[0] in BODY_PARTS or BODY_KEYS & set(path) else "headings"
        rtl = next((c for c in text if unicodedata.bidirectional(c) in ("R", "AL")), None)
        missing = [] if rtl else chains[role].missing(text)
        if not (rtl or missing):
            continue
        reported += 1
        if reported > MOST_REPORTED:
            return
        if rtl:
            ctx.error(path, f"{describe(rtl)} is right-to-left text, which briefgen cannot set yet: it would print"
                            " with its letters unjoined and in the wrong order; write the name in Latin letters for"
                            " now (e.g. 'Halab' for 'حلب'), or show it in a figure",
                      at=_position(source, path, text, text.index(rtl)))
            continue
        first, others = missing[0], missing[1:]
        more = (f" and {len(others)} more in this text ({' '.join(others[:8])}{' …' if len(others) > 8 else ''})"
                if others else "")
        fonts = ", ".join(chains[role].names())
        ctx.error(path, f"{describe(first)}{more} {'are' if others else 'is'} in no font of the theme's {role}"
                        f" fonts ({fonts}), so {'they' if others else 'it'} would print as"
                        f" {'empty boxes' if others else 'an empty box'} and be lost from the text a reader"
                        f" copies or hears; write {'them' if others else 'it'} another way, or add a font that"
                        f" has {'them' if others else 'it'} to style: fonts: {role}: fallback: (for example"
                        f" {_suggestion(first)})",
                  at=_position(source, path, text, text.index(first)))


def _suggestion(char: str) -> str:
    """A Noto font that has ``char``, by its script: what the message suggests adding."""
    name = unicodedata.name(char, "")
    for word, font in (("CJK", "Noto Sans CJK"), ("HIRAGANA", "Noto Sans CJK"), ("KATAKANA", "Noto Sans CJK"),
                       ("HANGUL", "Noto Sans CJK"), ("ARABIC", "Noto Naskh Arabic"),
                       ("HEBREW", "Noto Sans Hebrew"), ("DEVANAGARI", "Noto Sans Devanagari"),
                       ("THAI", "Noto Sans Thai"), ("ARMENIAN", "Noto Sans Armenian"),
                       ("GEORGIAN", "Noto Sans Georgian"), ("ETHIOPIC", "Noto Sans Ethiopic")):
        if word in name:
            return font
    if unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        return "a monochrome emoji font such as Noto Emoji"
    return "a Noto font for its script"


def _printed(node, path):
    """(YAML path, text) for every text the pages print."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _printed(item, path + (index,))
    elif isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str) or key in NOT_PRINTED:
                continue
            if key == "chart":
                continue  # every text of a chart, its caption's included, is checked against the chart font
            yield from _printed(value, path + (key,))


def describe(char: str) -> str:
    """A character as messages name it: ``'≥' (U+2265 GREATER-THAN OR EQUAL TO)``."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}{' ' + name if name else ''}"
    shown = char if char.isprintable() and not unicodedata.category(char).startswith(("Z", "C", "M")) else ""
    return f"{shown!r} ({code})" if shown else f"character {code}"


def _position(source, path, text: str, index: int):
    """Where character ``index`` of the text at ``path`` stands in the YAML file, as near as it can be told."""
    line_index = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    line, col = source.text_line(path, line_index)
    if tuple(path) in source.block_scalars:
        return line, col + column
    if line_index == 0 and "\n" not in text:
        raw = source.lines[line - 1] if 0 < line <= len(source.lines) else ""
        quoted = col - 1 < len(raw) and raw[col - 1] in "'\""
        if raw[col - 1 + quoted:col - 1 + quoted + index + 1].endswith(text[index]):
            return line, col + quoted + index  # a one-line value whose characters are as typed
    return source.where(path)


__all__ = ["check_printed_text", "describe", "font_coverage"]
