"""JSON Schema for briefs, generated from the schema classes (never written by hand).

In:  the :class:`~briefgen.schema.brief.Brief` model and the registered block kinds.
Out: a JSON Schema (draft 2020-12) dict; every property's ``description`` is its
     field's ``doc``. Editors use it for completion and checking as you type.
"""

from __future__ import annotations

import json

from .brief import Brief

SCHEMA_ID = "https://example.org/briefgen/brief.schema.json"


def brief_schema() -> dict:
    defs: dict = {}
    ref = Brief.json_ref(defs)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "briefgen policy brief",
        "$ref": ref,
        "$defs": dict(sorted(defs.items())),
    }
    return schema


def brief_schema_text() -> str:
    return json.dumps(brief_schema(), indent=2, ensure_ascii=False) + "\n"
