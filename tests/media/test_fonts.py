"""Font files in a theme: a damaged, truncated or CFF-outlined font is a positioned error at load time."""

from __future__ import annotations

import shutil
import struct
import time

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.limits import Limits
from tests.helpers import ROOT, fonts_brief, fonts_used, page_texts

LATO = ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf"
HINT = "raise the limit with --limit font_bytes=N or BRIEFGEN_LIMIT_FONT_BYTES=N if the input is trusted"


def brief(folder, regular):
    return fonts_brief(folder, "body: {name: Partner, regular: " + str(regular)
                       + ", italic: italic.ttf, bold: bold.ttf, bold_italic: bold-italic.ttf}")


def errors(path, **kw):
    with pytest.raises(BriefError) as caught:
        briefgen.build(path, path.parent / "out", **kw)
    assert not (path.parent / "out").exists()
    return [f"{d.line}:{d.col}: {d.path}: {d.message}" for d in caught.value.diagnostics]


def cannot(name, problem):
    return f"7:36: style.fonts.body.regular: file {name!r} cannot be used: {problem}"


def test_truncated_font(tmp_path):
    data = LATO.read_bytes()
    (tmp_path / "cut.ttf").write_bytes(data[: len(data) // 2])
    assert errors(brief(tmp_path, "cut.ttf")) == [cannot(
        "cut.ttf", "it is damaged or cut short (its tables run past the end of the file); get a fresh copy of"
                   " the font")]


def test_corrupt_table_directory(tmp_path):
    data = bytearray(LATO.read_bytes())
    data[12:12 + 16 * 4] = bytes(range(64))  # the first four table records: tags, checksums, offsets
    (tmp_path / "bad.ttf").write_bytes(bytes(data))
    (found,) = errors(brief(tmp_path, "bad.ttf"))
    assert found.startswith(cannot("bad.ttf", "it is damaged or cut short ("))
    assert found.endswith("); get a fresh copy of the font")


def test_otf_with_cff_outlines(tmp_path):
    (tmp_path / "cff.otf").write_bytes(b"OTTO" + b"\x00" * 60)
    assert errors(brief(tmp_path, "cff.otf")) == [cannot(
        "cff.otf", "it is an OpenType font with PostScript (CFF) outlines, and ReportLab can embed only"
                   " TrueType outlines; use the TrueType (.ttf) version of the font")]


def test_otf_with_truetype_outlines_is_used(tmp_path):
    shutil.copy(LATO, tmp_path / "lato.otf")
    data = briefgen.build(brief(tmp_path, "lato.otf"), tmp_path / "out").read_bytes()
    assert "Hello." in page_texts(data)[0]
    assert any(name.endswith("+Lato-Regular") for name in fonts_used(data))


def test_not_a_font(tmp_path):
    (tmp_path / "text.ttf").write_text("hello")
    assert errors(brief(tmp_path, "text.ttf")) == [cannot("text.ttf", "it is not a valid TTF file")]


def test_font_bytes_limit(tmp_path):
    shutil.copy(LATO, tmp_path / "big.ttf")
    size = LATO.stat().st_size
    limits = Limits.from_env({}, {"font_bytes": 1000})
    found = errors(brief(tmp_path, "big.ttf"), limits=limits)
    assert found[0] == cannot("big.ttf", f"it is {size:,} bytes, more than the limit of 1,000 (font_bytes);"
                                         f" use a smaller font, or {HINT}")


def test_a_good_partner_font_is_embedded(tmp_path):
    shutil.copy(LATO, tmp_path / "regular.ttf")
    data = briefgen.build(brief(tmp_path, "regular.ttf"), tmp_path / "out").read_bytes()
    assert "Hello." in page_texts(data)[0]
    assert any(name.endswith("+Lato-Regular") for name in fonts_used(data))


def test_checking_fonts_is_cheap():
    from briefgen.media.fonts import _parse_problem

    started = time.perf_counter()
    for _ in range(10):
        assert _parse_problem(LATO, Limits()) is None
    assert (time.perf_counter() - started) / 10 < 0.05


def with_cmap(subtable: bytes) -> bytes:
    """Lato with its cmap replaced by one (Windows Unicode) subtable."""
    source = LATO.read_bytes()
    cmap = struct.pack(">HHHHI", 0, 1, 3, 10, 12) + subtable
    out = bytearray(source) + b"\0" * (-len(source) % 4)
    offset = len(out)
    for n in range(struct.unpack_from(">H", source, 4)[0]):
        if source[12 + 16 * n:16 + 16 * n] == b"cmap":
            out[20 + 16 * n:28 + 16 * n] = struct.pack(">II", offset, len(cmap))
    return bytes(out + cmap)


def groups(fmt: int, *ranges) -> bytes:
    """A format-12 or -13 cmap subtable: (first, last, glyph) groups."""
    return (struct.pack(">HHIII", fmt, 0, 16 + 12 * len(ranges), 0, len(ranges))
            + b"".join(struct.pack(">III", *group) for group in ranges))


def test_cmap_group_past_unicode_is_refused_before_reportlab_reads_it(tmp_path):
    # Before: ReportLab listed 2**31 characters (over 1.5 GB, then MemoryError).
    (tmp_path / "evil.ttf").write_bytes(with_cmap(groups(13, (0, 0x7FFFFFFF, 1))))
    started = time.perf_counter()
    assert errors(brief(tmp_path, "evil.ttf")) == [cannot(
        "evil.ttf", "its character map (cmap) lists characters up to U+7FFFFFFF, past the last Unicode character"
                    " U+10FFFF, so the file is damaged; get a fresh copy of the font")]
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("subtable", [
    groups(12, (0, 0x10FFFF, 1)),
    groups(13, *[(0x20, 0xFFFF, 1)] * 4),  # overlapping groups: ReportLab lists each again
    struct.pack(">HHHH", 4, 16 + 8 * 40, 0, 80) + b"\0" * 6 + b"\xff\xff" * 40 + b"\0\0" + b"\0\0" * 40
    + b"\0\x01" * 40 + b"\0\0" * 40,  # format 4: 40 segments of 0..0xFFFF
])
def test_cmap_listing_too_many_characters_is_refused(tmp_path, subtable):
    (tmp_path / "many.ttf").write_bytes(with_cmap(subtable))
    (found,) = errors(brief(tmp_path, "many.ttf"))
    assert found.startswith(cannot("many.ttf", "its character map (cmap) lists "))
    assert found.endswith(" characters, more than the limit of 200,000 (font_characters); use a font with fewer"
                          " characters, or raise the limit with --limit font_characters=N or"
                          " BRIEFGEN_LIMIT_FONT_CHARACTERS=N if the input is trusted")


def test_cmap_within_the_limit_is_used(tmp_path):
    (tmp_path / "ok.ttf").write_bytes(with_cmap(groups(12, (0x20, 0x7E, 3))))
    data = briefgen.build(brief(tmp_path, "ok.ttf"), tmp_path / "out").read_bytes()
    assert any(name.endswith("+Lato-Regular") for name in fonts_used(data))


def test_cmap_glyph_past_the_font_is_refused(tmp_path):
    (tmp_path / "past.ttf").write_bytes(with_cmap(groups(13, (0x20, 0x20, 3), (0x41, 0x5A, 60000))))
    (found,) = errors(brief(tmp_path, "past.ttf"))
    assert found.startswith(cannot("past.ttf", "its character map (cmap) uses glyph 60000 but the font has only "))


def composite_loop() -> bytes:
    """Lato whose glyphs from glyph 2 to the end of the glyf table are one composite whose parts never end
    (each says "more components"), so ReportLab's subsetter would walk them all, and on."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    font = TTFontFile(str(LATO))
    glyf, size = font.get_table_pos("glyf")
    begin = font.glyphPos[2]  # glyph 2, the first not empty after .notdef
    assert font.glyphPos[1] == font.glyphPos[2] < font.glyphPos[3]
    parts = (size - begin - 10) // 4
    data = bytearray(LATO.read_bytes())
    data[glyf + begin:glyf + begin + 10 + 4 * parts] = struct.pack(">h", -1) + b"\0" * 8 + b"\x00\x21\x00\x01" * parts
    return bytes(data)


def test_composite_glyph_running_past_its_data_is_refused(tmp_path):
    (tmp_path / "loop.ttf").write_bytes(composite_loop())
    assert errors(brief(tmp_path, "loop.ttf")) == [cannot(
        "loop.ttf", "its composite glyph 2 lists parts past its own data, so the file is damaged; get a fresh copy"
                    " of the font")]
