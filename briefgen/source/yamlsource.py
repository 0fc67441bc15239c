"""Stage 1, load: read a YAML file safely and remember where every value came from.

In:  a path to a YAML file (a brief, a theme or a chart spec) and the :class:`Limits`.
Out: a :class:`Source`: the plain Python data (dicts, lists, scalars) plus
     the line and column of every value and key, addressed by YAML path.

Only YAML's standard tags are accepted. Files over ``limits.yaml_bytes`` and
files that are not UTF-8 are refused. Nodes are composed from parser events
without recursion, and each bound is checked before the work it guards: nesting
(``yaml_depth``), the size a document expands to once aliases are followed
(``yaml_expanded``, values and characters, so a "billion laughs" or a long text
aliased many times fails at the alias that crosses it) and the length of one
text (``text_chars``). Problems become positioned diagnostics.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from ..errors import BriefError, Diagnostic, display_name, format_path
from ..limits import Limits

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_MERGE = "tag:yaml.org,2002:merge"
#: Above this size a syntax error is worded by libyaml: PyYAML's own parser words it better but is slow
#: (a second for 100 KB).
_PY_MESSAGE_BYTES = 100_000
#: What one value (a list, mapping, number or text) adds to ``yaml_expanded``, besides its characters:
#: about what it costs, in time and memory, next to one character. 2M bare values took 4 s and 450 MB.
_VALUE_COST = 10
#: However far yaml_depth is raised, nesting stops here: the stages after this one walk data recursively.
_MAX_DEPTH = 200
#: A YAML path in a message is cut after this many parts (a deep one is mostly '[0][0][0]').
_PATH_PARTS = 8

Position = tuple  # (line, col), both 1-based
# libyaml's parser is ~10x faster and gives the same events and marks; it is optional in PyYAML.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Source:
    """A parsed YAML document and the positions of everything in it."""

    path: Path
    data: object
    values: dict = field(default_factory=dict)  # path tuple -> (line, col) of the value
    keys: dict = field(default_factory=dict)  # path tuple -> (line, col) of the key
    block_scalars: set = field(default_factory=set)  # paths of '|' and '>' scalars
    lines: list = field(default_factory=list)
    text: str = ""  # as read (PDF/A-3 files carry it)
    #: The bounds it was read under; later stages that parse its text (Markdown) keep to them.
    limits: Limits = field(default_factory=Limits)
    #: Markdown parsed from it so far, counted against ``limits.markdown_work``.
    markdown_work: int = 0
    #: Its texts' Markdown trees kept in the cache (a :class:`briefgen.text.mdtrees.StoredTrees`), or None.
    trees: object = None

    @cached_property  # every diagnostic asks for it: resolve the path once
    def name(self) -> str:
        return display_name(self.path)

    def text_line(self, path, offset: int) -> Position:
        """Position of line ``offset`` (0-based) inside the text value at ``path``."""
        line, col = self.where(path)
        if tuple(path) not in self.block_scalars:
            return (line + offset, col)
        line += 1 + offset
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return (line, len(text) - len(text.lstrip()) + 1)

    def where(self, path, *, key: bool = False) -> Position:
        """Position of the value at ``path`` (or its key); falls back to the nearest parent."""
        path = tuple(path)
        table = self.keys if key else self.values
        if path in table:
            return table[path]
        while path:
            path = path[:-1]
            if path in self.values:
                return self.values[path]
        return (1, 1)


def _error(name, line, col, message, path="(file)") -> BriefError:
    return BriefError([Diagnostic(name, line, col, path, message)])


def read_text(path: Path, name: str, limits: Limits | None = None) -> str:
    """Read a UTF-8 file, refusing huge or undecodable ones with a clear error."""
    limits = limits or Limits.from_env()
    try:  # never block on a FIFO or read a device: only a regular file is read
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a pipe or device, not a regular file"
                raise _error(name, 0, 0, f"expected a YAML file, found {kind}; give the path of the .yaml file")
            raw = file.read(limits.yaml_bytes + 1)  # never more than the limit allows
            size = len(raw) if len(raw) <= limits.yaml_bytes else info.st_size
    except FileNotFoundError:
        raise _error(name, 0, 0, "file not found") from None
    except OSError as exc:
        raise _error(name, 0, 0, f"cannot read file: {exc.strerror}") from None
    if size > limits.yaml_bytes:
        raise _error(name, 1, 1, f"file is {size:,} bytes; the limit is {limits.yaml_bytes:,} bytes (yaml_bytes)."
                     f" Split the content or move data into a CSV file; {limits.hint('yaml_bytes')}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise _error(name, line, col, f"file is not UTF-8 (invalid byte 0x{raw[exc.start]:02x} at byte offset"
                     f" {exc.start}); save it as UTF-8") from None
    return text


def load_yaml(path, *, name: str | None = None, limits: Limits | None = None) -> Source:
    """Parse ``path`` into a :class:`Source`, or raise :class:`BriefError`."""
    path = Path(path)
    limits = limits or Limits.from_env()
    name = name or display_name(path)
    text = read_text(path, name, limits)
    try:
        root = _Composer(_LOADER, text, name, limits).compose()
    except yaml.MarkedYAMLError as exc:
        if _LOADER is not yaml.SafeLoader and "nesting depth" in str(exc.problem):
            # libyaml >= 0.2.6 stops at its own depth (1000) while looking ahead in flow style; PyYAML's
            # parser hands over events as it goes, so the bound is met (and positioned) at yaml_depth.
            _Composer(yaml.SafeLoader, text, name, limits).compose()
        if _LOADER is yaml.SafeLoader or len(text) > _PY_MESSAGE_BYTES:
            raise _syntax_error(exc, name, text) from None
        try:  # PyYAML's own parser words errors more helpfully
            _Composer(yaml.SafeLoader, text, name, limits).compose()
        except yaml.MarkedYAMLError as py_exc:
            raise _syntax_error(py_exc, name, text) from None
        raise _syntax_error(exc, name, text) from None
    except yaml.YAMLError as exc:
        raise _error(name, 1, 1, f"YAML syntax error: {exc}", "(yaml)") from None
    source = Source(path=path, data=None, lines=text.splitlines(), text=text, limits=limits)
    if root is None:
        source.data = {}
        return source
    builder = _Builder(source, name)
    source.data = builder.build(root, ())
    if builder.problems:
        raise BriefError(builder.problems)
    return source


def _syntax_error(exc: yaml.MarkedYAMLError, name: str, text: str = "") -> BriefError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    hint = _slip_hint(text.splitlines(), line, col) or _syntax_hint(problem)
    return _error(name, line, col, f"YAML syntax error: {problem}{hint}", "(yaml)")


#: A quoted value, then more text on the same line: ``"First"[^note]``.
_AFTER_QUOTE = re.compile(r"""(?:^|[\s:\[{,-])("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*')[ \t]*$""")
#: An unquoted colour after ': ', '- ', '[', '{' or ',': YAML reads it, and the rest of the line, as a comment.
_BARE_COLOUR = re.compile(r"(?:[:,-][ \t]+|[\[{][ \t]*)(#[0-9A-Fa-f]{3,8})\b")


def _slip_hint(lines: list, line: int, col: int) -> str:
    """A hint for the commonest slips behind a syntax error at ``line``:``col``, or ''."""
    if 0 < line <= len(lines):
        before, rest = lines[line - 1][:col - 1], lines[line - 1][col - 1:].rstrip()
        quoted = _AFTER_QUOTE.search(before)
        if quoted and rest and not rest.startswith(("#", ":", ",", "]", "}")):
            mark, inside = quoted.group(1)[0], quoted.group(1)[1:-1]
            in_flow = re.search(r"[\[{]", before[:quoted.start(1)])  # inside [...] or {...}, ',' ends the value
            tail = re.match(r"(\[\^[^\]]*\]|[^,\]}])*" if in_flow else r".*?(?=\s#|$)", rest).group(0).rstrip()
            gap = before[quoted.end(1):]  # spaces between the closing quote and the rest
            fixed = f" {mark}{inside}{gap}{tail}{mark}" if mark not in tail else ""
            return (f"; a quoted text ends at its closing quote, so {(tail or rest)[:40]!r} cannot follow it:"
                    f" put the whole text inside the quotes{fixed and ','}{fixed}")
    for number in range(min(line, len(lines)), max(0, line - 4), -1):  # the error often shows on the next line
        colour = _BARE_COLOUR.search(lines[number - 1])
        if colour:
            return (f"; on line {number}, '#' starts a comment in YAML, so {colour.group(1)!r} and the rest of"
                    f" the line were not read: put the colour in quotes, \"{colour.group(1)}\"")
    return ""


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "; a value containing ': ' must be quoted, or the line is indented wrongly"
    if "found character '\\t'" in problem or "found a tab character" in problem:
        return "; indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "; check the indentation and that every key ends with ':'"
    return ""


class _Composer:
    """Parser events to PyYAML nodes, with a stack instead of recursion.

    Aliases share nodes, as in PyYAML; what each anchored node expands to (values plus
    characters) and how deep it nests are kept, so an alias is charged its full size and
    depth the moment it is read, before anything is expanded.
    """

    def __init__(self, loader_class, text: str, name: str, limits: Limits):
        self.loader = loader_class(text)
        self.name, self.limits = name, limits
        self.anchors: dict = {}  # anchor -> node
        self.sizes: dict = {}  # id(node) -> (expanded size, height) of anchored nodes once finished
        self.stack: list = []  # open collections: [node, pending key node, total at start, height]
        self.total = 0

    def compose(self):
        try:
            loader = self.loader
            loader.get_event()  # stream start
            if loader.check_event(yaml.StreamEndEvent):
                return None
            loader.get_event()  # document start
            root = self._document()
            loader.get_event()  # document end
            if not loader.check_event(yaml.StreamEndEvent):
                mark = loader.peek_event().start_mark
                raise self._fail(mark, "(yaml)", "YAML syntax error: expected one document, found a second"
                                                 " ('---'); keep one document per file")
            return root
        finally:
            self.loader.dispose()

    def _document(self):
        loader, stack = self.loader, self.stack
        ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        while True:
            event = loader.get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                node, height = self._scalar(event), 0
            elif kind in ends:
                node, _, start, height = stack.pop()
                node.end_mark = event.end_mark
                if id(node) in self.sizes:  # anchored: now its size is known
                    self.sizes[id(node)] = (self.total - start, height)
            elif kind is yaml.AliasEvent:
                node, height = self._alias(event)
            else:  # a sequence or mapping starts
                self._open(event)
                continue
            if not stack:
                return node
            frame = stack[-1]
            frame[3] = max(frame[3], height + 1)
            if isinstance(frame[0], yaml.SequenceNode):
                frame[0].value.append(node)
            elif frame[1] is None:
                frame[1] = node
            else:
                frame[0].value.append((frame[1], node))
                frame[1] = None

    def _spend(self, cost: int, mark, alias: str = ""):
        self.total += cost
        limit = self.limits.yaml_expanded
        if self.total <= limit:
            return
        counted = f"(yaml_expanded counts {_VALUE_COST} for each value and 1 for each character of text)"
        if alias:
            what = (f"alias '*{alias}' expands to {cost:,}, taking the document past {limit:,} {counted}; write"
                    " the repeated part once instead of through aliases")
        else:
            what = f"the document grows past {limit:,} here {counted}; split it or move data into a CSV file"
        raise self._fail(mark, self._path(), f"{what}; {self.limits.hint('yaml_expanded')}")

    def _anchor(self, event, node, size):
        if event.anchor is None:
            return
        if event.anchor in self.anchors:
            first = self.anchors[event.anchor].start_mark.line + 1
            raise self._fail(event.start_mark, self._path(), f"anchor '&{event.anchor}' is defined twice (first on"
                             f" line {first}); give each anchor its own name")
        self.anchors[event.anchor] = node
        self.sizes[id(node)] = size

    def _scalar(self, event):
        value = event.value
        if len(value) > self.limits.text_chars:
            raise self._fail(event.start_mark, self._path(), f"text is {len(value):,} characters"
                             f" long; the limit is {self.limits.text_chars:,} (text_chars); split it into"
                             f" shorter paragraphs or blocks; {self.limits.hint('text_chars')}")
        self._spend(_VALUE_COST + len(value), event.start_mark)
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)
        self._anchor(event, node, (_VALUE_COST + len(value), 0))
        return node

    def _too_deep(self, mark, depth: int, what: str):
        if depth > _MAX_DEPTH:
            raise self._fail(mark, self._path(), f"{what} more than {_MAX_DEPTH} deep here, deeper than briefgen"
                             " can read whatever the limits; flatten the structure")
        if depth > self.limits.yaml_depth:
            raise self._fail(mark, self._path(), f"{what} more than {self.limits.yaml_depth} deep here"
                             f" (yaml_depth); flatten the structure; {self.limits.hint('yaml_depth')}")

    def _open(self, event):
        self._too_deep(event.start_mark, len(self.stack) + 1, "lists and mappings nest")
        self._spend(_VALUE_COST, event.start_mark)
        kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(kind, None, event.implicit)
        node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
        self._anchor(event, node, None)  # None: still open
        self.stack.append([node, None, self.total - _VALUE_COST, 1])

    def _alias(self, event):
        mark, name = event.start_mark, event.anchor
        node = self.anchors.get(name)
        if node is None:
            raise self._fail(mark, self._path(), f"unknown alias '*{name}'; define the anchor"
                             f" '&{name}' before using it")
        size = self.sizes[id(node)]
        if size is None:
            raise self._fail(mark, self._path(), f"alias '*{name}' is used inside the value it names;"
                             " a value cannot contain itself")
        cost, height = size
        self._too_deep(mark, len(self.stack) + height, f"alias '*{name}' nests lists and mappings")
        self._spend(cost, mark, alias=name)
        return node, height

    def _path(self) -> str:
        """The YAML path of the value being read (not yet attached to its parent)."""
        parts = []
        for node, key, _, _ in self.stack:
            if isinstance(node, yaml.SequenceNode):
                parts.append(len(node.value))
            elif isinstance(key, yaml.ScalarNode):
                parts.append(key.value)
        return format_path(parts[:_PATH_PARTS]) + ("…" if len(parts) > _PATH_PARTS else "")

    def _fail(self, mark, path, message) -> BriefError:
        return _error(self.name, mark.line + 1, mark.column + 1, message, path)


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions.

    The composer has bounded the depth and the expanded size, so walking shared
    (aliased) nodes again here is bounded too.
    """

    def __init__(self, source: Source, name: str):
        self.source = source
        self.name = name
        self.constructor = yaml.constructor.SafeConstructor()
        self.problems: list[Diagnostic] = []

    def _problem(self, node, path, message):
        mark = node.start_mark
        self.problems.append(Diagnostic(self.name, mark.line + 1, mark.column + 1, format_path(path), message))

    def build(self, node, path):
        self.source.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in _STANDARD_TAGS:
            self._problem(node, path, f"YAML tag '{node.tag}' is not allowed; remove the tag and write a plain value")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.style in ("|", ">"):
            self.source.block_scalars.add(path)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            shown = node.value if len(node.value) <= 40 else node.value[:20] + "…" + node.value[-8:]
            if node.value.lstrip("+-").replace("_", "").isdigit():  # Python refuses ints of over 4,300 digits
                self._problem(node, path, f"cannot read the number {shown!r}: it has {len(node.value):,} digits;"
                                          " quote it to keep it as text, or give it in larger units")
            else:
                self._problem(node, path, f"cannot read value {shown!r}: {str(exc)[:120]}")
            return None

    def _mapping(self, node, path):
        result, merges = {}, []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be a plain name")
                continue
            key = key_node.value
            if key in result:
                self._problem(key_node, path + (key,), f"duplicate key '{key}'; each key may appear once")
                continue
            self.source.keys.setdefault(path + (key,), (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            result[key] = self.build(value_node, path + (key,))
        return self._merge(merges, result, path) if merges else result

    def _merge(self, merges, own, path):
        """'<<' merge keys: the mapping's own keys win, then earlier merged mappings over later ones."""
        merged = {}
        for value_node in merges:
            for part in value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]:
                if not isinstance(part, yaml.MappingNode):
                    self._problem(part, path, "'<<' merges mappings only; write an alias of a mapping"
                                              " ('<<: *name') or a list of them")
                    continue
                for key, value in self._mapping(part, path).items():
                    merged.setdefault(key, value)
        return {**{k: v for k, v in merged.items() if k not in own}, **own}
