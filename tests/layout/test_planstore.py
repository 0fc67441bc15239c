"""Line-break plans kept in the cache: a fresh process plans nothing it planned before, and what the cache
holds can cost time but never text, nor change the bytes of a brief whose entry is sound."""

import json
import re

import pytest

import briefgen
from briefgen import cache
from briefgen.layout import linebreak, paragraph, planstore
from briefgen.layout.fonts import font_digest
from tests.helpers import blocks_brief, page_texts

PARAGRAPH = ("The Attorney General's Office reported releases of people detained after the election, granted as "
             "reviews of pre-trial measures rather than acquittals, while human rights organisations documented "
             "enforced disappearances, torture and the prosecution of children under counter-terrorism charges. ")


def _forget_this_process():
    """As a fresh process: no plan, parse or broken line remembered."""
    for store in (linebreak.plans(), paragraph.remembered_parses(), paragraph.remembered_lines()):
        store.clear()


@pytest.fixture
def brief(tmp_path):
    blocks = "".join(f"- prose: |\n    {PARAGRAPH * (n % 3 + 1)}Paragraph {n}.\n" for n in range(6))
    return blocks_brief(tmp_path, blocks)


@pytest.fixture
def planned(monkeypatch):
    """The paragraphs planned from now on (``linebreak._plan`` calls)."""
    calls = []
    real = linebreak._plan

    def counting(paragraph_, words, widths):
        calls.append(len(words))
        return real(paragraph_, words, widths)

    monkeypatch.setattr(linebreak, "_plan", counting)
    return calls


def _entries():
    folder = cache.section("linebreaks")
    return sorted(folder.glob("*.json")) if folder is not None and folder.is_dir() else []


def _entry_of(brief_path):
    store = planstore.StoredPlans(cache.section("linebreaks"), brief_path)
    return store.entry


def test_a_fresh_process_plans_nothing_it_planned_before_and_sets_the_same_bytes(brief, tmp_path, planned):
    _forget_this_process()
    first = briefgen.build(brief, tmp_path / "first").read_bytes()
    assert len(planned) >= 6  # every body paragraph planned, and the plans stored
    entry = cache.read(cache.section("linebreaks"), _entry_of(brief), "json")
    assert entry is not None and len(json.loads(entry)) == len(planned)
    planned.clear()
    _forget_this_process()
    second = briefgen.build(brief, tmp_path / "second").read_bytes()
    assert planned == []
    assert second == first


def test_the_same_bytes_with_the_cache_off(brief, tmp_path, monkeypatch):
    _forget_this_process()
    briefgen.build(brief, tmp_path / "warm")  # the entry is written
    _forget_this_process()
    warm = briefgen.build(brief, tmp_path / "warm").read_bytes()
    _forget_this_process()
    monkeypatch.setenv("BRIEFGEN_NO_CACHE", "1")
    off = briefgen.build(brief, tmp_path / "off").read_bytes()
    assert warm == off


@pytest.mark.parametrize("stored", [
    "not a plan", [["a", 1, 2, None, 0, None]], [[1.0, 2.0, -1, None, 0.0, None]], [[1.0, 2.0, 3]],
    [[float("nan"), 2.0, 3, None, 0.0, None]], [[1.0, 2.0, 3, None, 0.0, "elsewhere"]], [[1, 2, True, None, 0, None]],
])
def test_a_stored_plan_not_shaped_as_plans_are_is_planned_again(brief, tmp_path, planned, stored):
    _forget_this_process()
    clean = briefgen.build(brief, tmp_path / "clean").read_bytes()
    folder, key = cache.section("linebreaks"), _entry_of(brief)
    plans = json.loads(cache.read(folder, key, "json"))
    cache.write(folder, key, "json", json.dumps({name: stored for name in plans}).encode())
    _forget_this_process()
    planned.clear()
    assert briefgen.build(brief, tmp_path / "again").read_bytes() == clean
    assert len(planned) == len(plans)


def test_a_wrong_plan_in_a_sound_entry_costs_no_text(brief, tmp_path):
    _forget_this_process()
    clean = briefgen.build(brief, tmp_path / "clean").read_bytes()
    folder, key = cache.section("linebreaks"), _entry_of(brief)
    plans = json.loads(cache.read(folder, key, "json"))
    # well shaped, but lines that are not this paragraph's: ReportLab cannot set them, so first fit does
    cache.write(folder, key, "json", json.dumps({name: [[40.0, 300.0, 1, None, 0.0, None]] * 2
                                                 for name in plans}).encode())
    _forget_this_process()
    wrong = briefgen.build(brief, tmp_path / "wrong").read_bytes()
    assert wrong != clean
    assert _words(wrong) == _words(clean)


def _words(data: bytes) -> list[str]:
    """The PDF's words, a word broken at a line's end (a soft hyphen) made whole."""
    return re.sub("\xad\\s*", "", " ".join(page_texts(data))).split()


def test_an_entry_that_fails_its_check_is_not_read(brief, tmp_path, planned):
    _forget_this_process()
    clean = briefgen.build(brief, tmp_path / "clean").read_bytes()
    path = cache.section("linebreaks") / f"{_entry_of(brief)}.json"
    data = bytearray(path.read_bytes())
    data[-5] ^= 1  # one bit of the content: the tag no longer matches
    path.write_bytes(bytes(data))
    _forget_this_process()
    planned.clear()
    assert briefgen.build(brief, tmp_path / "again").read_bytes() == clean
    assert planned  # planned again, and written back
    assert cache.read(cache.section("linebreaks"), _entry_of(brief), "json") is not None


def test_a_plan_is_keyed_by_the_fonts_bytes_and_the_hyphenation(brief):
    from reportlab.lib.styles import ParagraphStyle

    from briefgen.layout.fonts import register_family
    from briefgen.layout.paragraph import Para
    from briefgen.text.hyphenate import hyphenator
    from briefgen.theme import default_theme

    names = register_family(default_theme().fonts.body)
    store = planstore.StoredPlans(cache.section("linebreaks"), brief)
    english = ParagraphStyle("en", fontName=names.regular, fontSize=10, leading=13, alignment=4,
                             hyphenationLang=hyphenator("en_US", None))
    spanish = ParagraphStyle("es", parent=english, hyphenationLang=hyphenator("es", None))
    own = ParagraphStyle("own", parent=english, hyphenationLang=lambda word: [])
    text = "A paragraph long enough to be set in more than one line of justified text, at least."
    keys = {name: store.key(Para(text, style), [200.0]) for name, style in
            (("en", english), ("es", spanish), ("own", own))}
    assert keys["en"] != keys["es"] and keys["own"] is None  # a caller's own hyphenator: this process only
    assert store.key(Para(text, english), [200.0]) == keys["en"] != store.key(Para(text, english), [201.0])
    assert font_digest("Times-Roman") is None  # not TrueType: no bytes to name it by
    assert font_digest(names.regular) == font_digest(names.regular) is not None


def test_an_entry_keeps_the_newest_plans_within_its_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(planstore, "MOST_PLANS", 3)
    store = planstore.StoredPlans(tmp_path, tmp_path / "brief.yaml")
    for n in range(5):
        store.put(f"{n:064x}", [(1.0, 2.0, 3, None, 0.0, None)])
    store.save()
    again = planstore.StoredPlans(tmp_path, tmp_path / "brief.yaml")
    assert list(again._stored()) == [f"{n:064x}" for n in (2, 3, 4)]
    assert again.get(f"{4:064x}") == ((1.0, 2.0, 3, None, 0.0, None),)


def test_a_brief_whose_paragraphs_this_process_set_before_gets_a_whole_entry(brief, tmp_path, planned):
    _forget_this_process()
    briefgen.build(brief, tmp_path / "first")
    copy = tmp_path / "copy" / "brief.yaml"  # another file, another entry: its plans all come from memory
    copy.parent.mkdir()
    copy.write_bytes(brief.read_bytes())
    planned.clear()
    briefgen.build(copy, tmp_path / "second")
    assert planned == []
    stored = json.loads(cache.read(cache.section("linebreaks"), _entry_of(copy), "json"))
    assert stored == json.loads(cache.read(cache.section("linebreaks"), _entry_of(brief), "json"))
    _forget_this_process()
    briefgen.build(copy, tmp_path / "third")
    assert planned == []  # a fresh process finds them all
