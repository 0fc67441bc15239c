"""The block registry: each block kind is a small module that registers itself.

In:  a list item of a section's ``blocks:``, written as a one-key mapping
     ``{kind: value}`` (e.g. ``- table: {...}`` or ``- prose: "Text"``).
Out: an instance of the registered :class:`Block` subclass, checked against
     its fields; a misspelt kind gets a did-you-mean.

A block class declares its fields (the schema) and ``layout(doc)``, which
returns ReportLab flowables; nothing else has to change to add a kind.
"""

from __future__ import annotations

from ..errors import did_you_mean
from ..plugins import Registry
from ..schema.fields import INVALID, Bool, Field, Ident, type_name
from ..schema.model import Model

BLOCKS = Registry("briefgen.blocks", "kind")


def block(kind: str):
    """Class decorator: register a :class:`Block` subclass under ``kind``."""
    return BLOCKS.register(kind)


def block_kinds() -> dict[str, type]:
    """Every block kind by name (each module of briefgen.blocks registers one)."""
    return BLOCKS.all()


class Block(Model):
    """Fields every block has."""

    kind = ""
    #: Field that a bare (non-mapping) value fills, e.g. ``- prose: "Text"``.
    shorthand: str | None = None
    #: Numbered kinds ("figure", "table") and their label key in i18n.
    numbered_as: str | None = None

    id = Ident("Id for cross-references: write [](#id) in prose to link here.")
    keep_together = Bool("Keep the whole block on one page if it fits.", default=False)

    def layout(self, doc) -> list:
        """ReportLab flowables for this block (``doc`` is the layout context)."""
        raise NotImplementedError

    def check_print(self, ctx, column_width: float) -> None:
        """Checks that need the page geometry (``column_width`` in points); run at load time."""

    def title_text(self) -> str:
        """Plain title, for numbered blocks' captions and cross-reference lists."""
        return ""


class BlockField(Field):
    """A one-key mapping naming a registered block kind."""

    expected = "a block such as '- prose: ...' or '- table: {...}'"

    def convert(self, value, ctx, path):
        kinds = ctx.extra.get("block_kinds")
        if kinds is None:  # found once per brief: finding the kinds lists the package's modules
            kinds = ctx.extra["block_kinds"] = block_kinds()
        if not isinstance(value, dict) or len(value) != 1:
            found = type_name(value) if not isinstance(value, dict) else f"a mapping with {len(value)} keys"
            ctx.error(path, f"expected a block: one key naming its kind ({', '.join(sorted(kinds))}),"
                            f" found {found}")
            return INVALID
        (kind, body), = value.items()
        cls = kinds.get(kind)
        if cls is None:
            ctx.error(path, f"unknown block kind '{kind}'{did_you_mean(kind, kinds)}",
                      at=ctx.source.where(path + (kind,), key=True))
            return INVALID
        if cls.shorthand and not isinstance(body, dict):
            body = {cls.shorthand: body}
            ctx.source.values.setdefault(path + (kind, cls.shorthand), ctx.source.where(path + (kind,)))
            if path + (kind,) in ctx.source.block_scalars:
                ctx.source.block_scalars.add(path + (kind, cls.shorthand))
        elif body is None:
            body = {}
        parsed = cls.parse(body, ctx, path + (kind,))
        return parsed if parsed is INVALID or parsed.valid else INVALID

    def json_schema(self, defs):
        variants = []
        for kind, cls in sorted(block_kinds().items()):
            summary = (cls.__doc__ or kind).strip().splitlines()[0]
            ref = {"$ref": cls.json_ref(defs), "description": summary}
            body = ({"anyOf": [ref, cls.fields[cls.shorthand].json_schema(defs)], "description": summary}
                    if cls.shorthand else ref)
            variants.append({
                "type": "object",
                "description": summary,
                "properties": {kind: body},
                "required": [kind],
                "additionalProperties": False,
            })
        return {"description": self.doc, "oneOf": variants}
