"""Block ``table``: a numbered table with aligned, formatted columns that splits with its header."""

import math

from ..text.markup import escape

from ..schema.fields import Bool, Field, ListOf, Markdown, Nested, Number, Str, Text, Url
from ..schema.model import Model
from ..text.i18n import format_number, group_digits
from .registry import Block, block


class Column(Model):
    """One table column."""

    header = Text("Column heading.", required=True)
    align = Str("Alignment; numbers default to right.", choices=("left", "center", "right"))
    format = Str("How cells print: text as given, number with separators, or percent.",
                 choices=("text", "number", "percent"), default="text")
    decimals = Number("Decimal places for number and percent columns.", integer=True, minimum=0, maximum=6,
                      default=0)
    width = Number("Relative column width (default: shared equally).", minimum=0.1, maximum=100)


#: Numbers in cells must be smaller than this: floats hold whole numbers exactly up to 2**53.
MAX_CELL_NUMBER = 10**15
#: Cell padding, left plus right, in points (see the LEFTPADDING and RIGHTPADDING in ``layout``).
CELL_PADDING = 8
#: The narrowest column, in points (a third of an inch): room for three figures besides its padding.
MIN_COLUMN_WIDTH = 24
#: A body cell's left and right padding, in points.
CELL_PADDING = 4


class _Cell(Str):
    """A table cell: text or a number."""

    json_type = {"type": ["string", "number", "null"]}

    def convert(self, value, ctx, path):
        if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
            problem = _number_problem(value)
            if problem:
                ctx.error(path, problem)
                return None  # an empty cell keeps the row's length, so no second error follows
            return value
        return super().convert(value, ctx, path)


def _mm(points: float) -> str:
    return f"{points * 25.4 / 72:.1f} mm"


def _number_problem(value) -> str | None:
    """Why a number cannot stand in a cell, or None."""
    if isinstance(value, float) and value != value:
        return ("expected a number or text, found .nan (not a number); write the number, or ~ for an empty"
                " cell (printed as '–'), or quote the text to print")
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        sign = "-" if value < 0 else ""
        return (f"expected a number or text, found infinity ({sign}.inf); write a finite number, or quote the"
                " text to print")
    if value is not None and abs(value) >= MAX_CELL_NUMBER:
        digits = len(str(abs(int(value)))) if isinstance(value, int) else None
        found = f"a number with {digits:,} digits" if digits else f"{value:g}"
        return (f"expected a number below 1,000,000,000,000,000 (15 digits), found {found}; give it in larger"
                " units (millions, billions) or quote it to print it as text")
    return None


class GroupRow(Model):
    """A row that heads a group of rows, e.g. 'Deaths', set across the whole table."""

    group = Text("The group's heading.", required=True, max_length=120)


class _Row(Field):
    """A row: a list of cells, or ``{group: Heading}`` to start a group of rows."""

    expected = "a list of cells or {group: ...}"

    def __init__(self, doc, **kw):
        super().__init__(doc, **kw)
        self.cells = ListOf(_Cell("A cell."), "A row: one cell per column.")

    def convert(self, value, ctx, path):
        if isinstance(value, dict):
            return GroupRow.parse(value, ctx, path)
        return self.cells.convert(value, ctx, path)

    def json_schema(self, defs):
        return {"description": self.doc, "oneOf": [self.cells.json_schema(defs),
                                                    {"$ref": GroupRow.json_ref(defs)}]}


def _aligned(style: str, align: str) -> str:
    """The cell style for a column's alignment: 'cell', 'cell_right', 'cell_center'..."""
    return style if align == "left" else f"{style}_{align}"


@block("table")
class Table(Block):
    """A table with a caption ('Table 1'), a header row, rows, a source line and notes."""

    numbered_as = "table"
    title = Text("Caption title, printed after 'Table 1'.", required=True, max_length=200)
    columns = ListOf(Nested(Column, "A column."), "The columns, left to right.", min_items=1, required=True)
    rows = ListOf(_Row("A row: one cell per column, or {group: Heading} to start a group."), "The rows.",
                  min_items=1, required=True)
    source = Markdown("Source line under the table.")
    source_url = Url("Link for the source line.")
    notes = Markdown("Notes under the table (before the source).")
    total = Bool("The last row is a total: set in bold, with a rule above it.", default=False)

    def title_text(self):
        return self.title

    def check(self, ctx, path):
        limit = ctx.limits.table_rows
        if len(self.rows) > limit:
            ctx.error(path + ("rows",), f"table has {len(self.rows):,} rows; the limit is {limit:,} (table_rows);"
                                        " split it into several tables or chart the data instead;"
                                        f" {ctx.limits.hint('table_rows')}")
            return
        for r, row in enumerate(self.rows):
            if isinstance(row, GroupRow):
                continue
            if len(row) != len(self.columns):
                ctx.error(path + ("rows", r), f"row has {len(row)} cells but the table has {len(self.columns)}"
                                              " columns; add or remove cells")
                continue
            for c, (cell, column) in enumerate(zip(row, self.columns)):
                if column.format != "text" and cell is not None and not isinstance(cell, (int, float)):
                    ctx.error(path + ("rows", r, c), f"column '{column.header}' is formatted as"
                                                     f" {column.format}, but this cell is text ({cell!r});"
                                                     " write a plain number")

    def check_print(self, ctx, column_width):
        """Every column must be wide enough to print in: else ReportLab cannot lay the table out."""
        path = self.yaml_path + ("columns",)
        count = len(self.columns)
        most = int(column_width // MIN_COLUMN_WIDTH)
        if count > most:
            ctx.error(path, f"table has {count:,} columns, too many for the {_mm(column_width)} text column:"
                            f" each would be {_mm(column_width / count)} wide, narrower than the"
                            f" {_mm(MIN_COLUMN_WIDTH)} a column needs; use at most {most} columns, or split"
                            " the table into several")
            return
        weights = [c.width or 1 for c in self.columns]
        total = sum(weights)
        self._check_passages(ctx, [column_width * weight / total - 2 * CELL_PADDING for weight in weights])
        for c, (column, weight) in enumerate(zip(self.columns, weights)):
            width = column_width * weight / total
            if width < MIN_COLUMN_WIDTH - 1e-9:
                # The weight at which this column gets the minimum, the others keeping theirs.
                needed = MIN_COLUMN_WIDTH * (total - weight) / (column_width - MIN_COLUMN_WIDTH)
                needed = math.ceil(needed * 10 - 1e-9) / 10
                fix = (f"give it a width of at least {needed:g}, or narrow the other columns"
                       if needed <= Column.fields["width"].maximum else "narrow the other columns")
                where = path + (c, "width") if column.width else path + (c,)
                ctx.error(where, f"column '{column.header}' would be {_mm(width)} wide (width {weight:g} of"
                                 f" {total:g} in all), narrower than the {_mm(MIN_COLUMN_WIDTH)} a column needs;"
                                 f" {fix}")

    def _check_passages(self, ctx, widths) -> None:
        """A right-to-left passage cannot wrap: each must fit its column (checked for every text cell)."""
        from ..schema.glyphs import check_rtl_width

        theme = ctx.extra.get("theme")
        if theme is None:
            return
        size = float(theme.sizes.caption)
        for r, row in enumerate(self.rows):
            cells = [(("rows", r, "group"), row.group, widths and sum(widths))] if isinstance(row, GroupRow) else (
                [(("rows", r, c), cell, width) for c, (cell, width) in enumerate(zip(row, widths))]
                if isinstance(row, (list, tuple)) else [])
            for where, text, width in cells:
                if isinstance(text, str):
                    check_rtl_width(ctx.source, self.yaml_path + where, text, theme.fonts.headings, size, width, ctx)

    def cell_text(self, value, column, lang):
        if value is None:
            return "–"
        if column.format == "text" or isinstance(value, str):
            return str(value)
        return format_number(value, lang, column.decimals, group_min_digits=group_digits(lang),
                             percent=column.format == "percent")

    @staticmethod
    def _cell_element(doc, total: bool, column: int, column_id: str, group_id):
        """A body cell's element. The total row stands outside any group: its label heads the row."""
        if total:
            return doc.element("TH", scope="Row") if column == 0 else doc.element("TD")
        return doc.element("TD", headers=(column_id, group_id) if group_id else ())

    def layout(self, doc):
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import TableStyle

        from ..layout.paragraph import Para
        from ..layout.tables import LONG_TABLE_ROWS, CaptionedTable, RowWindows

        styles, colors = doc.styles, doc.theme.colors
        aligns = [c.align or ("right" if c.format != "text" else "left") for c in self.columns]
        # The caption is the table's first row, so it repeats with the header on every page
        # and a long table starts where it stands instead of jumping to a new page.
        table_element = doc.element("Table")
        prefix = f"table-{doc.index.block_numbers[id(self)]}"
        column_ids = [f"{prefix}-column-{c}" for c in range(len(self.columns))]
        with doc.tags.under(table_element):
            caption = [doc.caption(self, self.title)] + [""] * (len(self.columns) - 1)
            with doc.tags.open("THead"), doc.tags.open("TR"):
                head = [Para(escape(c.header), styles[_aligned("cell_head", a)],
                             struct=doc.element("TH", scope="Column", ident=ident))
                        for c, a, ident in zip(self.columns, aligns, column_ids)]
            body, groups, group_id = [], set(), None
            with doc.tags.open("TBody"):
                for row in self.rows:
                    with doc.tags.open("TR"):
                        if isinstance(row, GroupRow):  # a group's heading: a header cell for the rows under it
                            groups.add(len(body))
                            group_id = f"{prefix}-group-{len(groups)}"
                            cell = Para(escape(row.group), styles["cell_group"],
                                        struct=doc.element("TH", scope="Row", colspan=len(self.columns),
                                                           ident=group_id))
                            body.append([cell] + [""] * (len(self.columns) - 1))
                            continue
                        bold = self.total and row is self.rows[-1]
                        name = "cell_head" if bold else "cell"
                        body.append([Para(escape(self.cell_text(v, c, doc.lang)), styles[_aligned(name, a)],
                                          struct=self._cell_element(doc, bold, n, ident, group_id))
                                     for n, (v, c, a, ident) in enumerate(zip(row, self.columns, aligns,
                                                                              column_ids))])
        weights = [c.width or 1 for c in self.columns]
        widths = [doc.full_width * w / sum(weights) for w in weights]
        continued = doc.caption(self, self.title, continued=True)
        commands = [
            ("SPAN", (0, 0), (-1, 0)),
            ("FONT", (0, 0), (-1, -1), styles.sans.regular),  # ReportLab's default would be Helvetica
            ("LEFTPADDING", (0, 0), (0, 0), 0), ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
            ("LINEABOVE", (0, 1), (-1, 1), 1.2, HexColor(colors.brand)),
            ("LINEBELOW", (0, 1), (-1, 1), 0.6, HexColor(colors.brand)),
            ("LINEBELOW", (0, -1), (-1, -1), 1.2, HexColor(colors.brand)),
            ("LINEBELOW", (0, 2), (-1, -2), 0.25, HexColor(colors.rule)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 1), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 3.5),
            ("LEFTPADDING", (0, 1), (-1, -1), CELL_PADDING), ("RIGHTPADDING", (0, 1), (-1, -1), CELL_PADDING),
        ]
        if self.total:
            commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, HexColor(colors.brand)))

        def make(start, stop, lead=()):
            """The table of body rows start..stop, under the caption ('continued' after the first rows)."""
            rows = list(lead) + body[start:stop]
            first = start == 0 and not lead
            table = CaptionedTable([caption if first else [continued] + caption[1:], head] + rows,
                                   colWidths=widths, repeatRows=2, hAlign="LEFT",
                                   splitInRow=1)  # a cell taller than the page continues on the next
            table.continued = continued
            table.repeats_head = not first
            extra = []
            for group in range(start, stop):
                if group in groups:
                    index = group - start + len(lead) + 2  # after the caption and header rows
                    extra += [("SPAN", (0, index), (-1, index)), ("TOPPADDING", (0, index), (-1, index), 7)]
                    if group > 0:
                        extra.append(("LINEABOVE", (0, index), (-1, index), 0.6, HexColor(colors.muted)))
            table.setStyle(TableStyle(commands + extra))
            table.spaceAfter = 2
            table.spaceBefore = doc.theme.spacing.block / 2  # not a Spacer: a heading must keep with the table
            return table

        if len(body) > LONG_TABLE_ROWS:  # ReportLab would measure every row left again for each page
            table = RowWindows(make, len(body), space_before=doc.theme.spacing.block / 2, space_after=2)
        else:
            table = make(0, len(body))
        flowables = [table]
        if self.notes:
            flowables += doc.prose(self.notes, "source_line")
        if self.source:
            flowables.append(doc.source_line(self.source, self.source_url))
        flowables[-1].spaceAfter = doc.theme.spacing.block
        if len(self.rows) <= 25:
            return doc.keep(flowables, floats=True)  # a short table stays whole, with its notes
        return flowables
