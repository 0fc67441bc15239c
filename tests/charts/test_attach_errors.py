"""`briefgen attach` refuses a report that is missing or not a PDF, cleanly and without output."""

from tests.helpers import SAMPLE, run_cli


def test_attach_to_a_file_that_is_not_a_pdf(tmp_path, capsys):
    report = tmp_path / "report.pdf"
    report.write_text("not a pdf")
    status, _, err = run_cli(["attach", report, "--charts", SAMPLE, "-o", tmp_path / "combined.pdf"], capsys)
    assert status == 2
    assert err.startswith(f"{report}: (file): not a readable PDF (")
    assert "Traceback" not in err and "EOF marker" not in err
    assert not (tmp_path / "combined.pdf").exists()


def test_attach_to_a_missing_report(tmp_path, capsys):
    status, _, err = run_cli(["attach", tmp_path / "nope.pdf", "--charts", SAMPLE, "-o", tmp_path / "c.pdf"],
                             capsys)
    assert (status, err.strip()) == (2, f"{tmp_path / 'nope.pdf'}: (file): file not found")
