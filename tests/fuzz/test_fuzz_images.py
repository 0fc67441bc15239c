"""Fuzzing images: PNGs and JPEGs of valid structure with hostile header fields end in a PDF or a
clean, positioned BriefError, never another exception.

CI runs a bounded number of examples; set BRIEFGEN_FUZZ_EXAMPLES=5000 for a longer search.
"""

import io
import os
import struct

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import briefgen
from briefgen.errors import BriefError
from tests.helpers import craft_png, pdf_reader, png_chunk, write_brief

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "30"))
SIZES = st.sampled_from([0, 1, 2, 3, 7, 64, 255, 4999, 5000, 5001, 30000, 65535, 2**31 - 1, 2**31, 2**32 - 1])
SMALL = st.integers(1, 80)
BRIEF = """\
meta:
  title: Fuzz
  date: 2025-04-30
  organisation: {{name: X}}
sections:
  - heading: One
    blocks:
      - figure: {{file: {0}, title: T, alt: a}}
"""


@st.composite
def pngs(draw):
    width = draw(st.one_of(SMALL, SIZES))
    height = draw(st.one_of(SMALL, SIZES))
    depth = draw(st.sampled_from([0, 1, 2, 3, 4, 8, 16, 32]))
    color = draw(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 7]))
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(color, 1)
    row = (min(width, 200) * channels * max(depth, 1) + 7) // 8
    rows = min(height, 80)
    raw = draw(st.one_of(
        st.just(b"".join(bytes([r % 5]) + bytes((r * 31 + i) % 256 for i in range(row)) for r in range(rows))),
        st.binary(max_size=2000)))
    extra = b""
    if draw(st.booleans()):
        extra += png_chunk(b"PLTE", draw(st.binary(max_size=800)))
    if draw(st.booleans()):
        extra += png_chunk(b"tRNS", draw(st.binary(max_size=300)))
    if draw(st.booleans()):
        extra += png_chunk(b"eXIf", draw(st.binary(max_size=100)))
    data = craft_png(width, height, depth, color, raw=raw, extra=extra, interlace=draw(st.sampled_from([0, 1, 2])))
    return _damage(draw, data)


@st.composite
def jpegs(draw):
    mode = draw(st.sampled_from(["L", "RGB", "CMYK"]))
    image = Image.new(mode, (draw(SMALL), draw(SMALL)), draw(st.integers(0, 255)))
    exif = Image.Exif()
    exif[0x0112] = draw(st.sampled_from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 65535]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), progressive=draw(st.booleans()))
    data = bytearray(buffer.getvalue())
    at = next(i for i in range(2, len(data) - 1) if data[i] == 0xFF and data[i + 1] in (0xC0, 0xC2))
    if draw(st.booleans()):  # hostile frame header: precision, height, width, components
        fields = struct.pack(">BHHB", draw(st.sampled_from([0, 8, 12, 16, 255])), draw(st.integers(0, 65535)),
                             draw(st.integers(0, 65535)), draw(st.sampled_from([0, 1, 2, 3, 4, 255])))
        data[at + 4:at + 10] = fields
    return _damage(draw, bytes(data))


def _damage(draw, data: bytes) -> bytes:
    how = draw(st.sampled_from(["none", "truncate", "flip", "append"]))
    if how == "truncate":
        return data[:draw(st.integers(0, len(data)))]
    if how == "flip":
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    if how == "append":
        return data + draw(st.binary(max_size=200))
    return data


@settings(max_examples=EXAMPLES, deadline=None, derandomize="BRIEFGEN_FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(image=st.one_of(pngs().map(lambda d: ("image.png", d)), jpegs().map(lambda d: ("image.jpg", d))))
def test_hostile_image_builds_or_fails_cleanly(tmp_path_factory, image):
    name, data = image
    folder = tmp_path_factory.mktemp("fuzz-image")
    (folder / name).write_bytes(data)
    path = write_brief(folder, BRIEF.format(name))
    out = folder / "out"
    try:
        target = briefgen.build(path, out)
    except BriefError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file and diagnostic.line and diagnostic.message and diagnostic.path
        assert not out.exists() or not any(out.iterdir()), "a failed build left files behind"
        return
    assert len(pdf_reader(target.read_bytes()).pages) >= 1
