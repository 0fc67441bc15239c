"""Fuzzing SVG figures: valid structure, hostile attributes; a PDF or a clean, positioned BriefError.

Sizes, viewBoxes, references (outside, absolute, web, data:, loops), nesting,
entities, styles and huge numbers are drawn from lists of nasty values. CI runs
a few examples; set BRIEFGEN_FUZZ_EXAMPLES=2000 for a longer search.
"""

import base64
import os

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import briefgen
from briefgen.errors import BriefError
from tests.helpers import pdf_reader

EXAMPLES = int(os.environ.get("BRIEFGEN_FUZZ_EXAMPLES", "20"))
BRIEF = """\
meta:
  title: Fuzz
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
      - figure: {file: figure.svg, title: A figure, alt: a figure}
"""
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5Er"
                       "kJggg==")
NUMBERS = st.sampled_from(["0", "-1", "1", "10", "200", "1e30", "1e308", "1e-30", "inf", "-inf", "nan", "", "abc",
                           "100%", "10mm", "3em", "9" * 400, "0x10", "1,2", " 5 "])
# Good values repeat, so that most examples get as far as drawing.
HREFS = st.sampled_from(["#a", "#a", "#i", "inner.svg#i", "inner.svg#i", "dot.png", "dot.png", "#missing", "#", "",
                         "../outside.svg#s", "../../../../etc/passwd.png", "/etc/passwd", "inner.svg", "figure.svg#a",
                         "dot.gif", "sub/../../outside.svg", "https://example.org/x.png", "file:///etc/passwd",
                         "data:image/png;base64," + base64.b64encode(PNG).decode(), "data:image/png;base64,!!!",
                         "data:image/svg+xml,<svg/>", "C:\\x.png", "\\\\server\\x.png", "%2e%2e/outside.svg",
                         "inner.svg#" + "x" * 300])
FONTS = st.sampled_from(["Lato", "Lato", "serif", "sans-serif", "Lato, serif", "Zorglub, sans-serif", "'Unclosed",
                         "../x", "http://x/y", "a" * 200])
STYLES = st.sampled_from(["fill:red", "fill:red", "stroke:blue", "opacity: 0.5", "fill:none", "href: ../outside.svg",
                          "id: a", "font-family: ../x", "fill:url(#a)", "fill: url(../outside.svg#g)", "a:b:c", ";;",
                          "stroke-width: 1e308"])
TRANSFORMS = st.sampled_from([None, None, None, None, "scale(1e308)", "rotate(nan)", "translate(1,2)", "scale(0)",
                              "matrix(0,0,0,0,0,0)"])
DOCTYPES = st.sampled_from(["", "", "", "", "", "", "", '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "svg11.dtd">',
                            '<!DOCTYPE svg [<!ENTITY x SYSTEM "../outside.svg">]>',
                            '<!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'])

def attr(name, value):
    return f' {name}="{value}"' if value is not None else ""


@st.composite
def elements(draw, depth=0):
    kind = draw(st.sampled_from(["rect", "circle", "path", "text", "use", "image", "g", "style", "polyline"]
                                if depth < 4 else ["rect", "use", "image"]))
    maybe = st.one_of(st.none(), st.just("20"), NUMBERS)
    common = attr("id", draw(st.sampled_from([None, "a", "i", "b"])))
    common += attr("style", draw(st.one_of(st.none(), st.none(), STYLES))) + attr("transform", draw(TRANSFORMS))
    if kind == "rect":
        return f"<rect{common}{attr('width', draw(maybe))}{attr('height', draw(maybe))}/>"
    if kind == "circle":
        return f"<circle{common}{attr('r', draw(maybe))}{attr('cx', draw(maybe))}/>"
    if kind == "path":
        return f"<path{common} d=\"M0 0 L{draw(NUMBERS)} {draw(NUMBERS)} Z\"/>"
    if kind == "polyline":
        return f"<polyline{common} points=\"{' '.join(draw(st.lists(NUMBERS, max_size=6)))}\"/>"
    if kind == "text":
        return f"<text{common}{attr('font-family', draw(FONTS))}{attr('font-size', draw(maybe))}>T&amp;x</text>"
    if kind == "use":
        return f"<use{common} xlink:href=\"{draw(HREFS)}\"/>"
    if kind == "image":
        return f"<image{common} href=\"{draw(HREFS)}\"{attr('width', draw(maybe))}{attr('height', draw(maybe))}/>"
    if kind == "style":
        return f"<style>rect {{ {draw(STYLES)} }} @import \"{draw(HREFS)}\";</style>"
    children = draw(st.lists(elements(depth + 1), max_size=4))
    return f"<g{common}>{''.join(children)}</g>"


@st.composite
def svgs(draw):
    size = st.one_of(st.just("200"), st.just("120"), st.none(), NUMBERS)  # mostly usable, so most examples draw
    root = attr("width", draw(size)) + attr("height", draw(size))
    root += attr("viewBox", draw(st.sampled_from([None, "0 0 100 50", "0 0 0 0", "0 0 -1 5", "0 0 inf 1", "a b c d",
                                                  "0 0 1e308 1e308", "0,0,10,10"])))
    body = "".join(draw(st.lists(elements(), min_size=1, max_size=6)))
    nest = draw(st.sampled_from([0, 0, 0, 0, 1, 3]))
    body = "<g>" * (nest * 40) + body + "</g>" * (nest * 40)
    return (f'<?xml version="1.0"?>\n{draw(DOCTYPES)}\n<svg xmlns="http://www.w3.org/2000/svg"'
            f' xmlns:xlink="http://www.w3.org/1999/xlink"{root}>\n{body}\n</svg>\n')


@settings(max_examples=EXAMPLES, deadline=None, derandomize="BRIEFGEN_FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(svg=svgs())
def test_hostile_svg_builds_or_fails_cleanly(tmp_path_factory, svg):
    root = tmp_path_factory.mktemp("svgfuzz")
    (root / "outside.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
                                      '<text id="s">SECRET-OUTSIDE</text></svg>')
    folder = root / "brief"
    folder.mkdir()
    (folder / "figure.svg").write_text(svg, encoding="utf-8")
    (folder / "inner.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">'
                                      '<rect id="i" width="5" height="5"/><use href="figure.svg#a"/></svg>')
    (folder / "dot.png").write_bytes(PNG)
    (folder / "dot.gif").write_bytes(b"GIF89a")
    (folder / "brief.yaml").write_text(BRIEF, encoding="utf-8")
    out = folder / "out"
    try:
        target = briefgen.build(folder / "brief.yaml", out)
    except BriefError as error:
        assert error.diagnostics
        for diagnostic in error.diagnostics:
            assert diagnostic.file and diagnostic.line and diagnostic.path and diagnostic.message
            assert "figure.file" in diagnostic.path, diagnostic
        assert not out.exists() or not any(out.iterdir()), "a failed build left files behind"
        event("refused")
        return
    data = target.read_bytes()
    assert len(pdf_reader(data).pages) >= 1
    event("built")
    assert b"SECRET-OUTSIDE" not in data
