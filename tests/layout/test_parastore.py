"""Paragraphs kept in the cache: a fresh process neither parses nor breaks what it set before and writes the
same bytes; an entry naming anything but ReportLab's paragraph classes is never unpickled, and none is written."""

import os
import pickle
import zlib

import pytest
from reportlab.platypus.paragraph import Paragraph

import briefgen
from briefgen import cache
from briefgen.layout import linebreak, paragraph, parastore
from briefgen.text import hyphenate
from tests.helpers import blocks_brief, write_brief

PARAGRAPH = ("Releases were granted as reviews of pre-trial measures rather than acquittals, while human rights "
             "organisations documented enforced disappearances and the prosecution of children. ")


def _forget_this_process():
    """As a fresh process: nothing parsed, broken, planned or read remembered."""
    for store in (linebreak.plans(), paragraph.remembered_parses(), paragraph.remembered_lines(),
                  parastore._known()):
        store.clear()
    hyphenate._remembered.cache_clear()


def _brief(folder, count=12):
    blocks = "".join(f"- prose: |\n    {PARAGRAPH * (n % 3 + 1)}Paragraph {n}.\n" for n in range(count))
    return blocks_brief(folder, blocks)


@pytest.fixture
def set_anew(monkeypatch):
    """How many paragraphs' markup ReportLab parses, and how many it breaks into lines, from now on."""
    calls = {"parsed": 0, "broken": 0}
    parse, breaks = Paragraph._setup, Paragraph.breakLines

    def parsing(self, text, style, bullet, frags, cleaner):
        calls["parsed"] += bool(text) and frags is None  # not a part split off, whose frags are given
        return parse(self, text, style, bullet, frags, cleaner)

    def breaking(self, *args):
        calls["broken"] += 1
        return breaks(self, *args)

    monkeypatch.setattr(Paragraph, "_setup", parsing)
    monkeypatch.setattr(Paragraph, "breakLines", breaking)
    return calls


def _entries() -> set:
    folder = cache.section("paragraphs")
    return set(folder.glob("*.pickle")) if folder is not None and folder.is_dir() else set()


def _built_with_entry(brief, out):
    """Build ``brief`` (its first build) and return the PDF's bytes and its new entry."""
    before = _entries()
    data = briefgen.build(brief, out).read_bytes()
    [entry] = _entries() - before
    return data, entry


def test_a_fresh_process_neither_parses_nor_breaks_what_it_set_before(tmp_path, set_anew, monkeypatch):
    brief = _brief(tmp_path)
    _forget_this_process()
    first = briefgen.build(brief, tmp_path / "first").read_bytes()
    assert set_anew["parsed"] >= 12 and set_anew["broken"] >= 12
    set_anew.update(parsed=0, broken=0)
    _forget_this_process()
    read = []
    monkeypatch.setattr(hyphenate, "_cached", lambda *args: read.append(args))
    second = briefgen.build(brief, tmp_path / "second").read_bytes()
    assert set_anew == {"parsed": 0, "broken": 0} and read == []  # not even the hyphenation patterns
    assert second == first


def test_the_same_bytes_with_the_cache_off(tmp_path, monkeypatch):
    brief = _brief(tmp_path)
    _forget_this_process()
    briefgen.build(brief, tmp_path / "warm")
    _forget_this_process()
    warm = briefgen.build(brief, tmp_path / "warm").read_bytes()
    _forget_this_process()
    monkeypatch.setenv("BRIEFGEN_NO_CACHE", "1")
    assert briefgen.build(brief, tmp_path / "off").read_bytes() == warm


class _Other:
    """A class no entry may name."""


@pytest.mark.parametrize("named", ["os.system", "builtins.eval", "reportlab.platypus.paragraph.stringWidth",
                                   "tests.layout.test_parastore._Other", "reportlab.platypus.paraparser.ImageReader",
                                   "reportlab.platypus.paragraph.MethodType", "reportlab.platypus.paragraph.Paragraph",
                                   "reportlab.platypus.paraparser.ParaParser"])
def test_an_entry_naming_anything_else_is_never_unpickled(named):
    module, name = named.rsplit(".", 1)
    evil = b"\x80\x05\x8c" + bytes([len(module)]) + module.encode() + b"\x8c" + bytes([len(name)]) + name.encode() \
        + b"\x93\x8c\x04echo\x85R."  # module.name("echo")
    with pytest.raises(pickle.UnpicklingError, match="not allowed in a stored paragraph"):
        parastore.loads(zlib.compress(evil))


def test_a_signed_entry_naming_a_function_is_a_miss_and_runs_nothing(tmp_path, monkeypatch, set_anew):
    brief = _brief(tmp_path)
    _forget_this_process()
    expected, entry = _built_with_entry(brief, tmp_path / "first")
    ran = []
    monkeypatch.setattr(os, "system", lambda command: ran.append(command))
    evil = zlib.compress(b"\x80\x05\x8c\x02os\x8c\x06system\x93\x8c\x04echo\x85R.")
    cache.write(cache.section("paragraphs"), entry.stem, "pickle", evil)  # signed: as if written here
    _forget_this_process()
    set_anew.update(parsed=0, broken=0)
    assert briefgen.build(brief, tmp_path / "again").read_bytes() == expected
    assert ran == [] and set_anew["parsed"] >= 12  # a miss: set again, and the entry written anew
    assert parastore.loads(cache.read(cache.section("paragraphs"), entry.stem, "pickle"))["parses"]


def test_writing_refuses_any_other_class(tmp_path):
    with pytest.raises(pickle.PicklingError, match="not stored: tests.layout.test_parastore._Other"):
        parastore.dumps({"parses": {("markup",): [_Other()]}, "lines": {}})
    store = parastore.StoredParagraphs(tmp_path, "place")
    store.use("parses", ("markup",), [_Other()])
    store.save()
    assert list(tmp_path.iterdir()) == []


def test_an_entry_not_shaped_as_written_is_a_miss(tmp_path):
    store = parastore.StoredParagraphs(tmp_path, "place")
    memory = paragraph.remembered_parses().__class__(8)
    for stored in (b"not zlib", zlib.compress(b"not a pickle"), parastore.dumps(["a", "list"]),
                   parastore.dumps({"parses": [], "lines": {}})):
        cache.write(tmp_path, store.entry, "pickle", stored)
        _forget_this_process()
        store.seed(memory, memory)
        assert memory.found == {} and store.stored == {"parses": frozenset(), "lines": frozenset()}


def test_the_entry_follows_the_language_and_the_edition(tmp_path):
    english, spanish = (briefgen.load(write_brief(tmp_path, f"""\
        meta:
          title: Test
          date: 2025-05-01
          language: {lang}
          organisation: {{name: Org}}
        sections:
          - heading: One
            blocks:
              - prose: Text.
        """, f"{lang}.yaml")) for lang in ("en", "es"))
    from briefgen.layout.styles import build_styles

    def entry(brief, path, edition=None):
        brief.path, brief.edition = path, edition
        return parastore.StoredParagraphs.for_brief(brief, build_styles(brief.theme, brief.meta.language, 0,
                                                                         brief.cache_dir)).entry

    same = tmp_path / "same.yaml"
    assert len({entry(english, same), entry(spanish, same), entry(english, same, 3)}) == 3
    assert entry(english, same) == entry(english, same)


def test_a_watch_writes_the_entry_again_only_once_it_is_stale(tmp_path):
    brief = _brief(tmp_path, count=30)
    _forget_this_process()
    entry = _built_with_entry(brief, tmp_path / "out")[1]
    written = entry.read_bytes()
    text = brief.read_text(encoding="utf-8")
    brief.write_text(text.replace("Paragraph 1.", "Paragraph one."), encoding="utf-8")  # one paragraph of 30
    briefgen.build(brief, tmp_path / "out")
    assert entry.read_bytes() == written
    brief.write_text(text.replace("Paragraph 1", "Paragraph I"), encoding="utf-8")  # 1 and 10-19: a third
    briefgen.build(brief, tmp_path / "out")
    assert entry.read_bytes() != written
    entry.unlink()  # the cache cleared meanwhile: written again
    briefgen.build(brief, tmp_path / "out")
    assert entry.is_file()


def test_a_process_reads_an_entry_once(tmp_path, monkeypatch):
    brief = _brief(tmp_path)
    _forget_this_process()
    briefgen.build(brief, tmp_path / "out")
    _forget_this_process()
    reads = []
    real = cache.read
    monkeypatch.setattr(cache, "read", lambda folder, key, fmt: reads.append(fmt) or real(folder, key, fmt))
    for _ in range(2):
        briefgen.build(brief, tmp_path / "out")
    assert reads.count("pickle") == 1


def test_stored_values_round_trip_as_reportlab_objects():
    from reportlab.lib.colors import Color
    from reportlab.platypus.paraparser import ParaFrag

    frag = ParaFrag(text="Caracas", fontName="Helvetica", fontSize=10, textColor=Color(0.1, 0.2, 0.3))
    [back] = parastore.loads(parastore.dumps([frag]))
    assert type(back) is ParaFrag and back.__dict__ == frag.__dict__
