"""Cross-field checks and numbering, run once the whole brief has been read.

In:  a checked :class:`~briefgen.schema.brief.Brief` and the list of every
     Markdown value in it.
Out: an :class:`Index`: section, figure and table numbers, every anchor id
     with its printed label, footnote numbers in order of first citation;
     unknown or duplicate ids, bad links and unused footnotes are diagnostics.

A reference to a block, section, source or footnote that was refused (a chart
with a wrong ``type``, say) is not reported again as unknown: the refusal is
the real mistake, and the reference is right once it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import did_you_mean
from ..text import markdown
from ..text.i18n import label


@dataclass
class Anchor:
    kind: str  # section, figure, table, source
    label: str  # printed text for an empty cross-reference, e.g. "Figure 2"
    name: str  # PDF destination name
    title: str = ""


@dataclass
class Index:
    """Numbers and anchors for the whole brief, computed before layout."""

    anchors: dict = field(default_factory=dict)
    section_numbers: dict = field(default_factory=dict)  # id(section) -> "2" or "2.1"
    block_numbers: dict = field(default_factory=dict)  # id(block) -> 1, 2, ...
    footnote_order: list = field(default_factory=list)  # footnote ids by first citation
    footnote_numbers: dict = field(default_factory=dict)  # footnote id -> its number

    def footnote_number(self, ident: str) -> int:
        return self.footnote_numbers[ident]

    def cite_footnote(self, ident: str) -> None:
        """Number ``ident`` next, unless it is numbered already."""
        if ident not in self.footnote_numbers:
            self.footnote_order.append(ident)
            self.footnote_numbers[ident] = len(self.footnote_order)


def build_index(brief, ctx, lang: str) -> Index:
    """Number everything and check every reference; problems go to ``ctx``."""
    index = Index()
    seen: dict = {}

    def add_anchor(ident, anchor, path):
        if ident is None:
            return
        if ident in seen:
            ctx.error(path + ("id",), f"duplicate id '{ident}', already used at line {seen[ident][0]}")
            return
        seen[ident] = ctx.source.where(path + ("id",))
        index.anchors[ident] = anchor

    counters: dict = {}
    for s_i, section in enumerate(brief.sections, 1):
        _number_section(section, str(s_i), ("sections", s_i - 1), index, add_anchor, counters, lang, ctx)
        for sub_i, sub in enumerate(section.sections, 1):
            path = ("sections", s_i - 1, "sections", sub_i - 1)
            _number_section(sub, f"{s_i}.{sub_i}", path, index, add_anchor, counters, lang, ctx)
            if sub.sections:
                ctx.error(path + ("sections",), "subsections may not have subsections of their own;"
                                                " move them up a level")
    for n, source in enumerate(brief.sources, 1):
        add_anchor(source.id, Anchor("source", f"[{n}]", f"src-{source.id}", source.title),
                   ("sources", n - 1))

    # Once something was refused, references to it are knock-on mistakes: for these checks they count as known.
    refused = _written_ids(ctx.source.data) - set(index.anchors) if ctx.diagnostics.errors else set()
    anchors = {**dict.fromkeys(refused), **index.anchors}
    footnotes = set(brief.footnotes)
    if ctx.diagnostics.errors and isinstance(ctx.source.data.get("footnotes"), dict):
        footnotes |= set(ctx.source.data["footnotes"])
    sources = {ident for ident, anchor in index.anchors.items() if anchor.kind == "source"}
    for ident, prose in ctx.extra.get("source_refs", []):
        if ident in refused:
            continue
        if ident not in sources:
            what = (f"'{ident}' is a {index.anchors[ident].kind}, not a source" if ident in index.anchors
                    else f"unknown source '{ident}'{did_you_mean(ident, sources)}")
            ctx.error(prose.path, f"{what}; cite the id of an entry under 'sources:'")

    all_prose = ctx.extra.get("prose", [])
    for prose in all_prose:
        for node, _ in markdown.walk_inlines(prose.blocks):
            if node.kind == "fnref" and node.text in brief.footnotes and prose.path[:1] != ("footnotes",):
                index.cite_footnote(node.text)
        for line, message in markdown.problems(prose.blocks, footnotes, anchors):
            ctx.error(prose.path, message, at=prose.position(line))
        if prose.path[:1] == ("footnotes",):
            for node, line in markdown.walk_inlines(prose.blocks):
                if node.kind == "fnref":
                    ctx.error(prose.path, "a footnote cannot cite another footnote", at=prose.position(line))
    for ident in brief.footnotes:
        cited_where_refused = ctx.diagnostics.errors and f"[^{ident}]" in ctx.source.text
        if ident not in index.footnote_numbers and not cited_where_refused:
            ctx.warn(("footnotes", ident), f"footnote '{ident}' is defined but never cited; cite it with"
                                           f" [^{ident}] or remove it", key=True)
    return index


def _written_ids(data) -> set:
    """Every ``id:`` written in the brief's sections (at any depth, blocks included) and sources."""
    found = set()
    stack = [data.get(key) for key in ("sections", "sources")] if isinstance(data, dict) else []
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("id"), str):
                found.add(item["id"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _number_section(section, number, path, index, add_anchor, counters, lang, ctx):
    index.section_numbers[id(section)] = number
    add_anchor(section.id, Anchor("section", f"{label(lang, 'section')} {number}", f"sec-{number}",
                                  section.heading), path)
    for b_i, block in enumerate(section.blocks):
        kind = block.numbered_as
        if kind:
            counters[kind] = counters.get(kind, 0) + 1
            index.block_numbers[id(block)] = counters[kind]
            text = f"{label(lang, kind)} {counters[kind]}"
            add_anchor(block.id, Anchor(kind, text, f"{kind}-{counters[kind]}", block.title_text()),
                       path + ("blocks", b_i, block.kind))
        elif block.id:
            add_anchor(block.id, Anchor("block", block.title_text() or block.id, f"block-{block.id}"),
                       path + ("blocks", b_i, block.kind))
