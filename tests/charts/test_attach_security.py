"""`briefgen attach` with a hostile report: active content removed (and said so), encryption kept or
refused, broken page boxes refused by page, and an annex that fits two charts on a Letter page.

Every object of the combined PDF is walked (all of its cross-reference table, not only what
its pages reach), so nothing removed can survive as an unreferenced object either.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, IndirectObject,
                           NameObject, NumberObject, TextStringObject)

from tests.helpers import SAMPLE, chart_spec, charts_brief, outline_titles, qpdf_check, run_cli

UNSAFE = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToE", "/GoToR", "/RichMediaExecute",
          "/Rendition", "/Sound", "/Movie"}
REMOVED_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/3D", "/Movie", "/Sound", "/Screen"}


def _name(text):
    return NameObject(text)


def _dict(**entries):
    return DictionaryObject({_name("/" + k): v for k, v in entries.items()})


def _action(kind, **entries):
    return _dict(S=_name("/" + kind), **entries)


def _js(marker):
    return _action("JavaScript", JS=TextStringObject(f"app.alert('{marker}')"))


def _rect():
    return ArrayObject([NumberObject(10), NumberObject(10), NumberObject(100), NumberObject(30)])


def _annotation(subtype, **entries):
    return _dict(Type=_name("/Annot"), Subtype=_name("/" + subtype), Rect=_rect(), **entries)


def _embedded(writer, name, data):
    stream = DecodedStreamObject()
    stream.set_data(data)
    stream[_name("/Type")] = _name("/EmbeddedFile")
    return writer._add_object(_dict(Type=_name("/Filespec"), F=TextStringObject(name),
                                    EF=_dict(F=writer._add_object(stream))))


def hostile_report(pages=3, size=(612, 792)) -> bytes:
    """A report carrying every kind of active content attach removes, and links it must keep."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*size)
    root = writer._root_object
    root[_name("/OpenAction")] = writer._add_object(_js("HOSTILE-OPEN"))
    beacon = _action("URI", URI=TextStringObject("https://t.example/"))  # a web link opened on its own
    root[_name("/AA")] = _dict(WC=_js("HOSTILE-WILLCLOSE"), DP=beacon)
    exe = _embedded(writer, "setup.exe", b"MZ HOSTILE-EXE")
    root[_name("/Names")] = _dict(
        JavaScript=_dict(Kids=ArrayObject([writer._add_object(_dict(Names=ArrayObject([
            TextStringObject("a"), writer._add_object(_js("HOSTILE-DOC1")),
            TextStringObject("b"), writer._add_object(_js("HOSTILE-DOC2"))])))])),
        EmbeddedFiles=_dict(Names=ArrayObject([TextStringObject("setup.exe"), exe])))
    field = writer._add_object(_dict(FT=_name("/Tx"), T=TextStringObject("amount"),
                                     AA=_dict(K=_js("HOSTILE-KEYSTROKE"))))
    root[_name("/AcroForm")] = _dict(Fields=ArrayObject([field]), XFA=TextStringObject("<xdp>HOSTILE-XFA</xdp>"))
    first, second = writer.pages[0], writer.pages[1]
    first[_name("/AA")] = _dict(O=_js("HOSTILE-PAGEOPEN"))
    second[_name("/PieceInfo")] = _dict(Stray=_js("HOSTILE-STRAY"))  # no reader runs it there; still removed
    hidden = writer._add_object(_name("/FileAttachment"))  # the subtype itself behind a reference
    goto = _action("GoTo", D=ArrayObject([second.indirect_reference, _name("/Fit")]))
    first[_name("/Annots")] = ArrayObject([writer._add_object(a) for a in (
        _annotation("Link", A=_action("Launch", F=TextStringObject("calc.exe"))),
        _annotation("Link", A=_js("HOSTILE-LINK")),
        _annotation("Link", A=_action("URI", URI=TextStringObject("javascript:alert('HOSTILE-URI')"))),
        _annotation("Link", A=_action("URI", URI=TextStringObject("https://example.org/kept"))),
        _annotation("Link", A=goto),
        _annotation("Link", A=_action("GoTo", D=ArrayObject([second.indirect_reference, _name("/Fit")]),
                                      Next=ArrayObject([_js("HOSTILE-NEXT")]))),
        _annotation("Link", A=_action("ImportData", F=TextStringObject("data.fdf"))),
        _annotation("Link", A=_action("SubmitForm", F=_dict(FS=_name("/URL"),
                                                            F=TextStringObject("https://x.example/")))),
        _annotation("Link", A=_action("GoToR", F=TextStringObject("other.pdf"), D=ArrayObject([NumberObject(0)]))),
        _annotation("Link", A=_action("GoToE", T=_dict(R=_name("/C"), N=TextStringObject("setup.exe")))),
        _annotation("FileAttachment", FS=_embedded(writer, "invoice.exe", b"MZ HOSTILE-ATTACHED")),
        _annotation("RichMedia", RichMediaContent=_dict(Assets=_dict())),
        _dict(Type=_name("/Annot"), Subtype=hidden, Rect=_rect(), FS=_embedded(writer, "b.exe", b"MZ HOSTILE-B")),
        _annotation("Widget", Parent=field, AA=_dict(Fo=_js("HOSTILE-FOCUS"))),
    )])
    outline = writer.add_outline_item(title="Hostile entry", page_number=0).get_object()
    outline[_name("/A")] = _js("HOSTILE-OUTLINE")
    outline.pop("/Dest", None)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def every_object(data: bytes):
    """Every dictionary and array in the PDF: each cross-reference entry, and what it holds directly."""
    reader = PdfReader(io.BytesIO(data))
    for idnum in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(IndirectObject(idnum, 0, reader))
        except Exception:  # noqa: BLE001 - a free entry
            continue
        stack = [obj]
        while stack:
            item = stack.pop()
            if isinstance(item, DictionaryObject):
                yield item
                stack += [v for v in item.values() if not isinstance(v, IndirectObject)]
            elif isinstance(item, ArrayObject):
                stack += [v for v in item if not isinstance(v, IndirectObject)]


def active_content(data: bytes) -> list[str]:
    found = []
    for item in every_object(data):
        if item.get("/S") in UNSAFE or "/JS" in item:
            found.append(f"action {item.get('/S')}")
        if item.get("/S") == "/URI" and not str(item.get("/URI")).startswith("https:"):
            found.append(f"URI {item.get('/URI')}")
        if "/EF" in item or item.get("/Type") == "/EmbeddedFile":
            found.append("embedded file")
        if item.get("/Subtype") in REMOVED_ANNOTATIONS:
            found.append(f"annotation {item['/Subtype']}")
        found += [f"{k}" for k in ("/XFA", "/OpenAction", "/JavaScript", "/EmbeddedFiles") if k in item]
    return found


@pytest.fixture
def charts(tmp_path):
    return charts_brief(tmp_path / "b", charts=("vote-shares",))


def _attach(tmp_path, capsys, report: bytes, *options, brief=None):
    (tmp_path / "report.pdf").write_bytes(report)
    brief = brief or charts_brief(tmp_path / "b", charts=("vote-shares",))
    return run_cli(["attach", "report.pdf", "--charts", brief, "-o", "out/combined.pdf", *options], capsys)


def test_hostile_report_carries_what_the_check_looks_for():
    found = set(active_content(hostile_report()))
    assert {"action /JavaScript", "action /Launch", "embedded file", "annotation /FileAttachment", "/XFA",
            "URI javascript:alert('HOSTILE-URI')"} <= found


def test_attach_removes_active_content_and_says_what(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = _attach(tmp_path, capsys, hostile_report())
    assert status == 0, err
    assert out == "wrote out/combined.pdf\n"
    assert err.splitlines() == [
        "report.pdf: (file): warning: removed active content from the report: 11 JavaScript actions,"
        " 3 embedded files, 2 URI actions, 2 file attachment annotations, 1 GoToE action, 1 GoToR action,"
        " 1 ImportData action, 1 Launch action, 1 RichMedia annotation, 1 SubmitForm action, 1 XFA form;"
        " pass --keep-active-content to keep it"]
    combined = (tmp_path / "out" / "combined.pdf").read_bytes()
    assert active_content(combined) == []
    assert b"HOSTILE" not in combined
    reader = PdfReader(io.BytesIO(combined))
    links = [a.get_object()["/A"] for a in reader.pages[0]["/Annots"] if "/A" in a.get_object()]
    assert [(str(a["/S"]), str(a.get("/URI", ""))) for a in links] == [("/URI", "https://example.org/kept"),
                                                                     ("/GoTo", "")]
    subtypes = [a.get_object()["/Subtype"] for a in reader.pages[0]["/Annots"]]
    assert subtypes == ["/Link"] * 10 + ["/Widget"]  # a link whose action went stays, inert
    assert outline_titles(combined)[:2] == ["Hostile entry", "Chart annex"]
    check = qpdf_check(tmp_path / "out" / "combined.pdf")
    assert check is None or check.startswith("exit 0"), check


def test_keep_active_content_keeps_it_silently(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = _attach(tmp_path, capsys, hostile_report(), "--keep-active-content")
    assert (status, err) == (0, "")
    combined = (tmp_path / "out" / "combined.pdf").read_bytes()
    assert b"HOSTILE-EXE" in combined and "action /JavaScript" in active_content(combined)


def test_a_clean_report_gets_no_warning_and_the_output_is_deterministic(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _attach(tmp_path, capsys, buffer.getvalue())[::2] == (0, "")
    first = (tmp_path / "out" / "combined.pdf").read_bytes()
    assert _attach(tmp_path, capsys, hostile_report())[0] == 0
    hostile = (tmp_path / "out" / "combined.pdf").read_bytes()
    assert _attach(tmp_path, capsys, hostile_report())[0] == 0
    assert (tmp_path / "out" / "combined.pdf").read_bytes() == hostile != first


# -- encryption ----------------------------------------------------------------------------------

def _encrypted(user: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_an_owner_password_report_is_refused_without_decrypt(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = _attach(tmp_path, capsys, _encrypted(""))
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        "report.pdf: (file): the report is encrypted (it opens without a password, but its owner restricted"
        " it), and the combined PDF would not be; pass --decrypt to write an unencrypted copy if you may,"
        " or attach to the unencrypted original"]
    assert not (tmp_path / "out").exists()


def test_decrypt_writes_an_unencrypted_copy(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = _attach(tmp_path, capsys, _encrypted(""), "--decrypt")
    assert (status, err) == (0, "")
    combined = PdfReader(tmp_path / "out" / "combined.pdf")
    assert not combined.is_encrypted and len(combined.pages) == 2


def test_a_report_needing_a_password_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for options in ((), ("--decrypt",)):
        status, _, err = _attach(tmp_path, capsys, _encrypted("user-secret"), *options)
        assert status == 2
        assert err.splitlines() == [
            "report.pdf: (file): the report is encrypted and needs a password to open; attach works on a copy"
            " you have decrypted (for example: qpdf --decrypt --password=PASSWORD report.pdf plain.pdf)"]
        assert not (tmp_path / "out").exists()


# -- page boxes and damaged files ---------------------------------------------------------------

def _with_box(box, page=2, pages=4) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    if box is None:
        del writer.pages[page]["/MediaBox"]
    else:
        writer.pages[page][_name("/MediaBox")] = box
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _numbers(*values):
    return ArrayObject([FloatObject(v) if isinstance(v, float) else NumberObject(v) for v in values])


FIX = "; the report cannot be extended: repair it (for example, print it to a new PDF) and attach that"


@pytest.mark.parametrize("box, message", [
    (_numbers(0, 0, 0, 0), "its MediaBox [0 0 0 0] is empty (0×0 pt)"),
    (_numbers(0, 0, 612, 0), "its MediaBox [0 0 612 0] is empty (612×0 pt)"),
    (_numbers(0, 0, -612, -792), "its MediaBox [0 0 -612 -792] is inverted or negative (-612×-792 pt);"
                                 " expected [left bottom right top] with right > left and top > bottom"),
    (_numbers(612, 792, 0, 0), "its MediaBox [612 792 0 0] is inverted or negative (-612×-792 pt);"
                               " expected [left bottom right top] with right > left and top > bottom"),
    (ArrayObject([_name("/a"), _name("/b"), NumberObject(1), NumberObject(2)]),
     "its MediaBox [/a /b 1 2] is not four numbers [left bottom right top]"),
    (_numbers(0, 0), "its MediaBox [0 0] is not four numbers [left bottom right top]"),
    (TextStringObject("A4"), "its MediaBox A4 is not four numbers [left bottom right top]"),
    (_numbers(0, 0, 1e30, 1e30), "its MediaBox [0 0 1e+30 1e+30] is 1e+30×1e+30 pt, larger than PDF allows"
                                  " (14400 pt, 200 in, a side)"),
    (None, "has no MediaBox (page size)"),
])
def test_a_broken_page_box_is_refused_with_its_page(tmp_path, capsys, monkeypatch, box, message):
    monkeypatch.chdir(tmp_path)
    status, out, err = _attach(tmp_path, capsys, _with_box(box))
    assert (status, out) == (2, "")
    assert err.splitlines() == [f"report.pdf: page 3: {message}{FIX}"]
    assert not (tmp_path / "out").exists()


def test_every_broken_page_is_listed(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    writer = PdfWriter()
    for _ in range(14):
        writer.add_blank_page(612, 792)
    for page in writer.pages[1:]:
        page[_name("/MediaBox")] = _numbers(0, 0, 0, 0)
    buffer = io.BytesIO()
    writer.write(buffer)
    status, _, err = _attach(tmp_path, capsys, buffer.getvalue())
    lines = err.splitlines()
    assert status == 2 and len(lines) == 11
    assert lines[0].startswith("report.pdf: page 2: its MediaBox") and lines[9].startswith("report.pdf: page 11:")
    assert lines[10] == "report.pdf: (file): 3 more page(s) like these"


def test_a_page_too_small_for_the_annex_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    writer = PdfWriter()
    writer.add_blank_page(252, 144)  # a business card
    buffer = io.BytesIO()
    writer.write(buffer)
    status, _, err = _attach(tmp_path, capsys, buffer.getvalue())
    assert status == 2
    assert err.splitlines() == ["report.pdf: page 1: the page is 252×144 pt, too small for the chart annex, which"
                                " takes the report's first page size (each side at least 298 pt, A6)"]


@pytest.mark.parametrize("damage, reason", [
    ("truncated", "Stream has ended unexpectedly"),
    ("kids", "Detected cyclic page references."),  # the page tree lists itself among its pages
    ("parent", "Too many recursive calls!"),  # ... or is its own parent
])
def test_a_damaged_report_is_refused_cleanly(tmp_path, capsys, monkeypatch, damage, reason):
    monkeypatch.chdir(tmp_path)
    report = hostile_report()
    if damage == "truncated":
        report = report[: len(report) // 3]
    elif damage == "kids":
        report = report.replace(b"/Kids [ 4 0 R", b"/Kids [ 2 0 R 4 0 R", 1)
    else:
        report = report.replace(b"/Count 3", b"/Count 3 /Parent 2 0 R", 1)
    status, out, err = _attach(tmp_path, capsys, report)
    assert (status, out) == (2, "")
    assert err.splitlines() == [f"report.pdf: (file): not a readable PDF ({reason}); check that the file is the"
                                " report and not damaged"]
    assert not (tmp_path / "out").exists()


# -- the brief side and the annex's layout ------------------------------------------------------

def test_a_brief_without_charts_is_an_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    brief = charts_brief(tmp_path / "b", specs=[])
    status, out, err = _attach(tmp_path, capsys, _with_box(_numbers(0, 0, 612, 792)), brief=brief)
    assert (status, out) == (2, "")
    assert err.splitlines() == ["b/charts-brief.yaml: (file): the brief has no charts, so there is nothing to"
                                " attach; give --charts the brief whose chart blocks you want in the annex"]
    assert not (tmp_path / "out").exists()


def _letter(pages=1, size=(612, 792)) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(*size)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _figures_by_page(data: bytes, skip: int) -> list[list[str]]:
    pages = PdfReader(io.BytesIO(data)).pages[skip:]
    return [[line.split()[1] for line in page.extract_text().splitlines() if line.startswith("Figure ")]
            for page in pages]


def test_two_charts_share_a_letter_page(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.pdf").write_bytes(_letter())
    status, _, err = run_cli(["attach", "report.pdf", "--charts", SAMPLE, "-o", "out/combined.pdf",
                              "--per-page", "2"], capsys)
    assert (status, err) == (0, "")
    assert _figures_by_page((tmp_path / "out" / "combined.pdf").read_bytes(), 1) == [["1", "2"], ["3"]]
    status, _, err = run_cli(["attach", "report.pdf", "--charts", SAMPLE, "-o", "out/one.pdf",
                              "--per-page", "1"], capsys)
    assert (status, err) == (0, "")
    assert _figures_by_page((tmp_path / "out" / "one.pdf").read_bytes(), 1) == [["1"], ["2"], ["3"]]


def test_charts_too_tall_to_share_a_page_say_so(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tall = []
    for name in ("vote-shares", "detentions-releases", "state-margins"):
        spec = chart_spec(name)
        spec["height"] = 150 if name != "state-margins" else 60
        tall.append(spec)
    brief = charts_brief(tmp_path / "b", specs=tall)
    status, _, err = _attach(tmp_path, capsys, _letter(), "--per-page", "2", brief=brief)
    assert status == 0
    assert err.splitlines() == [
        "b/charts-brief.yaml: (annex): warning: --per-page 2: Figure 1 and Figure 2 are too tall to share a"
        " 612×792 pt page (the report's page size) even at 75% size, so Figure 1 has a page of its own"]
    assert _figures_by_page((tmp_path / "out" / "combined.pdf").read_bytes(), 1) == [["1"], ["2", "3"]]


def test_a_turned_page_gives_a_landscape_annex(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.pages[0].rotate(90)
    buffer = io.BytesIO()
    writer.write(buffer)
    brief = charts_brief(tmp_path / "b")
    status, _, err = _attach(tmp_path, capsys, buffer.getvalue(), brief=brief)
    assert status == 0
    assert err.splitlines() == [
        "b/charts-brief.yaml: (annex): warning: --per-page 2: Figure 1 and Figure 2 are each too tall to share"
        " a 842×595 pt page (the report's page size) with the chart after them even at 75% size, so each has a"
        " page of its own"]
    annex = PdfReader(tmp_path / "out" / "combined.pdf").pages[1:]
    assert [(float(p.mediabox.width), float(p.mediabox.height)) for p in annex] == [(842, 595)] * 3


def test_a_chart_taller_than_the_page_is_shrunk_to_fit(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tall = chart_spec("vote-shares")
    tall["height"] = 240  # mm: it fits the brief's A4 frame, but not an A5 report page with its caption
    rows = {"type": "dot", "title": "Many rows", "alt": "a dot chart",
            "data": {"categories": [f"Row {n}" for n in range(28)], "values": {"A": list(range(28))}}}
    brief = charts_brief(tmp_path / "b", specs=[tall, rows])
    status, _, err = _attach(tmp_path, capsys, _letter(size=(420, 595)), "--per-page", "1", brief=brief)
    assert status == 0
    assert [line.rsplit(" at ", 1)[0] for line in err.splitlines()] == [
        f"b/charts-brief.yaml: (annex): warning: Figure {n} is taller than a 420×595 pt page (the report's page"
        " size), so it is shown" for n in (1, 2)]
    assert all(int(line.rsplit(" at ", 1)[1].split("%")[0]) < 75 for line in err.splitlines())
    assert _figures_by_page((tmp_path / "out" / "combined.pdf").read_bytes(), 1) == [["1"], ["2"]]


def test_a_report_over_the_page_or_byte_limit_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.pdf").write_bytes(hostile_report(pages=4))
    brief = charts_brief(tmp_path / "project")
    status, _, err = run_cli(["attach", "report.pdf", "--charts", brief, "-o", "out/combined.pdf",
                              "--limit", "report_pages=3"], capsys)
    assert status == 2 and not (tmp_path / "out").exists()
    assert err.splitlines() == ["report.pdf: (file): the report has 4 pages, more than the limit of 3 (report_pages);"
                                " raise the limit with --limit report_pages=N or BRIEFGEN_LIMIT_REPORT_PAGES=N if"
                                " the input is trusted"]
    status, _, err = run_cli(["attach", "report.pdf", "--charts", brief, "-o", "out/combined.pdf",
                              "--limit", "report_bytes=100"], capsys)
    assert status == 2 and "more than the limit of 100 (report_bytes)" in err
