"""Which standards a brief claims: parsing ``--standard`` / ``meta.standard``, and the schema field."""

import json

import jsonschema
import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.schema.jsonschema import brief_schema
from briefgen.standards import DEFAULT, NONE, Standards, parse_standards
from tests.helpers import write_brief

VALUES = "expected ua-1, a-2b, a-3b, a combination such as ua-1+a-2b, or none"


@pytest.mark.parametrize("written,ua,pdfa", [
    ("ua-1", True, None),
    ("a-2b", False, "2b"),
    ("a-3b", False, "3b"),
    ("ua-1+a-2b", True, "2b"),
    ("ua-1,a-3b", True, "3b"),
    ("a-3b + ua-1", True, "3b"),
    ("UA-1+A-2B", True, "2b"),
    (["ua-1", "a-3b"], True, "3b"),
    (["A-2b"], False, "2b"),
    ("ua-1+ua-1", True, None),
    ("none", False, None),
    ("None", False, None),
    (["none"], False, None),
])
def test_names_and_combinations(written, ua, pdfa):
    assert parse_standards(written) == Standards(ua=ua, pdfa=pdfa)


def test_properties_and_text():
    assert DEFAULT == Standards(ua=True, pdfa="2b")
    assert (DEFAULT.tagged, DEFAULT.names, str(DEFAULT)) == (True, ("ua-1", "a-2b"), "ua-1+a-2b")
    assert (NONE.tagged, NONE.names, str(NONE)) == (False, (), "none")
    only_a = parse_standards("a-3b")
    assert (only_a.tagged, only_a.names, str(only_a)) == (True, ("a-3b",), "a-3b")
    only_ua = parse_standards("ua-1")
    assert (only_ua.tagged, only_ua.names, str(only_ua)) == (True, ("ua-1",), "ua-1")
    assert parse_standards(str(DEFAULT)) == DEFAULT and parse_standards(DEFAULT) is DEFAULT


@pytest.mark.parametrize("written,message", [
    ("ua-2", f"unknown standard 'ua-2' (did you mean 'ua-1'?); {VALUES}"),
    ("PDF/A-2", f"unknown standard 'PDF/A-2' (did you mean 'a-2b'?); {VALUES}"),
    ("ua-1+xyz", f"unknown standard 'xyz'; {VALUES}"),
    ("a-2b+a-3b", "a-2b and a-3b cannot both be claimed: a PDF/A file has one part; choose a-3b to embed the"
                  " charts' data"),
    (["ua-1", "a-3b", "a-2b"], "a-2b and a-3b cannot both be claimed: a PDF/A file has one part; choose a-3b to"
                               " embed the charts' data"),
    ("none+ua-1", "'none' cannot be combined with ua-1: it builds an untagged PDF that claims no standard; write"
                  " either 'none' or the standards to claim"),
    (["a-3b", "none", "ua-1"], "'none' cannot be combined with ua-1+a-3b: it builds an untagged PDF that claims no"
                               " standard; write either 'none' or the standards to claim"),
    ("", f"no standard given; {VALUES}"),
    ("  ", f"no standard given; {VALUES}"),
    ("ua-1+", "'ua-1+' has an empty name; join names with '+', e.g. ua-1+a-2b"),
    ([" ua-1,,a-2b "], "'ua-1,,a-2b' has an empty name; join names with '+', e.g. ua-1+a-2b"),
    ([], f"no standard given; {VALUES}"),
    (3, "expected a standard as text or a list of texts (ua-1, a-2b, a-3b, a combination such as ua-1+a-2b,"
        " or none)"),
])
def test_every_mistake_has_its_message(written, message):
    with pytest.raises(ValueError) as caught:
        parse_standards(written)
    assert str(caught.value) == message


def test_a_pdfa_part_that_does_not_exist_is_refused():
    with pytest.raises(ValueError) as caught:
        Standards(ua=False, pdfa="1b")
    assert str(caught.value) == "unknown PDF/A part '1b'; expected one of 2b, 3b or None"


# -- meta.standard in a brief ----------------------------------------------------------------------------------

HEAD = """\
meta:
  title: Claims
  date: 2025-04-30
  organisation: {name: Example}
  standard: %s
sections:
  - heading: One
    blocks:
      - prose: Text.
"""


def _brief(tmp_path, standard):
    return write_brief(tmp_path, HEAD % standard)


@pytest.mark.parametrize("written,expected", [
    ("ua-1+a-3b", "ua-1+a-3b"), ("'UA-1, a-2b'", "ua-1+a-2b"), ("[a-3b]", "a-3b"), ("none", "none"),
    ("[ua-1, a-2b]", "ua-1+a-2b"), ("null", "ua-1+a-2b"),
])
def test_meta_standard_is_the_brief_s_claims(tmp_path, written, expected):
    brief = briefgen.load(_brief(tmp_path, written))
    assert str(brief.meta.standard) == expected and brief.standards == brief.meta.standard


def test_the_default_claims_ua_and_pdfa_2b(tmp_path):
    path = write_brief(tmp_path, (HEAD % "x").replace("  standard: x\n", ""))
    assert briefgen.load(path).standards == DEFAULT


def test_the_api_s_standard_overrides_the_brief_s(tmp_path):
    path = _brief(tmp_path, "none")
    assert briefgen.load(path, standard="ua-1+a-3b").standards == Standards(ua=True, pdfa="3b")
    assert briefgen.load(path, standard=["a-2b"]).standards == Standards(ua=False, pdfa="2b")
    assert briefgen.load(path, standard=DEFAULT).standards is DEFAULT
    assert briefgen.load(_brief(tmp_path, "ua-1"), standard="none").standards == NONE
    with pytest.raises(ValueError) as caught:
        briefgen.load(path, standard="ua1")
    assert str(caught.value) == f"unknown standard 'ua1' (did you mean 'ua-1'?); {VALUES}"


@pytest.mark.parametrize("written,where,message", [
    ("ua-2", "5:13: meta.standard", f"unknown standard 'ua-2' (did you mean 'ua-1'?); {VALUES}"),
    ("a-2b+a-3b", "5:13: meta.standard", "a-2b and a-3b cannot both be claimed: a PDF/A file has one part;"
                                         " choose a-3b to embed the charts' data"),
    ("[ua-1, none]", "5:13: meta.standard", "'none' cannot be combined with ua-1: it builds an untagged PDF that"
                                            " claims no standard; write either 'none' or the standards to claim"),
    ("[ua-1, a-3c]", "5:20: meta.standard[1]", f"unknown standard 'a-3c' (did you mean 'a-3b'?); {VALUES}"),
    ("[ua-1, 2]", "5:20: meta.standard[1]", "expected a standard's name (ua-1, a-2b or a-3b), found a number (2)"),
    ("true", "5:13: meta.standard", "expected a standard such as 'ua-1+a-2b', a list of standards, or 'none',"
                                    " found a boolean (true)"),
    ("[]", "5:13: meta.standard", f"no standard given; {VALUES}"),
])
def test_a_bad_meta_standard_is_a_positioned_error(tmp_path, written, where, message):
    path = _brief(tmp_path, written)
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)
    assert [str(d) for d in caught.value.diagnostics] == [f"{path}:{where}: {message}"]


def test_the_json_schema_accepts_what_briefgen_accepts():
    field = brief_schema()["$defs"]["Meta"]["properties"]["standard"]
    assert field["default"] == "ua-1+a-2b" and field["description"]
    validator = jsonschema.Draft202012Validator(json.loads(json.dumps(field)))
    for good in ["ua-1", "a-2b", "A-3B", "ua-1+a-2b", "ua-1, a-3b", "none", "NONE", ["ua-1", "a-3b"], ["a-2b"]]:
        parse_standards(good)
        assert validator.is_valid(good), good
    for bad in ["ua-2", "a-2", "ua-1 a-2b", "", "none+", [], [1], 3]:
        with pytest.raises(ValueError):
            parse_standards(bad)
        assert not validator.is_valid(bad), bad
