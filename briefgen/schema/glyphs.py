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
#: Explicit direction controls (embeddings, overrides, isolates): briefgen does not apply them.
_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
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


def check_printed_text(source, theme, ctx, measure: float = 0) -> None:
    """Report, at its position, each text of the brief with characters no font of its chain can draw,
    or a right-to-left passage it cannot set right (``measure``: the text column's width, in points)."""
    from ..layout.fonts import FontChain
    from ..text.bidi import has_rtl

    chains = {"body": FontChain(theme.fonts.body), "headings": FontChain(theme.fonts.headings)}
    reported = 0
    for path, text in _printed(source.data, ()):
        role = "body" if path[0] in BODY_PARTS or BODY_KEYS & set(path) else "headings"
        missing = chains[role].missing(text)
        in_cell = "rows" in path  # a table cell's passage is measured against its column (table.check_print)
        problem = None if missing or not (has_rtl(text) or _CONTROLS & set(text)) else _rtl_problem(
            text, chains[role], _size(theme, path, role), 0 if in_cell else measure)
        if not (missing or problem):
            problem = mark_problem(text, chains[role], f"the theme's {role} fonts")
        if not (problem or missing):
            continue
        reported += 1
        if reported > MOST_REPORTED:
            return
        if problem:
            ctx.error(path, problem[1], at=_position(source, path, text, problem[0]))
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
                        f" {suggestion(first)})",
                  at=_position(source, path, text, text.index(first)))


def _size(theme, path, role) -> float:
    """The largest type size the text at ``path`` may be set in."""
    sizes, key = theme.sizes, next((k for k in reversed(path) if isinstance(k, str)), "")
    if path[:1] == ("meta",) and key in ("title", "subtitle"):
        return float(getattr(sizes, key))
    if key in ("title", "heading"):
        return float(sizes.h1)
    return float(max(sizes.body, sizes.quote) if role == "body" else max(sizes.caption, sizes.h2))


def _rtl_problem(text: str, chain, size: float, measure: float, where: str = "a line"):
    """(index, message) for the first right-to-left passage of ``text`` that cannot be set right; None if all can."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ..layout.shaping import ShapingError
    from ..text.bidi import EXPLICIT, passages

    control = next((i for i, c in enumerate(text) if unicodedata.bidirectional(c) in EXPLICIT), None)
    if control is not None:
        return control, (f"{describe(text[control])} is an explicit direction control, which briefgen cannot"
                         " apply yet; remove it (right-to-left names and short quotations need none)")
    for start, end in passages(text):
        passage = text[start:end]
        try:
            pieces = list(chain.pieces(passage))
        except ShapingError as error:
            return start, f"the right-to-left passage {passage!r} cannot be set yet: {error}; write it without them"
        width = sum(stringWidth(run, font, size) for font, run, _ in pieces)
        if measure and width > measure:
            return start, (f"the right-to-left passage {_shown(passage)} is {width:.0f} pt wide at {size:g} pt, more"
                           f" than {where} ({measure:.0f} pt); briefgen cannot set a right-to-left passage over"
                           " several lines yet (it would come out in the wrong order): quote a shorter part, or give"
                           " it in translation")
    return None


def check_rtl_width(source, path, text: str, family, size: float, width: float, ctx) -> None:
    """Report a right-to-left passage of ``text`` (at ``path``) wider than ``width`` points at ``size``."""
    from ..layout.fonts import FontChain
    from ..text.bidi import has_rtl

    if not has_rtl(text):
        return
    problem = _rtl_problem(text, FontChain(family), size, width, where="its column")
    if problem:
        ctx.error(path, problem[1], at=_position(source, path, text, problem[0]))


def mark_problem(text: str, chain, fonts: str):
    """(index, why) for the first combining mark of ``text`` that cannot print on its letter; None if all can.

    A letter and its marks are set in one font of the chain (:class:`briefgen.layout.fonts.FontChain`);
    a mark with no letter, or with none that one font has with it, would print apart, and PDF
    readers that drop text drawn twice at one place (PDFium, poppler) lose a doubled mark."""
    from ..text.clusters import clusters, is_mark

    if text.isascii() or not any(is_mark(c) for c in set(text)):  # each letter once: asked of every text
        return None
    at = 0
    for cluster in clusters(text):
        if is_mark(cluster[0]):
            return at, (f"{describe(cluster[0])} is a combining mark with no letter before it to sit on; write it"
                        " after its letter, or remove it")
        repeated = next((i for i in range(2, len(cluster)) if cluster[i] == cluster[i - 1]), None)
        if repeated:
            return at + repeated, (f"{describe(cluster[repeated])} is the same combining mark twice on"
                                   f" {describe(cluster[0])}, and PDF readers keep only one of the two in the"
                                   " text they copy; remove one")
        if len(cluster) > 1 and chain.cluster_family(cluster) is None:
            own = chain.font_for(cluster[0]) or chain.name
            index = next(i for i in range(1, len(cluster)) if not chain.family_has(own, cluster[i]))
            return at + index, (f"{describe(cluster[index])} is a combining mark that no font of {fonts}"
                                f" ({', '.join(chain.names())}) has together with its letter"
                                f" {describe(cluster[0])}, so it would print apart from it; write the letter"
                                " another way (a single character such as 'é'), or remove the mark")
        at += len(cluster)
    return None


def _shown(passage: str) -> str:
    return repr(passage if len(passage) <= 40 else passage[:39] + "…")


def suggestion(char: str) -> str:
    """A Noto font that has ``char``, by its script: what the message suggests adding."""
    name = unicodedata.name(char, "")
    for word, font in (("CJK", "Noto Sans CJK"), ("FULLWIDTH", "Noto Sans CJK"), ("HIRAGANA", "Noto Sans CJK"), ("KATAKANA", "Noto Sans CJK"),
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


__all__ = ["check_printed_text", "check_rtl_width", "describe", "font_coverage", "mark_problem", "suggestion"]
