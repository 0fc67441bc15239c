"""The theme schema: colours, fonts, sizes, margins and spacing of a brief.

In:  a theme mapping from YAML (the package default, a theme file, or a
     brief's ``style:`` overrides).
Out: a checked :class:`Theme`; its font files are resolved paths.
"""

from __future__ import annotations

from ..schema.fields import INVALID, Bool, File, ListOf, Nested, Number, Pattern, Str
from ..schema.model import Model
from .color import ColorField as Color

#: .otf is accepted so that one with CFF outlines gets a clear error (see briefgen.media.fonts).
_FONT_SUFFIXES = (".ttf", ".otf")


class FontName(Pattern):
    """A font's name inside the PDF: letters, digits, '-' and '_' (it is written into paragraph markup)."""

    pattern = r"^[A-Za-z][A-Za-z0-9_-]{0,62}$"
    expected = "a font name (letters, digits, '-' and '_')"
    wanted = "a font name of letters, digits, '-' and '_', starting with a letter, e.g. 'NotoSansCJK'"


class FallbackFont(Model):
    """A font for the characters a family lacks (another script, symbols); faces it lacks use its regular."""

    name = FontName("Family name used inside the PDF, e.g. 'NotoSansMath'.", required=True)
    regular = File("Regular (roman) font file.", suffixes=_FONT_SUFFIXES, required=True)
    italic = File("Italic font file (default: the regular one).", suffixes=_FONT_SUFFIXES)
    bold = File("Bold font file (default: the regular one).", suffixes=_FONT_SUFFIXES)
    bold_italic = File("Bold italic font file (default: the bold one, else the regular one).",
                       suffixes=_FONT_SUFFIXES)


#: What makes a family: its name and its four faces, given together or not at all (see FontFamily.parse).
_FAMILY_KEYS = ("name", "regular", "italic", "bold", "bold_italic")


class FontFamily(Model):
    """Four TrueType files of one family (OFL fonts ship in assets/fonts); .otf only with TrueType outlines.

    A theme file or a brief's ``style:`` replaces a family whole: its name and all four faces.
    """

    name = Str("Family name used inside the PDF, e.g. 'NotoSerif'.", required=True)
    regular = File("Regular (roman) font file.", suffixes=_FONT_SUFFIXES, required=True)
    italic = File("Italic font file.", suffixes=_FONT_SUFFIXES, required=True)
    bold = File("Bold font file.", suffixes=_FONT_SUFFIXES, required=True)
    bold_italic = File("Bold italic font file.", suffixes=_FONT_SUFFIXES, required=True)
    display = File("Optional heavy weight for the cover title.", suffixes=_FONT_SUFFIXES)
    fallback = ListOf(Nested(FallbackFont, "A fallback font."),
                      "Fonts tried in order for each character the family lacks (Greek, Cyrillic, symbols...).",
                      default=list)

    @classmethod
    def parse(cls, raw, ctx, path=(), *, partial=False):
        values = super().parse(raw, ctx, path, partial=partial)
        if not (partial or ctx.partial) or not isinstance(values, dict):
            return values  # a whole family: its required keys are checked as usual
        given = [key for key in _FAMILY_KEYS if raw.get(key) is not None]
        missing = [key for key in _FAMILY_KEYS if key not in given]
        if given and missing:
            # Merged key by key, a part of a family would mix its faces with the theme's family.
            hint = _FACE_HINT if set(missing) - {"name"} else ""
            ctx.error(path, f"a font family must be given whole (its name and four faces), or its text mixes faces"
                            f" of two fonts; add {_listed(missing)}{hint}")
            return INVALID
        if given and "display" not in values:
            values["display"] = None  # the theme's heavy weight belongs to the family replaced
        return values

    @classmethod
    def json_schema(cls, defs):
        schema = super().json_schema(defs)
        # Editors flag a partial family too: any of these keys needs all the others.
        schema["dependentRequired"] = {key: [k for k in _FAMILY_KEYS if k != key] for key in _FAMILY_KEYS}
        return schema


_FACE_HINT = " (for a face the font lacks, give its regular file again)"


def _listed(keys) -> str:
    names = [f"'{key}'" for key in keys]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class Fonts(Model):
    """The text and heading families."""

    body = Nested(FontFamily, "Family for body text, footnotes and quotes.", required=True)
    headings = Nested(FontFamily, "Family for headings, captions, tables and charts.", required=True)


class Colors(Model):
    """Theme colours as '#rrggbb', as 'cmyk(c, m, y, k)' in percent for print, or both: '#1a1a1a cmyk(0, 0, 0, 100)'.

    The CMYK edition (``--cmyk``) uses a colour's CMYK value as given and converts the others through
    the press profile; the screen edition uses the '#rrggbb' value, or the profile's rendering of the CMYK one.
    """

    brand = Color("Dark brand colour: headings, rules, and the cover band unless 'cover' is set.", required=True)
    cover = Color("Fill of the cover band (default: the brand colour); a light one needs a dark 'band_text'.")
    accent = Color("Accent colour for call-outs and highlights.", required=True)
    text = Color("Body text colour (near-black).", required=True)
    muted = Color("Grey for captions, sources and running heads.", required=True)
    rule = Color("Light grey for hairlines.", required=True)
    tint = Color("Light fill for boxes (a 5-10% tint).", required=True)
    band_text = Color("Text colour on the cover band (white on a dark 'cover', near-black on a light one).",
                      required=True)
    link = Color("Colour of external links in the text.", required=True)
    chart = ListOf(Color("A chart series colour."), "Colour-blind-safe categorical palette for charts.",
                   min_items=3, required=True)


class Sizes(Model):
    """Type sizes in points, on one modular scale."""

    body = Number("Body text size.", minimum=6, maximum=16, required=True)
    leading = Number("Line height as a multiple of the body size.", minimum=1, maximum=2, required=True)
    footnote = Number("Footnote size.", minimum=5, maximum=12, required=True)
    caption = Number("Caption, source line and table size.", minimum=5, maximum=12, required=True)
    h1 = Number("Section heading size.", minimum=8, maximum=36, required=True)
    h2 = Number("Subsection heading size.", minimum=8, maximum=30, required=True)
    title = Number("Cover title size.", minimum=12, maximum=48, required=True)
    subtitle = Number("Cover subtitle size.", minimum=8, maximum=30, required=True)
    quote = Number("Pull-quote size.", minimum=8, maximum=30, required=True)
    running = Number("Running header and footer size.", minimum=5, maximum=12, required=True)


class Page(Model):
    """Page geometry in millimetres."""

    margin_top = Number("Top margin.", minimum=5, maximum=80, required=True)
    margin_bottom = Number("Bottom margin.", minimum=5, maximum=80, required=True)
    margin_inner = Number("Left margin.", minimum=5, maximum=80, required=True)
    margin_outer = Number("Right margin.", minimum=5, maximum=80, required=True)
    text_indent = Number("Indent of running text from the left margin, giving a 60-75 character measure;"
                         " tables, figures and boxes use the full width.", minimum=0, maximum=80, required=True)
    band_padding = Number("Space inside the cover band around the title block.", minimum=2, maximum=40,
                          required=True)


class Spacing(Model):
    """Vertical rhythm in points."""

    paragraph = Number("Space after a body paragraph.", minimum=0, maximum=30, required=True)
    block = Number("Space around boxes, tables, figures and quotes.", minimum=0, maximum=40, required=True)
    heading_before = Number("Space above a section heading.", minimum=0, maximum=60, required=True)
    heading_after = Number("Space below a section heading.", minimum=0, maximum=30, required=True)


class Theme(Model):
    """A complete theme. A brief's ``style:`` may override any single value."""

    fonts = Nested(Fonts, "Font families.", required=True)
    colors = Nested(Colors, "Colours.", required=True)
    sizes = Nested(Sizes, "Type sizes.", required=True)
    page = Nested(Page, "Margins.", required=True)
    spacing = Nested(Spacing, "Vertical spacing.", required=True)
    footnotes = Str("Where footnotes go: at the foot of each page, or as endnotes.",
                    choices=("page", "end"), required=True)
    numbered_headings = Bool("Number section headings (1, 2, 3...).", required=True)
    justify = Bool("Justify and hyphenate body text (otherwise ragged right).", required=True)
    chart_font = Str("Family for chart text: 'headings' (the caption family, as charts are usually set)"
                     " or 'body'.", choices=("headings", "body"), required=True)
