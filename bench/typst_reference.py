"""Benchmark (not a test): the line-breaking reference text set by Typst, measured like briefgen's.

Usage: pip install typst   (the typst-py bindings, which include the compiler; a bench tool only,
                            never a briefgen dependency)
       python bench/typst_reference.py [--briefgen] [--json] [--worst N] [-o FILE.pdf]

In:  bench/reference/reference.yaml (its headings and Markdown prose; *emphasis* and **strong**).
Out: a Typst document of the same text, compiled to ``-o`` (default: typst-reference.pdf in the
     temporary folder), and bench/linebreaks.py's table for it: Typst's optimum-fit line breaking
     on the same text, font and measure, for comparison with briefgen's. ``--briefgen`` builds the
     reference with briefgen too and puts its figures beside Typst's.

The page matches briefgen's default theme where it matters for breaking lines: A4, Noto Serif
(briefgen's own files, briefgen/assets/fonts; no system fonts) at 10 pt, a measure of 368.5 pt
(22 mm margins plus briefgen's 36 mm heading indent on the left), baselines 14 pt apart and
6 pt more between paragraphs, justified, ``hyphenate: true``, English. Quotes, apostrophes and
no-break spaces in dates are briefgen's (:mod:`briefgen.text.typography`). Differences: Typst
hyphenates with its own (TeX) patterns, not pyphen's; headings are set plainly (Lato, 15 pt, no
cover band); ``overhang`` is off, as briefgen has no hanging punctuation, so that justified lines
end flush and are found the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import linebreaks  # bench/linebreaks.py, beside this script

REFERENCE = BENCH / "reference" / "reference.yaml"
FONTS = ROOT / "briefgen" / "assets" / "fonts"

PREAMBLE = """\
#set document(title: "Line-breaking reference text")
#set page(paper: "a4", margin: (left: 58mm, right: 22mm, top: 22mm, bottom: 22mm))
#set text(font: "Noto Serif", size: 10pt, lang: "en", hyphenate: true, overhang: false,
          top-edge: 1em, bottom-edge: 0pt)
#set par(justify: true, linebreaks: "optimized", leading: 4pt, spacing: 10pt)
#set heading(numbering: "1")
#show heading: set text(font: "Lato", size: 15pt, weight: "bold")
#show heading: set block(above: 18pt, below: 6pt)

#text(font: "Lato", size: 26pt, weight: "black")[{title}]

"""


def typst_string(text: str) -> str:
    """``text`` as a Typst string literal (shown as it is: no markup, no smart quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def inline(markdown: str) -> str:
    """One paragraph of Markdown (``**strong**``, ``*emphasis*``) as Typst code in markup."""
    from briefgen.text.typography import smarten, tie_dates

    text = tie_dates(smarten(markdown)).replace("&nbsp;", "\u00a0")  # briefgen's quotes and ties
    out = []
    for part in re.split(r"(\*\*.+?\*\*|\*[^*]+?\*)", text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            out.append(f"#strong({typst_string(part[2:-2])})")
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            out.append(f"#emph({typst_string(part[1:-1])})")
        elif part:
            out.append(f"#{typst_string(part)}")
    return "".join(out)


def typst_source(reference: dict) -> str:
    """The reference brief as a Typst document."""
    out = [PREAMBLE.replace("{title}", reference["meta"]["title"])]
    for section in reference["sections"]:
        out.append(f"= #{typst_string(section['heading'])}\n")
        for block in section["blocks"]:
            for paragraph in block["prose"].strip().split("\n\n"):
                out.append(inline(" ".join(paragraph.split())) + "\n")
    return "\n".join(out)


def compile_reference(pdf: Path) -> Path:
    try:
        import typst
    except ImportError:
        sys.exit("typst_reference.py needs the Typst compiler's Python bindings: pip install typst")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    source = pdf.with_suffix(".typ")
    source.write_text(typst_source(yaml.safe_load(REFERENCE.read_text(encoding="utf-8"))), encoding="utf-8")
    typst.compile(str(source), output=str(pdf), font_paths=[str(FONTS)], ignore_system_fonts=True)
    return pdf


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", type=Path, help="where to write the PDF (and its .typ source)")
    parser.add_argument("--briefgen", action="store_true", help="also build the reference with briefgen")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--worst", type=int, default=5, help="how many of the widest-spaced lines to list")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="typst-reference-") as tmp:
        pdf = compile_reference(args.output or Path(tmp) / "typst-reference.pdf")
        result = linebreaks.measure(pdf, "NotoSerif", 10.0, args.worst)
        result["input"] = "typst-reference.pdf"
        results = [result]
        if args.briefgen:
            built, font, size = linebreaks.pdf_for(REFERENCE, Path(tmp))
            results.insert(0, linebreaks.measure(built, font, size, args.worst))
            results[0]["input"] = "reference.yaml"
        if args.json:
            print(json.dumps({"results": results}, indent=2, ensure_ascii=False))
        else:
            print(linebreaks.table(results))
            if args.output:
                print(f"\nwrote {pdf} and {pdf.with_suffix('.typ')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
