"""Block ``figure``: an image file (PNG, JPEG or SVG) with a numbered caption, source and alt text."""

from ..schema.brief import IMAGE_SUFFIXES
from ..schema.fields import Bool, File, Markdown, Number, Str, Text, Url
from .registry import Block, block


@block("figure")
class Figure(Block):
    """An image with a caption ('Figure 1'), a source line and alt text."""

    numbered_as = "figure"
    file = File("Image file: PNG, JPEG or SVG.", suffixes=IMAGE_SUFFIXES, required=True)
    title = Text("Caption title, printed after 'Figure 1'.", required=True, max_length=200)
    alt = Str("Alt text: what the image shows, for readers who cannot see it; required when the brief claims"
              " PDF/UA (the default), unless the image is decorative.")
    decorative = Bool("The image carries no information (a decorative photo, an ornament): a tagged PDF marks it"
                      " as an artifact, which screen readers skip, and it needs no alt text.", default=False)
    source = Markdown("Source line under the figure.")
    source_url = Url("Link for the source line.")
    width = Number("Width as a share of the column (0.2 to 1).", minimum=0.2, maximum=1, default=1)

    def title_text(self):
        return self.title

    def check(self, ctx, path):
        """Alt text: required when the brief claims PDF/UA (unless decorative), otherwise advised."""
        if self.alt is not None and not self.alt.strip():
            self.alt = None  # blanks say nothing: missing, so the layout falls back to the title too
        if self.decorative and self.alt:
            ctx.warn(path + ("alt",), "decorative images are not read aloud, so this alt text is never used;"
                                      " remove one of them")
        elif not self.alt and not self.decorative:
            standards = ctx.extra.get("standards")  # set by the brief's loader before any block is checked
            if standards is None or standards.ua:  # no 'alt' key to point at: the error is at the block
                ctx.error(path[:-1], "figure has no alt text, which PDF/UA-1 requires; add 'alt:' saying what the"
                                     " image shows, or 'decorative: true' if it carries no information (or build"
                                     " with --standard none for a draft)")
            else:
                ctx.warn(path, "figure has no alt text; add 'alt:' describing what it shows")

    def check_print(self, ctx, column_width):
        if self.file.suffix.lower() == ".svg":
            self._check_svg_text(ctx)
            return
        from ..media.raster import raster_size

        pixels_wide = raster_size(self.file)[0]  # as displayed; no Image.open (its bomb warning)
        dpi = pixels_wide / (column_width * self.width / 72)
        if dpi < 150:
            ctx.warn(self.yaml_path + ("file",), f"image is {dpi:.0f} dpi at its printed size; use one at least"
                     f" {int(pixels_wide * 150 / dpi) + 1} pixels wide (150 dpi) or print it narrower")

    def _check_svg_text(self, ctx) -> None:
        """The SVG's text is drawn in the theme's headings font: a character it lacks would be a box."""
        from ..schema.glyphs import describe, font_coverage

        verdict = ctx.extra.get("svg_verdicts", {}).get(self.file.resolve())
        theme = ctx.extra.get("theme")
        if not isinstance(verdict, dict) or not verdict.get("texts") or theme is None:
            return
        family = theme.fonts.headings
        covered = font_coverage(family)
        for source, line, text in verdict["texts"]:
            missing = sorted(set(text) - covered, key=text.index)
            if missing:
                ctx.error(self.yaml_path + ("file",), f"the SVG's text at {source.name} line {line} has"
                          f" {describe(missing[0])}{' and more' if len(missing) > 1 else ''}, which the headings"
                          f" font ({family.name}) that draws SVG text does not have, so it would print as an empty"
                          " box; change the text in the SVG, or export it with its text as paths")
                return

    def layout(self, doc):
        from ..layout.images import image_size

        natural_w, natural_h = image_size(self.file, getattr(doc.brief, "cache_dir", None))
        width = doc.full_width * self.width
        # A picture taller than ~3/4 of the text area is scaled down so it fits with its caption.
        width = min(width, doc.frame_height * 0.75 * natural_w / natural_h)
        from ..layout.flowables import Marked

        image = doc.image(self.file, width=width)
        image.hAlign = "LEFT"
        caption = doc.caption(self, self.title)
        # A decorative image is an artifact: nothing for a screen reader to announce.
        element = None if getattr(self, "decorative", False) else doc.element("Figure", alt=self.alt or self.title)
        parts = [caption, Marked(image, element)]
        if self.source:
            parts.append(doc.source_line(self.source, self.source_url))
        block = doc.theme.spacing.block
        return doc.keep(parts, floats=True, space_before=block / 2, space_after=block)
