"""Block ``callout``: a tinted box with a title and a list or prose, e.g. "Key findings"."""

from ..schema.fields import ListOf, Markdown, Text
from .registry import Block, block


@block("callout")
class Callout(Block):
    """A boxed call-out such as 'Key findings': a title plus bullet items and/or prose."""

    title = Text("Box title, e.g. 'Key findings'.", required=True, max_length=120)
    items = ListOf(Markdown("One point, in Markdown."), "Bullet points.", default=list)
    text = Markdown("Prose under the title (and above any items).")

    def title_text(self):
        return self.title

    def check(self, ctx, path):
        if not self.items and not self.text:
            ctx.error(path, "a callout needs 'items' or 'text'; add at least one")

    def layout(self, doc):
        from ..layout.flowables import Box

        with doc.tags.open("Callout"):
            title = doc.para(self.title.upper(), "box_title", role=doc.heading_role(1))
            content = []
            if self.text:
                content += doc.prose(self.text, "box_body")
            if self.items:
                with doc.tags.open("L"):
                    content += [doc.para(item, "box_list", role="LI", bulletText="•") for item in self.items]
        # The title sits left of the text, which keeps to the body's column (and its measure).
        # A box that does not fit splits, its title repeated (an artifact: it was read once).
        box = Box(content, label=title, gutter=doc.indent, continued=doc.continued_title(self.title),
                  fill=doc.theme.colors.tint, rule=doc.theme.colors.accent,
                  space_before=doc.theme.spacing.block / 2, space_after=doc.theme.spacing.block)
        return [box]
