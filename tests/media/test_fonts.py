"""Font files in a theme: a damaged, truncated or CFF-outlined font is a positioned error at load time."""

from __future__ import annotations

import shutil
import time

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.limits import Limits
from tests.helpers import ROOT, fonts_used, page_texts, write_brief

LATO = ROOT / "assets" / "fonts" / "Lato-Regular.ttf"
HINT = "raise the limit with --limit font_bytes=N or BRIEFGEN_LIMIT_FONT_BYTES=N if the input is trusted"


def brief(folder, regular):
    for name in ("italic.ttf", "bold.ttf", "bold-italic.ttf"):
        shutil.copy(LATO, folder / name)
    return write_brief(folder, f"""\
        meta:
          title: Fonts
          date: 2025-04-30
          organisation: {{name: X}}
        style:
          fonts:
            body: {{name: Partner, regular: {regular}, italic: italic.ttf, bold: bold.ttf, bold_italic: bold-italic.ttf}}
        sections:
          - heading: One
            blocks:
              - prose: Hello.
        """)


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
        assert _parse_problem(LATO) is None
    assert (time.perf_counter() - started) / 10 < 0.05
