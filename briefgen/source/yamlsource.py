"""Stage 1, load: read a YAML file safely and remember where every value came from.

In:  a path to a YAML file (a brief, a theme or a chart spec).
Out: a :class:`Source`: the plain Python data (dicts, lists, scalars) plus
     the line and column of every value and key, addressed by YAML path.

Only YAML's standard tags are accepted, aliases are expanded under a budget
(so a "billion laughs" document fails fast), files over a size limit and
files that are not UTF-8 are refused. Problems become positioned diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import BriefError, Diagnostic, display_name, format_path
from ..limits import Limits

#: Largest YAML file accepted, in bytes.
MAX_FILE_BYTES = 2_000_000
#: Most values a document may expand to once aliases are followed.
MAX_NODES = 200_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}

Position = tuple  # (line, col), both 1-based
# libyaml's composer is ~10x faster and gives the same nodes and marks; it is optional in PyYAML.
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

    @property
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


def read_text(path: Path, name: str) -> str:
    """Read a UTF-8 file, refusing huge or undecodable ones with a clear error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _error(name, 0, 0, "file not found") from None
    except OSError as exc:
        raise _error(name, 0, 0, f"cannot read file: {exc.strerror}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise _error(name, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes."
                     " Split the content or move data into a CSV file")
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
    text = read_text(path, name)
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        root = _compose_for_message(text, name)  # PyYAML's own parser words errors more helpfully
    source = Source(path=path, data=None, lines=text.splitlines())
    if root is None:
        source.data = {}
        return source
    builder = _Builder(source, name)
    source.data = builder.build(root, ())
    if builder.problems:
        raise BriefError(builder.problems)
    return source


def _compose_for_message(text: str, name: str):
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise _error(name, mark.line + 1, mark.column + 1, f"YAML syntax error: {problem}{_syntax_hint(problem)}",
                     "(yaml)") from None
    except yaml.YAMLError as exc:
        raise _error(name, 1, 1, f"YAML syntax error: {exc}", "(yaml)") from None


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "; a value containing ': ' must be quoted, or the line is indented wrongly"
    if "found character '\\t'" in problem:
        return "; indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "; check the indentation and that every key ends with ':'"
    return ""


class _Builder:
    """Turns composed YAML nodes into plain data, recording positions."""

    def __init__(self, source: Source, name: str):
        self.source = source
        self.name = name
        self.constructor = yaml.constructor.SafeConstructor()
        self.count = 0
        self.problems: list[Diagnostic] = []

    def _problem(self, node, path, message):
        mark = node.start_mark
        self.problems.append(Diagnostic(self.name, mark.line + 1, mark.column + 1, format_path(path), message))

    def build(self, node, path):
        self.count += 1
        if self.count > MAX_NODES:
            mark = node.start_mark
            raise _error(self.name, mark.line + 1, mark.column + 1,
                         f"document expands to more than {MAX_NODES:,} values (too many aliases?);"
                         " remove the repeated '*alias' references")
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
            self._problem(node, path, f"cannot read value {node.value!r}: {exc}")
            return None

    def _mapping(self, node, path):
        result = {}
        self.constructor.flatten_mapping(node)  # expands '<<' merge keys
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be a plain name")
                continue
            key = key_node.value
            if key in result:
                self._problem(key_node, path + (key,), f"duplicate key '{key}'; each key may appear once")
                continue
            self.source.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, path + (key,))
        return result
