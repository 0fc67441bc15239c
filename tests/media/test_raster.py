"""PNG and JPEG files: refused from their headers and a bounded decode, drawn upright and without loss."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from types import SimpleNamespace

import pytest
from PIL import Image

import briefgen
from briefgen.errors import BriefError
from briefgen.limits import Limits
from briefgen.media.raster import raster_bytes_pixels, raster_problem, raster_size
from tests.helpers import craft_png, page_texts, pdf_reader, png_chunk, render_page, write_brief, zeros_png

HINT = "raise the limit with --limit {0}=N or BRIEFGEN_LIMIT_{1}=N if the input is trusted"
FIGURE = "      - figure: {{file: {0}, title: T, alt: a}}\n"


def brief(folder, *files):
    return write_brief(folder, "meta:\n  title: Images\n  date: 2025-04-30\n  organisation: {name: X}\n"
                               "sections:\n  - heading: One\n    blocks:\n"
                       + "".join(FIGURE.format(name) for name in files))


def errors(path, **kw):
    with pytest.raises(BriefError) as caught:
        briefgen.build(path, path.parent / "out", **kw)
    assert not (path.parent / "out").exists()
    return [f"{d.line}:{d.col}: {d.path}: {d.message}" for d in caught.value.diagnostics]


def cannot(name, problem, block=0):
    return f"{8 + block}:24: sections[0].blocks[{block}].figure.file: file {name!r} cannot be used: {problem}"


def png(image: Image.Image, **kw) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", **kw)
    return buffer.getvalue()


def jpeg(image: Image.Image, **kw) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, **kw)
    return buffer.getvalue()


# -- refused at load time -------------------------------------------------------------------------

def test_truncated_png(tmp_path):
    data = png(Image.new("RGB", (300, 200), "#345"))
    (tmp_path / "cut.png").write_bytes(data[: len(data) // 2])
    assert errors(brief(tmp_path, "cut.png")) == [cannot(
        "cut.png", "its image data is damaged or cut short (image file is truncated); export the image again")]


def test_png_header_followed_by_a_zip(tmp_path):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.txt", "hello " * 100)
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", 100, 100, 8, 2, 0, 0, 0))
    (tmp_path / "zip.png").write_bytes(b"\x89PNG\r\n\x1a\n" + header + archive.getvalue())
    (found,) = errors(brief(tmp_path, "zip.png"))
    assert found.startswith(cannot("zip.png", "its image data is damaged or cut short (broken PNG file"))
    assert found.endswith("; export the image again")


def test_png_signature_alone(tmp_path):
    (tmp_path / "sig.png").write_bytes(b"\x89PNG\r\n\x1a\nPK\x03\x04")
    assert errors(brief(tmp_path, "sig.png")) == [cannot(
        "sig.png", "it is not a valid PNG file: no IHDR header after the signature")]


def test_bare_jpeg_header(tmp_path):
    (tmp_path / "bare.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    assert errors(brief(tmp_path, "bare.jpg")) == [cannot(
        "bare.jpg", "it is not a valid JPEG file: no frame header (SOF) giving its size; the file is cut short"
                    " or is not an image")]


def test_truncated_jpeg(tmp_path):
    data = jpeg(Image.effect_noise((400, 300), 60).convert("RGB"))
    (tmp_path / "cut.jpg").write_bytes(data[: len(data) // 2])
    (found,) = errors(brief(tmp_path, "cut.jpg"))
    assert found.startswith(cannot("cut.jpg", "its image data is damaged or cut short (image file is truncated"))


def test_jpeg_with_a_second_larger_frame_header(tmp_path):
    data = jpeg(Image.new("RGB", (40, 30), "#345"))
    at = data.index(b"\xff\xc0")
    sof = data[at:at + 2 + int.from_bytes(data[at + 2:at + 4], "big")]
    huge = sof[:5] + struct.pack(">HH", 60000, 60000) + sof[9:]
    (tmp_path / "two.jpg").write_bytes(data[:at] + sof + huge + data[at + len(sof):])
    assert errors(brief(tmp_path, "two.jpg")) == [cannot(
        "two.jpg", "it is not a valid JPEG file: it gives two different sizes")]


@pytest.mark.parametrize("depth, color", [(3, 2), (16, 3), (1, 6), (8, 5)])
def test_impossible_png_header_fields(tmp_path, depth, color):
    (tmp_path / "odd.png").write_bytes(craft_png(10, 10, depth, color, raw=b"\x00" * 11))
    assert errors(brief(tmp_path, "odd.png")) == [cannot(
        "odd.png", f"it is not a valid PNG file: its header gives colour type {color} at bit depth {depth},"
                   " compression 0, filter 0, interlace 0")]


def test_zero_size_png(tmp_path):
    (tmp_path / "empty.png").write_bytes(craft_png(0, 10, raw=b""))
    assert errors(brief(tmp_path, "empty.png")) == [cannot(
        "empty.png", "it is not a valid PNG file: its header gives a size of 0x10 pixels")]


def test_huge_png_is_refused_from_its_header(tmp_path):
    # 30000x30000 in the header, a few rows of data: nothing is decoded.
    (tmp_path / "huge.png").write_bytes(craft_png(30000, 30000, 8, 0, raw=b"\x00" * 30001 * 4))
    started = time.perf_counter()
    found = errors(brief(tmp_path, "huge.png"))
    assert time.perf_counter() - started < 2
    assert found == [cannot("huge.png", "it is 30000x30000 pixels (900,000,000), more than the limit of"
                            " 25,000,000 (image_pixels); scale it down, or "
                            + HINT.format("image_pixels", "IMAGE_PIXELS"))]


def test_decompression_bomb(tmp_path):
    (tmp_path / "bomb.png").write_bytes(zeros_png(6000, 6000))
    assert (tmp_path / "bomb.png").stat().st_size < 100_000
    assert errors(brief(tmp_path, "bomb.png")) == [cannot(
        "bomb.png", "it is 6000x6000 pixels (36,000,000), more than the limit of 25,000,000 (image_pixels);"
                    " scale it down, or " + HINT.format("image_pixels", "IMAGE_PIXELS"))]


def test_the_images_of_a_brief_are_bounded_together(tmp_path):
    for name in ("a.png", "b.png", "c.png"):
        (tmp_path / name).write_bytes(zeros_png(300, 200))
    path = brief(tmp_path, "a.png", "b.png", "a.png", "c.png")  # a.png twice counts twice: it is drawn twice
    limits = Limits.from_env({}, {"brief_pixels": 150_000})
    assert errors(path, limits=limits) == [cannot(
        "a.png", "with it the brief's images have 180,000 pixels (an image counts each time it is used), more than"
                 " the limit of 150,000 (brief_pixels); scale the images down or use them fewer times, or "
                 + HINT.format("brief_pixels", "BRIEF_PIXELS"), block=2)] + [cannot(
        "c.png", "with it the brief's images have 180,000 pixels (an image counts each time it is used), more than"
                 " the limit of 150,000 (brief_pixels); scale the images down or use them fewer times, or "
                 + HINT.format("brief_pixels", "BRIEF_PIXELS"), block=3)]


def test_one_image_used_many_times_counts_each_use(tmp_path):
    # Before: counted once, decoded for every use (one 4900x4900 PNG as 20 figures took 9.8 s).
    (tmp_path / "big.png").write_bytes(zeros_png(4900, 4900))
    started = time.perf_counter()
    found = errors(brief(tmp_path, *["big.png"] * 20))
    assert time.perf_counter() - started < 3
    assert found == [cannot(  # a refused use is not counted, so every later use gives the same total
        "big.png", "with it the brief's images have 48,020,000 pixels (an image counts each time it is used), more"
                   " than the limit of 40,000,000 (brief_pixels); scale the images down or use them fewer times, or "
                   + HINT.format("brief_pixels", "BRIEF_PIXELS"), block=k) for k in range(1, 20)]


def test_one_image_used_many_times_is_decoded_once_per_load(tmp_path):
    from briefgen.schema import check_brief

    (tmp_path / "big.png").write_bytes(zeros_png(4900, 4900))
    path = brief(tmp_path, *["big.png"] * 20)
    started = time.perf_counter()
    check_brief(path, limits=Limits.from_env({}, {"brief_pixels": 10**9}))
    assert time.perf_counter() - started < 1.5  # one decode is about 0.3 s


def test_an_image_used_within_the_total_is_drawn_each_time(tmp_path):
    (tmp_path / "a.png").write_bytes(png(Image.new("RGB", (30, 20), "red")))
    data = briefgen.build(brief(tmp_path, "a.png", "a.png", "a.png"), tmp_path / "out").read_bytes()
    text = "".join(page_texts(data))
    assert all(f"Figure {n}" in text for n in (1, 2, 3))


def test_a_long_thin_image_is_refused_from_its_header(tmp_path):
    # Before: a 39 KB 1x20,000,000 PNG (under image_pixels) took 3.3 s to decode.
    (tmp_path / "thin.png").write_bytes(zeros_png(1, 20_000_000))
    started = time.perf_counter()
    assert errors(brief(tmp_path, "thin.png")) == [cannot(
        "thin.png", "it is 1x20000000 pixels, and a side longer than the limit of 30,000 pixels (image_side) costs"
                    " far more to decode than its size suggests; scale it down, or "
                    + HINT.format("image_side", "IMAGE_SIDE"))]
    assert time.perf_counter() - started < 1


def many_scans_jpeg(scans: int, side: int = 64) -> bytes:
    """A grey progressive JPEG of ``side`` x ``side`` with one DC scan and ``scans - 1`` identical AC scans
    (one end-of-band bit a block): tiny to store, but the decoder walks every block for every scan."""
    def segment(marker, body):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body

    blocks = (side // 8) ** 2
    coded = bytes((blocks + 7) // 8 - 1) + bytes([(1 << (-blocks % 8)) - 1])  # a "0" a block, then 1s
    table = bytes([1] + [0] * 15) + b"\x00"  # one code, "0", for symbol 0 (DC: no change; AC: end of band)
    return (b"\xff\xd8" + segment(0xDB, b"\x00" + b"\x01" * 64)
            + segment(0xC2, struct.pack(">BHHB", 8, side, side, 1) + b"\x01\x11\x00")
            + segment(0xC4, b"\x00" + table) + segment(0xC4, b"\x10" + table)
            + segment(0xDA, b"\x01\x01\x00\x00\x00\x00") + coded
            + (segment(0xDA, b"\x01\x01\x00\x01\x3f\x00") + coded) * (scans - 1) + b"\xff\xd9")


def test_a_jpeg_with_too_many_scans_is_refused_before_decoding(tmp_path):
    # Before: a 200 KB 4096x4096 progressive JPEG of 5,000 scans took 9 s to decode.
    (tmp_path / "scans.jpg").write_bytes(many_scans_jpeg(101))
    assert errors(brief(tmp_path, "scans.jpg")) == [cannot(
        "scans.jpg", "it has more than 100 scans (the limit set by image_scans), and a JPEG is decoded once per"
                     " scan; save it again as a baseline or standard progressive JPEG, or "
                     + HINT.format("image_scans", "IMAGE_SCANS"))]


def test_jpegs_with_scans_within_the_limit_are_used(tmp_path):
    (tmp_path / "edge.jpg").write_bytes(many_scans_jpeg(100))
    (tmp_path / "progressive.jpg").write_bytes(jpeg(Image.new("RGB", (64, 48), "red"), progressive=True))
    data = briefgen.build(brief(tmp_path, "edge.jpg", "progressive.jpg"), tmp_path / "out").read_bytes()
    assert sum(len(page.images) for page in pdf_reader(data).pages) == 2


def test_image_bytes_limit(tmp_path):
    (tmp_path / "a.png").write_bytes(zeros_png(300, 200))
    size = (tmp_path / "a.png").stat().st_size
    limits = Limits.from_env({}, {"image_bytes": 100})
    assert errors(brief(tmp_path, "a.png"), limits=limits) == [cannot(
        "a.png", f"it is {size:,} bytes, more than the limit of 100 (image_bytes); make it smaller, or "
                 + HINT.format("image_bytes", "IMAGE_BYTES"))]


def test_raster_pixels_for_svg_data_uris_are_not_counted_by_the_check(tmp_path):
    ctx = SimpleNamespace(limits=Limits(), extra={})
    assert raster_bytes_pixels(png(Image.new("RGB", (20, 10))), ctx) == 200
    assert raster_bytes_pixels(b"GIF89a", ctx) == "the embedded image is neither a PNG nor a JPEG"
    assert raster_bytes_pixels(zeros_png(6000, 6000), ctx).startswith("it is 6000x6000 pixels (36,000,000)")
    assert "raster_pixels" not in ctx.extra  # the SVG counts them, once per time it draws the image
    (tmp_path / "a.png").write_bytes(png(Image.new("RGB", (20, 10))))
    assert raster_problem(tmp_path / "a.png", ctx) is None
    assert raster_problem(tmp_path / "a.png", ctx) is None  # every use counts
    assert ctx.extra["raster_pixels"] == 400
    assert [v for v in ctx.extra["raster_verdicts"].values() if v == 200] == [200, 200]  # each decoded once


# -- drawn right ----------------------------------------------------------------------------------

def build_page(tmp_path, name, data, page=0):
    (tmp_path / name).write_bytes(data)
    target = briefgen.build(brief(tmp_path, name), tmp_path / "out")
    return target.read_bytes(), render_page(target.read_bytes(), page, scale=1)


def picture(page_image):
    """The non-white area of the page below the caption: (box, image)."""
    from PIL import ImageChops

    width, height = page_image.size
    body = page_image.crop((0, int(height * 0.23), width, int(height * 0.93)))
    box = ImageChops.difference(body, Image.new("RGB", body.size, "white")).getbbox()
    return box, body.crop(box)


def test_sixteen_bit_grey_prints_grey(tmp_path):
    raw = b"".join(b"\x00" + struct.pack(">H", 0x8080) * 200 for _ in range(100))
    _, page = build_page(tmp_path, "grey16.png", craft_png(200, 100, 16, 0, raw=raw))
    box, shown = picture(page)
    assert box is not None, "the 16-bit image printed white"
    r, g, b = shown.getpixel((shown.width // 2, shown.height // 2))
    assert abs(r - 128) <= 2 and r == g == b


def test_jpeg_with_exif_orientation_6_is_upright(tmp_path):
    stored = Image.new("RGB", (200, 100), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 100, 100))  # left half red: it is the top once turned clockwise
    exif = Image.Exif()
    exif[0x0112] = 6
    data = jpeg(stored, exif=exif.tobytes())
    (tmp_path / "probe.jpg").write_bytes(data)
    assert raster_size(tmp_path / "probe.jpg") == (100, 200)
    pdf, page = build_page(tmp_path, "turned.jpg", data)
    assert b"/DCTDecode" in pdf  # the JPEG's own bytes, turned by the drawing transform
    box, shown = picture(page)
    assert shown.height > 1.8 * shown.width
    top = shown.getpixel((shown.width // 2, shown.height // 4))
    bottom = shown.getpixel((shown.width // 2, 3 * shown.height // 4))
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def _modes():
    colour = (200, 40, 40)
    rgba = Image.new("RGBA", (60, 40), colour + (255,))
    palette = Image.new("RGB", (60, 40), colour).convert("P", palette=Image.Palette.ADAPTIVE)
    cmyk = Image.new("RGB", (60, 40), colour).convert("CMYK")
    return {
        "rgba.png": png(rgba), "palette.png": png(palette),
        "palette-trns.png": png(palette, transparency=255),
        "la.png": png(Image.new("LA", (60, 40), (90, 255))),
        "one-bit.png": png(Image.new("1", (60, 40), 0)),
        "rgb16.png": craft_png(60, 40, 16, 2, raw=b"".join(b"\x00" + b"\xc8\x00\x28\x00\x28\x00" * 60
                                                          for _ in range(40))),
        "cmyk.jpg": jpeg(cmyk), "grey.jpg": jpeg(Image.new("L", (60, 40), 90)),
    }


@pytest.mark.parametrize("name", sorted(_modes()))
def test_every_mode_prints_its_colour(tmp_path, name):
    data, page = build_page(tmp_path, name, _modes()[name])
    box, shown = picture(page)
    assert box is not None, f"{name} printed nothing"
    pixel = shown.getpixel((shown.width // 2, shown.height // 2))
    grey = name.startswith(("la", "grey"))
    expected = (0, 0, 0) if name == "one-bit.png" else (90, 90, 90) if grey else (200, 40, 40)
    assert max(abs(a - b) for a, b in zip(pixel, expected)) <= 12, (name, pixel)


def test_a_cmyk_jpeg_is_drawn_in_rgb_so_the_pdf_stays_pdf_a(tmp_path):
    page = pytest.importorskip("page")
    import pikepdf

    data, _ = build_page(tmp_path, "cmyk.jpg", _modes()["cmyk.jpg"])
    (tmp_path / "cmyk.pdf").write_bytes(data)
    with pikepdf.open(tmp_path / "cmyk.pdf") as pdf:
        spaces = [str(o.get("/ColorSpace")) for o in pdf.objects
                  if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
    assert spaces == ["/DeviceRGB"]
    assert [f.rule_id for f in page.validate_pdf(str(tmp_path / "cmyk.pdf"), profile="2b").failures] == []


def test_builds_are_byte_reproducible(tmp_path):
    modes = _modes()
    for name, data in modes.items():
        (tmp_path / name).write_bytes(data)
    path = brief(tmp_path, *sorted(modes))
    first = briefgen.build(path, tmp_path / "one").read_bytes()
    second = briefgen.build(path, tmp_path / "two").read_bytes()
    assert first == second
    assert len(pdf_reader(first).pages) >= 1


def test_sixteen_bit_grey_keeps_its_transparent_colour(tmp_path):
    dark, keyed = struct.pack(">H", 0x1000), struct.pack(">H", 0x8000)  # keyed: grey if unmasked
    raw = b"".join(b"\x00" + dark * 30 + keyed * 40 + dark * 30 for _ in range(40))  # clear in the middle
    data = craft_png(100, 40, 16, 0, raw=raw, extra=png_chunk(b"tRNS", keyed))
    _, page = build_page(tmp_path, "keyed.png", data)
    box, shown = picture(page)
    assert shown.getpixel((shown.width // 8, shown.height // 2))[0] < 30
    assert shown.getpixel((shown.width // 2, shown.height // 2)) == (255, 255, 255)


def test_validate_finds_what_build_finds(tmp_path, capsys):
    from tests.helpers import run_cli

    (tmp_path / "bomb.png").write_bytes(zeros_png(6000, 6000))
    path = brief(tmp_path, "bomb.png")
    status, out, err = run_cli(["validate", path], capsys)
    assert status == 2
    assert f"{path}:8:24: sections[0].blocks[0].figure.file: file 'bomb.png' cannot be used: it is 6000x6000" in err


def test_a_jpeg_of_many_empty_segments_is_refused_quickly(tmp_path):
    # Each segment is a Python step in the header walk: 4 MB of 4-byte segments, or of fill bytes, must stay cheap.
    frame = many_scans_jpeg(1)[2:]
    (tmp_path / "segments.jpg").write_bytes(b"\xff\xd8" + b"\xff\xe1\x00\x02" * 1_000_000 + frame)
    (tmp_path / "fill.jpg").write_bytes(b"\xff\xd8" + b"\xff" * 4_000_000 + frame)
    started = time.perf_counter()
    assert errors(brief(tmp_path, "segments.jpg", "fill.jpg")) == [cannot(
        "segments.jpg", "it is not a valid JPEG file: it has more than 1,000 marker segments, which no encoder"
                        " writes; export the image again"), cannot(
        "fill.jpg", "it is not a valid JPEG file: it has more than 10,000 fill bytes (0xFF) between its segments,"
                    " which no encoder writes; export the image again", block=1)]
    assert time.perf_counter() - started < 1


def test_a_jpeg_gives_the_same_pdf_whatever_folder_the_brief_is_built_in(tmp_path):
    """ReportLab names an embedded JPEG after the path it is given: ours names it by its bytes."""
    built = []
    for folder in ("first", "second/deeper"):
        where = tmp_path / folder
        where.mkdir(parents=True)
        Image.new("RGB", (40, 30), (200, 60, 20)).save(where / "photo.jpg", quality=90)
        brief = write_brief(where, """\
            meta:
              title: A photograph
              date: 2025-05-01
              organisation: {name: Org}
            sections:
              - heading: One
                blocks:
                  - figure: {file: photo.jpg, title: A photograph, alt: An orange rectangle.}
            """)
        built.append(briefgen.build(brief, where / "out").read_bytes())
    assert b"/DCTDecode" in built[0]  # passed through, not decoded and compressed again
    assert built[0] == built[1]
