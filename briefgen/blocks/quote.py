"""Block ``quote``: a pull quote with its attribution on its own line."""

from ..schema.fields import Markdown
from .registry import Block, block


@block("quote")
class Quote(Block):
    """A pull quote: larger italic text with a rule, and the attribution below."""

    text = Markdown("The quotation, without quotation marks.", required=True)
    attribution = Markdown("Who said it, and where, e.g. 'Human Rights Watch, *Punished for Seeking Change*'.",
                           required=True)

    def layout(self, doc):
        from ..layout.flowables import Box, Para

        open_q, close_q = "“", "”"
        with doc.tags.open("BlockQuote"):
            quoted = open_q + doc.markup(self.text.inlines) + close_q
            text = Para(quoted, doc.styles["quote"], struct=doc.element("P"))
            attribution = "— " + doc.markup(self.attribution.inlines)
            who = Para(attribution, doc.styles["attribution"], struct=doc.element("P"))
        box = Box([text, who], rule=doc.theme.colors.brand, rule_width=1.5, padding=8, left_offset=doc.indent,
                  space_before=doc.theme.spacing.block, space_after=doc.theme.spacing.block,
                  max_unsplit=doc.frame_height / 2)
        return [box]
