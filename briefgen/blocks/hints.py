"""Block ``page_break``: start the next block on a new page."""

from ..schema.fields import Bool
from .registry import Block, block


@block("page_break")
class PageBreak(Block):
    """Layout hint: start a new page here (write '- page_break: true')."""

    shorthand = "enabled"
    enabled = Bool("Set to false to keep the hint in the file but ignore it.", default=True)

    def layout(self, doc):
        from reportlab.platypus import PageBreak as Break

        return [Break()] if self.enabled else []
