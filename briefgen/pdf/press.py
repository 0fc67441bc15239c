"""The print edition: bleed, crop marks and page boxes, for a print shop.

In:  a brief (its ``meta.print`` and ``meta.cmyk``, or what the command line set), a canvas
     at the end of each page, and the finished PDF (a pikepdf document).
Out: :class:`Press`, the edition asked for; crop marks drawn outside the bleed, as artifacts
     (:func:`draw_crop_marks`); and every page's boxes (:func:`set_boxes`).

The page's own coordinates do not move: the trimmed page *is* the screen page, with the
same content, links, outline targets and structure, at the same places. Only the boxes
grow around it, so the MediaBox has a negative origin:

- ``TrimBox``  = the screen page, ``[0 0 w h]``;
- ``BleedBox`` = the trim plus :data:`BLEED` (3 mm) on every side;
- ``MediaBox`` = the bleed plus :data:`MARKS` (10 mm) on every side, room for the crop marks.

What touches the trim edge (the cover band) is drawn on into the bleed
(:class:`~briefgen.layout.flowables.CoverBand` asks the page template for ``bleed``).
Crop marks are hairlines on the trim lines' extensions, from :data:`MARK_GAP` outside the
bleed to 1 mm short of the sheet's edge: never inside the bleed. Their colour is
registration (all four inks at 100%) in the CMYK edition, black otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4
#: Bleed on every side of the trimmed page, in points.
BLEED = 3 * MM
#: Room for the crop marks beyond the bleed, in points.
MARKS = 10 * MM
#: Crop marks start this far outside the bleed...
MARK_GAP = 2 * MM
#: ...and end this far from the sheet's edge.
MARK_END = 1 * MM
#: A hairline.
MARK_WIDTH = 0.25


@dataclass(frozen=True)
class Press:
    """The edition: ``print_edition`` (bleed, marks, boxes) and ``cmyk`` (DeviceCMYK throughout)."""

    print_edition: bool = False
    cmyk: bool = False

    @property
    def bleed(self) -> float:
        return BLEED if self.print_edition else 0.0

    @property
    def marks(self) -> float:
        return MARKS if self.print_edition else 0.0


def press_of(brief) -> Press:
    """What the brief asks for (``meta.print``, ``meta.cmyk``), unless overridden (``brief.press``)."""
    override = getattr(brief, "press", None)
    if override is not None:
        return override
    meta = brief.meta
    return Press(bool(getattr(meta, "print", False)), bool(getattr(meta, "cmyk", False)))


def with_press(brief, print_edition=None, cmyk=None):
    """``brief`` with the edition overridden where ``print_edition`` or ``cmyk`` is not None (API, CLI)."""
    if print_edition is None and cmyk is None:
        return brief
    asked = press_of(brief)
    brief.press = Press(asked.print_edition if print_edition is None else bool(print_edition),
                        asked.cmyk if cmyk is None else bool(cmyk))
    return brief


def mark_lines(width: float, height: float, bleed: float = BLEED, marks: float = MARKS) -> list:
    """The crop marks as (x1, y1, x2, y2) lines, in the page's coordinates (trim at 0..width, 0..height)."""
    near, far = bleed + MARK_GAP, bleed + marks - MARK_END
    lines = []
    for x, sx in ((0, -1), (width, 1)):
        for y, sy in ((0, -1), (height, 1)):
            lines.append((x, y + sy * near, x, y + sy * far))  # the vertical trim line, above or below
            lines.append((x + sx * near, y, x + sx * far, y))  # the horizontal one, left or right
    return lines


def draw_crop_marks(canvas, width: float, height: float, *, cmyk: bool) -> None:
    """Draw the page's crop marks outside its bleed, as an artifact."""
    from reportlab.lib.colors import CMYKColor, Color

    from .marking import artifact

    with artifact(canvas, "Page"):  # printer's marks are page artifacts (ISO 32000-1, 14.8.2.2)
        canvas.saveState()
        canvas.setLineWidth(MARK_WIDTH)
        canvas.setStrokeColor(CMYKColor(1, 1, 1, 1) if cmyk else Color(0, 0, 0))
        canvas.setDash()
        canvas.lines(mark_lines(width, height))
        canvas.restoreState()


def set_boxes(pdf, bleed: float = BLEED, marks: float = MARKS) -> None:
    """Give every page of ``pdf`` (pikepdf) its TrimBox (the page as drawn), BleedBox and a MediaBox with
    room for the crop marks."""
    import pikepdf

    for page in pdf.pages:
        trim = page.obj.MediaBox
        x0, y0, x1, y1 = (float(v) for v in trim)
        page.obj.TrimBox = pikepdf.Array(list(trim))  # the page exactly as ReportLab wrote it
        page.obj.BleedBox = pikepdf.Array([_n(x0 - bleed), _n(y0 - bleed), _n(x1 + bleed), _n(y1 + bleed)])
        out = bleed + marks
        page.obj.MediaBox = pikepdf.Array([_n(x0 - out), _n(y0 - out), _n(x1 + out), _n(y1 + out)])
        if "/CropBox" in page.obj:
            del page.obj.CropBox  # the sheet is the MediaBox: marks and all


def _n(value: float):
    """A box coordinate, to 1/10000 pt as ReportLab writes the page's own (the same number every time)."""
    from decimal import Decimal

    return Decimal(f"{value:.4f}").normalize() if value != int(value) else int(value)


def finish_print(data: bytes) -> bytes:
    """A PDF that claims no standard, with its print boxes (one claiming any is finished by conform)."""
    import io

    import pikepdf

    from .archive import save

    with pikepdf.open(io.BytesIO(data)) as pdf:
        set_boxes(pdf)
        return save(pdf)


__all__ = ["BLEED", "MARKS", "Press", "draw_crop_marks", "finish_print", "mark_lines", "press_of", "set_boxes",
           "with_press"]
