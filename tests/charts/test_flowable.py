"""ChartFlowable in another ReportLab program, and the runnable example."""

import subprocess
import sys

import pytest
from reportlab.platypus import SimpleDocTemplate

from tests.helpers import ROOT, page_texts


def test_flowable_in_a_plain_reportlab_story(tmp_path):
    from briefgen.charts import ChartFlowable

    chart = {"type": "bar", "title": "Votes by candidate", "alt": "Two bars",
             "data": {"categories": ["González", "Maduro"], "values": {"Votes": [7156462, 3241461]}},
             "value_labels": True}
    target = tmp_path / "doc.pdf"
    flowable = ChartFlowable(chart, lang="es")
    SimpleDocTemplate(str(target), invariant=1).build([flowable])
    text = page_texts(target.read_bytes())[0]
    assert "Votes by candidate" in text and "7.156.462" in text
    assert abs(flowable.width - (SimpleDocTemplate(str(target)).width - 12)) < 0.01  # the frame's width


def test_example_runs(tmp_path):
    target = tmp_path / "example.pdf"
    subprocess.run([sys.executable, str(ROOT / "examples" / "chart_flowable.py"), str(target)], check=True,
                   cwd=ROOT, capture_output=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                                                       "BRIEFGEN_NO_CACHE": "1"})
    assert "Táchira" in page_texts(target.read_bytes())[0]


def _colors(drawing) -> set:
    """Every fill and stroke colour of a drawing, as '0xrrggbb'."""
    found, stack = set(), [drawing]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "contents", None) or [])
        for attr in ("fillColor", "strokeColor"):
            color = getattr(node, attr, None)
            if color is not None:
                found.add(color.hexval())
    return found


THEME = 'colors:\n  chart: ["#336699", "#993366", "#669933"]\n'
CHART = {"type": "bar", "title": "Votes", "alt": "Two bars",
         "data": {"categories": ["A", "B"], "values": {"Votes": [3, 4]}}}


@pytest.mark.parametrize("given", ["str", "Path", "Theme"])
def test_flowable_takes_a_theme_path_or_a_theme(tmp_path, given):
    """As documented: ``theme=`` is a theme YAML file's path or a Theme (a path used to crash)."""
    from briefgen.charts import ChartFlowable
    from briefgen.charts.standalone import chart_theme

    path = tmp_path / "theme.yaml"
    path.write_text(THEME, encoding="utf-8")
    theme = {"str": str(path), "Path": path, "Theme": chart_theme(path)}[given]
    flowable = ChartFlowable(CHART, theme=theme)
    SimpleDocTemplate(str(tmp_path / "doc.pdf"), invariant=1).build([flowable])
    assert "0x336699" in _colors(flowable._inner)  # the theme's first chart colour


def test_flowable_default_theme_differs():
    from briefgen.charts import ChartFlowable

    flowable = ChartFlowable(CHART)
    flowable.wrap(400, 800)
    assert "0x336699" not in _colors(flowable._inner)


def test_flowable_theme_problems_are_clear(tmp_path):
    from briefgen.charts import ChartFlowable
    from briefgen.errors import BriefError

    with pytest.raises(BriefError, match=r"nope\.yaml: theme: theme file not found; give the path of a theme YAML file, or a Theme"):
        ChartFlowable(CHART, theme=tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text('colors:\n  chart: ["#336699"]\n', encoding="utf-8")
    with pytest.raises(BriefError, match=r"bad\.yaml:2:10: colors\.chart: expected at least 3 item"):
        ChartFlowable(CHART, theme=bad)
    with pytest.raises(TypeError, match="theme: expected the path of a theme YAML file or a Theme, found dict"):
        ChartFlowable(CHART, theme={"colors": {}})


def test_render_takes_a_theme_path(tmp_path):
    from briefgen.charts import render

    path = tmp_path / "theme.yaml"
    path.write_text(THEME, encoding="utf-8")
    svg = render(CHART, tmp_path / "c.svg", theme=path).read_text(encoding="utf-8")
    assert "#336699" in svg
