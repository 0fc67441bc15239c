"""Images: PNG, JPEG and SVG files as flowables of a given size.

In:  a resolved image path, a target width or height in points, and the
     cache folder.
Out: a ReportLab flowable (a :class:`RasterImage`, drawn upright from
     :func:`briefgen.media.raster.drawing_source`, a :class:`FormImage`, or a
     scaled ``Drawing`` for an SVG no display list can hold).

An SVG is checked and read by svglib once, at load time (see
:mod:`briefgen.media.svg`); its drawing is kept in the cache as a display list
(see :mod:`briefgen.charts.displaylist`), keyed by the bytes of the SVG and of
every file it pulls in, and as a ready form (:mod:`briefgen.charts.forms`), so
later builds need neither svglib nor ReportLab's shapes: the form's operators
are replayed, scaled.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus.flowables import Flowable


def image_size(path: Path, cache_dir=None) -> tuple[float, float]:
    """Natural size in points (SVG) or pixels (raster)."""
    if path.suffix.lower() == ".svg":
        from ..media.svg import svg_form

        drawing = svg_form(path, cache_dir) or svg_drawing(path, cache_dir)
        return drawing.width, drawing.height
    from ..media.raster import raster_size

    return raster_size(path)


def svg_drawing(path: Path, cache_dir=None):
    """The SVG as a ReportLab Drawing, from the cache under ``cache_dir`` when no file it reads changed.

    See :func:`briefgen.media.svg.svg_drawing`: the key holds the bytes of the SVG
    and of every SVG and image it pulls in.
    """
    from ..media.svg import svg_drawing as drawing

    return drawing(path, cache_dir)


def _use_theme_fonts(node, fonts) -> None:
    """Map text in an SVG onto the theme's sans family, so no unembedded standard font is used."""
    from reportlab.graphics.shapes import Group, String

    for child in getattr(node, "contents", []):
        if isinstance(child, String):
            bold = "bold" in child.fontName.lower()
            child.fontName = fonts.bold if bold else fonts.regular
        elif isinstance(child, Group):
            _use_theme_fonts(child, fonts)


def image_flowable(path: Path, fonts, *, width: float | None = None, height: float | None = None,
                   cache_dir=None):
    """The image scaled to ``width`` or ``height`` (keeping its proportions).

    Text in an SVG is set in ``fonts`` (a FontNames of the theme's sans family).
    """
    if path.suffix.lower() == ".svg":
        from ..media.svg import svg_form

        form = svg_form(path, cache_dir, (fonts.regular, fonts.bold))
        if form is not None:
            scale = width / form.width if width else height / form.height
            return FormImage(form, scale)
        drawing = svg_drawing(path, cache_dir)
        drawing.initialFontName = fonts.regular  # else the renderer starts in Helvetica
        _use_theme_fonts(drawing, fonts)
        natural_w, natural_h = drawing.width, drawing.height
        scale = width / natural_w if width else height / natural_h
        drawing.width, drawing.height = natural_w * scale, natural_h * scale
        drawing.scale(scale, scale)
        return drawing
    from ..media.raster import raster_size

    natural_w, natural_h = raster_size(path)
    scale = width / natural_w if width else height / natural_h
    return RasterImage(path, natural_w * scale, natural_h * scale)


class RasterImage(Flowable):
    """One PNG or JPEG, decoded when drawn (and not kept), upright and without loss."""

    def __init__(self, path: Path, width: float, height: float):
        super().__init__()
        self.path = Path(path)
        self.drawWidth, self.drawHeight = width, height
        self.hAlign = "CENTER"

    def wrap(self, available_width, available_height):
        return self.drawWidth, self.drawHeight

    def draw(self):
        from ..media.raster import drawing_source

        orient, source, mask = drawing_source(self.path)
        # Map the image's unit square onto the displayed box: PDF image space has row 0 at y=1.
        w, h = self.drawWidth, self.drawHeight

        def place(x, y):
            u, v = orient(x, 1 - y)
            return w * u, h * (1 - v)

        (e, f), (x1, y1), (x2, y2) = place(0, 0), place(1, 0), place(0, 1)
        canvas = self.canv
        canvas.saveState()
        canvas.transform(x1 - e, y1 - f, x2 - e, y2 - f, e, f)
        canvas.drawImage(source, 0, 0, 1, 1, mask=mask)
        canvas.restoreState()


class FormImage(Flowable):
    """An SVG's ready form (:class:`~briefgen.charts.forms.Form`), drawn at ``scale``."""

    def __init__(self, form, scale: float):
        super().__init__()
        self.form, self.scale = form, scale
        self.width, self.height = form.width * scale, form.height * scale

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        self.form.drawOn(canvas, 0, 0)
        canvas.restoreState()
