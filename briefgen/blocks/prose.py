"""Block ``prose``: Markdown paragraphs and lists in the running text column."""

from ..schema.fields import Markdown
from .registry import Block, block


@block("prose")
class Prose(Block):
    """Running text in Markdown: paragraphs, **bold**, *italic*, links, lists, [^footnotes], [](#refs)."""

    shorthand = "text"
    text = Markdown("The Markdown text (use a '|' block scalar for several paragraphs).", required=True)

    def layout(self, doc):
        return doc.prose(self.text)
