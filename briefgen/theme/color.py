"""Theme colours in RGB and CMYK, and the colour mode of a PDF (screen RGB or print CMYK).

In:  a theme colour as written (``'#1f3a5f'``, ``'cmyk(0, 60, 100, 0)'`` in percent, or both:
     ``'#1a1a1a cmyk(0, 0, 0, 90)'``), a checked theme, and colours, content-stream
     operators and images to convert.
Out: :class:`ColorField`, the theme's colour field: a colour is its ``'#rrggbb'`` text (what
     the screen edition draws, so an RGB theme draws exactly as before), a :class:`ThemeColor`
     carrying its ``cmyk`` when one is given; and :class:`ColorMode`, the CMYK edition's
     converter: ReportLab's ``enforceColorSpace`` hook (every colour the canvas sets becomes
     a ``CMYKColor``), chart and SVG form operators (``rg``/``RG`` become ``k``/``K``), and
     images (:func:`cmyk_image`).

RGB becomes CMYK through one ICC transform (LittleCMS, through Pillow's ImageCms): sRGB to
the press profile shipped in ``briefgen/assets/icc`` (see :mod:`briefgen.pdf.icc`), relative
colorimetric with black-point compensation, on 8-bit values, the result rounded to 1/1000. It
is deterministic (the same colour always gives the same numbers), and the same transform serves
colours and images, so a chart drawn as a PNG and one drawn as vectors print alike. A theme
colour given in CMYK is used as given; its screen colour is the profile's rendering of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..schema.fields import INVALID, Pattern

_HEX = r"#[0-9A-Fa-f]{6}"
_NUM = r"\s*\d{1,3}(?:\.\d+)?\s*"
_CMYK = rf"cmyk\({_NUM},{_NUM},{_NUM},{_NUM}\)"
#: Every form a theme colour may take (for the JSON Schema; the checks below give the messages).
_WRITTEN = rf"^(?:{_HEX}|{_HEX}\s+{_CMYK}|{_CMYK})$"
_ARGS = re.compile(r"^cmyk\((?P<args>[^()]*)\)$")
_INKS = ("cyan", "magenta", "yellow", "black")
#: How a CMYK colour is written, for messages.
CMYK_FORM = "'cmyk(c, m, y, k)' with four percentages from 0 to 100, e.g. 'cmyk(0, 60, 100, 0)'"


class ThemeColor(str):
    """A theme colour: its ``'#rrggbb'`` text for the screen, and the ``cmyk`` (fractions 0-1) it was given."""

    cmyk: tuple | None = None

    def __new__(cls, rgb: str, cmyk: tuple | None = None):
        color = super().__new__(cls, rgb)
        color.cmyk = cmyk
        return color

    def __reduce__(self):  # a brief travels to worker processes: keep the CMYK value
        return ThemeColor, (str(self), self.cmyk)


class ColorField(Pattern):
    """A theme colour: '#rrggbb', 'cmyk(c, m, y, k)' in percent, or both ('#1a1a1a cmyk(0, 0, 0, 90)')."""

    pattern = _WRITTEN
    expected = wanted = "a colour like '#1f3a5f'"

    def convert(self, value, ctx, path):
        if isinstance(value, str) and value.strip().lower().startswith("cmyk"):
            return _parse_cmyk(value.strip(), ctx, path)
        if isinstance(value, str) and " " in value.strip() and value.strip().startswith("#"):
            rgb, _, rest = value.strip().partition(" ")
            cmyk = _parse_cmyk(rest.strip(), ctx, path, rgb=rgb)
            if cmyk is INVALID:
                return INVALID
            if not re.fullmatch(_HEX, rgb):
                ctx.error(path, f"expected {self.wanted} before the CMYK value, found {rgb!r}")
                return INVALID
            return ThemeColor(rgb, cmyk.cmyk)
        return super().convert(value, ctx, path)


def _parse_cmyk(text: str, ctx, path, rgb: str | None = None):
    """A ``cmyk(c, m, y, k)`` colour, or INVALID with a positioned error naming the expected form."""
    match = _ARGS.fullmatch(text)
    parts = [part.strip() for part in match.group("args").split(",")] if match else []
    if len(parts) != 4 or not all(re.fullmatch(r"\d+(?:\.\d+)?", part) for part in parts):
        ctx.error(path, f"expected a CMYK colour as {CMYK_FORM}, found {text!r}")
        return INVALID
    values = [float(part) for part in parts]
    for ink, part, value in zip(_INKS, parts, values):
        if value > 100:
            ctx.error(path, f"expected a CMYK colour as {CMYK_FORM}, found {text!r}: {ink} {part} is more than 100")
            return INVALID
    cmyk = tuple(round(value / 100, 4) for value in values)
    return ThemeColor(rgb or rgb_of_cmyk(cmyk), cmyk)


# -- the colour mode -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ColorMode:
    """The CMYK edition's colours: ``given`` maps a theme colour's '#rrggbb' to the CMYK it was given.

    Called with any ReportLab colour it returns a ``CMYKColor`` (ReportLab's
    ``enforceColorSpace`` hook, so text, rules, fills and drawings are all set in CMYK);
    :meth:`operators` converts a form's literal ``rg``/``RG`` operators.
    """

    given: tuple = ()

    @classmethod
    def from_theme(cls, theme) -> "ColorMode":
        colors = theme.colors
        given = {}
        for name in type(colors).fields:
            value = getattr(colors, name)
            for color in value if isinstance(value, list) else [value]:
                if getattr(color, "cmyk", None) is not None:
                    given.setdefault(str(color).lower(), color.cmyk)
        return cls(tuple(sorted(given.items())))

    def cmyk(self, red: float, green: float, blue: float) -> tuple:
        """The CMYK fractions for an RGB colour (0-1 each)."""
        key = "#%02x%02x%02x" % tuple(_byte(v) for v in (red, green, blue))
        for rgb, cmyk in self.given:
            if rgb == key:
                return cmyk
        return cmyk_of_rgb(key)

    def __call__(self, color):
        from reportlab.lib.colors import CMYKColor, Color, toColor

        if color is None or isinstance(color, CMYKColor):
            return color
        if isinstance(color, (tuple, list)) and len(color) == 4:
            return CMYKColor(*color)
        value = color if isinstance(color, Color) else toColor(color)
        if isinstance(value, CMYKColor):
            return value
        alpha = getattr(value, "alpha", None)
        return CMYKColor(*self.cmyk(value.red, value.green, value.blue), alpha=1 if alpha is None else alpha)

    def operators(self, code: str) -> str:
        """PDF operators with every ``r g b rg``/``RG`` written as ``c m y k k``/``K``."""
        return _operators(self, code)


@lru_cache(maxsize=4096)
def _operators(mode: ColorMode, code: str) -> str:
    if "rg" not in code and "RG" not in code:
        return code

    def convert(match):
        if match.group(4) is None:
            return match.group(0)  # a string (a chart's label): its text is not an operator
        values = mode.cmyk(*(float(v) for v in match.group(1, 2, 3)))
        return _fmt(values) + (" k" if match.group(4) == "rg" else " K")

    return _RGB_OP.sub(convert, code)


#: A literal or hex string, or an RGB colour operator: strings are matched first so that text that
#: reads like "1 2 3 rg" is left as it is.
_RGB_OP = re.compile(r"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>"
                     r"|(?<![\w.])(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (rg|RG)(?!\w)")


def _fmt(values) -> str:
    from reportlab.lib.rl_accel import fp_str

    return fp_str(*values)


def _byte(value: float) -> int:
    return max(0, min(255, int(round(value * 255))))


# -- the ICC transforms --------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _transforms():
    """(sRGB to press CMYK, press CMYK to sRGB): LittleCMS transforms, built once per process."""
    import io

    from PIL import ImageCms

    from ..pdf.icc import cmyk_profile, srgb_profile

    srgb = ImageCms.ImageCmsProfile(io.BytesIO(srgb_profile()))
    press = ImageCms.ImageCmsProfile(io.BytesIO(cmyk_profile()))
    intent, flags = ImageCms.Intent.RELATIVE_COLORIMETRIC, ImageCms.Flags.BLACKPOINTCOMPENSATION
    return (ImageCms.buildTransform(srgb, press, "RGB", "CMYK", intent, flags=flags),
            ImageCms.buildTransform(press, srgb, "CMYK", "RGB", intent, flags=flags))


@lru_cache(maxsize=4096)
def cmyk_of_rgb(rgb: str) -> tuple:
    """'#rrggbb' in CMYK fractions (0-1, to 1/1000) through the press profile."""
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), tuple(int(rgb[i:i + 2], 16) for i in (1, 3, 5)))
    values = ImageCms.applyTransform(pixel, _transforms()[0]).getpixel((0, 0))
    return tuple(round(v / 255, 3) for v in values)


@lru_cache(maxsize=256)
def rgb_of_cmyk(cmyk: tuple) -> str:
    """The screen colour ('#rrggbb') of CMYK fractions, as the press profile renders them."""
    from PIL import Image, ImageCms

    pixel = Image.new("CMYK", (1, 1), tuple(_byte(v) for v in cmyk))
    return "#%02x%02x%02x" % ImageCms.applyTransform(pixel, _transforms()[1]).getpixel((0, 0))


def cmyk_image(image):
    """A Pillow image in CMYK through the press profile (its alpha, if any, returned apart): (image, alpha)."""
    from PIL import ImageCms

    alpha = None
    if image.mode in ("LA", "RGBA", "PA"):
        alpha = image.getchannel("A")
    if image.mode == "CMYK":
        return image, alpha
    if image.mode in ("L", "LA", "1", "I", "F", "I;16"):  # grey stays grey (DeviceGray is not RGB)
        return image.convert("L"), alpha
    rgb = image.convert("RGB")
    return ImageCms.applyTransform(rgb, _transforms()[0]), alpha


class CmykCanvasMixin:
    """A canvas of the CMYK edition: images drawn on it are converted to CMYK first.

    Mixed into the tagging canvas (see :func:`cmyk_canvas`); colours set on it are converted by
    ReportLab's own ``enforceColorSpace`` hook, which is the :class:`ColorMode` itself.
    """

    def drawImage(self, image, *args, **kw):
        return super().drawImage(_cmyk_source(image, kw), *args, **kw)

    def drawInlineImage(self, image, *args, **kw):
        from ..media.raster import cmyk_reader

        return super().drawInlineImage(cmyk_reader(image)._converted, *args, **kw)  # no soft mask inline


def _cmyk_source(image, kw):
    """A drawImage source (path, Pillow image or ImageReader) as a reader of CMYK pixels with its alpha."""
    from ..media.raster import cmyk_reader

    reader = cmyk_reader(image)
    reader.getRGBData()
    kw["mask"] = "auto" if reader._dataA is not None else None  # the alpha, as a soft mask
    return reader


@lru_cache(maxsize=8)
def cmyk_canvas(base):
    """``base`` (a canvas class) drawing its images in CMYK."""
    return type(f"Cmyk{base.__name__}", (CmykCanvasMixin, base), {})


__all__ = ["CMYK_FORM", "ColorField", "ColorMode", "ThemeColor", "cmyk_canvas", "cmyk_image", "cmyk_of_rgb",
           "rgb_of_cmyk"]
