"""Prose: Markdown in, a small checked tree out, ReportLab paragraph markup at the end.

In:  Markdown text from a brief (paragraphs, emphasis, links, lists nested one
     level, footnote references ``[^id]``, cross-references ``[](#id)``, and
     phrases in another language ``[phrase]{lang=fr}``).
Out: :func:`parse` gives :class:`MdBlock` trees (checked at load time by
     :func:`problems`); :func:`markup` turns inline nodes into ReportLab
     paragraph markup with every piece of user text escaped, set in the
     brief's typography (:func:`briefgen.text.typography.typeset`).

Emphasis and links nested deeper than ``limits.markdown_depth`` are flattened
while parsing (their text is kept) and reported by :func:`problems`, so no walk
over the tree goes deeper than the limit. The Markdown of one file is read
within ``limits.markdown_work`` (see :func:`work`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import did_you_mean
from ..limits import Limits
from .hyphenate import soft_hyphens
from .markup import LINK_SCHEMES, escape
from .mdtrees import freeze, thaw
from .spans import close_span, open_span
from .typography import tie_dates, typeset

if TYPE_CHECKING:  # imported when parsing: a build whose texts are all cached never needs markdown-it
    from markdown_it import MarkdownIt

#: However far markdown_depth is raised, the tree stays this shallow (deeper markup is flattened),
#: so the recursive walks below stay far from Python's recursion limit.
_MAX_TREE_DEPTH = 100
#: markdown-it reads a letter in ~0.1 µs but one of these in up to 40 µs (measured on 60,000 of each),
#: so they count 20 characters each against limits.markdown_work.
_MARKUP_CHARS = "[]()*_`!<>^&.-\\\n\"'"
_MARKUP_WEIGHT = 20
#: Setting up one parse costs ~60 µs, as much as ~500 letters: many tiny texts cost more than their length.
_TEXT_WEIGHT = 500
_DISABLED = ["html_block", "html_inline", "image", "code", "fence", "heading", "lheading", "hr",
             "blockquote", "reference", "table", "autolink"]


@lru_cache(maxsize=1)  # a parser is costly to set up and holds no per-brief state
def _parser() -> MarkdownIt:
    # Imported here: a build whose texts are all in the cache (briefgen.text.mdtrees) never needs them.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"typographer": True})
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    md.inline.ruler.at("footnote_ref", _footnote_ref)
    md.disable([rule for rule in _DISABLED if _has_rule(md, rule)])
    md.enable(["replacements", "smartquotes"])
    # '[phrase]{lang=fr}': a phrase in another language (attributes after a bracketed span only).
    md.use(attrs_plugin, after=("span_close",), spans=True)
    # Accept every link target here so that unsafe ones reach problems() and become errors,
    # instead of silently printing as text.
    md.validateLink = lambda url: True
    return md


#: '[^label]' as mdit-py-plugins reads it (no space or newline in the label), but with the label's
#: length bounded: the plugin scans to the end of the text from every '[^', quadratic in the text
#: (20,000 characters of '[^a' took 45 s).
_FOOTNOTE_REF = re.compile(r"\[\^([^\] \n]{1,200})\]")


def _footnote_ref(state, silent: bool) -> bool:
    match = _FOOTNOTE_REF.match(state.src, state.pos, state.posMax)
    if not match:
        return False
    if not silent:
        state.push("footnote_ref", "", 0).meta = {"label": match.group(1)}
    state.pos = match.end()
    return True


def _has_rule(md: MarkdownIt, name: str) -> bool:
    return any(name in chain.ruler.get_all_rules() for chain in (md.block, md.inline, md.core))


@dataclass
class Inline:
    """An inline node: text, strong, em, link, fnref, xref, code, br, or span (``text``: its language)."""

    kind: str
    text: str = ""
    children: list = field(default_factory=list)
    attrs: dict | None = None  # a span's attributes as written, checked by problems()
    line: int = 0  # a text's or span's line within its paragraph


@dataclass
class MdBlock:
    """A paragraph, or a list ('bullet'/'ordered') whose items are lists of MdBlocks."""

    kind: str
    inlines: list = field(default_factory=list)
    items: list = field(default_factory=list)
    line: int = 0  # 0-based line within the Markdown text
    start: int = 1
    problem: str = ""  # found while parsing (nesting too deep), reported by problems()


@dataclass
class Prose:
    """A Markdown value from the brief, parsed, with where it came from."""

    text: str
    blocks: list
    source: object = None  # briefgen.source.Source
    path: tuple = ()

    @classmethod
    def from_text(cls, text: str, source=None, path=()) -> "Prose":
        """Parse ``text``, a value of ``source`` at ``path``; the source's Markdown is parsed within its limits."""
        limits = getattr(source, "limits", None) or Limits.from_env()
        if getattr(source, "markdown_work", None) is None:  # no file to count against
            return cls(text, parse(text, limits=limits), source, tuple(path))
        before = source.markdown_work
        source.markdown_work += work(text)
        if source.markdown_work <= limits.markdown_work:
            stored = getattr(source, "trees", None)  # a brief's own file: its texts' trees are in the cache
            blocks = stored.blocks(text) if stored is not None else parse(text, limits=limits)
            return cls(text, blocks, source, tuple(path))
        block = MdBlock("para", [Inline("text", text)])  # kept as plain text: the build stops anyway
        if before <= limits.markdown_work:  # report the text that crosses the limit, not every one after it
            block.problem = (f"the Markdown in this file passes {limits.markdown_work:,} here (markdown_work counts"
                             f" {_TEXT_WEIGHT} for each text, 1 for each character and {_MARKUP_WEIGHT} for each"
                             f" markup character, all texts together); shorten the texts or split the brief; {limits.hint('markdown_work')}")
        return cls(text, [block], source, tuple(path))

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


def work(text: str) -> int:
    """What reading ``text`` costs, counted against ``limits.markdown_work``."""
    return _TEXT_WEIGHT + len(text) + (_MARKUP_WEIGHT - 1) * sum(map(text.count, _MARKUP_CHARS))


def parse(text: str, md: MarkdownIt | None = None, *, limits: Limits | None = None) -> list[MdBlock]:
    """Parse Markdown into paragraphs and lists: a tree of the caller's own, which it may change."""
    if md is None:
        return thaw(frozen(text, limits or Limits()))
    blocks, _ = _blocks(md.parse(text, {}), 0, None, limits or Limits())
    return blocks


@lru_cache(maxsize=4096)  # `watch` rebuilds and batch workers read the same texts again
def frozen(text: str, limits: Limits) -> tuple:
    """The tree of ``text`` as nested tuples (:func:`briefgen.text.mdtrees.freeze`): shared, never changed."""
    blocks, _ = _blocks(_parser().parse(text, {}), 0, None, limits)
    return freeze(blocks)


def _blocks(tokens, i, closing, limits):
    blocks = []
    while i < len(tokens):
        token = tokens[i]
        if token.type == closing:
            return blocks, i + 1
        if token.type == "inline":
            inlines, deepest = _inlines(token.children or [], min(limits.markdown_depth, _MAX_TREE_DEPTH))
            block = MdBlock("para", inlines, line=token.map[0] if token.map else 0)
            if deepest > limits.markdown_depth:
                block.problem = (f"emphasis and links nest {deepest} deep here; the limit is {limits.markdown_depth}"
                                 " (markdown_depth); remove the extra '*', '_' or brackets;"
                                 f" {limits.hint('markdown_depth')}")
            blocks.append(block)
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            kind = "bullet" if token.type.startswith("bullet") else "ordered"
            lst = MdBlock(kind, line=token.map[0] if token.map else 0, start=int(token.attrGet("start") or 1))
            i += 1
            while tokens[i].type == "list_item_open":
                item, i = _blocks(tokens, i + 1, "list_item_close", limits)
                lst.items.append(item)
            blocks.append(lst)
        i += 1
    return blocks, i


def _inlines(children, max_depth: int) -> tuple[list[Inline], int]:
    """Inline nodes, and how deep emphasis and links nested; deeper than ``max_depth`` they are flattened."""
    root: list[Inline] = []
    stack = [root]
    opened: list[bool] = []  # per open emphasis or link: did it get a node of its own?
    deepest = 0
    lines = 0  # line breaks so far: where a span starts
    for token in children:
        kind = token.type
        lines += kind in ("softbreak", "hardbreak")
        if kind == "text":
            stack[-1].append(Inline("text", token.content, line=lines))
        elif kind in ("softbreak",):
            stack[-1].append(Inline("text", " "))
        elif kind == "hardbreak":
            stack[-1].append(Inline("br"))
        elif kind == "code_inline":
            stack[-1].append(Inline("code", token.content))
        elif kind == "footnote_ref":
            stack[-1].append(Inline("fnref", token.meta["label"]))
        elif kind in ("strong_open", "em_open", "link_open", "span_open"):
            deepest = max(deepest, len(opened) + 1)
            opened.append(len(stack) <= max_depth)
            if opened[-1]:
                if kind == "span_open":
                    node = Inline("span", str(token.attrs.get("lang", "")), attrs=dict(token.attrs), line=lines)
                else:
                    node = Inline(kind[:-5], token.attrGet("href") or "")
                stack[-1].append(node)
                stack.append(node.children)
        elif kind in ("strong_close", "em_close", "link_close", "span_close") and opened:
            if opened.pop():
                stack.pop()
                if kind == "link_close" and stack[-1][-1].text.startswith("#"):
                    stack[-1][-1].kind = "xref"
    return root, deepest


def walk_inlines(blocks):
    """Every inline node in ``blocks`` with the line it is on."""
    for block in blocks:
        yield from ((node, block.line) for node in _flatten(block.inlines))
        for item in block.items:
            yield from walk_inlines(item)


def _flatten(nodes):
    """Nodes in document order, depth first, without recursion."""
    pending = list(reversed(nodes))
    while pending:
        node = pending.pop()
        yield node
        pending.extend(reversed(node.children))


def problems(blocks, footnotes, anchors):
    """(line, message) for markup nested too deep, unknown footnotes and anchors, and unsafe links."""
    found = [(block.line, block.problem) for block in _all_blocks(blocks) if block.problem]
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
        elif node.kind == "span":
            found.extend((line + node.line, message) for message in _span_problems(node))
        elif node.kind == "text" and "lang" in node.text:
            found.extend((line + node.line, f"'{unread.group(0)}' was not read as a language span; write it as"
                                " [phrase]{lang=fr}: no space between ']' and '{', and a language tag after 'lang='")
                         for unread in _UNREAD_SPAN.finditer(node.text))
    for block in blocks:
        if block.items and _list_depth([block]) > 2:
            found.append((block.line, "lists may nest one level only; flatten the innermost list"))
    return found


#: '{lang=...}' left as text after ']': a span whose attributes could not be read.
_UNREAD_SPAN = re.compile(r"(?:\[[^\[\]\n]{0,80})?\]\s*\{[^{}\n]{0,80}\blang\b[^{}\n]{0,80}\}?")
#: Language names people write instead of tags, for the suggestion.
_LANGUAGE_NAMES = {
    "english": "en", "spanish": "es", "español": "es", "espanol": "es", "castellano": "es", "french": "fr",
    "français": "fr", "francais": "fr", "portuguese": "pt", "português": "pt", "portugues": "pt",
    "german": "de", "deutsch": "de", "italian": "it", "italiano": "it", "dutch": "nl", "russian": "ru",
    "ukrainian": "uk", "greek": "el", "arabic": "ar", "hebrew": "he", "persian": "fa", "farsi": "fa",
    "chinese": "zh", "japanese": "ja", "latin": "la", "catalan": "ca", "català": "ca", "quechua": "qu",
}


def _span_problems(node) -> list[str]:
    """What is wrong with a span's attributes: only ``lang``, and a valid language tag."""
    from ..schema.languages import LanguageTag  # the check of the blocks' 'lang:' key

    phrase = plain(node.children)
    shown = phrase if len(phrase) <= 40 else phrase[:39] + "…"
    found = []
    attrs = node.attrs or {}
    for key, value in attrs.items():
        if key != "lang":
            written = {"class": "." + str(value), "id": "#" + str(value)}.get(key, f"{key}={value}")
            found.append(f"span '[{shown}]' has '{written}': a span takes only a language, as in"
                         " [phrase]{lang=fr}")
    if "lang" not in attrs:
        return found
    tag = node.text
    if not LanguageTag.compiled.fullmatch(tag):
        hint = _LANGUAGE_NAMES.get(tag.strip().lower())
        hint = f" (did you mean '{hint}'?)" if hint else ""
        found.append(f"span '[{shown}]{{lang={tag}}}': expected {LanguageTag.wanted}, found {tag!r}{hint}")
    return found


def _all_blocks(blocks):
    for block in blocks:
        yield block
        for item in block.items:
            yield from _all_blocks(item)


def _list_depth(blocks) -> int:
    return max((1 + max((_list_depth(item) for item in b.items), default=0) for b in blocks if b.items), default=0)


class Resolver:
    """What inline markup needs from the document: footnote numbers and anchor labels, its language."""

    #: The document's language: its typography (quotation marks, no-break spaces).
    lang = "en"

    @property
    def hyphenates(self) -> bool:
        """Whether body paragraphs hyphenate; then a phrase in another language gets that language's breaks."""
        styles = getattr(self, "styles", None)
        return bool(styles is not None and getattr(styles["body"], "hyphenationLang", None))

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
        return f'<a href="#{escape(resolver.target(node.text[1:]))}">{number}</a>'

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
    """ReportLab paragraph markup for inline nodes; all user text is escaped, then set in the typography
    of the resolver's language (and each span's own)."""
    return typeset(_markup(nodes, resolver, link_color, None), getattr(resolver, "lang", "en") or "en")


def _markup(nodes, resolver: Resolver, link_color: str, span_lang: str | None) -> str:
    """:func:`markup` before typesetting; ``span_lang``: the language of the span the nodes are in."""
    out = []
    nodes = _group_citations(nodes, resolver)
    for index, node in enumerate(nodes):
        if node.kind == "citations":
            out.append(_citations_markup(node.children, resolver))
            continue
        if node.kind == "span" and index + 1 < len(nodes) and nodes[index + 1].kind == "text":
            # The space after a phrase goes inside its last run: ReportLab doubles a space that starts
            # the next run when it hyphenates the run's last word at a soft hyphen.
            after = nodes[index + 1]
            space = after.text[:len(after.text) - len(after.text.lstrip())]
            children = _with_trailing(node.children, space) if space else None
            if children is not None:
                node = replace(node, children=children)
                nodes[index + 1] = replace(after, text=after.text[len(space):])
        if node.kind == "text":
            text = node.text
            if span_lang and getattr(resolver, "hyphenates", False):
                text = soft_hyphens(text, span_lang)
            out.append(tie_dates(escape(text)))
        elif node.kind == "br":
            out.append("<br/>")
        elif node.kind == "code":
            out.append(escape(node.text))
        elif node.kind == "strong":
            out.append(f"<b>{_markup(node.children, resolver, link_color, span_lang)}</b>")
        elif node.kind == "em":
            out.append(f"<i>{_markup(node.children, resolver, link_color, span_lang)}</i>")
        elif node.kind == "span":
            # Its own language in a tagged PDF; <nobr> keeps the paragraph's patterns off its words,
            # which break only where their own language's soft hyphens allow.
            inner = _markup(node.children, resolver, link_color, node.text or span_lang)
            out.append(f"{open_span(lang=node.text)}<nobr>{inner}</nobr>{close_span()}" if node.text else inner)
        elif node.kind == "link":
            inner = _markup(node.children, resolver, link_color, span_lang) or escape(node.text)
            if not node.text.startswith(LINK_SCHEMES):  # refused by problems(); never a live link here
                out.append(inner)
                continue
            color = f' color="{escape(link_color)}"' if link_color else ""
            out.append(f'<a href="{escape(node.text)}"{color}>{inner}</a>')
        elif node.kind == "xref":
            ident = node.text[1:]
            inner = _markup(node.children, resolver, link_color, span_lang) or escape(resolver.anchor(ident))
            out.append(f'<a href="#{escape(resolver.target(ident))}">{inner}</a>')
        elif node.kind == "fnref":
            number, name = resolver.footnote(node.text)
            name = escape(name)
            out.append(f'{resolver.on_footnote(node.text)}<a href="#{name}"><super>{escape(number)}</super></a>'
                       f'<a name="ref-{name}"/>')
    return "".join(out)


def _with_trailing(nodes, space: str):
    """Copies of ``nodes`` whose last text ends with ``space``; None when they end otherwise (a note)."""
    last = nodes[-1] if nodes else None
    if last is not None and last.kind == "text":
        return nodes[:-1] + [replace(last, text=last.text + space)]
    if last is not None and last.kind in ("strong", "em", "span", "link", "xref") and last.children:
        inner = _with_trailing(last.children, space)
        return None if inner is None else nodes[:-1] + [replace(last, children=inner)]
    return None


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
