"""CSV files as Spanish, French and German spreadsheets save them: ';' between cells, ',' as decimal mark."""

import pytest

from briefgen.charts.standalone import load_chart
from briefgen.errors import BriefError

ES_CSV = "mes;votos;cuota\n2024-01;1234;49,0\n2024-02;1300;51,5\n2024-03;;-0,25\n"


def chart(tmp_path, text=ES_CSV, **data):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "es.csv").write_text(text, encoding="utf-8")
    spec = {"type": "line", "title": "Cuota", "alt": "Una línea.",
            "data": {"file": "data/es.csv", "x": "mes", "y": "cuota", **data}}
    return load_chart(spec, base_dir=tmp_path)


def test_decimal_comma_and_semicolon_are_read(tmp_path):
    spec = chart(tmp_path, delimiter=";", decimal=",")
    assert spec.chart_data.series[0].values == [49.0, 51.5, -0.25]
    assert [d.isoformat() for d in spec.chart_data.categories] == ["2024-01-01", "2024-02-01", "2024-03-01"]


def test_tab_and_shaping_with_decimal_comma(tmp_path):
    text = "land\tjahr\twert\nDE\t2023\t1,5\nDE\t2024\t2,25\nFR\t2024\t10,0\n"
    spec = chart(tmp_path, text, delimiter="tab", decimal=",", x="land", y="wert", x_type="category",
                 group_by="land", sum="wert", filter=[{"column": "wert", "op": ">", "value": 1.6}],
                 sort={"by": "wert", "descending": True})
    assert spec.chart_data.categories == ["FR", "DE"] and spec.chart_data.series[0].values == [10.0, 2.25]


def test_explicit_delimiter_wins_over_the_header(tmp_path):
    """A column name with a comma in a ';' file: the header guess takes ',', the option says ';'."""
    text = "mes;Votos, %\n2024-01;49,5\n"
    spec = chart(tmp_path, text, delimiter=";", decimal=",", y="Votos, %")
    assert spec.chart_data.series[0].values == [49.5]
    with pytest.raises(BriefError, match=r"column 'Votos, %' is not in"):
        chart(tmp_path, text, decimal=",", y="Votos, %")


def test_bad_cells_keep_their_exact_position(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "mes;votos;cuota\n2024-01;1234;49,0\n2024-02;1300;51.5\n2024-03;5;1.234,5\n"
    with pytest.raises(BriefError) as error:
        chart(tmp_path, text, delimiter=";", decimal=",")
    assert str(error.value).splitlines() == [
        ("data/es.csv:3:14: column 'cuota': expected a number with a decimal comma (the data says decimal: ','),"
         " found '51.5'; write numbers without thousands separators, e.g. 1234,5 (values of the chart)"),
        ("data/es.csv:4:11: column 'cuota': expected a number with a decimal comma (the data says decimal: ','),"
         " found '1.234,5'; write numbers without thousands separators, e.g. 1234,5 (values of the chart)"),
    ]


def test_decimal_comma_without_the_option_says_how(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BriefError) as error:
        chart(tmp_path)
    assert str(error.value).splitlines()[0] == (
        "data/es.csv:2:14: column 'cuota': expected a number, found '49,0'; write numbers without thousands"
        " separators and with a '.' decimal point, e.g. 1234.5; or, if the file writes decimal commas, add"
        " decimal: ',' to the chart's data (values of the chart)")


def test_options_are_checked(tmp_path):
    with pytest.raises(BriefError, match=r"data\.decimal: expected one of '\.', ',', found ';'"):
        chart(tmp_path, decimal=";")
    with pytest.raises(BriefError, match=r"data\.decimal: the decimal mark and the delimiter are both ','"):
        chart(tmp_path, decimal=",", delimiter=",")
    inline = {"type": "bar", "title": "t", "alt": "a",
              "data": {"categories": ["a"], "values": {"v": [1]}, "decimal": ","}}
    with pytest.raises(BriefError, match=r"data\.decimal: 'decimal' says how a CSV file is written; inline data"):
        load_chart(inline, base_dir=tmp_path)


def test_x_numbers_with_decimal_comma(tmp_path):
    text = "x;y\n0,5;1\n1,5;2\n"
    spec = chart(tmp_path, text, delimiter=";", decimal=",", x="x", y="y", x_type="number")
    assert spec.chart_data.categories == [0.5, 1.5]
