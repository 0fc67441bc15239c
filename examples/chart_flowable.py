"""Drop a briefgen chart into your own ReportLab document.

Run from the repository root:  python examples/chart_flowable.py [OUT.pdf]
It writes a one-page PDF with a heading, a paragraph and the state-margins
chart (vector, with its title, subtitle, notes and source inside).
"""

import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from briefgen import ChartFlowable

HERE = Path(__file__).resolve().parent


def main(target: str = "out/chart_flowable.pdf") -> Path:
    styles = getSampleStyleSheet()
    story = [
        Paragraph("Quarterly report", styles["Title"]),
        Paragraph("The chart below is drawn by briefgen from a chart file and the project's data.",
                  styles["BodyText"]),
        Spacer(1, 6 * mm),
        # Any chart file works; so does a dict in the same format, or lang="es" for Spanish numbers.
        ChartFlowable(HERE.parent / "briefs" / "charts" / "state-margins.yaml"),
    ]
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, invariant=1).build(story)
    return path


if __name__ == "__main__":
    print(main(*sys.argv[1:]))
