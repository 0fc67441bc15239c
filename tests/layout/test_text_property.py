"""No text is ever lost: for any string, either the brief is refused at that string's position, or the
PDF's extracted text holds the string exactly (less invisible format characters), with no empty box."""

from __future__ import annotations

import os
import unicodedata
from collections import Counter

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefgen
from briefgen.text.bidi import has_rtl
from briefgen.text.typography import smarten

EXAMPLES = int(os.environ.get("BRIEFGEN_PROPERTY_EXAMPLES", "500"))

BRIEF = """\
meta: {{title: Property, date: 2025-05-01, organisation: {{name: X}}}}
sections:
  - heading: {heading}
    blocks:
      - table:
          title: T
          columns: [{{header: A}}]
          rows: [[{cell}]]
"""


def _scalar(text: str) -> str:
    """``text`` as one double-quoted YAML scalar, written by the YAML library itself."""
    return yaml.safe_dump(text, allow_unicode=False, width=10**6, default_style='"').strip()


def _visible(text: str) -> str:
    """What a reader must get back: no whitespace, no invisible format characters (soft hyphen, ZWJ...)."""
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("property")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(heading=st.text(min_size=1, max_size=12), cell=st.text(min_size=1, max_size=12))
def test_any_text_prints_exactly_or_is_refused_at_its_place(folder, heading, cell):
    import pypdfium2 as pdfium

    path = folder / "brief.yaml"
    path.write_text(BRIEF.format(heading=_scalar(heading), cell=_scalar(cell)), encoding="utf-8")
    try:
        built = briefgen.build(path, folder / "out", standard="none")
    except briefgen.BriefError as error:
        places = {d.path for d in error.diagnostics}
        assert places & {"sections[0].heading", "sections[0].blocks[0].table.rows[0][0]"}, [
            str(d) for d in error.diagnostics]
        return
    document = pdfium.PdfDocument(str(built))
    # PDFium gives U+FFFE for a hyphen that ends a line: it cannot tell a real hyphen from a soft one.
    text = _visible(document[0].get_textpage().get_text_range().replace("\ufffe", "-"))
    # A heading is plain text set with typographic quotes and dashes; a table cell as it is written.
    for value in (smarten(heading), cell):
        if has_rtl(value):
            # Right-to-left runs come back in the order the extractor's own bidi heuristics give (PDFium keeps
            # words in visual order; tests/layout/test_rtl.py checks the order): here, every character is there.
            assert not Counter(_visible(value)) - Counter(text), (value, [f"U+{ord(c):04X}" for c in value])
            continue
        assert _visible(value) in text, (value, [f"U+{ord(c):04X}" for c in value])
