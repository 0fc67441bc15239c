"""Block ``recommendations``: numbered items with a bold lead-in, optionally grouped by audience."""

from ..text.markup import escape

from ..schema.fields import ListOf, Markdown, Nested, Text
from ..schema.model import Model
from .registry import Block, block


class Recommendation(Model):
    """One recommendation: a bold verb phrase and its explanation."""

    lead = Text("The bold lead-in, a verb phrase, e.g. 'Impose targeted sanctions'.", required=True,
               max_length=200)
    text = Markdown("The explanation that follows the lead-in.")


class Group(Model):
    """Recommendations addressed to one audience."""

    audience = Text("Who the group is addressed to, e.g. 'To the European Union'.", required=True)
    items = ListOf(Nested(Recommendation, "A recommendation."), "The group's recommendations.",
                   min_items=1, required=True)


@block("recommendations")
class Recommendations(Block):
    """Numbered recommendations; numbering runs on across groups."""

    items = ListOf(Nested(Recommendation, "A recommendation."), "Ungrouped recommendations.", default=list)
    groups = ListOf(Nested(Group, "A group."), "Recommendations grouped by audience.", default=list)

    def check(self, ctx, path):
        if not self.items and not self.groups:
            ctx.error(path, "recommendations need 'items' or 'groups'; add at least one")

    def layout(self, doc):
        from ..layout.paragraph import Para

        number = 0
        flowables = []
        for audience, items in [(None, self.items)] + [(g.audience, g.items) for g in self.groups]:
            if not items:
                continue
            if audience:
                group_heading = doc.para(audience, "rec_group", role=doc.heading_role(1))
                group_heading.keep_with_next = True  # never alone at the foot of a page
                flowables.append(group_heading)
            with doc.tags.open("L"):
                for item in items:
                    number += 1
                    text = f"<b>{escape(item.lead.rstrip('.'))}.</b>"
                    if item.text:
                        text += " " + doc.markup(item.text.inlines)
                    label_element, body = doc.list_item()
                    flowables.append(Para(text, doc.styles["rec"], bulletText=f"{number}",
                                          label_struct=label_element, struct=body))
        return flowables
