"""Block ``prose``: Markdown paragraphs and lists in the running text column."""

from ..schema.fields import Markdown
from ..schema.languages import LanguageTag
from .registry import Block, block


@block("prose")
class Prose(Block):
    """Running text in Markdown: paragraphs, **bold**, *italic*, links, lists, [^footnotes], [](#refs)."""

    shorthand = "text"
    text = Markdown("The Markdown text (use a '|' block scalar for several paragraphs).", required=True)
    lang = LanguageTag("The text's language, when it is not the brief's (e.g. 'es'): screen readers then"
                       " pronounce it in that language.")

    def layout(self, doc):
        if self.lang and self.lang != doc.lang:
            with doc.tags.open("Div", lang=self.lang):
                return doc.prose(self.text)
        return doc.prose(self.text)
