"""The JSON Schema is generated from the model, kept in sync, and useful to editors."""

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from briefgen.schema.jsonschema import brief_schema, brief_schema_text
from tests.helpers import BRIEFS, ROOT, run_cli

SCHEMA_FILE = ROOT / "briefgen" / "schema" / "brief.schema.json"


def _as_json(value):
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()  # editors see YAML dates as strings
    return value


def _validator():
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))


def test_committed_schema_is_in_sync():
    assert SCHEMA_FILE.read_text() == brief_schema_text(), "run: briefgen schema > briefgen/schema/brief.schema.json"


def test_cli_prints_the_schema(capsys):
    status, out, _ = run_cli(["schema"], capsys)
    assert status == 0 and json.loads(out) == brief_schema()


def test_every_property_has_a_description():
    def walk(node, where):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                assert prop.get("description"), f"{where}.{name} has no description"
            for key, value in node.items():
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(brief_schema(), "schema")


@pytest.mark.parametrize("path", sorted(BRIEFS.glob("*.yaml")) + sorted((ROOT / "briefs").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_briefs_validate_against_the_schema(path):
    _validator().validate(_as_json(yaml.safe_load(path.read_text(encoding="utf-8"))))


def test_misspelt_key_is_rejected():
    brief = _as_json(yaml.safe_load((BRIEFS / "minimal.yaml").read_text()))
    brief["meta"]["langauge"] = "es"
    errors = list(_validator().iter_errors(brief))
    assert [e.message for e in errors] == ["Additional properties are not allowed ('langauge' was unexpected)"]


def test_briefs_point_editors_at_the_schema():
    for path in [*(ROOT / "briefs").glob("*.yaml"), *BRIEFS.glob("*.yaml")]:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (path.parent / first.split("$schema=", 1)[1]).resolve() == SCHEMA_FILE, path
