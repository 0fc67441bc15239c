"""The brief's work budget: shares of the brief-wide limits add up."""

import subprocess
import sys

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.limits import Limits
from tests.helpers import ROOT, SAMPLE


def test_the_sample_uses_well_under_its_budget(tmp_path):
    with pytest.raises(BriefError) as caught:
        briefgen.load(SAMPLE, limits=Limits.from_env({}, {"brief_work": 1}))
    message = caught.value.diagnostics[0].message
    assert message.startswith("the brief as a whole would take too long to build: it uses 46% of chart_text,")
    used = int(message.split("% of one limit's work")[0].rsplit(" ", 1)[1])
    assert used < 100  # two and a half times the sample still builds under the default of 150%
    assert briefgen.load(SAMPLE).warnings == []


def test_limits_near_their_bounds_together_are_refused_and_can_be_raised(tmp_path):
    case = ROOT / "tests" / "hostile" / "brief-combined-limits"
    subprocess.run([sys.executable, str(case / "make.py")], cwd=tmp_path, check=True,
                   env={"PYTHONPATH": str(ROOT)})
    with pytest.raises(BriefError) as caught:
        briefgen.load(tmp_path / "brief.yaml")
    assert [d.path for d in caught.value.diagnostics] == ["(top level)"]
    assert "163% of one limit's work together" in caught.value.diagnostics[0].message
    assert briefgen.load(tmp_path / "brief.yaml", limits=Limits.from_env({}, {"brief_work": 170}))
