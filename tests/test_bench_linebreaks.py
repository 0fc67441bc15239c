"""bench/linebreaks.py reads hyphens and word spaces back from a PDF: checked on a small PDF whose
lines, hyphens and word spacing are drawn with known values (ReportLab's canvas, briefgen's font)."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.helpers import ROOT, load_bench

pytest.importorskip("pypdfium2")

FONT, SIZE, LEADING, LEFT, WIDTH = "NotoSerif-Regular", 10, 14, 100, 214  # two lines above 1.6, two below
SHY = "\u00ad"
#: Body lines: (text, justified?). Lines 2 and 3 end in a soft hyphen, line 5 in a hard one.
LINES = [
    ("The opposition instead published the tally", True),
    (f"sheets that voting machines print for wit{SHY}", True),
    (f"nesses at the close of voting, with its own re{SHY}", True),
    ("sults and the count at every table, as a pre-", True),
    ("trial record of the vote.", False),
]


def draw(path) -> list:
    """The PDF of LINES, a heading and a footnote; each body line's word-space ratio as drawn."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "briefgen" / "assets" / "fonts" / "NotoSerif-Regular.ttf")))
    pdf = canvas.Canvas(str(path), pagesize=(500, 400), invariant=1)
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(LEFT, 360, "A heading in another font-")  # not body text: its hyphen does not count
    space = pdfmetrics.stringWidth(" ", FONT, SIZE)
    ratios = []
    for number, (text, justified) in enumerate(LINES):
        natural = pdfmetrics.stringWidth(text, FONT, SIZE)
        stretch = (WIDTH - natural) / text.count(" ") if justified else 0
        ratios.append((space + stretch) / space)
        line = pdf.beginText(LEFT, 330 - number * LEADING)
        line.setFont(FONT, SIZE)
        line.setWordSpace(stretch)
        line.textOut(text)
        pdf.drawText(line)
    pdf.setFont(FONT, 7.5)
    pdf.drawString(LEFT, 60, "1 A footnote in a smaller size that ends in a hyphen, as foot-")
    pdf.save()
    return ratios


def test_hyphens_runs_and_word_spaces(tmp_path):
    bench = load_bench()
    path = tmp_path / "lines.pdf"
    ratios = draw(path)
    result = bench.measure(path)
    assert (result["body_font"], result["body_size"]) == ("NotoSerif", 10)
    assert result["pages"] == 1 and result["lines"] == len(LINES)
    # Two soft hyphens in a row, then a hard hyphen that ends a line: three in a row.
    assert [h["text"][-4:] for h in result["hyphenated_at"]] == ["wit-", " re-", "pre-"]
    assert result["hyphenated"] == 3 and result["most_in_a_row"] == 3
    assert result["hyphenated_share"] == pytest.approx(3 / 5)
    # Four justified lines, the last line left out; each at the ratio its Tw was drawn with.
    assert result["justified_lines"] == 4 and result["short_of_edge"] == []
    assert result["spacing"]["max"] == pytest.approx(max(ratios[:4]), abs=0.005)
    assert result["spacing"]["min"] == pytest.approx(min(ratios[:4]), abs=0.005)
    assert result["spacing"]["above_target"] == sum(r > 1.6 for r in ratios[:4]) == 2
    assert result["worst"][0]["text"] == LINES[max(range(4), key=lambda i: ratios[i])][0].replace(SHY, "-")
