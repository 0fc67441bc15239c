"""Placeholders in a brief's text: found, checked against the columns, and filled in, in a sandbox.

In:  a text value of a brief that has ``editions:`` (``"{{ state }}: {{ margin | percent }}"``), the
     edition table's column names, and one row of it with the brief's language.
Out: the problems of each placeholder, with its offset in the text (:func:`check_text`), and the text
     with every placeholder filled in (:class:`Renderer`).

A placeholder names a column, optionally followed by filters: ``{{ column }}``, ``{{ column | number }}``,
``{{ column | percent(1) }}``. Nothing else is accepted, checked on Jinja2's own parse of each one:
no attribute or item access (``{{ ''.__class__ }}``), no calls, no arithmetic, no statements
(``{% for %}``, ``{% if %}``) and no comments. What is left is rendered by Jinja2's
``SandboxedEnvironment`` with only our filters, as a second wall.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import did_you_mean
from ..text.i18n import format_date, format_number, group_digits

#: Each filter and the number of arguments it takes at most (a count of decimals).
FILTERS = {"number": 1, "percent": 1, "date": 0, "slug": 0}
#: The most decimals a filter may be asked for.
MAX_DECIMALS = 6
#: What opens a Jinja2 tag: a placeholder, a statement or a comment.
OPENERS = re.compile(r"\{\{|\{%|\{#")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
#: A value that is one placeholder with no filter keeps the column's type (a number stays a number).
_BARE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_EXAMPLE = "a placeholder names a column, with filters if needed: {{ state }}, {{ margin | percent }}"


@dataclass(frozen=True)
class Placeholder:
    """One ``{{ ... }}`` in a text: its offset, its text, the column it names and its filters."""

    start: int
    text: str
    column: str
    filters: tuple  # (name, args) pairs, in order


@dataclass(frozen=True)
class Problem:
    """A placeholder (or statement) that is refused, at ``start`` in its text; ``count`` is its tag number."""

    start: int
    count: int
    message: str


def has_tags(text: str) -> bool:
    return isinstance(text, str) and OPENERS.search(text) is not None


def scan(text: str, columns) -> tuple[list, list]:
    """The placeholders in ``text``, and the problems of those that are refused."""
    found, problems = [], []
    environment = _parser()
    for count, match in enumerate(OPENERS.finditer(text)):
        opener, start = match.group(), match.start()
        end = text.find(_CLOSERS[opener], match.end())
        shown = text[start:end + 2] if end >= 0 else text[start:start + 40]
        if end < 0:
            problems.append(Problem(start, count, f"'{opener}' is not closed with '{_CLOSERS[opener]}'; {_EXAMPLE}"))
            continue
        if opener != "{{":
            what = "a statement" if opener == "{%" else "a comment"
            problems.append(Problem(start, count, f"'{_short(shown)}' is {what}, which a brief may not hold: no"
                                                  f" loops, conditions or other statements; {_EXAMPLE}"))
            continue
        try:
            tree = environment.parse(shown)
        except TemplateSyntaxError as exc:
            problems.append(Problem(start, count, f"'{_short(shown)}' cannot be read ({exc.message}); {_EXAMPLE}"))
            continue
        expression = tree.body[0].nodes[0] if tree.body and isinstance(tree.body[0], nodes.Output) and \
            len(tree.body[0].nodes) == 1 else None
        placeholder, message = _check_expression(expression, shown, columns)
        if message:
            problems.append(Problem(start, count, message))
        else:
            found.append(Placeholder(start, shown, placeholder[0], placeholder[1]))
    return found, problems


def _check_expression(node, shown, columns):
    """((column, filters), None) for an accepted expression, else (None, why it is refused)."""
    filters = []
    while isinstance(node, nodes.Filter):
        if node.name not in FILTERS:
            close = difflib.get_close_matches(node.name, FILTERS, n=1, cutoff=0.75)  # a typo, not 'upper'
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            return None, (f"'{_short(shown)}' uses the filter '{node.name}', which is not allowed{hint}; the filters"
                          f" are {', '.join(FILTERS)}")
        args = [arg.value for arg in node.args if isinstance(arg, nodes.Const)]
        if node.kwargs or node.dyn_args or node.dyn_kwargs or len(args) != len(node.args) or \
                len(args) > FILTERS[node.name] or not all(type(a) is int and 0 <= a <= MAX_DECIMALS for a in args):
            takes = (f"takes at most one argument, a number of decimals from 0 to {MAX_DECIMALS}, e.g."
                     f" {node.name}(1)" if FILTERS[node.name] else "takes no argument")
            return None, f"'{_short(shown)}': the filter '{node.name}' {takes}"
        filters.insert(0, (node.name, tuple(args)))
        node = node.node
    formats = [name for name, _ in filters[1:] if name != "slug"]
    if formats:  # after the first filter, a value is text: it cannot be read as a number or date again
        return None, (f"'{_short(shown)}': the filter '{formats[0]}' must come first (only 'slug' may follow"
                      " another filter)")
    if isinstance(node, nodes.Name):
        if node.name not in columns:
            listed = ", ".join(list(columns)[:12]) + (", ..." if len(columns) > 12 else "")
            return None, (f"'{_short(shown)}' names the column '{node.name}', which the editions do not have"
                          f"{did_you_mean(node.name, columns)}; the columns are: {listed}")
        return (node.name, tuple(filters)), None
    return None, f"'{_short(shown)}' {_refused(node)}; {_EXAMPLE}"


def _refused(node) -> str:
    """Why an expression other than a column name is refused, in a few words."""
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        name = getattr(node, "attr", None)
        return f"reads an attribute or item{f' ({name!r})' if name else ''}, which the sandbox does not allow"
    if isinstance(node, nodes.Call):
        return "calls a function, which the sandbox does not allow"
    if isinstance(node, nodes.Test):
        return "applies a test, which is not allowed"
    if node is None:
        return "holds more than one expression"
    return "is an expression, not a column name"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _parser() -> SandboxedEnvironment:
    """An environment that only parses (its filters are checked by :func:`_check_expression`)."""
    return SandboxedEnvironment(autoescape=False)


def tag_count(text: str, start: int) -> int:
    """How many tags come before offset ``start`` of ``text`` (the number of the tag at ``start``)."""
    return len(OPENERS.findall(text, 0, start))


def bare_column(text: str) -> str | None:
    """The column a text names when it is one placeholder and nothing else, or None."""
    match = _BARE.fullmatch(text) if isinstance(text, str) else None
    return match.group(1) if match else None


class Renderer:
    """Fills in the placeholders of texts for one language, through a sandboxed Jinja2 environment."""

    def __init__(self, lang: str, decimal: str | None = None):
        self.lang = lang
        self.decimal = decimal  # the data file's decimal mark, for numbers still written as text
        environment = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined, finalize=self._plain,
                                           keep_trailing_newline=True)
        environment.filters = {"number": self.number, "percent": self.percent, "date": self.date, "slug": slug}
        environment.tests = {}
        environment.globals = {}
        self.environment = environment
        self.compiled: dict = {}

    def render(self, text: str, row: dict) -> str:
        template = self.compiled.get(text)
        if template is None:
            template = self.compiled[text] = self.environment.from_string(text)
        return template.render(row)

    # -- filters (documented in docs/brief-format.md, "Editions") --------------------------------
    def number(self, value, decimals: int = 0) -> str:
        return format_number(self._number(value), self.lang, decimals, group_min_digits=group_digits(self.lang))

    def percent(self, value, decimals: int = 1) -> str:
        return format_number(self._number(value), self.lang, decimals, group_min_digits=group_digits(self.lang),
                             percent=True)

    def date(self, value) -> str:
        return format_date(as_date(value), self.lang)

    def _number(self, value) -> float:
        number = as_number(value, self.decimal)
        if number is None:
            raise ValueError(f"expected a number, found {value!r}")  # checked at load time: never happens
        return number

    def _plain(self, value):
        """A value without a filter: as written in the data; a computed number to two decimals at most."""
        if isinstance(value, float):
            text = format_number(value, self.lang, 2, group_min_digits=99)
            return text.rstrip("0").rstrip(",.") if any(mark in text for mark in ",.") else text
        return "" if value is None else value


def as_number(value, decimal: str | None = None) -> float | None:
    """A cell as a number, or None if it is not one."""
    from ..data.values import parse_number

    if isinstance(value, float):
        return value
    number = parse_number(value, decimal)
    return float(number) if isinstance(number, float) else None


def as_date(value) -> dt.date | None:
    from ..data.values import parse_date

    day = parse_date(value)
    return day if isinstance(day, dt.date) else None


def slug(value) -> str:
    """Lower-case ASCII letters and digits joined by hyphens: 'Anzoátegui' -> 'anzoategui'."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
