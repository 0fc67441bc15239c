"""Stage 3, data: tables for charts, read from CSV files or written inline, then shaped.

In:  a CSV file (UTF-8, with a header row) or inline columns from YAML, and a
     list of shaping steps (filter, group-by-sum, computed share or margin
     columns, sort, top-n).
Out: a :class:`~briefgen.data.table.Table`: named columns of text, numbers
     (``float``, ``None`` for a missing value) or dates (each number or date
     read from text keeping that text, for exports), each cell still
     knowing the file, line and column it came from, so a bad value is
     reported as ``data.csv:12:9: column 'votes': ...``.

Nothing here imports matplotlib or numpy: loading and checking data is part of
the load-time checks and must stay cheap.

- :mod:`.csvfile` reads a CSV with positions;
- :mod:`.values` parses numbers and dates (missing values are ``None``, never 0);
- :mod:`.table` is the table model;
- :mod:`.shaping` filters, groups, computes, sorts and cuts tables.
"""

from .csvfile import read_csv
from .shaping import ShapeError, apply_steps
from .table import Table, TableSource
from .values import MISSING_TOKENS, parse_date, parse_number

__all__ = ["MISSING_TOKENS", "ShapeError", "Table", "TableSource", "apply_steps", "parse_date", "parse_number",
           "read_csv"]
