"""Writes bench/reference/reference.yaml, the line-breaking bench's reference text, from the sample brief.

Usage: python bench/reference/make_reference.py [--check]

In:  briefs/venezuela-2025.yaml (its prose, key findings, recommendations and footnotes).
Out: bench/reference/reference.yaml: about 8 A4 pages of justified body text and headings only
     (no charts, tables, boxes or sources), for bench/linebreaks.py and bench/typst_reference.py.
     ``--check`` writes nothing and fails if the file is not what this script writes.

Every sentence is the sample's (no figure is new); only their grouping changes. Citations,
footnote marks and cross-references are taken out (the reference has no sources, tables or
figures; a sentence that only points at a table goes). The text is used four times, set
differently so that the same paragraphs do not break the same way again: as in the sample; the
key findings, recommendations and footnotes as paragraphs; each section's paragraphs joined in
pairs; and all sentences regrouped into paragraphs of four from the third on. It is a bench
text, not for reading.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "briefs" / "venezuela-2025.yaml"
OUT = Path(__file__).resolve().parent / "reference.yaml"

#: A sentence ends at . ? ! (or a closing quote after one) before a capital or an opening quote.
SENTENCE_END = re.compile(r"(?:(?<=[.?!])|(?<=[.?!][”\"]))(?<!\bNo\.)\s+(?=[A-Z“\"*])")

#: Paragraphs of regrouped sentences: as many as make the reference 8 pages.
REGROUPED = 1

HEAD = """\
# yaml-language-server: $schema=../../briefgen/schema/brief.schema.json
#
# The line-breaking bench's reference text (issue #13): about 8 A4 pages of justified prose and
# headings, no charts, tables or boxes. Written by bench/reference/make_reference.py from the
# prose of briefs/venezuela-2025.yaml: every sentence is the sample's, regrouped; do not edit by
# hand. Measure it with: python bench/linebreaks.py bench/reference/reference.yaml
"""


def clean(text: str) -> str:
    """Markdown prose without citations, footnote marks or cross-references, on one line per paragraph."""
    text = re.sub(r"\s*\(\[\]\(#[^)]+\)\)", "", text)  # "(Section 2)" and the like
    text = re.sub(r"\[\^[^\]]+\]", "", text)  # footnote marks
    paragraphs = []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = re.sub(r"\[\]\(#(?:tab|fig)-[^)]+\)[^.]*\.\s*", "", " ".join(para.split()))  # "Table 1 sets..."
        para = re.sub(r"\s*\[\]\(#[^)]+\)", "", para)  # citations
        para = re.sub(r"\s+([.,;:)])", r"\1", para)
        if para:
            paragraphs.append(para)
    return "\n\n".join(paragraphs)


def split_sentences(paragraph: str) -> list:
    return [s for s in SENTENCE_END.split(paragraph) if s]


def sample_text(sample: dict) -> tuple:
    """The sample's sections as (heading, [paragraph, ...]), and its other prose as paragraphs."""
    sections, others = [], []
    for section in sample["sections"]:
        paragraphs = []
        for block in section["blocks"]:
            if "prose" in block:
                paragraphs += clean(block["prose"]).split("\n\n")
            elif "callout" in block:
                others += [clean(item) for item in block["callout"]["items"]]
            elif "recommendations" in block:
                for group in block["recommendations"]["groups"]:
                    others += [clean(f"**{item['lead']}.** {item['text']}") for item in group["items"]]
        sections.append((section["heading"], paragraphs))
    others += [clean(note) for note in sample["footnotes"].values()]
    return sections, others


def reference(sample: dict) -> list:
    """The reference's sections as (heading, [paragraph, ...])."""
    sections, others = sample_text(sample)
    out = list(sections) + [("Findings, recommendations and notes", others)]
    # Lines broken first-fit are the same wherever a paragraph starts with the same text: each
    # regrouped paragraph starts at a sentence that has not started one yet.
    starts = {split_sentences(p)[0] for _, paragraphs in out for p in paragraphs}
    for heading, paragraphs in sections:
        sentences = [s for p in paragraphs for s in split_sentences(p)]
        out.append((f"{heading}, regrouped", regroup(sentences, 3, starts)))
    sentences = [s for _, paragraphs in sections for p in paragraphs for s in split_sentences(p)]
    out.append(("All sections, regrouped", regroup(sentences, 5, starts)[:REGROUPED]))
    return out


def regroup(sentences: list, size: int, starts: set) -> list:
    """``sentences`` (turned to begin at the first that has not started a paragraph, the rest
    moved to the end) in paragraphs of at least ``size``, each starting with a new sentence;
    ``starts`` gains their first sentences."""
    first = next((i for i, s in enumerate(sentences) if s not in starts), 0)
    sentences = sentences[first:] + sentences[:first]
    groups: list = [[]]
    for sentence in sentences:
        if len(groups[-1]) >= size and sentence not in starts:
            groups.append([])
        if not groups[-1]:
            starts.add(sentence)
        groups[-1].append(sentence)
    return [" ".join(group) for group in groups]


def to_yaml(sections: list) -> str:
    lines = [HEAD, "meta:",
             "  title: Line-breaking reference text",
             "  subtitle: The prose of the sample brief, regrouped, for the line-breaking bench",
             "  date: 2025-05-15",
             "  organisation:",
             "    name: Observatorio de Derechos y Democracia",
             "  language: en",
             "  page_size: A4",
             "  toc: false",
             "",
             "sections:"]
    for heading, paragraphs in sections:
        lines.append(f"  - heading: {json.dumps(heading, ensure_ascii=False)}")
        lines.append("    blocks:")
        lines.append("      - prose: |")
        lines.append("\n\n".join("          " + paragraph for paragraph in paragraphs))
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if reference.yaml is out of date")
    args = parser.parse_args(argv)
    text = to_yaml(reference(yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))))
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run python {Path(__file__).relative_to(ROOT)}", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
