"""Exported chart data (``briefgen charts``, and the CSVs a PDF/A-3 brief embeds) keep the source as written."""

import pytest

from tests.helpers import build_bytes, charts_brief, pdf_reader, run_cli

MONTHS = "month,share,votes\n2024-01,49.0,1200\n2024-02,51.50,1300\n2024-03,,1e3\n"
#: The same data as a Spanish spreadsheet saves it.
MESES = "mes;cuota;votos\n2024-01;49,0;1200\n2024-02;51,50;1300\n2024-03;;1e3\n"


def _brief(tmp_path, *, lang="en", standard=None):
    data = tmp_path / "assets" / "data"
    data.mkdir(parents=True)
    (data / "months.csv").write_text(MONTHS, encoding="utf-8")
    (data / "meses.csv").write_text(MESES, encoding="utf-8")
    specs = [
        {"id": "fig-months", "type": "line", "title": "Share", "alt": "A line.", "source": "s",
         "data": {"file": "data/months.csv", "x": "month", "y": "share"}},
        {"id": "fig-meses", "type": "line", "title": "Cuota", "alt": "Una línea.", "source": "s",
         "data": {"file": "data/meses.csv", "x": "mes", "y": "cuota", "delimiter": ";", "decimal": ","}},
        {"id": "fig-shares", "type": "bar", "title": "Computed", "alt": "Bars.", "source": "s",
         "data": {"file": "data/months.csv", "x": "month", "y": "part", "x_type": "category",
                  "compute": [{"name": "part", "share": "votes"}]}},
        {"id": "fig-inline", "type": "bar", "title": "Inline", "alt": "Bars.", "source": "s",
         "data": {"categories": ["2024-01", "2024-02"], "values": {"v": [49.0, 7]}}},
    ]
    extra = {"standard": standard} if standard else None
    return charts_brief(tmp_path, specs=specs, lang=lang, extra_meta=extra)


EXPECTED = {
    # columns the chart read stay as written: months are not days, 49.0 is not 49, 1e3 is not 1000
    "fig-months": b"month,share,votes\n2024-01,49.0,1200\n2024-02,51.50,1300\n2024-03,,1e3\n",
    # a ';' file with decimal commas stays one
    "fig-meses": b"mes;cuota;votos\n2024-01;49,0;1200\n2024-02;51,50;1300\n2024-03;;1e3\n",
    # computed values are printed plainly; the cells read are still as written
    "fig-shares": b"month,share,votes,part\n2024-01,49.0,1200,34.2857142857\n2024-02,51.50,1300,37.1428571429\n"
                  b"2024-03,,1e3,28.5714285714\n",
    # numbers written in the YAML, as YAML reads them
    "fig-inline": b"category,v\n2024-01,49.0\n2024-02,7\n",
}


def test_charts_command_keeps_values_as_written(tmp_path, capsys):
    brief = _brief(tmp_path)
    status, _, err = run_cli(["charts", str(brief), "--format", "svg", "-o", str(tmp_path / "out")], capsys)
    assert status == 0, err
    for name, expected in EXPECTED.items():
        assert (tmp_path / "out" / f"{name}.csv").read_bytes() == expected, name


def test_pdf_a3_embeds_the_same_csv(tmp_path):
    data = build_bytes(_brief(tmp_path, standard="ua-1+a-3b"), tmp_path)
    attached = {name: contents[0] for name, contents in pdf_reader(data).attachments.items()}
    for name, expected in EXPECTED.items():
        assert attached[f"{name}.csv"] == expected, name


@pytest.mark.parametrize("lang", ["es"])
def test_language_does_not_change_the_data(tmp_path, capsys, lang):
    brief = _brief(tmp_path, lang=lang)
    status, _, err = run_cli(["charts", str(brief), "--format", "svg", "-o", str(tmp_path / "out")], capsys)
    assert status == 0, err
    assert (tmp_path / "out" / "fig-months.csv").read_bytes() == EXPECTED["fig-months"]
