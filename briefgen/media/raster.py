"""Raster images (PNG, JPEG): checked from their headers, then decoded for drawing.

In:  a PNG or JPEG path (already confined) or the bytes of one (from an SVG
     ``data:`` URI), and the check context.
Out: :func:`raster_problem` (load time: why the image cannot be used, or None,
     counting the use), :func:`raster_pixels` and :func:`raster_bytes_pixels`
     (the same for a file or bytes, giving the pixels uncounted),
     :func:`raster_size` (natural size in pixels, as displayed) and
     :func:`drawing_source` (what drawing it upright needs) and
     :func:`cmyk_reader` (its pixels in CMYK, for the print edition in CMYK).

The pixel count is read from the header (PNG IHDR, JPEG SOFn) and checked against
``limits.image_pixels`` and ``limits.image_side``, a JPEG's scans are counted
(``limits.image_scans``), and over all of a brief's images (each use counted, as
each is decoded when drawn) the pixels are checked against ``limits.brief_pixels``,
before anything is decoded; only then is the image decoded in full, so a file
that passes cannot fail when the PDF is drawn. Images are opened through
Pillow's format classes, not ``Image.open``, so that Pillow's own process-wide
bomb limit neither warns nor refuses what our limits allow.

Drawing keeps the data: 16-bit grey is reduced to 8 bits (ReportLab would clip
it to white), palettes and alpha become RGB(A) with a soft mask, CMYK becomes RGB, and a JPEG's
EXIF orientation is applied by the drawing transform, so its bytes are
embedded as they are (L and RGB JPEGs pass through undecoded).
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
#: PNG colour type -> allowed bit depths (PNG specification, table 11.1).
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
#: JPEG start-of-frame markers (not DHT C4, JPG C8, DAC CC).
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
#: EXIF orientation -> where a stored pixel (u, v in 0..1, v downwards) is displayed.
_ORIENT = {
    1: lambda u, v: (u, v), 2: lambda u, v: (1 - u, v), 3: lambda u, v: (1 - u, 1 - v),
    4: lambda u, v: (u, 1 - v), 5: lambda u, v: (v, u), 6: lambda u, v: (1 - v, u),
    7: lambda u, v: (1 - v, 1 - u), 8: lambda u, v: (v, 1 - u),
}
_READY_MODES = ("L", "RGB", "LA", "RGBA")


class _Refused(Exception):
    """A header that cannot be used; the message is the sentence for the diagnostic."""


@dataclass(frozen=True)
class _Header:
    kind: str
    width: int
    height: int


# -- load time ------------------------------------------------------------------------------------

def raster_problem(path: Path, ctx) -> str | None:
    """Why the PNG or JPEG at ``path`` cannot be used, or None (see the module docstring)."""
    kind = _KINDS.get(path.suffix.lower())
    if kind is None:
        return "it is neither a PNG (.png) nor a JPEG (.jpg, .jpeg) file"
    pixels = raster_pixels(path, ctx)
    return pixels if isinstance(pixels, str) else _count(pixels, ctx)


def raster_pixels(path: Path, ctx) -> str | int:
    """Why the image at ``path`` cannot be used, or its pixels, not yet counted in the brief's total:
    an SVG counts them once per time it draws the image."""
    kind = _KINDS.get(path.suffix.lower())
    if kind is None:
        return "it is neither a PNG (.png) nor a JPEG (.jpg, .jpeg) file"
    size = path.stat().st_size
    if size > ctx.limits.image_bytes:
        return _too_many_bytes(size, ctx)
    return _verdict(str(path), path.read_bytes, kind, ctx)


def raster_bytes_pixels(data: bytes, ctx) -> str | int:
    """Why the PNG or JPEG in ``data`` (an SVG's ``data:`` URI) cannot be used, or its pixels (not counted;
    see :func:`raster_pixels`)."""
    kind = _sniff(data)
    if kind is None:
        return "the embedded image is neither a PNG nor a JPEG"
    if len(data) > ctx.limits.image_bytes:
        return _too_many_bytes(len(data), ctx)
    return _verdict("data:" + hashlib.sha256(data).hexdigest(), lambda: data, kind, ctx)


def _too_many_bytes(size: int, ctx) -> str:
    limit = ctx.limits.image_bytes
    return (f"it is {size:,} bytes, more than the limit of {limit:,} (image_bytes); make it smaller, or "
            f"{ctx.limits.hint('image_bytes')}")


def _verdict(key: str, read, kind: str, ctx) -> str | int:
    """Why the image cannot be used, or its pixels: decoded once per load, the verdict kept under ``key``
    (every use still counts towards ``brief_pixels``, as every use is decoded again when drawn)."""
    verdicts = ctx.extra.setdefault("raster_verdicts", {})
    if key not in verdicts:
        data = read()
        try:
            header = _header(data, kind, ctx.limits)
        except _Refused as refused:
            verdicts[key] = str(refused)
            return verdicts[key]
        pixels = header.width * header.height
        problem = brief_pixels_problem(pixels, ctx)  # before decoding: a brief over its total is not decoded further
        if problem:
            return problem
        verdicts[key] = _decode_problem(data, kind, header) or pixels
    return verdicts[key]


def _count(pixels: int, ctx) -> str | None:
    """Count one use of an image of ``pixels`` towards ``brief_pixels``, or say why it would go past it."""
    problem = brief_pixels_problem(pixels, ctx)
    if problem is None:
        ctx.extra["raster_pixels"] = ctx.extra.get("raster_pixels", 0) + pixels
    return problem


def brief_pixels_problem(pixels: int, ctx, lead: str = "with it the brief's images have") -> str | None:
    """Why ``pixels`` more would take the brief's images (every use) past ``brief_pixels``, or None."""
    limits, total = ctx.limits, ctx.extra.get("raster_pixels", 0) + pixels
    if total > limits.brief_pixels:
        return (f"{lead} {total:,} pixels (an image counts each time it is used), more"
                f" than the limit of {limits.brief_pixels:,} (brief_pixels); scale the images down or use them"
                f" fewer times, or {limits.hint('brief_pixels')}")
    return None


def _decode_problem(data: bytes, kind: str, header: _Header) -> str | None:
    try:
        image = _open(data, kind)
        if image.size != (header.width, header.height):  # a second SOF (Pillow keeps the last)
            return f"it is not a valid {kind} file: it gives two different sizes"
        _prepared(image)
    except Exception as exc:  # noqa: BLE001 - any decoder failure means the file is damaged
        return f"its image data is damaged or cut short ({_reason(exc)}); export the image again"
    return None


def _reason(exc: Exception) -> str:
    text = str(exc).split("\n")[0][:120] or type(exc).__name__
    return text.rstrip(".")


def _sniff(data: bytes) -> str | None:
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if data.startswith(JPEG_SIGNATURE):
        return "JPEG"
    return None


def _header(data: bytes, kind: str, limits) -> _Header:
    """The image's size from its header, within the per-image limits; :class:`_Refused` if not."""
    if _sniff(data) != kind:
        raise _Refused(f"it is not a valid {kind} file")
    header = _png_header(data) if kind == "PNG" else _jpeg_header(data)
    pixels = header.width * header.height
    if pixels > limits.image_pixels:
        raise _Refused(f"it is {header.width}x{header.height} pixels ({pixels:,}), more than the limit of"
                       f" {limits.image_pixels:,} (image_pixels); scale it down, or {limits.hint('image_pixels')}")
    if max(header.width, header.height) > limits.image_side:
        raise _Refused(f"it is {header.width}x{header.height} pixels, and a side longer than the limit of"
                       f" {limits.image_side:,} pixels (image_side) costs far more to decode than its size"
                       f" suggests; scale it down, or {limits.hint('image_side')}")
    if kind == "JPEG":
        scans = _jpeg_scans(data, limits.image_scans)
        if scans > limits.image_scans:
            raise _Refused(f"it has more than {limits.image_scans:,} scans (the limit set by image_scans), and a"
                           f" JPEG is decoded once per scan; save it again as a baseline or standard progressive"
                           f" JPEG, or {limits.hint('image_scans')}")
    return header


def _png_header(data: bytes) -> _Header:
    if len(data) < 33 or data[8:16] != b"\x00\x00\x00\x0dIHDR":
        raise _Refused("it is not a valid PNG file: no IHDR header after the signature")
    width, height, depth, color, compression, filtering, interlace = struct.unpack(">IIBBBBB", data[16:29])
    if not (0 < width < 2**31 and 0 < height < 2**31):
        raise _Refused(f"it is not a valid PNG file: its header gives a size of {width}x{height} pixels")
    if depth not in _PNG_DEPTHS.get(color, ()) or compression or filtering or interlace > 1:
        raise _Refused(f"it is not a valid PNG file: its header gives colour type {color} at bit depth"
                       f" {depth}, compression {compression}, filter {filtering}, interlace {interlace}")
    return _Header("PNG", width, height)


#: Most marker segments, and fill bytes, in a JPEG (encoders write a few dozen segments and no fill bytes;
#: Pillow reads the header a byte at a time).
_MAX_SEGMENTS, _MAX_FILL = 1_000, 10_000
#: A marker in entropy-coded data: 0xFF then neither a stuffed 0x00, a restart marker nor a fill byte
#: (no repetition in the pattern: a long run of 0xFF must not make the search quadratic).
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_FILL = re.compile(rb"\xff+")


def _jpeg_segments(data: bytes):
    """(offset, marker, length) of each marker segment, skipping fill bytes and the scans' coded data;
    stops at the end of the image or of the data. :class:`_Refused` where a marker should be and is not."""
    at, fill = 2, 0
    for _ in range(_MAX_SEGMENTS):
        if at + 4 > len(data):
            return
        if data[at] != 0xFF:
            raise _Refused(f"it is not a valid JPEG file: no marker at byte {at}")
        end = _FILL.match(data, at).end() - 1  # the last of a run of 0xFF (fill bytes)
        at, fill = end, fill + end - at
        if fill > _MAX_FILL:
            raise _Refused(f"it is not a valid JPEG file: it has more than {_MAX_FILL:,} fill bytes (0xFF) between"
                           " its segments, which no encoder writes; export the image again")
        marker = data[at + 1] if at + 1 < len(data) else 0xD9
        if marker == 0xD9:
            return
        if marker in (0x01, *range(0xD0, 0xD8)):  # segments without a length
            yield at, marker, 0
            at += 2
            continue
        length = int.from_bytes(data[at + 2:at + 4], "big")
        yield at, marker, length
        at += 2 + max(length, 2)
        if marker == 0xDA:
            found = _NEXT_MARKER.search(data, at)
            if found is None:
                return
            at = found.start()
    raise _Refused(f"it is not a valid JPEG file: it has more than {_MAX_SEGMENTS:,} marker segments, which no"
                   " encoder writes; export the image again")


def _jpeg_header(data: bytes) -> _Header:
    """The size in the first SOFn segment, walking the marker segments before the first scan."""
    for at, marker, length in _jpeg_segments(data):
        if marker in _SOF:
            if length < 8 or at + 4 + 6 > len(data):
                break
            precision, height, width, components = struct.unpack(">BHHB", data[at + 4:at + 10])
            if not width or not height:
                raise _Refused(f"it is not a valid JPEG file: its header gives a size of {width}x{height} pixels")
            if components not in (1, 3, 4) or precision not in (8, 12):
                raise _Refused(f"it is not a valid JPEG file: its header gives {components} colour components"
                               f" at {precision} bits")
            return _Header("JPEG", width, height)
        if marker == 0xDA or (length < 2 and marker not in (0x01, *range(0xD0, 0xD8))):
            break  # a scan before any frame header, or a damaged segment
    raise _Refused("it is not a valid JPEG file: no frame header (SOF) giving its size; the file is cut"
                   " short or is not an image")


def _jpeg_scans(data: bytes, most: int) -> int:
    """How many scans (SOS segments) the JPEG has, counted up to ``most + 1``, without decoding any."""
    scans = 0
    for _at, marker, _length in _jpeg_segments(data):
        scans += marker == 0xDA
        if scans > most:
            break
    return scans


# -- decoding -------------------------------------------------------------------------------------

def _open(source, kind: str):
    """The image (from bytes or a path), lazily (header only), without Image.open's process-wide
    bomb check."""
    from PIL import JpegImagePlugin, PngImagePlugin

    cls = PngImagePlugin.PngImageFile if kind == "PNG" else JpegImagePlugin.JpegImageFile
    return cls(io.BytesIO(source) if isinstance(source, bytes) else str(source))


def _orientation(image) -> int:
    if image.format != "JPEG":
        return 1
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block is ignored, as viewers do
        return 1
    return value if value in _ORIENT else 1


def _passes_through(image) -> bool:
    """A JPEG ReportLab embeds as it is (its own reader covers grey and RGB only)."""
    return image.format == "JPEG" and image.mode in ("L", "RGB")


def _prepared(image):
    """The decoded image in a mode ReportLab draws without loss: L, RGB, LA or RGBA.

    CMYK becomes RGB: a PDF/A file whose colours are sRGB (its output intent) may not use
    DeviceCMYK, and a screen shows RGB anyway.
    """
    image.load()
    mode, info = image.mode, image.info
    if mode.startswith("I;16"):
        return _grey_from_16_bits(image)
    if mode in ("P", "PA"):
        return image.convert("RGBA" if mode == "PA" or "transparency" in info else "RGB")
    if mode in ("L", "RGB") and "transparency" in info:
        return image.convert("LA" if mode == "L" else "RGBA")
    if mode == "1":
        return image.convert("L")
    if mode not in _READY_MODES:
        return image.convert("RGB")
    if mode in ("LA", "RGBA") and image.getchannel("A").getextrema() == (255, 255):
        return image.convert(mode[:-1])  # opaque: no soft mask, a third less memory when drawn
    return image


def _grey_from_16_bits(image):
    """8-bit grey from 16-bit grey (the high byte), with its tRNS colour as a mask."""
    import numpy
    from PIL import Image

    order = ">u2" if image.mode == "I;16B" else "<u2"
    values = numpy.frombuffer(image.tobytes(), dtype=order).reshape(image.height, image.width)
    grey = Image.fromarray((values >> 8).astype(numpy.uint8))
    key = image.info.get("transparency")
    if isinstance(key, int):
        grey.putalpha(Image.fromarray(numpy.where(values == key, 0, 255).astype(numpy.uint8)))
    return grey


# -- drawing --------------------------------------------------------------------------------------

def raster_size(path: Path) -> tuple[float, float]:
    """Width and height in pixels as displayed (EXIF orientation applied)."""
    path = Path(path)
    with _open(path, _KINDS[path.suffix.lower()]) as image:
        width, height = image.size
        turned = _orientation(image) in (5, 6, 7, 8)
    return (height, width) if turned else (width, height)


def drawing_source(path: Path):
    """What drawing the image needs: (orientation map from the unit square to the displayed one, the
    source for ``canvas.drawImage``, its mask). A grey or RGB JPEG passes through as its own bytes."""
    from reportlab.lib.utils import ImageReader

    path = Path(path)
    with _open(path, _KINDS[path.suffix.lower()]) as image:
        orient = _ORIENT[_orientation(image)]
        if _passes_through(image):
            # ReportLab embeds the JPEG's bytes (DCTDecode), named by what it is, not where it is
            return orient, ContentNamed(path, hashlib.sha256(path.read_bytes()).hexdigest()[:24]), None
        return orient, ImageReader(_prepared(image)), "auto"


class ContentNamed(str):
    """A JPEG's path that prints as a hash of its bytes.

    ReportLab opens the path, but names the image in the PDF after the path as printed:
    named by its bytes, a brief gives the same PDF whatever folder it is built in.
    """

    def __new__(cls, path, digest: str):
        named = super().__new__(cls, str(path))
        named.digest, named.path = digest, Path(path)  # pathlib reads a str by str(): keep the real one
        return named

    def __str__(self) -> str:
        return f"jpeg-{self.digest}"


def cmyk_reader(source):
    """What ``canvas.drawImage`` takes (a path, a Pillow image or an ImageReader) as a reader of its pixels
    in the press profile's CMYK (grey stays grey), its alpha kept as a soft mask: for the CMYK edition."""
    from PIL import Image

    reader = _cmyk_reader_class()
    if isinstance(source, reader):
        return source
    if isinstance(source, Image.Image):
        return reader(source)
    image = getattr(source, "_image", None)
    if image is None:  # a path: a JPEG passed through as its own (RGB) bytes in the RGB edition
        path = getattr(source, "path", None) or Path(getattr(source, "fileName", source))
        with _open(path, _KINDS[path.suffix.lower()]) as opened:
            image = _prepared(opened)
    return reader(image)


@lru_cache(maxsize=None)
def _cmyk_reader_class():
    from reportlab.lib.utils import ImageReader

    class CmykReader(ImageReader):
        def __init__(self, image):
            from ..theme.color import cmyk_image

            super().__init__(image)
            self._converted, self._alpha = cmyk_image(image)

        def jpeg_fh(self):
            return None  # never a JPEG's own bytes: they are RGB

        def getRGBData(self):  # ReportLab's name: the pixels as embedded, here CMYK (or grey)
            if self._data is None:
                self.mode = self._converted.mode
                self._dataA = _alpha_reader(self._alpha)
                self._data = self._converted.tobytes()
            return self._data

        def getTransparent(self):
            return None

    return CmykReader


def _alpha_reader(alpha):
    if alpha is None or alpha.getextrema() == (255, 255):
        return None
    from reportlab.lib.utils import ImageReader

    return ImageReader(alpha)
