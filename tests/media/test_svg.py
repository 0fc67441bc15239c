"""SVG checks at load time: references confined, entities refused, work bounded, sizes usable."""

import time

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.limits import Limits
from briefgen.schema import check_brief
from tests.helpers import HOSTILE_HEAD, page_texts, write_brief

HEAD = HOSTILE_HEAD + "      - figure: {file: figure.svg, title: A figure, alt: a figure}\n"
NS = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">'
WHERE = "8:24: sections[0].blocks[0].figure.file: SVG 'figure.svg' "
OUTSIDE = ("which is outside the brief's folder and the project's assets/; copy the file into the brief's folder and"
           " refer to it from there, or build with --allow-outside")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFGEN_NO_CACHE", raising=False)
    return tmp_path / "cache"


def brief(tmp_path, svg: str, files: dict | None = None):
    folder = tmp_path / "brief"
    folder.mkdir(exist_ok=True)
    (folder / "figure.svg").write_text(svg, encoding="utf-8")
    for name, content in (files or {}).items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content) if isinstance(content, bytes) else target.write_text(content)
    return write_brief(folder, HEAD)


def problems(path, **kw):
    """The diagnostics of ``validate`` (check_brief), which must equal those of ``build``."""
    with pytest.raises(BriefError) as caught:
        check_brief(path, **kw)
    found = [f"{d.line}:{d.col}: {d.path}: {d.message}" for d in caught.value.diagnostics]
    with pytest.raises(BriefError) as built:
        briefgen.build(path, path.parent / "out", **kw)
    assert [f"{d.line}:{d.col}: {d.path}: {d.message}" for d in built.value.diagnostics] == found
    assert not (path.parent / "out").exists()
    return found


def secret_svg(tmp_path):
    (tmp_path / "outside.svg").write_text(f'{NS}<text id="s" x="5" y="20">SECRET-OUTSIDE</text></svg>')


@pytest.mark.parametrize("body, shown", [
    ('<use href="../outside.svg#s"/>', "../outside.svg#s"),
    ('<use xlink:href="../outside.svg#s"/>', "../outside.svg#s"),
    ('<image xlink:href="../outside.svg" width="9" height="9"/>', "../outside.svg"),
    ('<image href="sub/../../outside.svg" width="9" height="9"/>', "sub/../../outside.svg"),
    ('<rect width="9" height="9" fill="url(../outside.svg#g)"/>', "../outside.svg#g"),
    ('<style>@import "../outside.css";</style>', "../outside.css"),
    ('<style>rect { fill: url("../outside.svg#g") }</style>', "../outside.svg#g"),
])
def test_references_outside_the_folder_are_refused_at_load(tmp_path, cache, body, shown):
    secret_svg(tmp_path)
    path = brief(tmp_path, f"{NS}\n{body}\n</svg>")
    assert problems(path) == [WHERE + f"line 2 refers to {shown!r}, " + OUTSIDE]


def test_a_symlink_inside_the_folder_that_leads_out_is_refused(tmp_path, cache):
    secret_svg(tmp_path)
    path = brief(tmp_path, f'{NS}<use href="link.svg#s"/></svg>')
    (path.parent / "link.svg").symlink_to(tmp_path / "outside.svg")
    assert problems(path) == [WHERE + "line 1 refers to 'link.svg#s', " + OUTSIDE]


def test_allow_outside_lets_a_trusted_svg_pull_files_in(tmp_path, cache):
    secret_svg(tmp_path)
    path = brief(tmp_path, f'{NS}<use href="../outside.svg#s"/></svg>')
    data = briefgen.build(path, tmp_path / "out", allow_outside=True).read_bytes()
    assert "SECRET-OUTSIDE" in page_texts(data)[0]


@pytest.mark.parametrize("body, message", [
    ('<image href="/etc/hostname.png"/>', "line 1 refers to '/etc/hostname.png', an absolute path; refer to files by"
                                          " a path relative to the SVG, inside the brief's folder or the project's"
                                          " assets/"),
    ('<image href="https://example.org/x.png"/>', "line 1 refers to 'https://example.org/x.png'; briefgen does not"
                                                  " fetch files from the web: save the file beside the SVG and refer"
                                                  " to it by a relative path"),
    ('<image href="missing.png"/>', "line 1 refers to 'missing.png', which does not exist; check the name, or remove"
                                    " the reference"),
    ('<image href="data:image/gif;base64,R0lGODlh"/>', "line 1 embeds a data: URI that is not a base64 PNG or JPEG"
                                                       " image, which briefgen cannot draw; embed a PNG or JPEG"
                                                       " instead"),
    ('<image style="href: other.svg"/>', "line 1 sets 'href' in a style, which briefgen refuses (the SVG reader would"
                                         " follow it); give it as an attribute instead"),
    ('<style>rect { id: x }</style>', "line 1 sets 'id' in a style, which briefgen refuses (the SVG reader would"
                                      " follow it); give it as an attribute instead"),
    ('<text font-family="/etc/fonts/x">a</text>', "line 1 names the font '/etc/fonts/x', which is not a list of font"
                                                  " family names; use names such as 'Lato, sans-serif'"),
    ('<g id="a"><use href="#a"/></g>', "line 1 refers to an element that contains it (a loop); remove the reference"),
    ('<rect', "is not well-formed XML (line 1: unclosed token); open it in an editor and save it again as SVG"),
])
def test_other_references_and_malformed_svgs(tmp_path, cache, body, message):
    path = brief(tmp_path, f"{NS}{body}</svg>" if body != "<rect" else f"{NS}<rect")
    assert problems(path) == [WHERE + message]


def test_a_pulled_in_svg_is_checked_too_and_named(tmp_path, cache):
    secret_svg(tmp_path)
    inner = '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">\n<use href="../../outside.svg#s"/></svg>'
    path = brief(tmp_path, f'{NS}\n<image href="parts/inner.svg" width="9" height="9"/></svg>',
                 {"parts/inner.svg": inner})
    assert problems(path) == [WHERE + "line 2 pulls in 'parts/inner.svg', whose line 2 refers to"
                                      " '../../outside.svg#s', " + OUTSIDE]


def test_svgs_that_pull_each_other_in_are_refused(tmp_path, cache):
    path = brief(tmp_path, f'{NS}<image href="b.svg" width="9" height="9"/></svg>',
                 {"b.svg": f'{NS}<image href="figure.svg" width="9" height="9"/></svg>'})
    assert problems(path) == [WHERE + "line 1 pulls in 'b.svg', whose line 1 pulls in 'figure.svg', which pulls the"
                                      " SVG back in (a loop); remove the reference"]


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE svg [<!ENTITY x SYSTEM "../outside.svg">]>',
    '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE svg [<!ATTLIST image href CDATA "../outside.svg">]>',
])
def test_doctypes_with_declarations_are_refused(tmp_path, cache, doctype):
    path = brief(tmp_path, f'<?xml version="1.0"?>\n{doctype}\n{NS}<text>x</text></svg>')
    assert problems(path) == [WHERE + "line 2 has a DOCTYPE that declares entities or other definitions, which"
                                      " briefgen refuses (they can expand without bound or read other files);"
                                      " delete the [...] part of the DOCTYPE"]


def test_a_plain_doctype_is_fine(tmp_path, cache):
    path = brief(tmp_path, '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"'
                           ' "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
                           f'{NS}<text x="5" y="20">PLAIN</text></svg>')
    assert "PLAIN" in page_texts(briefgen.build(path, tmp_path / "out").read_bytes())[0]


@pytest.mark.parametrize("attrs, message", [
    ('', "has no size: give its <svg> element a width and a height (such as width=\"200\" height=\"100\"), or a"
         " viewBox"),
    ('width="0" height="9"', "has width='0', which is not a positive length; give its <svg> element a width such as"
                             " \"200\" or \"60mm\""),
    ('width="9" height="nan"', "has height='nan', which is not a positive length; give its <svg> element a height"
                               " such as \"200\" or \"60mm\""),
    ('viewBox="0 0 10 -1"', "has the viewBox '0 0 10 -1', which is not four numbers with a positive width and"
                            " height; fix the viewBox of its <svg> element, or delete it and give a width and height"),
    ('width="1e30" height="9"', "is 7.5e+29 by 6.75 points; a width and height between 0.1 and 100,000 points are"
                                " needed: fix the width, height or viewBox of its <svg> element"),
])
def test_unusable_sizes_are_load_time_errors(tmp_path, cache, attrs, message):
    path = brief(tmp_path, f'<svg xmlns="http://www.w3.org/2000/svg" {attrs}><rect width="5" height="5"/></svg>')
    assert problems(path) == [WHERE + message]


def test_a_huge_svg_is_refused_fast_by_its_size(tmp_path, cache):
    rects = '<rect x="1" y="1" width="3" height="3" fill="#123456"/>\n' * 200_000
    path = brief(tmp_path, f"{NS}\n{rects}</svg>")
    started = time.perf_counter()
    found = problems(path)
    assert time.perf_counter() - started < 2
    assert found == [WHERE + "is 11,200,115 bytes, more than the limit of 5,000,000 (svg_bytes); simplify it or"
                             " export it as PNG, or raise the limit with --limit svg_bytes=N or"
                             " BRIEFGEN_LIMIT_SVG_BYTES=N if the input is trusted"]


def test_element_count_includes_use_repeats_and_pulled_in_files(tmp_path, cache):
    rects = '<rect width="1" height="1"/>' * 30
    inner = f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">{rects}</svg>'
    uses = '<use href="#g"/>' * 30
    path = brief(tmp_path, f'{NS}<defs><g id="g"><image href="inner.svg" width="9" height="9"/></g></defs>{uses}</svg>',
                 {"inner.svg": inner})
    limits = Limits(svg_elements=1000)
    with pytest.raises(BriefError) as caught:
        check_brief(path, limits=limits)
    assert "has more than 1,000 elements" in caught.value.diagnostics[0].message
    check_brief(path, limits=Limits(svg_elements=1100))  # 31 x (1 use + 1 image + 31 from inner.svg) + 3


def test_the_cache_key_holds_the_files_an_svg_pulls_in(tmp_path, cache):
    inner = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><text id="t" x="5" y="20">{}</text></svg>'
    path = brief(tmp_path, f'{NS}<use href="parts/inner.svg#t"/></svg>', {"parts/inner.svg": inner.format("FIRST")})
    assert "FIRST" in page_texts(briefgen.build(path, tmp_path / "out").read_bytes())[0]
    assert list((cache / "images").iterdir())
    (path.parent / "parts" / "inner.svg").write_text(inner.format("SECOND"))
    text = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())[0]
    assert "SECOND" in text and "FIRST" not in text


def test_fonts_named_in_an_svg_are_not_looked_up(tmp_path, cache, monkeypatch):
    import subprocess

    def refuse(*args, **kw):
        raise AssertionError("svglib ran a program to find a font")

    monkeypatch.setattr(subprocess, "Popen", refuse)
    inner = ('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
             '<text id="t" font-family="Zorg">IN</text></svg>')
    path = brief(tmp_path, f'{NS}<text x="5" y="20" font-family="Zorglub, Quux" font-weight="bold">OUT</text>'
                           '<use href="inner.svg#t"/></svg>', {"inner.svg": inner})
    assert "OUT" in page_texts(briefgen.build(path, tmp_path / "out").read_bytes())[0]


def test_a_data_uri_image_is_bounded_by_pixels(tmp_path, cache):
    import base64
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
           + chunk(b"IEND", b""))
    path = brief(tmp_path, f'{NS}<image href="data:image/png;base64,{base64.b64encode(png).decode()}"/></svg>')
    found = problems(path)
    assert found[0].startswith(WHERE + "line 1 embeds an image that cannot be used: it is 30000x30000 pixels")


def svg_uses(tmp_path, svg: str, uses: int):
    """A brief whose ``uses`` figures all draw the same ``figure.svg``."""
    folder = tmp_path / "brief"
    folder.mkdir(exist_ok=True)
    (folder / "figure.svg").write_text(svg, encoding="utf-8")
    figure = "      - figure: {file: figure.svg, title: A figure, alt: a figure}\n"
    return write_brief(folder, HEAD + figure * (uses - 1))


def test_an_svg_used_many_times_counts_each_use(tmp_path, cache):
    # Before: counted once, drawn for every use (one 3,900-element SVG as 50 figures took 28.7 s).
    rects = "".join(f'<rect x="{i % 100}" y="{i // 100}" width="1" height="1"/>' for i in range(3_899))
    started = time.perf_counter()
    found = problems(svg_uses(tmp_path, f"{NS}{rects}</svg>", 50))
    assert time.perf_counter() - started < 4  # validate and build, each reading the SVG once
    assert found == [f"{8 + k}:24: sections[0].blocks[{k}].figure.file: SVG 'figure.svg' brings the elements of"
                     " the brief's SVGs to 7,800 (an SVG counts each time it is used), more than the limit of 4,000"
                     " (brief_svg_elements); simplify the figures, use them fewer times or export some as PNG, or"
                     " raise the limit with --limit brief_svg_elements=N or BRIEFGEN_LIMIT_BRIEF_SVG_ELEMENTS=N if"
                     " the input is trusted" for k in range(1, 50)]


def test_an_svg_used_within_the_total_is_drawn_each_time(tmp_path, cache):
    path = svg_uses(tmp_path, f'{NS}<text x="5" y="20">DRAWN-TEXT</text></svg>', 3)
    text = "".join(page_texts(briefgen.build(path, path.parent / "out").read_bytes()))
    assert text.count("DRAWN-TEXT") == 3


def test_the_images_an_svg_draws_count_each_time_it_is_used(tmp_path, cache):
    import base64
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(buffer, "PNG")
    embedded = base64.b64encode(buffer.getvalue()).decode()
    path = svg_uses(tmp_path, f'{NS}<image width="20" height="10" href="data:image/png;base64,{embedded}"/></svg>',
                    3)
    assert problems(path, limits=Limits.from_env({}, {"brief_pixels": 150_000})) == [
        "10:24: sections[0].blocks[2].figure.file: SVG 'figure.svg' draws images that bring the brief's"
        " images to 180,000 pixels"
        " (an image counts each time it is used), more than the limit of 150,000 (brief_pixels); scale the images"
        " down or use them fewer times, or raise the limit with --limit brief_pixels=N or"
        " BRIEFGEN_LIMIT_BRIEF_PIXELS=N if the input is trusted"]


def test_an_image_an_svg_repeats_counts_each_time_it_is_drawn(tmp_path, cache):
    # Before: counted once, but svglib embeds it anew for every <use> (a 1000x1000 PNG repeated 200 times:
    # 293 s, 1.9 GB and a 372 MB PDF).
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "red").save(buffer, "PNG")
    uses = "".join(f'<use href="#i" x="{10 * n}"/>' for n in (1, 2))  # drawn three times
    path = brief(tmp_path, f'{NS}<image id="i" width="9" height="9" href="p.png"/>{uses}</svg>',
                 {"p.png": buffer.getvalue()})
    assert problems(path, limits=Limits.from_env({}, {"brief_pixels": 150_000})) == [
        WHERE + "draws images that bring the brief's images to 180,000 pixels (an image counts each time it is"
        " used), more than the limit of 150,000 (brief_pixels); scale the images down or use them fewer times, or"
        " raise the limit with --limit brief_pixels=N or BRIEFGEN_LIMIT_BRIEF_PIXELS=N if the input is trusted"]
    briefgen.build(path, path.parent / "out", limits=Limits.from_env({}, {"brief_pixels": 180_000}))


def test_the_images_svgs_draw_are_bounded_together(tmp_path, cache):
    # svglib embeds an image anew each time it is drawn, at about a second a million pixels.
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1000, 1000), "red").save(buffer, "PNG")
    uses = "".join(f'<use href="#i" x="{n}"/>' for n in (1, 2, 3))  # drawn four times: 4,000,000 pixels
    path = brief(tmp_path, f'{NS}<image id="i" width="9" height="9" href="p.png"/>{uses}</svg>',
                 {"p.png": buffer.getvalue()})
    started = time.perf_counter()
    assert problems(path) == [
        WHERE + "brings the pixels of the images the brief's SVGs draw to 4,000,000 (an image counts each time it is"
        " drawn), more than the limit of 3,000,000 (svg_image_pixels); use smaller images in the SVGs, or draw the"
        " images as figures of their own, or raise the limit with --limit svg_image_pixels=N or"
        " BRIEFGEN_LIMIT_SVG_IMAGE_PIXELS=N if the input is trusted"]
    assert time.perf_counter() - started < 2
