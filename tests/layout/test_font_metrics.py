"""A user's font whose em is not 1000 units embeds with the advances its /Widths state (PDF/A and PDF/UA
check each glyph), including the glyphs that share the last advance of its hmtx table."""

from __future__ import annotations

import pytest

import briefgen
from tests.helpers import ROOT, write_brief


def _scaled_font(path) -> str:
    """Lato scaled to 2048 units per em, its last glyphs sharing one advance (stored once, after the last
    full hmtx entry); the text that uses those glyphs."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf")
    scale_upem(font, 2048)
    order = font.getGlyphOrder()
    reverse = {}
    for code, name in font.getBestCmap().items():
        if 0x41 <= code <= 0x7A:
            reverse.setdefault(name, chr(code))
    tail = [name for name in order if name in reverse][-6:]
    for name in order[order.index(tail[0]):]:  # from there on, one advance for all
        font["hmtx"][name] = (1100, font["hmtx"][name][1])
    font.save(path)
    check = TTFont(path)
    assert check["hhea"].numberOfHMetrics < len(order)
    return "".join(reverse[name] for name in tail)


def test_glyphs_past_the_last_hmtx_entry_embed_with_their_pdf_widths(tmp_path):
    page = pytest.importorskip("page")
    (tmp_path / "fonts").mkdir()
    letters = _scaled_font(tmp_path / "fonts" / "Scaled.ttf")
    faces = ", ".join(f"{face}: fonts/Scaled.ttf" for face in ("regular", "italic", "bold", "bold_italic"))
    path = write_brief(tmp_path, f"""\
        meta: {{title: Widths, date: 2025-05-01, organisation: {{name: X}}}}
        sections:
          - heading: H
            blocks:
              - prose: "Letters {letters} and more {letters}."
        style:
          fonts:
            body: {{name: Scaled, {faces}}}
        """)
    built = briefgen.build(path, tmp_path / "out")
    for profile in ("ua1", "2b"):
        report = str(page.validate_pdf(str(built), profile=profile))
        assert "GLYPH-WIDTH" not in report and "no failures" in report, (profile, report[:3000])
