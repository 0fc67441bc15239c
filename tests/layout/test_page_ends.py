"""Pages that end well (issue #13, section 2), measured on every page of the sample and the test briefs.

Each brief is built and its PDF read back (:func:`tests.helpers.page_lines`: tagged lines, their
structure elements and everything drawn on the page). On every page:

- **gap**: between the last thing drawn in the frame and the frame's foot (or the footnotes' rule
  and room over them), at most 2 more body lines (the theme's body size times its leading) would
  fit. The last page is exempt, and so is a page followed by a forced break (``page_break``). The
  first page is not: the cover band and summary are followed by the text, which fills the page like
  any other. A page whose successor opens with a heading may end shorter than the room that heading
  needed with its first 2 lines (the rule against stranded headings and orphans wins), and so may one
  whose successor opens with a figure or table that could not fit, after which only the notes or
  sources come (they never move ahead of a section's figures: nothing was left to fill the page).
- **hyphen**: a paragraph that runs on to the next page does not end this page on a hyphen (U+00AD,
  which PDFium reads as U+0002, or '-').
- **stranded**: the last line of the page is not a heading (a box title is a heading too) or a caption.
- **widow/orphan**: a paragraph split over a page turn keeps at least 2 lines on each side.

A failure names the brief, the page and the rule, with its numbers.
"""

from __future__ import annotations

import math
import re

import pytest
from reportlab.lib.units import mm

import briefgen
from briefgen.text.i18n import label
from tests.helpers import BRIEFS, SAMPLE, page_lines

#: Every brief the rules are checked on: the sample and the test corpus.
CORPUS = [SAMPLE] + sorted(BRIEFS.glob("*.yaml"))
HEADING = re.compile(r"H[1-6]?$")
HYPHENS = ("-", "\u00ad", "\x02")  # PDFium reads a soft hyphen at a line's end as U+0002


def _build(path, folder):
    if path.name == "multilingual.yaml":  # needs the test-only CJK font beside it
        from tests.e2e.test_multilingual import brief_with_cjk_font

        path = brief_with_cjk_font(folder)
    return path, briefgen.build(path, folder / "out")


def _flat(sections):
    """Section headings and blocks in reading order: ('heading', text) or ('block', block)."""
    for section in sections:
        yield "heading", section.heading
        for block in section.blocks:
            yield "block", block
        yield from _flat(section.sections)


def _words(text) -> str:
    return " ".join(re.sub(r"[*_`#\[\]]", "", str(text)).split())[:12]


def after_breaks(brief) -> list[str]:
    """The first words after each enabled ``page_break``: the page before them may end short."""
    items = list(_flat(brief.sections))
    found = []
    for index, (kind, item) in enumerate(items):
        if kind != "block" or type(item).__name__ != "PageBreak" or not item.enabled:
            continue
        for kind, following in items[index + 1:]:
            if kind == "heading":
                found.append(_words(following))
                break
            if type(following).__name__ == "PageBreak":
                continue
            text = following.title_text() or getattr(following, "text", "") or ""
            found.append(_words(text))
            break
    return found


def _text_lines(lines, leading) -> list[dict]:
    """Lines with text, a superscript folded into the line it sits on (same element, within half a line)."""
    merged = []
    for line in lines:
        if not line["text"].strip():
            continue
        last = merged[-1] if merged else None
        if last is not None and last["element"] == line["element"] and abs(last["y"] - line["y"]) < leading / 2:
            last["text"] += line["text"]
            last["bottom"] = min(last["bottom"], line["bottom"])
            continue
        merged.append(dict(line))
    return merged


#: The rule over the footnotes: a line 40 mm long (see LayoutDoc.draw_footnotes).
FOOTNOTE_RULE = (40 * mm - 2, 40 * mm + 2)


def _footnote_room(drawn, frame_bottom) -> tuple:
    """(Where the frame ends above the footnotes, the footnote rule's height), or the frame's bottom
    (twice) on a page without notes. The notes' room starts 3 pt above the rule."""
    rules = [low for low, high, width, path in drawn
             if path and high - low < 1.5 and FOOTNOTE_RULE[0] <= width <= FOOTNOTE_RULE[1]]
    below = [rule for rule in rules if any(high < rule for _, high, _, _ in drawn)]
    if not below:
        return frame_bottom, frame_bottom - 1
    rule = min(below)
    return rule + 3, rule - 0.5


def _heading_room(lines, frame_top, heading_before) -> float:
    """The room a heading that opens a page needed on the page before: its space above, itself, what
    keeps with it and 2 lines of the text under it (0 when the page opens with no heading)."""
    if not lines or not HEADING.match(lines[0]["role"]):
        return 0
    body = [line for line in lines if not HEADING.match(line["role"])][:2]
    return frame_top - body[-1]["bottom"] + heading_before if body else 0


def page_end_problems(pages, *, frame_bottom, frame_top, leading, heading_before=0, exempt=()) -> list[str]:
    """What breaks the page-end rules (see the module docstring), one message per problem.

    ``pages`` as :func:`tests.helpers.page_lines` gives them; ``exempt``: 1-based numbers of
    pages that may end short (besides the last). A page followed by one that opens with a heading
    may end shorter than what that heading needed (``heading_before`` is the space above a heading):
    a heading never stands alone at a page foot, so it moved on with its first 2 lines."""
    problems = []
    flows = []
    for page in pages:
        top = page["height"] if not flows else frame_top  # the first page's frame reaches the top edge
        drawn = [(low, high, width, path) for low, high, width, path in page["objects"]
                 if high > frame_bottom - 0.5 and low < top + 0.5]
        foot, notes = _footnote_room(drawn, frame_bottom)
        lines = [line for line in page["lines"] if line["role"] != "Note" and line["bottom"] > notes]
        flow_bottom = min((low for low, *_ in drawn if low > notes), default=top)
        flows.append((flow_bottom, foot, _text_lines(lines, leading), lines))
    for number, (bottom, foot, text, lines) in enumerate(flows, 1):
        if number == len(flows):
            break
        short = math.floor((bottom - foot) / leading + 0.02)
        if short > 2 and number not in exempt and bottom - foot >= _heading_room(flows[number][2], frame_top,
                                                                                  heading_before):
            problems.append(f"page {number}: gap: ends {short} body lines short of its frame"
                            f" ({bottom - foot:.1f} pt under its last content, body leading {leading:.1f} pt)")
        if not lines:
            continue
        last = lines[-1]
        if (HEADING.match(last["role"]) or last["role"] == "Caption") and last["bottom"] < bottom + 2:
            problems.append(f"page {number}: stranded: its last line is a {last['role']} ({last['text'][:40]!r})")
        next_text = flows[number][2]
        if not text or not next_text:
            continue
        tail = text[-1]
        if tail["role"] in ("TD", "TH", "Figure"):
            continue
        following = [line for line in next_text if line["element"] == tail["element"]]
        if not following:
            continue  # the paragraph ends on this page
        if tail["text"].rstrip(" ").endswith(HYPHENS):
            problems.append(f"page {number}: hyphen: the last line ends on a hyphen ({tail['text'][-30:]!r})")
        here = [line for line in text if line["element"] == tail["element"]]
        if len(here) < 2:
            problems.append(f"page {number}: orphan: {len(here)} line of a paragraph at the foot"
                            f" ({here[0]['text'][:40]!r})")
        if len(following) < 2:
            problems.append(f"page {number + 1}: widow: {len(following)} line of a paragraph at the head"
                            f" ({following[0]['text'][:40]!r})")
    return problems


def _same_start(one: str, other: str) -> bool:
    common = min(len(one), len(other))
    return common >= 5 and one[:common] == other[:common]


def _opens_with_a_float_only_back_matter_follows(lines, back_matter, leading) -> bool:
    """Does the page open with a figure or table that waited for it (its caption first), followed by
    nothing of the text but the notes or sources, which never move ahead of a section's figures? Then
    the page before could not be filled: nothing was left to move up (documented in docs/typography.md).
    The float's own lines are those down to its drawing or table, and its source line just under it."""
    if not lines or lines[0]["role"] != "Caption":
        return False
    ends = [index for index, line in enumerate(lines) if line["role"] in ("Figure", "TD", "TH")]
    if not ends:
        return False
    foot = lines[ends[-1]]["bottom"]
    after = [line for line in lines[ends[-1] + 1:] if line["bottom"] < foot - 2 * leading
             or HEADING.match(line["role"])]
    return not after or (HEADING.match(after[0]["role"]) is not None and after[0]["text"].strip() in back_matter)


def check_pdf(brief_path, pdf_path) -> list[str]:
    brief = briefgen.load(brief_path)
    theme = brief.theme
    width, height = brief.page_size()
    pages = page_lines(pdf_path)
    starts = after_breaks(brief)
    back_matter = {label(brief.meta.language, key) for key in ("notes", "sources")}
    exempt = set()
    for number, page in enumerate(pages[1:], 1):
        first = _text_lines(page["lines"], 1)[:1]
        if first and any(_same_start(_words(first[0]["text"]), start) for start in starts):
            exempt.add(number)
        if _opens_with_a_float_only_back_matter_follows(page["lines"], back_matter,
                                                        theme.sizes.body * theme.sizes.leading):
            exempt.add(number)
    return page_end_problems(pages, frame_bottom=theme.page.margin_bottom * mm,
                             frame_top=height - theme.page.margin_top * mm,
                             leading=theme.sizes.body * theme.sizes.leading,
                             heading_before=theme.spacing.heading_before, exempt=exempt)


@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_every_page_ends_well(tmp_path, path):
    brief_path, pdf = _build(path, tmp_path)
    problems = check_pdf(brief_path, pdf)
    assert not problems, f"{path.name}:\n  " + "\n  ".join(problems)


# -- the checker itself, on pages made up for it ------------------------------------------------------

def _page(*lines, bottom=None):
    """A made-up page: ``lines`` as (y, text, role, element) from the top."""
    made = [{"y": y, "bottom": y - 3, "text": text, "role": role, "element": element}
            for y, text, role, element in lines]
    low = bottom if bottom is not None else min(line["bottom"] for line in made)
    return {"height": 800, "objects": [(low, low + 10, 100, False)], "lines": made}


GEOMETRY = dict(frame_bottom=60, frame_top=740, leading=14)


def test_the_checker_finds_each_rule_broken():
    pages = [
        _page((120, "Some text", "P", 1), (100, "A heading", "H2", 2)),  # gap of 37 pt: 2 lines; stranded
        _page((700, "Top", "P", 3), (200, "Running on the last li-", "P", 4)),  # gap: 9 lines; an orphan
        _page((700, "the widow", "P", 4), (90, "end", "P", 5)),
        _page((700, "last page", "P", 6)),
    ]
    problems = page_end_problems(pages, **GEOMETRY)
    assert [problem.split(":")[:2] for problem in problems] == [
        ["page 1", " stranded"], ["page 2", " gap"], ["page 2", " hyphen"], ["page 2", " orphan"],
        ["page 3", " widow"]]
    assert "ends 9 body lines short" in problems[1]
    assert page_end_problems(pages, exempt={2}, **GEOMETRY)[1].startswith("page 2: hyphen")


def test_a_page_may_end_short_by_what_the_heading_opening_the_next_one_needed():
    pages = [
        _page((200, "Some text", "P", 1)),  # 140 pt over the frame's foot: 10 lines
        _page((720, "A heading", "H1", 2), (690, "first line", "P", 3), (676, "second", "P", 3),
              (662, "third", "P", 3)),  # the last page
    ]
    assert page_end_problems(pages, heading_before=18, **GEOMETRY)[0].startswith("page 1: gap")  # needs 85 pt
    pages[1]["lines"][0]["y"] = 600  # the heading and its first 2 lines need 140 + 18 pt: they could not fit
    for line, y in zip(pages[1]["lines"][1:], (560, 546, 532)):
        line["y"], line["bottom"] = y, y - 3
    assert page_end_problems(pages, heading_before=18, **GEOMETRY) == []


def test_the_checker_passes_pages_that_end_well():
    pages = [
        _page((120, "Some text", "P", 1), (104, "more text", "P", 1), (90, "and more", "P", 1)),
        _page((700, "the rest", "P", 1), (686, "of it", "P", 1), (80, "a box's", "P", 2)),
        _page((700, "last page", "P", 3)),
    ]
    assert page_end_problems(pages, **GEOMETRY) == []


# -- boxes that split, breaks that open a section ----------------------------------------------------

def _filler(words: int) -> str:
    return " ".join(f"word{n % 50}" for n in range(words))


def test_a_box_that_does_not_fit_splits_with_its_title_repeated(tmp_path):
    from tests.helpers import blocks_brief, page_texts

    items = "\n".join(" " * 18 + f"- Finding number {n}, which takes a line or two of the box's room to say."
                      for n in range(1, 9))
    split = 0
    for words in (300, 340, 780):
        path = blocks_brief(tmp_path, f"""\
            - prose: {_filler(words)}
            - callout:
                title: Key findings
                items:
{items}
            - prose: {_filler(200)}
            """, name=f"box-{words}.yaml")
        pdf = briefgen.build(path, tmp_path / f"out-{words}")
        texts = [" ".join(text.split()) for text in page_texts(pdf.read_bytes())]
        assert check_pdf(path, pdf) == [], words
        for page, text in enumerate(texts[:-1]):
            if "Finding number 1," in text and "Finding number 8" in texts[page + 1]:
                split += 1
                assert "KEY FINDINGS (CONTINUED)" in texts[page + 1] and "(CONTINUED)" not in text
    assert split  # at least one filler length puts the box across the page turn


def test_a_break_that_opens_a_section_comes_before_its_heading(tmp_path):
    from tests.helpers import page_texts, write_brief

    path = write_brief(tmp_path, """\
        meta:
          title: Breaks
          date: 2025-05-01
          organisation: {name: Org}
        sections:
          - heading: First
            blocks:
              - prose: Some text.
          - heading: Second
            blocks:
              - page_break: true
              - prose: After the break.
        """)
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    assert len(texts) == 2 and "Second" not in texts[0] and "Second" in texts[1]


def test_a_figure_that_waits_comes_before_the_about_box(tmp_path):
    from PIL import Image

    from tests.helpers import page_texts, write_brief

    Image.new("RGB", (1000, 1400), "#345").save(tmp_path / "tall.png")  # about 3/4 of a page
    path = write_brief(tmp_path, f"""\
        meta:
          title: Floats
          date: 2025-04-30
          organisation: {{name: X, about: The X institute studies floats.}}
        sections:
          - heading: One
            blocks:
              - prose: {_filler(600)}
              - figure: {{file: tall.png, title: Bars, alt: bars}}
              - prose: The paragraph after the figure.
        """)
    text = " ".join(" ".join(page.split()) for page in page_texts(briefgen.build(path, tmp_path / "out").read_bytes()))
    assert text.index("The paragraph after the figure.") < text.index("Figure 1 Bars") < text.index("About X")


def _line(role, text, bottom) -> dict:
    return {"role": role, "text": text, "bottom": bottom, "y": bottom, "element": (0, 0)}


def test_a_page_before_a_float_followed_only_by_the_sources_may_end_short():
    line = _line
    waited = [line("Caption", "Figure 1 Bars", 770), line("P", "Not data", 755), line("Figure", "", 510),
              line("P", "Source: invented.", 500), line("H2", "Sources", 465), line("Lbl", "1.", 440)]
    assert _opens_with_a_float_only_back_matter_follows(waited, {"Sources", "Notes"}, 14)
    text_follows = waited[:4] + [line("P", "The text goes on after the figure.", 470)] + waited[4:]
    assert not _opens_with_a_float_only_back_matter_follows(text_follows, {"Sources", "Notes"}, 14)
    a_section = waited[:4] + [line("H1", "2 Another section", 465)]
    assert not _opens_with_a_float_only_back_matter_follows(a_section, {"Sources", "Notes"}, 14)
