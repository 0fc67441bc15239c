"""The declarative model base: a class of typed fields, checked all at once.

In:  a raw mapping from YAML and a :class:`~briefgen.schema.fields.Context`.
Out: an instance whose attributes are the converted field values, or
     :data:`INVALID`; every unknown key, missing key and wrong type is
     recorded as a diagnostic instead of stopping at the first.

A subclass lists its fields as class attributes, documents each with ``doc``,
and may add cross-field checks in :meth:`Model.check`.
"""

from __future__ import annotations

import inspect

from ..errors import did_you_mean
from .fields import INVALID, Context, Field, Nested, type_name


#: Unknown keys of one mapping reported one by one (with a did-you-mean); the rest are counted.
MAX_UNKNOWN_KEYS = 50


class Model:
    """Base of every schema class (brief, section, block, theme...)."""

    fields: dict[str, Field] = {}
    #: Where a model appears at a position in the file, e.g. for block errors.
    position: tuple = (0, 0)

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        collected = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, Field):
                    collected[name] = value
        cls.fields = collected

    def __init__(self, **values):
        for name, spec in self.fields.items():
            setattr(self, name, values.get(name, spec.default() if callable(spec.default) else spec.default))

    def __repr__(self):
        shown = ", ".join(f"{k}={getattr(self, k)!r}" for k in list(self.fields)[:3])
        return f"{type(self).__name__}({shown})"

    @classmethod
    def parse(cls, raw, ctx: Context, path=(), *, partial=False):
        """Check ``raw`` against the fields; return an instance or INVALID."""
        if not isinstance(raw, dict):
            ctx.error(path, f"expected a mapping with {cls.describe()}, found {type_name(raw)}")
            return INVALID
        partial = partial or ctx.partial
        ok = True
        misspelt = set()  # required keys that an unknown key probably meant: one error is enough
        unknown = [key for key in raw if key not in cls.fields]
        for key in unknown[:MAX_UNKNOWN_KEYS]:
            hint = did_you_mean(key, cls.fields)
            ctx.error(path + (key,), f"unknown key '{key}'{hint}", key=True)
            misspelt.add(hint.partition("'")[2].rpartition("'")[0])
            ok = False
        if len(unknown) > MAX_UNKNOWN_KEYS:  # a flood of keys is not a set of typos: say so once
            ctx.error(path + (unknown[MAX_UNKNOWN_KEYS],), f"{len(unknown) - MAX_UNKNOWN_KEYS:,} more unknown keys"
                      f" here; {cls.describe()} are expected", key=True)
        values = {}
        for name, spec in cls.fields.items():
            if name not in raw or raw[name] is None and not spec.required:
                if spec.required and not partial and name not in misspelt:
                    ctx.error(path, f"missing required key '{name}' ({spec.doc.rstrip('.')})")
                    ok = False
                continue
            value = spec.convert(raw[name], ctx, path + (name,))
            if value is INVALID:
                ok = False
            else:
                values[name] = value
        if partial:
            return values if ok else INVALID
        instance = cls(**values)
        instance.position = ctx.source.where(path)
        instance.yaml_path = tuple(path)
        instance.valid = ok
        if ok:
            instance.check(ctx, path)
        return instance

    @classmethod
    def from_values(cls, values: dict):
        """Build an instance from already-checked values (nested models as dicts)."""
        built = {}
        for name, value in values.items():
            spec = cls.fields[name]
            item = getattr(spec, "item", None)  # a list of models: each built too
            if isinstance(spec, Nested):
                built[name] = spec.model.from_values(value)
            elif isinstance(item, Nested) and isinstance(value, list):
                built[name] = [item.model.from_values(v) if isinstance(v, dict) else v for v in value]
            else:
                built[name] = value
        return cls(**built)

    def check(self, ctx: Context, path) -> None:
        """Cross-field checks; record problems with ``ctx.error``."""

    @classmethod
    def describe(cls) -> str:
        required = [n for n, f in cls.fields.items() if f.required]
        return "keys " + ", ".join(f"'{n}'" for n in required) if required else "its keys"

    @classmethod
    def json_ref(cls, defs: dict) -> str:
        """Add this model to ``defs`` (once) and return its ``$ref``."""
        name = cls.__name__
        if name not in defs:
            defs[name] = {}  # placeholder stops recursion for self-referencing models
            defs[name] = cls.json_schema(defs)
        return f"#/$defs/{name}"

    @classmethod
    def json_schema(cls, defs: dict) -> dict:
        return {
            "type": "object",
            "description": inspect.cleandoc(cls.__doc__ or cls.__name__),
            "properties": {name: spec.json_schema(defs) for name, spec in cls.fields.items()},
            "required": [name for name, spec in cls.fields.items() if spec.required],
            "additionalProperties": False,
        }
