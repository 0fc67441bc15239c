"""Long content is laid out in work that grows linearly, and keeps the lines it would have had."""

import io
import re
import time

import pypdf
import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

import briefgen
from briefgen.layout import flowables, tables
from briefgen.layout.paragraph import Para
from briefgen.limits import Limits
from briefgen.render import render_pdf
from briefgen.text.typography import ellipsize
from tests.helpers import page_texts, write_brief

HEAD = """\
meta:
  title: Long
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
"""
STYLE = ParagraphStyle("body", fontSize=10, leading=13, alignment=TA_JUSTIFY, hyphenationLang="en_US",
                       embeddedHyphenation=1, uriWasteReduce=0.3, allowWidows=0, allowOrphans=0)
WORDS = ["evidence", "<b>policy</b>", "the", "of", "<i>government</i>", "international", "a", "rights", "<br/>",
         "<br/><br/>"]


def _lines(data: bytes) -> list[list[tuple[float, str]]]:
    """Each page's text lines from the top: (baseline height, text)."""
    pages = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        found: dict = {}

        def visit(text, cm, tm, *_):
            if text.strip():
                found.setdefault(round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1), []).append(text.strip("\n"))

        page.extract_text(visitor_text=visit)
        pages.append([(y, "".join(found[y])) for y in sorted(found, reverse=True)])
    return pages


def _pdf(flowable_class, text, pagesize) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=pagesize, invariant=1).build([flowable_class(text, STYLE)])
    return out.getvalue()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_paragraph_over_many_pages_keeps_the_lines_of_the_whole(seed):
    import random

    random.seed(seed)
    text = " ".join(random.choice(WORDS) for _ in range(3000))  # ~600 lines, ~120 hard breaks, blank lines
    whole = _lines(_pdf(Paragraph, text, (400, 60_000)))[0]
    pages = _lines(_pdf(Para, text, (400, 600)))
    assert len(pages) > 20
    assert [t for _, t in whole] == [t for page in pages for _, t in page]
    # Within a page, consecutive lines are as far apart as in the unbroken paragraph (blank lines kept).
    slots = [round((whole[0][0] - y) / 13) for y, _ in whole]
    k = 0
    for page in pages:
        for (y0, _), (y1, _) in zip(page, page[1:]):
            assert round((y0 - y1) / 13) == slots[k + 1] - slots[k]
            k += 1
        k += 1


def test_hard_breaks_are_broken_a_run_at_a_time_into_the_same_lines():
    text = "<br/>".join(f"line {n} <b>bold</b> and <i>more</i> words" for n in range(300)) + "<br/><br/>end"
    plain, runs = Paragraph(text, STYLE), Para(text, STYLE)
    plain.wrap(300, 1e6)
    runs.wrap(300, 1e6)
    assert len(runs.blPara.lines) == len(plain.blPara.lines) == 302
    assert [line.sFW for line in runs.blPara.lines] == [line.sFW for line in plain.blPara.lines]


def _time_render(tmp_path, name, body) -> float:
    path = write_brief(tmp_path, HEAD + body, name=name)
    brief = briefgen.load(path, limits=Limits.from_env(overrides={n: 10**9 for n in Limits.names()}))
    started = time.process_time()
    data = render_pdf(brief, chart_worker=None)
    assert page_texts(data)
    return time.process_time() - started


@pytest.mark.parametrize("kind", ["breaks", "word", "rows"])
def test_work_grows_linearly(tmp_path, kind):
    def body(n):
        if kind == "breaks":
            return '      - prose: "' + "a\\\\\\n" * n + 'end"\n'
        if kind == "word":
            return "      - prose: Start " + "x" * (n * 20) + " end.\n"
        return ("      - table:\n          title: T\n          columns: [{header: A}, {header: B}]\n"
                "          rows:\n" + "".join(f"            - [row {i}, {i}]\n" for i in range(n // 2)))

    small = _time_render(tmp_path, "small.yaml", body(1_000))
    large = _time_render(tmp_path, "large.yaml", body(6_000))
    assert large < 6 * small * 2 + 0.5, (small, large)  # quadratic work would be 36 times


def test_a_long_word_is_cut_without_hyphenating():
    para = Para("Start " + "x" * 5_000 + " end.", STYLE)
    assert para.style.hyphenationLang is None and STYLE.hyphenationLang == "en_US"
    assert Para("Start " + "x" * 150 + " end.", STYLE).style is STYLE


def test_a_long_table_keeps_every_row_and_repeats_its_header(tmp_path):
    rows = "".join(f"            - [row {i}, {i}]\n" if i % 50 else f"            - {{group: Group {i}}}\n"
                   for i in range(1, 601))
    path = write_brief(tmp_path, HEAD + "      - table:\n          title: Big\n          columns: [{header: A},"
                                        " {header: B, format: number}]\n          total: true\n          rows:\n"
                       + rows + "      - prose: After.\n")
    assert len(rows.splitlines()) > tables.LONG_TABLE_ROWS
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    every = "\n".join(texts)
    assert [int(n) for n in re.findall(r"^row (\d+)$", every, re.M)] == [i for i in range(1, 601) if i % 50]
    assert all(t.count("Table 1 (continued)") == 1 for t in texts[1:-1])
    assert "After." in texts[-1]


def test_a_cell_taller_than_a_page_in_a_long_table_loses_no_word(tmp_path):
    rows = "".join(f"            - [row {i}, {'tall ' * 1500 if i == 100 else 'short'}]\n" for i in range(200))
    path = write_brief(tmp_path, HEAD + "      - table:\n          title: Big\n          columns: [{header: A},"
                                        " {header: B}]\n          rows:\n" + rows)
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    assert " ".join(texts).count("tall") == 1500
    assert "row 199" in texts[-1]


def test_eighty_footnotes_in_one_paragraph_become_endnotes(tmp_path):
    refs = "".join(f"[^n{i}]" for i in range(80))
    notes = "".join(f"  n{i}: Note {i}.\n" for i in range(80))
    path = write_brief(tmp_path, HEAD + f"      - prose: Short.{refs}\nfootnotes:\n" + notes)
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    assert "Notes" in "\n".join(texts[1:]) or "Notes" in texts[0].split("Short.")[1]
    assert "Note 79." in "\n".join(texts)


def test_notes_too_tall_together_for_the_page_foot_become_endnotes(tmp_path):
    refs = "".join(f"[^n{i}]" for i in range(30))
    notes = "".join(f"  n{i}: " + "Long note text " * 60 + "\n" for i in range(30))
    path = write_brief(tmp_path, HEAD + f"      - prose: Short.{refs}\nfootnotes:\n" + notes)
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    assert "Notes" in "\n".join(texts)


def test_an_about_text_taller_than_a_page_splits(tmp_path):
    about = " ".join(f"Sentence {i} of the text about the organisation, which goes on." for i in range(250))
    path = write_brief(tmp_path, HEAD.replace("organisation: {name: X}", f"organisation:\n    name: X\n"
                                                                        f"    about: {about}") + "      - prose: B.\n")
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    assert len(texts) >= 3 and "Sentence 249 of" in texts[-1]  # more than a page of it


def test_a_block_that_cannot_fit_gets_a_positioned_error(tmp_path):
    from briefgen.render import _too_large

    path = write_brief(tmp_path, HEAD + "      - prose: Text.\n")
    brief = briefgen.load(path)
    error = _too_large(brief, ("sections", 0, "blocks", 0, "prose"))
    assert str(error).endswith("brief.yaml:8:16: sections[0].blocks[0]: this block is too large to fit on a page;"
                               " split it into smaller blocks or shorten it")
    assert error.exit_code == 2
    assert ": meta.organisation.about: this text is too large" in str(_too_large(brief, ("meta", "organisation",
                                                                                        "about")))


def test_running_head_and_footer_are_cut_to_their_room(tmp_path):
    title = "A very long title about the state of human rights and the rule of law in the region during the year"
    org = ("The International Observatory for Democratic Governance, Human Rights and the Rule of Law in the"
           " Americas and the Caribbean")
    series = "The Series of Policy Briefs on Democratic Governance and Human Rights"
    path = write_brief(tmp_path, HEAD.replace("title: Long", f"title: {title}").replace(
        "organisation: {name: X}", f"series: {series}\n  organisation: {{name: \"{org}\"}}")
        + "      - page_break: true\n      - prose: Two.\n")
    data = briefgen.build(path, tmp_path / "out").read_bytes()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefgen.layout.styles import build_styles

    brief = briefgen.load(path)
    style = build_styles(brief.theme, "en", 0)["running"]
    placed = []
    pypdf.PdfReader(io.BytesIO(data)).pages[1].extract_text(
        visitor_text=lambda t, cm, tm, *_: placed.append((t.strip(), tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))
        if t.strip() else None)
    by_line: dict = {}
    for text, x, y in placed:
        by_line.setdefault(round(y), []).append((x, x + stringWidth(text, style.fontName, style.fontSize), text))
    head, foot = by_line[max(by_line)], by_line[min(by_line)]
    for line in (head, foot):
        (_, end, _), (start, _, _) = sorted(line)
        assert end < start, line  # nothing printed over anything
    assert head[0][2].endswith("…") and foot[0][2].endswith(" · 30 April 2025") and "…" in foot[0][2]


def test_ellipsize():
    def measure(text):
        return len(text)

    assert ellipsize("short", 10, measure) == "short"
    assert ellipsize("one two three four", 12, measure) == "one two…"
    assert ellipsize("abcdefghijkl", 6, measure) == "abcde…"


class _CountedPara(Para):
    """A paragraph that counts how often it is measured (in a shared list)."""

    def __init__(self, text, style, counter):
        super().__init__(text, style)
        self.counter = counter

    def wrap(self, avail_width, avail_height):
        self.counter.append(1)
        return super().wrap(avail_width, avail_height)


def test_a_box_over_many_pages_measures_its_items_a_bounded_number_of_times():
    """Each page's rest of a long box was measured whole again: quadratic in its items."""
    counter: list = []
    items = [_CountedPara(f"Item {i}, a short point.", STYLE, counter) for i in range(1_500)]
    box = flowables.Box(items, fill="#eeeeee", rule="#333333", max_unsplit=300)
    SimpleDocTemplate(io.BytesIO()).build([box])
    assert len(counter) < 8 * len(items), len(counter)  # about 40 pages: once a page would be 30 times
