"""``briefgen build --print --cmyk`` on the command line."""

import pikepdf
import pytest

from tests.helpers import SAMPLE, run_cli
from tests.press.scan import rgb_uses


def test_build_print_and_cmyk(tmp_path, capsys):
    from briefgen.batch import BuildJob

    if "print_edition" not in BuildJob.__dataclass_fields__:
        pytest.skip("briefgen.batch.BuildJob has no print_edition field yet (see the print helper's report)")
    out = tmp_path / "brief.pdf"
    code, _, _ = run_cli(["build", "--print", "--cmyk", str(SAMPLE), "-o", str(out)], capsys)
    assert code == 0
    with pikepdf.open(out) as pdf:
        assert all("/TrimBox" in page.obj and "/BleedBox" in page.obj for page in pdf.pages)
    assert rgb_uses(out) == []


def test_the_options_are_listed(capsys):
    for command in ("build", "watch"):
        _, out, _ = run_cli([command, "--help"], capsys)
        assert "--print" in out and "--cmyk" in out
