"""The CMYK edition (--cmyk, meta.cmyk): no RGB anywhere, the press profile as output intent, the same look
as the RGB edition within a tolerance, CMYK values from the theme used as given, and bad CMYK values
reported where they are."""

import pikepdf
import pytest

import briefgen
from briefgen.errors import BriefError
from tests.helpers import BRIEFS, SAMPLE, assert_images_similar, blocks_brief, pdf_reader, render_page
from tests.press.scan import rgb_uses

#: Largest mean difference per channel (0-255) between a page of the CMYK edition and the RGB edition,
#: both rendered by pdfium. pdfium shows DeviceCMYK with its own fixed conversion, not the press profile,
#: so colours come back a few levels off (the navy cover band most: about 3.5 in red); 5 allows that,
#: while a colour lost or an image left out moves a page's mean by far more.
CMYK_TOLERANCE = 5.0


def _images(path) -> list:
    with pikepdf.open(path) as pdf:
        return [str(obj.get("/ColorSpace")) for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image]


def test_the_scan_sees_rgb_in_the_rgb_edition(sample_editions):
    found = rgb_uses(sample_editions["screen"])
    assert any("rg operator" in use for use in found)
    assert any("/FormXob.chart" in use for use in found)  # inside the charts' forms too


@pytest.mark.parametrize("edition", ["cmyk", "print-cmyk"])
def test_the_cmyk_edition_holds_no_rgb(sample_editions, edition):
    assert rgb_uses(sample_editions[edition]) == []


def test_images_and_every_block_in_cmyk(tmp_path):
    """JPEG and PNG images (with alpha), SVG figures, tables, boxes and charts, all in CMYK or grey."""
    for name in ("all-blocks", "newcomer-en"):
        screen = briefgen.build(BRIEFS / f"{name}.yaml", out_file=tmp_path / f"{name}.pdf")
        cmyk = briefgen.build(BRIEFS / f"{name}.yaml", out_file=tmp_path / f"{name}-cmyk.pdf", cmyk=True)
        assert "/DeviceRGB" in _images(screen)  # the brief has RGB images to convert
        assert rgb_uses(cmyk) == [], name
        assert set(_images(cmyk)) <= {"/DeviceCMYK", "/DeviceGray"}, name
        assert "/DeviceCMYK" in _images(cmyk)


def test_the_output_intent_is_the_press_profile(sample_editions):
    from briefgen.pdf.icc import cmyk_profile

    with pikepdf.open(sample_editions["cmyk"]) as pdf:
        intents = list(pdf.Root.OutputIntents)
        assert len(intents) == 1
        assert int(intents[0].DestOutputProfile.N) == 4
        assert intents[0].DestOutputProfile.read_bytes() == cmyk_profile()
    with pikepdf.open(sample_editions["screen"]) as pdf:
        assert int(pdf.Root.OutputIntents[0].DestOutputProfile.N) == 3


@pytest.mark.parametrize("profile", ["ua1", "2b"])
def test_the_cmyk_edition_keeps_its_claims(sample_editions, profile):
    page = pytest.importorskip("page")
    report = page.validate_pdf(str(sample_editions["cmyk"]), profile=profile)
    assert "0 failed" in str(report), str(report)


def test_the_cmyk_edition_looks_like_the_rgb_edition(sample_editions):
    screen, cmyk = sample_editions["screen"].read_bytes(), sample_editions["cmyk"].read_bytes()
    for index in range(len(pdf_reader(screen).pages)):
        assert_images_similar(render_page(cmyk, index), render_page(screen, index), tolerance=CMYK_TOLERANCE,
                              name=f"cmyk-page-{index + 1}")


def test_a_built_cmyk_edition_leaves_the_rgb_edition_as_it_was(sample_editions, tmp_path):
    """Chart forms are cached once for both editions: a CMYK build never changes a later RGB one."""
    again = briefgen.build(SAMPLE, out_file=tmp_path / "again.pdf")
    assert again.read_bytes() == sample_editions["screen"].read_bytes()


def test_cmyk_values_in_the_theme_are_used_as_given(tmp_path):
    from briefgen.theme.color import rgb_of_cmyk

    path = blocks_brief(tmp_path, "- prose: Hello.\n", tail="""\
        style:
          colors:
            brand: "cmyk(100, 60, 0, 20)"
        """)
    cmyk = briefgen.build(path, out_file=tmp_path / "cmyk.pdf", cmyk=True)
    with pikepdf.open(cmyk) as pdf:
        content = pdf.pages[0].obj.Contents.read_bytes()
    assert b"1 .6 0 .2 k" in content  # the cover band, in the inks given
    screen = briefgen.build(path, out_file=tmp_path / "screen.pdf")
    band = render_page(screen.read_bytes(), 0).getpixel((300, 20))
    expected = rgb_of_cmyk((1, 0.6, 0, 0.2))  # the screen shows the press profile's rendering of it
    assert all(abs(a - int(expected[i:i + 2], 16)) <= 2 for a, i in zip(band, (1, 3, 5))), (band, expected)


def _errors(tmp_path, value: str) -> list[str]:
    path = blocks_brief(tmp_path, "- prose: Hello.\n", tail=f"""\
        style:
          colors:
            accent: "{value}"
        """)
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)
    return [str(d).replace(str(tmp_path) + "/", "") for d in caught.value.diagnostics]


def test_a_cmyk_value_over_100_is_an_error_where_it_is(tmp_path):
    assert _errors(tmp_path, "cmyk(120, 0, 0, 0)") == [
        "brief.yaml:11:13: style.colors.accent: expected a CMYK colour as 'cmyk(c, m, y, k)' with four percentages"
        " from 0 to 100, e.g. 'cmyk(0, 60, 100, 0)', found 'cmyk(120, 0, 0, 0)': cyan 120 is more than 100"]


def test_a_malformed_cmyk_value_is_an_error_where_it_is(tmp_path):
    assert _errors(tmp_path, "cmyk(a,b)") == [
        "brief.yaml:11:13: style.colors.accent: expected a CMYK colour as 'cmyk(c, m, y, k)' with four percentages"
        " from 0 to 100, e.g. 'cmyk(0, 60, 100, 0)', found 'cmyk(a,b)'"]


def test_an_rgb_colour_with_its_cmyk_value(tmp_path):
    path = blocks_brief(tmp_path, "- prose: Hello.\n", tail="""\
        style:
          colors:
            brand: "#203040 cmyk(80, 50, 20, 60)"
        """)
    brief = briefgen.load(path)
    assert brief.theme.colors.brand == "#203040" and brief.theme.colors.brand.cmyk == (0.8, 0.5, 0.2, 0.6)


def test_form_colour_operators_are_converted_but_text_that_reads_like_one_is_not():
    from briefgen.theme.color import ColorMode

    mode = ColorMode(given=(("#ff0000", (0.0, 1.0, 1.0, 0.0)),))
    code = "1 0 0 rg (1 0 0 rg) Tj <31203020302072> Tj 0 0 1 RG (a \\) 0 0 0 RG) Tj"
    converted = mode.operators(code)
    assert converted.startswith("0 1 1 0 k (1 0 0 rg) Tj <31203020302072> Tj ")
    assert converted.count(" K ") == 1 and converted.endswith("(a \\) 0 0 0 RG) Tj")
    assert "rg" not in converted.replace("(1 0 0 rg)", "")
