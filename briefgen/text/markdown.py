"""Prose: Markdown in, a small checked tree out, ReportLab paragraph markup at the end.

In:  Markdown text from a brief (paragraphs, emphasis, links, lists nested one
     level, footnote references ``[^id]``, cross-references ``[](#id)``).
Out: :func:`parse` gives :class:`MdBlock` trees (checked at load time by
     :func:`problems`); :func:`markup` turns inline nodes into ReportLab
     paragraph markup with every piece of user text escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from .markup import escape
from .typography import tie_dates

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from ..errors import did_you_mean
from ..schema.fields import LINK_SCHEMES

_DISABLED = ["html_block", "html_inline", "image", "code", "fence", "heading", "lheading", "hr",
             "blockquote", "reference", "table", "autolink"]


@lru_cache(maxsize=1)  # a parser is costly to set up and holds no per-brief state
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"typographer": True})
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    md.disable([rule for rule in _DISABLED if _has_rule(md, rule)])
    md.enable(["replacements", "smartquotes"])
    # Accept every link target here so that unsafe ones reach problems() and become errors,
    # instead of silently printing as text.
    md.validateLink = lambda url: True
    return md


def _has_rule(md: MarkdownIt, name: str) -> bool:
    return any(name in chain.ruler.get_all_rules() for chain in (md.block, md.inline, md.core))


@dataclass
class Inline:
    """An inline node: text, strong, em, link, fnref, xref, code or br."""

    kind: str
    text: str = ""
    children: list = field(default_factory=list)


@dataclass
class MdBlock:
    """A paragraph, or a list ('bullet'/'ordered') whose items are lists of MdBlocks."""

    kind: str
    inlines: list = field(default_factory=list)
    items: list = field(default_factory=list)
    line: int = 0  # 0-based line within the Markdown text
    start: int = 1


@dataclass
class Prose:
    """A Markdown value from the brief, parsed, with where it came from."""

    text: str
    blocks: list
    source: object = None  # briefgen.source.Source
    path: tuple = ()

    @classmethod
    def from_text(cls, text: str, source=None, path=()) -> "Prose":
        return cls(text, parse(text), source, tuple(path))

    @property
    def inlines(self) -> list:
        """Inline nodes of all paragraphs joined (for one-line fields such as titles)."""
        nodes = []
        for block in self.blocks:
            if nodes:
                nodes.append(Inline("text", " "))
            nodes.extend(block.inlines)
        return nodes

    def position(self, line: int = 0):
        return self.source.text_line(self.path, line) if self.source else (0, 0)

    def __str__(self):
        return plain(self.inlines)


def parse(text: str, md: MarkdownIt | None = None) -> list[MdBlock]:
    """Parse Markdown into paragraphs and lists."""
    tokens = (md or _parser()).parse(text, {})
    blocks, _ = _blocks(tokens, 0, None)
    return blocks


def _blocks(tokens, i, closing):
    blocks = []
    while i < len(tokens):
        token = tokens[i]
        if token.type == closing:
            return blocks, i + 1
        if token.type == "inline":
            blocks.append(MdBlock("para", _inlines(token.children or []), line=token.map[0] if token.map else 0))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            kind = "bullet" if token.type.startswith("bullet") else "ordered"
            lst = MdBlock(kind, line=token.map[0] if token.map else 0, start=int(token.attrGet("start") or 1))
            i += 1
            while tokens[i].type == "list_item_open":
                item, i = _blocks(tokens, i + 1, "list_item_close")
                lst.items.append(item)
            blocks.append(lst)
        i += 1
    return blocks, i


def _inlines(children) -> list[Inline]:
    root: list[Inline] = []
    stack = [root]
    for token in children:
        kind = token.type
        if kind == "text":
            stack[-1].append(Inline("text", token.content))
        elif kind in ("softbreak",):
            stack[-1].append(Inline("text", " "))
        elif kind == "hardbreak":
            stack[-1].append(Inline("br"))
        elif kind == "code_inline":
            stack[-1].append(Inline("code", token.content))
        elif kind == "footnote_ref":
            stack[-1].append(Inline("fnref", token.meta["label"]))
        elif kind in ("strong_open", "em_open", "link_open"):
            node = Inline(kind[:-5], token.attrGet("href") or "")
            stack[-1].append(node)
            stack.append(node.children)
        elif kind in ("strong_close", "em_close", "link_close"):
            stack.pop()
            if kind == "link_close" and stack[-1][-1].text.startswith("#"):
                stack[-1][-1].kind = "xref"
    return root


def walk_inlines(blocks):
    """Every inline node in ``blocks`` with the line it is on."""
    for block in blocks:
        yield from ((node, block.line) for node in _flatten(block.inlines))
        for item in block.items:
            yield from walk_inlines(item)


def _flatten(nodes):
    for node in nodes:
        yield node
        yield from _flatten(node.children)


def problems(blocks, footnotes, anchors):
    """(line, message) for unknown footnotes, unknown anchors and unsafe links."""
    found = []
    for node, line in walk_inlines(blocks):
        if node.kind == "fnref" and node.text not in footnotes:
            found.append((line, f"unknown footnote '[^{node.text}]'{did_you_mean(node.text, footnotes)};"
                                f" define it under 'footnotes:'"))
        elif node.kind == "xref" and node.text[1:] not in anchors:
            found.append((line, f"unknown cross-reference '{node.text}'{did_you_mean(node.text[1:], anchors)};"
                                " give the section, figure or table that id"))
        elif node.kind == "link" and not node.text.startswith(LINK_SCHEMES):
            found.append((line, f"link '{node.text}' is not allowed: links must start with http://, https://,"
                                " mailto: or # (a cross-reference)"))
    for block in blocks:
        if block.items and _list_depth([block]) > 2:
            found.append((block.line, "lists may nest one level only; flatten the innermost list"))
    return found


def _list_depth(blocks) -> int:
    return max((1 + max((_list_depth(item) for item in b.items), default=0) for b in blocks if b.items), default=0)


class Resolver:
    """What inline markup needs from the document: footnote numbers and anchor labels."""

    def footnote(self, label: str) -> tuple[int, str]:  # (number, anchor name)
        raise NotImplementedError

    def anchor(self, ident: str) -> str:  # text such as "Figure 2"
        raise NotImplementedError

    def target(self, ident: str) -> str:  # the PDF destination name
        raise NotImplementedError

    def on_footnote(self, label: str) -> str:
        """Extra markup placed at a footnote reference (e.g. a page-tracking callback)."""
        return ""


def _citation_number(node, resolver) -> int | None:
    """The number of an empty cross-reference to a source ("[7]"), else None."""
    if node.kind != "xref" or node.children:
        return None
    text = resolver.anchor(node.text[1:])
    return int(text[1:-1]) if text.startswith("[") and text[1:-1].isdigit() else None


def _group_citations(nodes, resolver) -> list:
    """Runs of source citations ("[9] [10] [11]") become one node, printed "[9–11]"."""
    grouped, i = [], 0
    while i < len(nodes):
        run, j = [], i
        while j < len(nodes):
            if _citation_number(nodes[j], resolver) is not None:
                run.append(nodes[j])
                j += 1
            elif run and nodes[j].kind == "text" and not nodes[j].text.strip() and j + 1 < len(nodes) \
                    and _citation_number(nodes[j + 1], resolver) is not None:
                j += 1  # the space between two citations
            else:
                break
        if len(run) > 1:
            grouped.append(Inline("citations", children=run))
            i = j
        else:
            grouped.append(nodes[i])
            i += 1
    return grouped


def _citations_markup(run, resolver) -> str:
    """'[3, 9–11]': consecutive numbers become ranges; each printed number is a link."""
    numbered = sorted({_citation_number(n, resolver): n for n in run}.items())

    def link(item) -> str:
        number, node = item
        return f'<a href="#{resolver.target(node.text[1:])}">{number}</a>'

    parts, k = [], 0
    while k < len(numbered):
        end = k
        while end + 1 < len(numbered) and numbered[end + 1][0] == numbered[end][0] + 1:
            end += 1
        if end > k + 1:
            parts.append(f"{link(numbered[k])}–{link(numbered[end])}")
        else:
            parts.extend(link(item) for item in numbered[k:end + 1])
        k = end + 1
    return "[" + ", ".join(parts) + "]"


def markup(nodes, resolver: Resolver, *, link_color: str = "") -> str:
    """ReportLab paragraph markup for inline nodes; all user text is escaped."""
    out = []
    for node in _group_citations(nodes, resolver):
        if node.kind == "citations":
            out.append(_citations_markup(node.children, resolver))
            continue
        if node.kind == "text":
            out.append(tie_dates(escape(node.text)))
        elif node.kind == "br":
            out.append("<br/>")
        elif node.kind == "code":
            out.append(escape(node.text))
        elif node.kind == "strong":
            out.append(f"<b>{markup(node.children, resolver, link_color=link_color)}</b>")
        elif node.kind == "em":
            out.append(f"<i>{markup(node.children, resolver, link_color=link_color)}</i>")
        elif node.kind == "link":
            inner = markup(node.children, resolver, link_color=link_color) or escape(node.text)
            color = f' color="{link_color}"' if link_color else ""
            out.append(f'<a href="{escape(node.text)}"{color}>{inner}</a>')
        elif node.kind == "xref":
            ident = node.text[1:]
            inner = markup(node.children, resolver, link_color=link_color) or escape(resolver.anchor(ident))
            out.append(f'<a href="#{resolver.target(ident)}">{inner}</a>')
        elif node.kind == "fnref":
            number, name = resolver.footnote(node.text)
            out.append(f'{resolver.on_footnote(node.text)}<a href="#{name}"><super>{number}</super></a>'
                       f'<a name="ref-{name}"/>')
    return "".join(out)


def plain(nodes, resolver: Resolver | None = None) -> str:
    """The text of inline nodes without markup (for outlines and metadata)."""
    parts = []
    for node in nodes:
        if node.kind in ("text", "code"):
            parts.append(node.text)
        elif node.kind == "xref" and not node.children and resolver:
            parts.append(resolver.anchor(node.text[1:]))
        elif node.kind != "fnref":
            parts.append(plain(node.children, resolver))
    return "".join(parts)
