"""Block ``quote``: a pull quote with its attribution on its own line."""

from ..schema.fields import Markdown
from ..schema.languages import LanguageTag
from .registry import Block, block


@block("quote")
class Quote(Block):
    """A pull quote: larger italic text with a rule, and the attribution below."""

    text = Markdown("The quotation, without quotation marks.", required=True)
    attribution = Markdown("Who said it, and where, e.g. 'Human Rights Watch, *Punished for Seeking Change*'.",
                           required=True)

    lang = LanguageTag("The quotation's language, when it is not the brief's (e.g. 'es'): screen readers"
                       " then pronounce it in that language.")

    def layout(self, doc):
        from ..layout.flowables import Box
        from ..layout.paragraph import Para

        from ..text.i18n import QUOTES

        open_q, close_q = QUOTES[doc.lang]  # the brief's marks, whatever the quotation's language
        with doc.tags.open("BlockQuote", lang=self.lang if self.lang != doc.lang else None):
            quoted = open_q + doc.markup(self.text.inlines) + close_q
            text = Para(quoted, doc.styles["quote"], struct=doc.element("P"))
            attribution = "— " + doc.markup(self.attribution.inlines)
            own = doc.lang if self.lang and self.lang != doc.lang else None  # the attribution is the brief's
            who = Para(attribution, doc.styles["attribution"], struct=doc.element("P", lang=own))
        box = Box([text, who], rule=doc.theme.colors.brand, rule_width=1.5, padding=8, left_offset=doc.indent,
                  space_before=doc.theme.spacing.block, space_after=doc.theme.spacing.block,
                  max_unsplit=doc.frame_height / 2)
        box.floats = True  # a pull quote that does not fit lets the text after it fill the page
        return [box]
