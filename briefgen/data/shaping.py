"""Shaping: a table and a list of checked steps in, a new table out.

Steps run in the order written. Each is a small object with a ``op`` name:

- ``filter``: keep rows where ``column op value`` holds (``==``, ``!=``, ``<``,
  ``<=``, ``>``, ``>=``, ``in``, ``not in``); a missing value never matches
  a comparison;
- ``group``: one row per distinct value of the ``by`` columns (in order of
  first appearance), summing the ``sum`` columns (missing values are skipped;
  a group with no values stays missing, never 0);
- ``compute``: a new column: ``share`` (a / of x 100, or a / column total x 100),
  ``margin`` (a - b, or (a - b) / of x 100 in percentage points) or
  ``ratio`` (a / b); a missing or zero divisor gives a missing value;
- ``sort``: by a column, ascending or descending, missing values last;
- ``top``: the first ``n`` rows.

Column names and value types are checked beforehand (see
:mod:`briefgen.data.spec`); numeric columns are converted here with every bad
cell reported at its position in the CSV file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .table import Report, Table
from .values import parse_date


class ShapeError(Exception):
    """A step that cannot run; ``path`` is the step's YAML path."""

    def __init__(self, message: str, path=()):
        super().__init__(message)
        self.path = tuple(path)


@dataclass
class Step:
    """One shaping step, already checked against the schema."""

    op: str
    args: dict = field(default_factory=dict)
    path: tuple = ()


def numbers(table: Table, column: str, report: Report, context: str = "") -> Table | None:
    return table.converted(column, "number", table.parse_number, report, context)


def all_numbers(table: Table, columns, report: Report, context: str = "") -> Table | None:
    return table.converted_all(columns, "number", table.parse_number, report, context)


def dates(table: Table, column: str, report: Report, context: str = "") -> Table | None:
    return table.converted(column, "date", parse_date, report, context)


def _filter(table: Table, step: Step, report: Report) -> Table | None:
    column, op, value = step.args["column"], step.args["op"], step.args["value"]
    probe = value[0] if isinstance(value, list) and value else value
    if isinstance(probe, bool) or isinstance(probe, str):
        kind = "text"
    elif isinstance(probe, (int, float)):
        kind = "number"
        table = numbers(table, column, report, f" (compared with {value!r} by a filter)")
    elif isinstance(probe, dt.date):
        kind = "date"
        table = dates(table, column, report, " (compared with a date by a filter)")
    else:
        kind = "text"
    if table is None:
        return None
    if kind == "text" and op in ("<", "<=", ">", ">="):
        raise ShapeError(f"'{op}' compares numbers or dates, but {value!r} is text; use '==', '!=', 'in'"
                         " or 'not in', or write a number", step.path + ("value",))
    i = table.index(column)
    wanted = value if isinstance(value, list) else [value]
    if kind == "text":
        wanted = [str(w) for w in wanted]

    def keep(cell) -> bool:
        if kind == "text":
            cell = "" if cell is None else str(cell).strip()
        elif cell is None:
            return op in ("!=", "not in")
        if op == "==":
            return cell == wanted[0]
        if op == "!=":
            return cell != wanted[0]
        if op == "in":
            return cell in wanted
        if op == "not in":
            return cell not in wanted
        return {"<": cell < value, "<=": cell <= value, ">": cell > value, ">=": cell >= value}[op]

    kept = [(row, origin) for row, origin in zip(table.rows, table.origins) if keep(row[i])]
    return table.replace(rows=[r for r, _ in kept], origins=[o for _, o in kept])


def _group(table: Table, step: Step, report: Report) -> Table | None:
    by, sums = step.args["by"], step.args["sum"]
    table = all_numbers(table, sums, report, " (summed by group_by)")
    if table is None:
        return None
    keys = [table.index(c) for c in by]
    totals = [table.index(c) for c in sums]
    groups: dict = {}
    for row in table.rows:
        key = tuple("" if row[k] is None else str(row[k]).strip() for k in keys)
        acc = groups.setdefault(key, [None] * len(totals))
        for j, t in enumerate(totals):
            if row[t] is not None:
                acc[j] = (acc[j] or 0.0) + row[t]
    rows = [list(key) + acc for key, acc in groups.items()]
    result = Table(table.name, list(by) + list(sums), rows, [None] * len(rows), table.source)
    result.types.update({c: "number" for c in sums})
    return result


def _divide(a, b, scale):
    if a is None or b is None or b == 0:
        return None
    return a / b * scale


def _compute(table: Table, step: Step, report: Report) -> Table | None:
    args = step.args
    needed = [c for c in (args.get("share"), args.get("of"), *(args.get("margin") or ()),
                          *(args.get("ratio") or ())) if c]
    table = all_numbers(table, needed, report, f" (used to compute '{args['name']}')")
    if table is None:
        return None
    scale = 100.0 if args.get("percent", True) else 1.0
    col = {c: table.index(c) for c in needed}
    values = []
    if args.get("share"):
        a = col[args["share"]]
        if args.get("of"):
            values = [_divide(row[a], row[col[args["of"]]], scale) for row in table.rows]
        else:
            total = sum(row[a] for row in table.rows if row[a] is not None)
            values = [_divide(row[a], total, scale) for row in table.rows]
    elif args.get("margin"):
        a, b = (col[c] for c in args["margin"])
        for row in table.rows:
            diff = None if row[a] is None or row[b] is None else row[a] - row[b]
            values.append(_divide(diff, row[col[args["of"]]], scale) if args.get("of") else diff)
    else:
        a, b = (col[c] for c in args["ratio"])
        values = [_divide(row[a], row[b], 1.0) for row in table.rows]
    name = args["name"]
    if name in table.columns:
        i = table.index(name)
        rows = [row[:i] + [v] + row[i + 1:] for row, v in zip(table.rows, values)]
        result = table.replace(rows=rows)
    else:
        result = table.replace(columns=table.columns + [name],
                               rows=[row + [v] for row, v in zip(table.rows, values)])
    result.types[name] = "number"
    return result


def _sort(table: Table, step: Step, report: Report) -> Table | None:
    column, descending = step.args["by"], step.args.get("descending", False)
    if table.types.get(column) is None:
        probe = next((v for v in table.values(column) if v not in (None, "")), None)
        if probe is not None and isinstance(table.parse_number(probe), float):
            table = numbers(table, column, report, " (sorted as numbers)")
            if table is None:
                return None
    i = table.index(column)
    present = [(row, o) for row, o in zip(table.rows, table.origins) if row[i] not in (None, "")]
    missing = [(row, o) for row, o in zip(table.rows, table.origins) if row[i] in (None, "")]
    present.sort(key=lambda pair: pair[0][i], reverse=descending)
    ordered = present + missing
    return table.replace(rows=[r for r, _ in ordered], origins=[o for _, o in ordered])


def _top(table: Table, step: Step, report: Report) -> Table:
    n = step.args["n"]
    return table.replace(rows=table.rows[:n], origins=table.origins[:n])


OPERATIONS = {"filter": _filter, "group": _group, "compute": _compute, "sort": _sort, "top": _top}


def apply_steps(table: Table, steps, report: Report) -> Table | None:
    """Run ``steps`` in order; None if a cell could not be read (already reported).

    Raises :class:`ShapeError` for a step that cannot apply to this table.
    """
    for step in steps:
        table = OPERATIONS[step.op](table, step, report)
        if table is None:
            return None
    return table
