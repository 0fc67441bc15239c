"""ChartFlowable in another ReportLab program, and the runnable example."""

import subprocess
import sys

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
