"""The print edition (--print, meta.print): page boxes, crop marks, the cover band in the bleed, and a
trimmed page that is exactly the screen page."""

import io

import pikepdf
import pytest

from briefgen.pdf.press import BLEED, MARK_GAP, MARKS, mark_lines
from tests.helpers import assert_images_similar, blocks_brief

MM = 72 / 25.4
#: The cover band's colour: the default theme's brand (deep navy), as pdfium renders it.
BAND = (0x16, 0x32, 0x5C)


def _boxes(path):
    with pikepdf.open(path) as pdf:
        return [{name: [float(v) for v in page.obj[name]] for name in ("/MediaBox", "/TrimBox", "/BleedBox")
                 if name in page.obj} for page in pdf.pages]


def _renders(data: bytes, scale: float = 1.0) -> list:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return [document[i].render(scale=scale).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def _cropped_to_trim(path) -> bytes:
    """The PDF with each page's CropBox set to its TrimBox: what a viewer shows of the trimmed sheet."""
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            page.obj.CropBox = page.obj.TrimBox
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def test_every_page_has_trim_and_bleed_boxes_around_the_screen_page(sample_editions):
    screen = _boxes(sample_editions["screen"])
    for edition in ("print", "print-cmyk"):
        printed = _boxes(sample_editions[edition])
        assert len(printed) == len(screen)
        for plain, boxes in zip(screen, printed):
            x0, y0, x1, y1 = plain["/MediaBox"]
            assert "/TrimBox" not in plain and "/BleedBox" not in plain  # the screen edition is unchanged
            assert boxes["/TrimBox"] == [x0, y0, x1, y1]
            assert boxes["/BleedBox"] == pytest.approx([x0 - 3 * MM, y0 - 3 * MM, x1 + 3 * MM, y1 + 3 * MM], abs=1e-3)
            assert boxes["/MediaBox"] == pytest.approx([x0 - 13 * MM, y0 - 13 * MM, x1 + 13 * MM, y1 + 13 * MM],
                                                       abs=1e-3)


def test_the_trimmed_page_is_the_screen_page(sample_editions):
    screen = _renders(sample_editions["screen"].read_bytes())
    trimmed = _renders(_cropped_to_trim(sample_editions["print"]))
    assert len(screen) == len(trimmed)
    for index, (expected, actual) in enumerate(zip(screen, trimmed)):
        assert_images_similar(actual, expected, tolerance=0.05, name=f"print-trimmed-page-{index + 1}")


def test_crop_marks_lie_outside_the_bleed():
    width, height = 595.2756, 841.8898
    for x1, y1, x2, y2 in mark_lines(width, height):
        for x, y in ((x1, y1), (x2, y2)):
            outside = max(-x, x - width, -y, y - height)  # how far beyond the trim edge
            assert BLEED + MARK_GAP - 1e-6 <= outside <= BLEED + MARKS, (x, y)


class _Sheet:
    """A rendering of a whole print sheet (MediaBox), addressed in the page's own points."""

    def __init__(self, path, index: int, scale: float = 3.0):
        with pikepdf.open(path) as pdf:
            self.media = [float(v) for v in pdf.pages[index].obj.MediaBox]
        self.scale = scale
        self.image = _renders(path.read_bytes(), scale)[index]

    def at(self, x: float, y: float) -> tuple:
        x0, _, _, y1 = self.media
        return self.image.getpixel((int((x - x0) * self.scale), int((y1 - y) * self.scale)))

    def darkest_near(self, x: float, y: float) -> int:
        """The darkest pixel within a pixel of (x, y): a hairline may fall between two rows."""
        x0, _, _, y1 = self.media
        px, py = int((x - x0) * self.scale), int((y1 - y) * self.scale)
        return min(sum(self.image.getpixel((px + dx, py + dy))) for dx in (-1, 0, 1) for dy in (-1, 0, 1))

    def dark_along(self, points) -> bool:
        """Is something drawn near most of ``points`` (a hairline rendered grey counts)?"""
        return sum(self.darkest_near(x, y) < 3 * 200 for x, y in points) >= len(points) * 0.8


def _steps(a: float, b: float, n: int = 24) -> list:
    return [a + (b - a) * i / (n - 1) for i in range(n)]


@pytest.mark.parametrize("edition", ["print", "print-cmyk"])
def test_crop_marks_are_drawn_and_the_bleed_holds_no_mark(sample_editions, edition):
    sheet = _Sheet(sample_editions[edition], 1)  # page 2: no cover band, so its bleed is blank
    width, height = 595.2756, 841.8898
    near, far = BLEED + MARK_GAP, BLEED + MARKS - 1 * MM
    for x, sx in ((0, -1), (width, 1)):
        for y, sy in ((0, -1), (height, 1)):
            # Each corner: a mark on the trim line's extension, outside the bleed...
            assert sheet.dark_along([(x, y + sy * d) for d in _steps(near + 1, far - 1)]), (x, y)
            assert sheet.dark_along([(x + sx * d, y) for d in _steps(near + 1, far - 1)]), (x, y)
            # ...and nothing drawn in the bleed on those lines, nor at the corner.
            inside = [(x, y + sy * d) for d in _steps(0.6, BLEED - 0.6)] + \
                     [(x + sx * d, y) for d in _steps(0.6, BLEED - 0.6)] + [(x + sx * 1.5, y + sy * 1.5)]
            assert all(sheet.darkest_near(px, py) == 3 * 255 for px, py in inside), (x, y)


@pytest.mark.parametrize("edition", ["print", "print-cmyk"])
def test_the_cover_band_reaches_into_the_bleed(sample_editions, edition):
    sheet = _Sheet(sample_editions[edition], 0)
    width, height = 595.2756, 841.8898
    edge = BLEED - 0.75  # just inside the bleed box's edge
    points = [(-edge, height - 40), (width + edge, height - 40), (width / 2, height + edge),
              (-edge, height + edge), (width + edge, height + edge)]
    for x, y in points:
        assert all(abs(a - b) <= 12 for a, b in zip(sheet.at(x, y), BAND)), (x, y, sheet.at(x, y))
    # Beyond the bleed the sheet is blank (between the marks).
    for x, y in ((-(BLEED + 1.5), height - 40), (width / 2, height + BLEED + 1.5)):
        assert sheet.at(x, y) == (255, 255, 255), (x, y)


def test_the_marks_are_page_artifacts(sample_editions):
    with pikepdf.open(sample_editions["print"]) as pdf:
        for page in pdf.pages:
            content = page.obj.Contents.read_bytes() if isinstance(page.obj.Contents, pikepdf.Stream) else \
                b"".join(part.read_bytes() for part in page.obj.Contents)
            marked = content.rsplit(b"/Artifact <</Type /Page>> BDC", 1)
            assert len(marked) == 2, "no page artifact"
            assert b" l" in marked[1].split(b"EMC")[0]  # the mark lines are inside it


@pytest.mark.parametrize("edition", ["print", "print-cmyk"])
@pytest.mark.parametrize("profile", ["ua1", "2b"])
def test_the_print_edition_keeps_its_claims(sample_editions, edition, profile):
    page = pytest.importorskip("page")
    report = page.validate_pdf(str(sample_editions[edition]), profile=profile)
    assert "0 failed" in str(report), str(report)


def test_meta_print_and_cmyk_in_the_brief(tmp_path):
    import briefgen

    path = blocks_brief(tmp_path, "- prose: Hello.")
    text = path.read_text().replace("  organisation:", "  print: true\n  cmyk: true\n  organisation:", 1)
    path.write_text(text)
    out = briefgen.build(path, tmp_path / "out")
    boxes = _boxes(out)[0]
    assert boxes["/TrimBox"][2] - boxes["/TrimBox"][0] == pytest.approx(595.2756, abs=1e-3)
    assert boxes["/BleedBox"][0] == pytest.approx(-3 * MM, abs=1e-3)
    with pikepdf.open(out) as pdf:
        assert int(pdf.Root.OutputIntents[0].DestOutputProfile.N) == 4
    # The keywords override the brief: a screen edition of the same brief.
    plain = briefgen.build(path, tmp_path / "plain", print_edition=False, cmyk=False)
    assert "/TrimBox" not in _boxes(plain)[0]
