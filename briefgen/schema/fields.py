"""Typed fields for the declarative schema.

In:  a raw YAML value, its YAML path and a :class:`Context` (the source with
     positions, and where diagnostics go).
Out: the checked, converted value, or :data:`INVALID` after recording a
     positioned diagnostic. Every field also describes itself as JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostics, did_you_mean, format_path
from ..limits import Limits
from ..source import Source
from ..standards import NAMES as STANDARD_NAMES

INVALID = object()


def type_name(value) -> str:
    """How a YAML value's type is named in messages."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"text ({shown!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    return type(value).__name__


@dataclass
class Context:
    """What a field needs while checking: positions, diagnostics and folders."""

    source: Source
    diagnostics: Diagnostics
    base_dir: Path
    assets_dir: Path
    allow_outside: bool = False
    #: Bounds on the work the input may cause (:class:`briefgen.limits.Limits`).
    limits: Limits = field(default_factory=Limits.from_env)
    #: Check only the keys present (theme overrides); values come back as dicts.
    partial: bool = False
    extra: dict = field(default_factory=dict)

    def error(self, path, message, *, key=False, severity="error", at=None):
        line, col = at or self.source.where(path, key=key)
        self.diagnostics.add(self.source.name, line, col, format_path(path), message, severity)

    def warn(self, path, message, **kw):
        self.error(path, message, severity="warning", **kw)


class Field:
    """Base field. ``doc`` becomes the JSON Schema description."""

    json_type: dict = {}
    expected = "a value"

    def __init__(self, doc: str, *, required: bool = False, default=None):
        self.doc = doc
        self.required = required
        self.default = default
        self.name = ""

    def __set_name__(self, owner, name):
        self.name = name

    def convert(self, value, ctx: Context, path):
        raise NotImplementedError

    def wrong_type(self, value, ctx, path):
        hint = _comment_hint(ctx, path) if value is None else ""
        ctx.error(path, f"expected {self.expected}, found {type_name(value)}{hint}")
        return INVALID

    def json_schema(self, defs: dict) -> dict:
        schema = dict(self.json_type)
        schema["description"] = self.doc
        if self.default is not None and not callable(self.default):
            schema["default"] = self.default
        return schema


def _comment_hint(ctx, path) -> str:
    """For a value read as null: a hint when its line goes on with a comment (an unquoted '#3b1f4a')."""
    item = bool(path) and isinstance(path[-1], int)  # a list item: '- #3b1f4a'
    line, col = ctx.source.where(path) if item else ctx.source.keys.get(tuple(path), (0, 0))
    if not 0 < line <= len(ctx.source.lines):
        return ""
    text = ctx.source.lines[line - 1]
    found = re.search(r"-[ \t]+(#\S*)", text) if item else re.match(r"[^:]*:[ \t]+(#\S*)", text[col - 1:])
    if not found:
        return ""
    written = found.group(1)
    shown = f"- \"{written}\"" if item else f"{path[-1]}: \"{written}\""
    return f"; '#' starts a comment in YAML, so {written!r} was not read: put it in quotes, {shown}"


class Str(Field):
    json_type = {"type": ["string", "number"]}  # numbers are accepted and read as text
    expected = "text"

    def __init__(self, doc, *, choices=None, max_length=None, **kw):
        super().__init__(doc, **kw)
        self.choices = tuple(choices) if choices else None
        self.max_length = max_length

    def convert(self, value, ctx, path):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not self.choices:
            value = str(value)  # a number where text is wanted is harmless
        if isinstance(value, dt.date) and not self.choices:
            value = value.isoformat()
        if not isinstance(value, str):
            return self.wrong_type(value, ctx, path)
        if self.choices and value not in self.choices:
            options = ", ".join(repr(c) for c in self.choices)
            ctx.error(path, f"expected one of {options}, found {value!r}{did_you_mean(value, self.choices)}")
            return INVALID
        if self.max_length and len(value) > self.max_length:
            ctx.error(path, f"text is {len(value):,} characters long; at most {self.max_length:,} fit here")
            return INVALID
        return value

    def json_schema(self, defs):
        schema = super().json_schema(defs)
        if self.choices:
            schema["enum"] = list(self.choices)
            schema["type"] = "string"
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


class Text(Str):
    """Plain text that is printed: straight quotes and dashes become typographic ones.

    Markdown emphasis here would print its asterisks, so it is a warning.
    """

    def convert(self, value, ctx, path):
        value = super().convert(value, ctx, path)
        if value is INVALID:
            return value
        emphasis = _EMPHASIS.search(value)
        if emphasis:
            what = "a heading" if path and path[-1] == "heading" else "this text"
            bold = " (headings are bold already)" if what == "a heading" else ""
            ctx.warn(path, f"{what} is plain text, not Markdown: '{emphasis.group(0)}' would print its"
                           f" asterisks; remove them{bold}")
        from ..text.typography import smarten

        return smarten(value)


#: Markdown emphasis (**bold**, *italic*) in plain text, between word boundaries: the marks would print.
_EMPHASIS = re.compile(r"(?<![\w*])(\*\*?)(?=[^\s*])[^*\n]{1,80}?(?<=[^\s*])\1(?![\w*])")


class Markdown(Str):
    """Text written in Markdown: parsed now, its references checked by the resolve step."""

    expected = "Markdown text"

    def convert(self, value, ctx, path):
        value = super().convert(value, ctx, path)
        if value is INVALID:
            return value
        from ..text.markdown import Prose

        prose = Prose.from_text(value, ctx.source, path)
        ctx.extra.setdefault("prose", []).append(prose)
        return prose


class Pattern(Str):
    """Text that must match ``pattern``; ``wanted`` says what was expected, for the message."""

    pattern = ""
    wanted = ""

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        cls.json_type = {"type": "string", "pattern": cls.pattern}
        cls.compiled = re.compile(cls.pattern)

    def convert(self, value, ctx, path):
        value = super().convert(value, ctx, path)
        if value is not INVALID and not self.compiled.fullmatch(value):  # "$" alone would accept a final newline
            ctx.error(path, f"expected {self.wanted}, found {value!r}")
            return INVALID
        return value


class Ident(Pattern):
    """An id used for cross-references: letters, digits, '-' and '_'."""

    pattern = r"^[A-Za-z][A-Za-z0-9_-]*$"
    expected = "an id (letters, digits, '-' and '_')"
    wanted = "an id starting with a letter and using only letters, digits, '-' and '_'"


class SourceRef(Ident):
    """The id of an entry in the brief's sources: kept as a citation, checked by the resolve step."""

    def convert(self, value, ctx, path):
        value = super().convert(value, ctx, path)
        if value is INVALID:
            return value
        from ..text.markdown import Prose

        prose = Prose.from_text(f"[](#{value})", ctx.source, path)
        ctx.extra.setdefault("source_refs", []).append((value, prose))
        return prose


class Color(Pattern):
    pattern = r"^#[0-9A-Fa-f]{6}$"
    expected = wanted = "a colour like '#1f3a5f'"


class Url(Pattern):
    pattern = r"^(https?://|mailto:)\S+$"
    expected = "a web address"
    wanted = "an address starting with http://, https:// or mailto:"


class Email(Pattern):
    pattern = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    expected = "an e-mail address"
    wanted = "an e-mail address like 'press@example.org'"


class Number(Field):
    json_type = {"type": "number"}
    expected = "a number"

    def __init__(self, doc, *, minimum=None, maximum=None, integer=False, **kw):
        super().__init__(doc, **kw)
        self.minimum, self.maximum, self.integer = minimum, maximum, integer
        if integer:
            self.json_type = {"type": "integer"}
            self.expected = "a whole number"

    def convert(self, value, ctx, path):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.wrong_type(value, ctx, path)
        if self.integer and not isinstance(value, int):
            return self.wrong_type(value, ctx, path)
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            ctx.error(path, f"expected a number from {self.minimum} to {self.maximum}, found {value}")
            return INVALID
        return value

    def json_schema(self, defs):
        schema = super().json_schema(defs)
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


class Bool(Field):
    json_type = {"type": "boolean"}
    expected = "true or false"

    def convert(self, value, ctx, path):
        if not isinstance(value, bool):
            return self.wrong_type(value, ctx, path)
        return value


class Date(Field):
    json_type = {"type": "string", "format": "date"}
    expected = "a date like 2025-04-30"

    def convert(self, value, ctx, path):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        return self.wrong_type(value, ctx, path)


class File(Str):
    """A file the brief refers to, resolved against the brief's folder, then ``assets/``."""

    expected = "a file path"

    def __init__(self, doc, *, suffixes=(), **kw):
        super().__init__(doc, **kw)
        self.suffixes = tuple(suffixes)

    def convert(self, value, ctx, path):
        value = super().convert(value, ctx, path)
        if value is INVALID:
            return value
        from .files import resolve_file  # files.py does not import this module: no circle

        found = resolve_file(value, self.suffixes, ctx, path)
        return INVALID if found is None else found


class ListOf(Field):
    expected = "a list"

    def __init__(self, item: Field, doc, *, min_items=0, **kw):
        super().__init__(doc, **kw)
        self.item = item
        self.min_items = min_items

    def convert(self, value, ctx, path):
        if not isinstance(value, list):
            return self.wrong_type(value, ctx, path)
        if len(value) < self.min_items:
            ctx.error(path, f"expected at least {self.min_items} item(s), found {len(value)}")
            return INVALID
        items = [self.item.convert(v, ctx, path + (i,)) for i, v in enumerate(value)]
        return [v for v in items if v is not INVALID and getattr(v, "valid", True)]

    def json_schema(self, defs):
        schema = {"type": "array", "description": self.doc, "items": self.item.json_schema(defs)}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


class MapOf(Field):
    """A mapping from ids to values, e.g. footnotes."""

    expected = "a mapping of ids to values"

    def __init__(self, value: Field, doc, **kw):
        super().__init__(doc, **kw)
        self.value = value

    def convert(self, value, ctx, path):
        if not isinstance(value, dict):
            return self.wrong_type(value, ctx, path)
        key_field = Ident("")
        result = {}
        for key, item in value.items():
            if key_field.convert(key, ctx, path + (key,)) is INVALID:
                continue
            converted = self.value.convert(item, ctx, path + (key,))
            if converted is not INVALID:
                result[key] = converted
        return result

    def json_schema(self, defs):
        return {"type": "object", "description": self.doc, "additionalProperties": self.value.json_schema(defs)}


class Nested(Field):
    """A mapping checked against a :class:`~briefgen.schema.model.Model`."""

    def __init__(self, model, doc, **kw):
        super().__init__(doc, **kw)
        self._model = model

    @property
    def model(self):
        return self._model() if callable(self._model) and not isinstance(self._model, type) else self._model

    def convert(self, value, ctx, path):
        parsed = self.model.parse(value, ctx, path)
        return parsed if parsed is INVALID or getattr(parsed, "valid", True) else INVALID

    def json_schema(self, defs):
        return {"$ref": self.model.json_ref(defs), "description": self.doc}


class Overrides(Nested):
    """A partial mapping for a model: only the keys given are checked (theme overrides)."""

    def convert(self, value, ctx, path):
        from dataclasses import replace

        return self.model.parse(value, replace(ctx, partial=True), path)

    def json_schema(self, defs):
        """The model's schema with nothing required (prefix 'Partial' on its definitions)."""
        import copy

        own: dict = {}
        self.model.json_ref(own)
        for name, schema in own.items():
            partial = copy.deepcopy(schema)
            partial.pop("required", None)
            for prop in partial.get("properties", {}).values():
                if "$ref" in prop:
                    prop["$ref"] = prop["$ref"].replace("#/$defs/", "#/$defs/Partial")
            defs.setdefault("Partial" + name, partial)
        return {"$ref": f"#/$defs/Partial{self.model.__name__}", "description": self.doc}


def _any_case(word: str) -> str:
    """A regular expression matching ``word`` (letters, digits, '-') in any case."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in word)


class StandardClaims(Field):
    """The standards a PDF claims (:mod:`briefgen.standards`): 'ua-1+a-2b', a list of names, or 'none'."""

    expected = "a standard such as 'ua-1+a-2b', a list of standards, or 'none'"
    # What parse_standards accepts, in any case (JSON Schema patterns have no flags): 'none' or names joined by + or ,
    _name = "(" + "|".join(_any_case(name) for name in STANDARD_NAMES if name != "none") + ")"
    _text = rf"^\s*({_any_case('none')}|{_name}(\s*[+,]\s*{_name})*)\s*$"

    def convert(self, value, ctx, path):
        from ..standards import parse_standards

        if isinstance(value, list):  # an unknown name is told at its own item
            ok = True
            for i, item in enumerate(value):
                if not isinstance(item, str):
                    ctx.error(path + (i,), f"expected a standard's name (ua-1, a-2b or a-3b), found {type_name(item)}")
                    ok = False
                    continue
                try:
                    parse_standards(item)
                except ValueError as exc:
                    ctx.error(path + (i,), str(exc))
                    ok = False
            if not ok:
                return INVALID
        elif not isinstance(value, str):
            return self.wrong_type(value, ctx, path)
        try:
            return parse_standards(value)
        except ValueError as exc:
            ctx.error(path, str(exc))
            return INVALID

    def json_schema(self, defs):
        schema = {
            "description": self.doc,
            "anyOf": [
                {"type": "string", "pattern": self._text},
                {"type": "array", "items": {"type": "string", "pattern": self._text}, "minItems": 1},
            ],
            "examples": ["ua-1+a-2b", "ua-1+a-3b", "ua-1", "a-2b", "none"],
        }
        if self.default is not None:
            schema["default"] = str(self.default)
        return schema
