"""The package's default theme is parsed once per process for each set of limits, and what parsing it reports
is reported every time."""

import pytest

import briefgen
from briefgen import theme
from briefgen.errors import BriefError
from briefgen.limits import Limits
from tests.helpers import blocks_brief


@pytest.fixture
def parsed(monkeypatch):
    """The theme files parsed from now on, in a process that has parsed none."""
    calls = []
    real = theme._theme_layer

    def counting(path, ctx, assets_dir):
        calls.append(path.name)
        return real(path, ctx, assets_dir)

    monkeypatch.setattr(theme, "_theme_layer", counting)
    theme._default_layers().clear()
    return calls


def test_a_second_build_reuses_the_default_theme_and_gets_the_same_one(tmp_path, parsed):
    brief = blocks_brief(tmp_path, "- prose: Hello.\n", tail="style: {colors: {brand: '#112233'}}\n")
    first = briefgen.load(brief)
    second = briefgen.load(brief)
    assert parsed == ["default.yaml"]
    assert _values(first.theme) == _values(second.theme) and first.theme.colors.brand == "#112233"
    plain = briefgen.load(blocks_brief(tmp_path, "- prose: Hello.\n", name="plain.yaml"))
    assert plain.theme.colors.brand != "#112233"  # the override stayed with its brief
    assert parsed == ["default.yaml"]


def _values(node):
    """A theme's values, all the way down (its models have no equality of their own)."""
    if hasattr(node, "__dict__"):
        return {key: _values(value) for key, value in vars(node).items() if not key.startswith("_")}
    if isinstance(node, (list, tuple)):
        return [_values(value) for value in node]
    if isinstance(node, dict):
        return {key: _values(value) for key, value in node.items()}
    return node


def test_limits_that_the_default_theme_breaks_report_it_every_time(tmp_path, parsed):
    brief = blocks_brief(tmp_path, "- prose: Hello.\n")
    for _ in range(2):
        with pytest.raises(BriefError) as error:
            briefgen.load(brief, limits=Limits(font_bytes=1000))
        assert any("default.yaml" in str(d) and "font_bytes" in str(d) for d in error.value.diagnostics)
    assert parsed == ["default.yaml", "default.yaml"]
    briefgen.load(brief)  # other limits: parsed for them
    briefgen.load(brief)
    assert parsed == ["default.yaml"] * 3
