"""Paragraph styles: the theme's type scale turned into ReportLab styles.

In:  a :class:`~briefgen.theme.model.Theme`, the brief's language, the text indent
     and the cache folder (for hyphenation patterns).
Out: a :class:`Styles` mapping of named ``ParagraphStyle`` objects, plus the
     registered font names. Every style uses the theme's embedded fonts.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ..text.hyphenate import hyphenator
from .fonts import FontChain, register_family
from .linebreak import Budget

#: pyphen dictionaries for each brief language.
HYPHENATION = {"en": "en_US", "es": "es", "fr": "fr", "pt": "pt_PT"}  # pyphen's en_US patterns break far better than its en_GB


#: Room for a source's number ("12.") left of its entry, in points.
SOURCE_NUMBER_ROOM = 18


class Styles(dict):
    """Named paragraph styles; ``styles.body_fonts`` and ``styles.sans`` hold font names."""


def _draws_soft_hyphen(font_name: str) -> bool:
    """Does the font draw U+00AD as a hyphen (a glyph as wide as '-')?"""
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    face = getattr(getFont(font_name), "face", None)
    if face is None or 0xAD not in getattr(face, "charToGlyph", {}):
        return False
    return stringWidth("\u00ad", font_name, 10) == stringWidth("-", font_name, 10) > 0


def build_styles(theme, lang: str, indent: float, cache_dir=None, total_fit_words: int = 15_000,
                 stored_plans=None) -> Styles:
    """The paragraph styles of ``theme``; each carries ``stored_plans``, and ``stored_paragraphs`` (None: the
    caller sets it once the fonts and hyphenation, which its key names, are known)."""
    body_fonts = register_family(theme.fonts.body)
    sans = register_family(theme.fonts.headings)
    colors, sizes, spacing = theme.colors, theme.sizes, theme.spacing
    text = HexColor(colors.text)
    muted = HexColor(colors.muted)
    brand = HexColor(colors.brand)
    leading = sizes.body * sizes.leading
    soft = all(_draws_soft_hyphen(font) for font in (body_fonts.regular, body_fonts.italic, body_fonts.bold,
                                                      sans.regular))
    hyphen = hyphenator(HYPHENATION[lang], cache_dir, soft=soft) if theme.justify else None

    styles = Styles()
    styles.body_fonts, styles.sans = body_fonts, sans
    styles.line_budget = Budget(total_fit_words)  # refilled by each layout pass (see linebreak.Budget)
    # Each style's family and its fallback fonts: a paragraph sets what its family lacks in them.
    styles.body_chain = FontChain(theme.fonts.body, body_fonts)
    styles.sans_chain = FontChain(theme.fonts.headings, sans)
    body_faces = {body_fonts.regular, body_fonts.italic, body_fonts.bold, body_fonts.bold_italic}

    def add(name, parent=None, **kw):
        base = styles[parent] if parent else None
        # Bullets default to ReportLab's Helvetica, which must never appear: use the text's font.
        kw.setdefault("bulletFontName", kw.get("fontName") or base.bulletFontName)
        style = styles[name] = ParagraphStyle(name, parent=base, **kw)
        style.font_chain = styles.body_chain if style.fontName in body_faces else styles.sans_chain
        style.lang = lang  # its typography (no-break spaces, quotation marks): see Para
        style.line_budget = styles.line_budget
        style.stored_plans = stored_plans  # line-break plans kept across processes, or None
        style.stored_paragraphs = None  # parses and lines kept across processes: see render_pdf

    add("body", fontName=body_fonts.regular, fontSize=sizes.body, leading=leading, textColor=text,
        alignment=TA_JUSTIFY if theme.justify else TA_LEFT, leftIndent=indent,
        spaceAfter=spacing.paragraph, hyphenationLang=hyphen, embeddedHyphenation=1,
        uriWasteReduce=0.3, allowWidows=0, allowOrphans=0, splitLongWords=1)
    add("list", "body", leftIndent=indent + 14, bulletIndent=indent + 2, spaceAfter=3,
        bulletFontName=body_fonts.regular)
    add("list2", "list", leftIndent=indent + 28, bulletIndent=indent + 16)
    add("h1", fontName=sans.bold, fontSize=sizes.h1, leading=sizes.h1 * 1.2, textColor=brand,
        leftIndent=indent, spaceBefore=spacing.heading_before, spaceAfter=spacing.heading_after,
        bulletFontName=sans.bold, bulletFontSize=sizes.h1, bulletIndent=0, bulletColor=HexColor(colors.accent),
        keepWithNext=0, alignment=TA_LEFT, hyphenationLang=None)  # see page.keeps_with_next
    add("h2", "h1", fontSize=sizes.h2, leading=sizes.h2 * 1.25, spaceBefore=spacing.heading_before * 0.7,
        spaceAfter=spacing.heading_after * 0.6, bulletFontSize=sizes.h2, textColor=text)
    add("small_sans", fontName=sans.regular, fontSize=sizes.caption, leading=sizes.caption * 1.35,
        textColor=text, alignment=TA_LEFT)
    add("caption", "small_sans", fontName=sans.bold, fontSize=sizes.caption + 1, leading=(sizes.caption + 1) * 1.3,
        spaceAfter=4, keepWithNext=1)
    add("source_line", "small_sans", textColor=muted, spaceBefore=3)
    add("cell", "small_sans", fontSize=sizes.caption + 0.5, leading=(sizes.caption + 0.5) * 1.3)
    add("cell_right", "cell", alignment=TA_RIGHT)
    add("cell_center", "cell", alignment=TA_CENTER)
    add("cell_head", "cell", fontName=sans.bold)
    add("cell_head_right", "cell_head", alignment=TA_RIGHT)
    add("cell_head_center", "cell_head", alignment=TA_CENTER)
    add("cell_group", "cell_head", textColor=brand)
    add("box_title", fontName=sans.bold, fontSize=sizes.caption + 1.5, leading=(sizes.caption + 1.5) * 1.3,
        textColor=brand, spaceAfter=5, keepWithNext=1)
    # Boxes are narrow: ragged right, so no wide gaps and no need for hyphens.
    add("box_body", "body", leftIndent=0, fontSize=sizes.body - 0.5, leading=(sizes.body - 0.5) * sizes.leading,
        spaceAfter=4, alignment=TA_LEFT, hyphenationLang=None)
    add("box_list", "box_body", leftIndent=11, bulletIndent=1, spaceAfter=4, bulletFontName=body_fonts.bold,
        bulletColor=HexColor(colors.accent))
    add("quote", fontName=body_fonts.italic, fontSize=sizes.quote, leading=sizes.quote * 1.3,
        textColor=brand, alignment=TA_LEFT, hyphenationLang=None)
    add("attribution", "small_sans", textColor=muted, fontSize=sizes.caption + 0.5, spaceBefore=6)
    add("rec_group", "h2", fontSize=sizes.body + 1, spaceBefore=spacing.block, textColor=brand, bulletText=None)
    add("rec", "body", leftIndent=indent + 18, bulletIndent=indent, bulletFontName=sans.bold,
        bulletColor=HexColor(colors.accent), spaceAfter=spacing.paragraph + 1,
        alignment=TA_LEFT, hyphenationLang=None)  # bold lead-ins make justified lines gappy; ragged needs no hyphens
    add("footnote", fontName=body_fonts.regular, fontSize=sizes.footnote, leading=sizes.footnote * 1.3,
        textColor=text, leftIndent=indent + 9, firstLineIndent=-9, spaceAfter=1.5, alignment=TA_LEFT,
        # Notes are ragged right and full of long URLs: ReportLab only splits a URL that is longer
        # than the line when hyphenation and URI splitting are off.
        hyphenationLang=None, uriWasteReduce=0, embeddedHyphenation=0, splitLongWords=1)
    # The sources keep to the text column under their heading; the numbers hang left of it, inside the
    # frame: with too small an indent for them, the entries stand in by the numbers' room.
    entry_indent = max(indent, SOURCE_NUMBER_ROOM)
    add("source_entry", "footnote", leftIndent=entry_indent,
        firstLineIndent=0, bulletIndent=entry_indent - SOURCE_NUMBER_ROOM, bulletFontSize=sizes.footnote,
        spaceAfter=2.5)
    add("running", fontName=sans.regular, fontSize=sizes.running, leading=sizes.running * 1.2, textColor=muted)
    add("toc1", "small_sans", fontName=sans.regular, fontSize=sizes.body, leading=sizes.body * 1.5,
        leftIndent=indent)
    add("toc2", "toc1", leftIndent=indent + 16, fontSize=sizes.body - 1)
    band = HexColor(colors.band_text)
    add("cover_series", fontName=sans.bold, fontSize=sizes.running + 1.5, leading=(sizes.running + 1.5) * 1.3,
        textColor=band, spaceAfter=10)
    add("cover_title", fontName=sans.display, fontSize=sizes.title, leading=sizes.title * 1.12,
        textColor=band, spaceAfter=8)
    add("cover_subtitle", fontName=sans.regular, fontSize=sizes.subtitle, leading=sizes.subtitle * 1.3,
        textColor=band, spaceAfter=12)
    add("cover_byline", fontName=sans.regular, fontSize=sizes.caption + 1, leading=(sizes.caption + 1) * 1.4,
        textColor=band)
    return styles
