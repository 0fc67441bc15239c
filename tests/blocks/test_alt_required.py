"""Alt text is required once a brief claims PDF/UA: an error at the block; without the claim, a warning."""

import shutil

import pytest

import briefgen
from briefgen.charts.standalone import load_chart
from briefgen.errors import BriefError
from tests.helpers import ALT_BRIEF as BRIEF, ALT_CHART as CHART, BRIEFS, write_brief

FIGURE_ERROR = ("figure has no alt text, which PDF/UA-1 requires; add 'alt:' saying what the image shows, or"
                " 'decorative: true' if it carries no information (or build with --standard none for a draft)")
CHART_ERROR = ("chart has no alt text, which PDF/UA-1 requires; add 'alt:' saying what the chart shows (its main"
               " finding, not its kind) (or build with --standard none for a draft)")
FIGURE_WARNING = "warning: figure has no alt text; add 'alt:' describing what it shows"
CHART_WARNING = "warning: chart has no alt text; add 'alt:' saying what it shows"
DECORATIVE_WARNING = ("warning: decorative images are not read aloud, so this alt text is never used; remove one of"
                      " them")

#: Line 5 holds the claims (blank: the default), so the blocks always start at line 9.
FIGURE = "      - figure: {file: bars.png, title: Bars%s}\n"


def _brief(tmp_path, blocks, standard=""):
    shutil.copy(BRIEFS / "bars.png", tmp_path / "bars.png")
    return write_brief(tmp_path, BRIEF % (f"  standard: {standard}" if standard else "", blocks))


def _errors(path, **kw):
    with pytest.raises(BriefError) as caught:
        briefgen.load(path, **kw)
    return [str(d) for d in caught.value.diagnostics]


def test_a_figure_and_a_chart_without_alt_are_errors_at_their_blocks(tmp_path):
    path = _brief(tmp_path, FIGURE % "" + "      - prose: Between.\n" + CHART)
    assert _errors(path) == [f"{path}:9:9: sections[0].blocks[0]: {FIGURE_ERROR}",
                             f"{path}:11:9: sections[0].blocks[2]: {CHART_ERROR}"]


def test_every_other_problem_is_reported_with_them(tmp_path):
    path = _brief(tmp_path, CHART + "      - figure: {file: bars.png, title: Bars, widht: 0.5, alt: Bars.}\n")
    assert _errors(path) == [f"{path}:9:9: sections[0].blocks[0]: {CHART_ERROR}",
                             f"{path}:13:47: sections[0].blocks[1].figure.widht: unknown key 'widht' (did you"
                             " mean 'width'?)"]


@pytest.mark.parametrize("standard", ["ua-1", "ua-1+a-3b", "[a-2b, ua-1]"])
def test_every_claim_of_ua_requires_it(tmp_path, standard):
    path = _brief(tmp_path, CHART, standard)
    assert _errors(path) == [f"{path}:9:9: sections[0].blocks[0]: {CHART_ERROR}"]


def test_with_alt_text_the_brief_loads_without_a_word(tmp_path):
    path = _brief(tmp_path, FIGURE % ", alt: Six bars rising from left to right"
                  + CHART + "          alt: Detentions rose from 120 in Q1 to 310 in Q2.\n")
    brief = briefgen.load(path)
    assert brief.warnings == [] and [b.alt for b in brief.blocks()] == [
        "Six bars rising from left to right", "Detentions rose from 120 in Q1 to 310 in Q2."]


def test_a_decorative_image_needs_no_alt(tmp_path):
    path = _brief(tmp_path, FIGURE % ", decorative: true")
    brief = briefgen.load(path)
    assert brief.warnings == [] and brief.blocks()[0].decorative is True


def test_decorative_with_alt_is_a_warning_at_the_alt(tmp_path):
    path = _brief(tmp_path, FIGURE % ", decorative: true, alt: A row of bars")
    assert [str(w) for w in briefgen.load(path).warnings] == [
        f"{path}:9:70: sections[0].blocks[0].figure.alt: {DECORATIVE_WARNING}"]


def test_decorative_is_false_by_default_and_must_be_a_boolean(tmp_path):
    path = _brief(tmp_path, FIGURE % ", decorative: maybe")
    assert _errors(path) == [f"{path}:9:59: sections[0].blocks[0].figure.decorative: expected true or false,"
                             " found text ('maybe')"]
    assert briefgen.load(_brief(tmp_path, FIGURE % ", alt: Bars")).blocks()[0].decorative is False


@pytest.mark.parametrize("standard,override", [("none", None), ("", "none"), ("ua-1", "none"), ("a-2b", None),
                                               ("", "a-3b"), ("", ["a-2b"])])
def test_without_ua_a_missing_alt_is_only_a_warning(tmp_path, standard, override):
    path = _brief(tmp_path, FIGURE % "" + CHART, standard)
    brief = briefgen.load(path, standard=override)
    assert not brief.standards.ua
    assert [str(w) for w in brief.warnings] == [
        f"{path}:9:17: sections[0].blocks[0].figure: {FIGURE_WARNING}",
        f"{path}:11:11: sections[0].blocks[1].chart: {CHART_WARNING}"]


def test_the_override_can_require_what_the_brief_does_not(tmp_path):
    path = _brief(tmp_path, CHART, "none")
    assert _errors(path, standard="ua-1") == [f"{path}:9:9: sections[0].blocks[0]: {CHART_ERROR}"]


def test_build_writes_nothing_without_alt_and_a_draft_with_none(tmp_path):
    path = _brief(tmp_path, CHART)
    out = tmp_path / "out"
    with pytest.raises(BriefError) as caught:
        briefgen.build(path, out)
    assert [d.message for d in caught.value.diagnostics] == [CHART_ERROR]
    assert not out.exists()
    assert briefgen.build(path, out, standard="none") == out / "brief.pdf"
    assert (out / "brief.pdf").read_bytes().startswith(b"%PDF-")


def test_a_chart_file_of_its_own_keeps_the_warning(tmp_path):
    spec = load_chart({"type": "bar", "title": "T", "data": {"categories": ["a"], "values": {"S": [1]}}},
                      base_dir=tmp_path)
    assert [(w.path, w.message, w.severity) for w in spec.warnings] == [
        ("(top level)", "chart has no alt text; add 'alt:' saying what it shows", "warning")]
