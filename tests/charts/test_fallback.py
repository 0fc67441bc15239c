"""Fallback fonts in charts: a Cyrillic name from a CSV, '≥' and '✓' print in the chain's next font, in the
PDF (run by run, one text object, extractable) and in PNG/SVG exports (matplotlib's list of families); the
cache key counts the fallback fonts by content."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import warnings

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

import briefgen
from briefgen.charts import displaylist
from briefgen.charts.standalone import load_chart
from briefgen.charts.style import ChartStyle
from briefgen.theme import default_theme
from tests.helpers import notdef_drawn, page_texts, pdf_reader, write_brief

CSV = "city,detained\nКиїв,120\nOdesa,80\nΑθήνα ≥ 5,40\n"
TITLE = "Detentions ≥ 100 ✓"
NOTE = "peak ✓ ≈ 120"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("chart-fallback")
    (folder / "cities.csv").write_text(CSV, encoding="utf-8")
    path = write_brief(folder, f"""\
        meta: {{title: Fallback in charts, date: 2025-05-01, organisation: {{name: X}}}}
        sections:
          - heading: One
            blocks:
              - chart:
                  type: bar
                  title: "{TITLE}"
                  alt: Detentions by city
                  data: {{file: cities.csv, x: city, y: detained}}
                  annotations: [{{x: Київ, text: "{NOTE}"}}]
        """)
    return briefgen.build(path, folder / "out").read_bytes()


def _chart_form(data: bytes):
    """The chart's form XObject on page 1."""
    [form] = [x.get_object() for name, x in pdf_reader(data).pages[0]["/Resources"]["/XObject"].items()
              if "chart" in name]
    return form


def test_the_chart_text_copies_out_exactly(built):
    text = page_texts(built)[0]
    for string in ("Київ", "Odesa", "Αθήνα ≥ 5", TITLE, NOTE):
        assert string in text, (string, text)


def test_the_chart_draws_its_runs_in_the_fallback_fonts_and_never_a_box(built):
    resources = _chart_form(built)["/Resources"]["/Font"].values()
    fonts = {str(font.get_object()["/BaseFont"]).split("+", 1)[-1] for font in resources}
    assert {"Lato-Regular", "NotoSansExt-Regular", "NotoSansSymbols2-Regular"} <= fonts, fonts
    assert notdef_drawn(built) == []
    # A label of several runs is one text object: its runs are not lines of their own.
    content = _chart_form(built).get_data().decode("latin-1")
    [note] = [block for block in content.split("BT")[1:] if "peak" in block]
    assert note.count("Tf") == 3 and "T*" not in note.split("ET")[0], note


def test_the_runs_keep_the_pdf_valid_as_the_validator_sees_it(built, tmp_path):
    page = pytest.importorskip("page")
    (tmp_path / "b.pdf").write_bytes(built)
    for profile in ("ua1", "2b"):
        assert [f.rule_id for f in page.validate_pdf(str(tmp_path / "b.pdf"), profile=profile).failures] == []


def _spec(tmp_path, title=TITLE, **chart):
    return load_chart({"type": "bar", "title": title, "alt": "a", **chart}, base_dir=tmp_path, theme=default_theme())


def _png(spec, style):
    from briefgen.charts.figure import render

    data = render(spec, style, 300, furniture=True, fmt="png", dpi=150)
    return np.asarray(Image.open(io.BytesIO(data)).convert("L"), dtype=float)


def _ink(pixels):
    """The inked part of a grey image, as ink from 0 to 1, cropped to its bounding box."""
    ink = 255 - pixels
    ink = ink / ink.max()
    rows, cols = (ink > 0.2).nonzero()
    return ink[rows.min():rows.max() + 1, cols.min():cols.max() + 1]


def test_png_export_draws_the_cyrillic_label_with_the_fallback_font(tmp_path, capsys):
    spec = _spec(tmp_path, "Detentions", data={"categories": ["Київ", "Odesa"], "values": {"v": [120, 80]}})
    style = ChartStyle.from_theme(default_theme(), "en")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        chained = _png(spec, style)
    assert [str(w.message) for w in caught] == [] and capsys.readouterr().err == ""  # no "Glyph missing"
    # The same chart drawn with the family alone: Lato's boxes, and a warning. The label is what differs.
    alone = _png(spec, dataclasses.replace(style, fallback=()))
    assert "'К' (U+041A CYRILLIC CAPITAL LETTER KA) is in no chart font (Lato)" in capsys.readouterr().err
    rows, cols = (abs(chained - alone) > 60).nonzero()
    height, width = chained.shape
    assert rows.min() > height * 0.8 and cols.max() < width / 2  # the first category's label, under the plot
    region = (slice(rows.min() - 3, rows.max() + 4), slice(cols.min() - 3, cols.max() + 4))
    # An independent reference: Pillow sets "Київ" in the fallback font file at the label's size.
    font = ImageFont.truetype(style.fallback[0][1][0], style.size * 150 / 72)
    reference = Image.new("L", (200, 60), 255)
    ImageDraw.Draw(reference).text((10, 10), "Київ", font=font, fill=0)
    expected = _ink(np.asarray(reference, dtype=float)).shape
    for drawn, same in ((chained, True), (alone, False)):
        shape = _ink(drawn[region]).shape
        assert (abs(shape[0] - expected[0]) <= 2 and abs(shape[1] - expected[1]) <= 2) == same, (shape, expected)


def test_svg_export_names_the_chain_and_keeps_the_text(tmp_path):
    from briefgen.charts.rendering import chart_bytes

    spec = _spec(tmp_path, data={"categories": ["Київ", "Odesa"], "values": {"v": [120, 80]}})
    svg = chart_bytes(spec, ChartStyle.from_theme(default_theme(), "en"), 300, furniture=True, fmt="svg").decode()
    assert "Київ" in svg and "Detentions ≥ 100 ✓" in svg
    assert "font-family: 'Lato', 'NotoSansExt', 'NotoSansSymbols2', sans-serif" in svg  # only the fonts it needs


def test_widths_and_wrapping_are_measured_run_by_run():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style = ChartStyle.from_theme(default_theme(), "en")
    assert style.runs("Київ ≥ 5 ✓") == [("NotoSansExt", "Київ"), ("Lato", " ≥ 5 "),
                                        ("NotoSansSymbols2", "✓")]
    assert style.runs("Київ", bold=True) == [("NotoSansExt-Bold", "Київ")]
    assert style.runs("Київ ✓", bold=True)[-1] == ("NotoSansSymbols2", "✓")  # no bold face: its regular
    assert style.width("Київ ✓", 10) == pytest.approx(
        stringWidth("Київ", "NotoSansExt", 10) + stringWidth(" ", "Lato", 10)
        + stringWidth("✓", "NotoSansSymbols2", 10))
    assert style.width("Київ", 10) != pytest.approx(stringWidth("Київ", "Lato", 10))  # not Lato's boxes
    text = "Затримання у Києві та Одесі зросли ✓ у кожному кварталі"
    lines = style.wrap(text, 90)
    assert len(lines) > 2 and " ".join(lines) == text
    assert all(style.width(line) <= 90 for line in lines), [(line, style.width(line)) for line in lines]


def _items(tmp_path, categories):
    from briefgen.charts.vector import display_list

    spec = _spec(tmp_path, data={"categories": categories, "values": {"v": [3, 2]}})
    return json.loads(display_list(spec, ChartStyle.from_theme(default_theme(), "en"), 300, furniture=False))


def _flat(items):
    for item in items:
        if item[0] == "g":
            yield from _flat(item[2])
        else:
            yield item


def test_a_label_of_several_runs_is_centred_under_its_bar(tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    body = _items(tmp_path, ["Київ ≥ 5", "Odesa"])
    items = list(_flat(body["contents"]))
    [label] = [i for i in items if i[0] == "r"]
    assert [text for _, text in label[3]] == ["Київ", " ≥ 5"]
    centre = label[1] + sum(stringWidth(text, face, label[4]) for face, text in label[3]) / 2
    colour = ChartStyle.from_theme(default_theme(), "en").palette[0]
    fill = [round(int(colour[i:i + 2], 16) / 255, 5) for i in (1, 3, 5)] + [1.0]
    bars = [i for i in items if i[0] == "p" and i[3] == fill]
    assert len(bars) == 2
    first = min(sum(b[1][0::2]) / len(b[1][0::2]) for b in bars)
    assert centre == pytest.approx(first, abs=0.5)
    odesa = next(i for i in items if i[0] == "s" and i[3] == "Odesa")
    assert odesa[4] == "middle" and label[2] == odesa[2]  # on the same baseline as the other label


def test_runs_survive_the_display_list_and_bad_runs_are_a_miss(tmp_path):
    body = _items(tmp_path, ["Київ ✓", "b"])
    data = json.dumps(body).encode()
    drawing = displaylist.load(data)
    runs = [node for node in drawing.contents if hasattr(node, "runs")]
    assert [text for _, text in runs[0].runs] == ["Київ", " ", "✓"]
    assert json.loads(displaylist.dump(drawing))["contents"] == body["contents"]  # the same items back
    index = next(i for i, item in enumerate(body["contents"]) if item[0] == "r")
    for bad in ([["NoSuchFont", "x"]], [], [["Lato"]], [["Lato", 5]], "Київ"):
        copy = json.loads(data)
        copy["contents"][index][3] = bad
        assert displaylist.load(json.dumps(copy).encode()) is None, bad


def test_the_cache_key_counts_fallback_fonts_by_content_never_by_path(tmp_path):
    style = ChartStyle.from_theme(default_theme(), "en")
    name, files = style.fallback[0]
    copy = tmp_path / "copy.ttf"
    shutil.copy(files[0], copy)
    moved = dataclasses.replace(style, fallback=((name, (str(copy), *files[1:])),) + style.fallback[1:])
    assert moved.key() == style.key()
    assert str(tmp_path) not in json.dumps(moved.key()) and "assets" not in json.dumps(style.key())
    copy.write_bytes(copy.read_bytes() + b"\0")
    assert moved.key() != style.key()
    assert dataclasses.replace(style, fallback=style.fallback[1:]).key() != style.key()


def test_right_to_left_chart_text_is_refused_at_its_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("k,v\nКиїв,1\nحلب,2\n", encoding="utf-8")
    write_brief(tmp_path, """\
        meta: {title: T, date: 2025-05-01, organisation: {name: X}}
        sections:
          - heading: One
            blocks:
              - chart: {type: bar, title: "Київ ✓", alt: a, data: {file: d.csv, x: k, y: v}}
        """)
    with pytest.raises(briefgen.BriefError) as error:
        briefgen.load("brief.yaml")
    assert [str(d) for d in error.value.diagnostics] == [
        "d.csv:3:1: column 'k': 'ح' (U+062D ARABIC LETTER HAH) is right-to-left text, which is not supported yet in"
        " charts: it would print with its letters unjoined and in the wrong order; write the name in Latin letters"
        " in the chart (e.g. 'Halab' for 'حلب'), and give it in its own script in the text or a table"]


def test_a_letter_and_its_combining_marks_are_set_in_one_font():
    style = ChartStyle.from_theme(default_theme(), "en")
    assert style.runs("Ки\u0306в") == [("NotoSansExt", "Ки\u0306в")]  # 'й' written as 'и' and a breve
    assert style.runs("Jose\u0301") == [("Lato", "Jos"), ("NotoSansExt", "e\u0301")]  # Lato has no U+0301


def test_marks_that_cannot_sit_on_their_letter_are_refused_in_the_csv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.csv").write_text("k,v\nКи\u0306в,1\n\u0301a,2\nx\u0591,3\na\u0301\u0301,4\n", encoding="utf-8")
    write_brief(tmp_path, """\
        meta: {title: T, date: 2025-05-01, organisation: {name: X}}
        sections:
          - heading: One
            blocks:
              - chart: {type: bar, title: T, alt: a, data: {file: d.csv, x: k, y: v}}
        """)
    with pytest.raises(briefgen.BriefError) as error:
        briefgen.load("brief.yaml")
    chain = ", ".join(ChartStyle.from_theme(default_theme(), "en").family_names())
    assert [str(d) for d in error.value.diagnostics] == [
        "d.csv:3:1: column 'k': character U+0301 COMBINING ACUTE ACCENT is a combining mark with no letter before it"
        " to sit on; write it after its letter, or remove it",
        f"d.csv:4:1: column 'k': character U+0591 HEBREW ACCENT ETNAHTA is a combining mark that no font of the chart"
        f" fonts ({chain}) has together with its letter 'x' (U+0078 LATIN SMALL LETTER X), so it would print apart from"
        " it; write the letter another way (a single character such as 'é'), or remove the mark",
        "d.csv:5:1: column 'k': character U+0301 COMBINING ACUTE ACCENT is the same combining mark twice on 'a'"
        " (U+0061 LATIN SMALL LETTER A), and PDF readers keep only one of the two in the text they copy;"
        " remove one"]
