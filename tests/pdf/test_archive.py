"""briefgen.pdf: PDF/A output intent, XMP, associated files, annotations, ToUnicode, saving."""

from __future__ import annotations

import hashlib
import io
import re
import xml.etree.ElementTree as ET

import page
import pikepdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from briefgen.pdf.archive import AttachedFile, archival_pdf, clean_cmap, embed_files, fix_tounicode
from briefgen.pdf.icc import srgb_profile
from briefgen.pdf.xmp import xmp_packet
from tests.helpers import ROOT

TITLE = '<Ampersand & "quotes">'
FONT = "ArchiveTestLato"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
CSV = AttachedFile("chart-1.csv", b"year,count\n2024,2000\n2025,894\n", "text/csv", "Data", "Chart 1 data")
YAML = AttachedFile("brief.yaml", "meta:\n  title: Caf\u00e9\n".encode(), "application/yaml", "Source",
                    "Brief source")
# UA rules that depend on what this package writes (the rest need the structure tree).
UA_RULES_OURS = ("PDFUA1-ID-", "PDFUA1-METADATA-", "PDFUA1-FONT-UNICODE-VALUE", "PDFUA1-LINK-CONTENTS",
                 "PDFUA1-ANNOTATION-CONTENTS-LANGUAGE", "PDFUA1-TEXT-LANGUAGE")


def _source_pdf() -> bytes:
    """Two pages: an embedded TrueType font, an RGB fill, a URL link and an internal link
    whose /Contents is empty."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf")))
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842), invariant=1, initialFontName=FONT)
    c.setTitle(TITLE)
    c.setAuthor("Observatorio de Derechos y Democracia")
    c.setSubject("Caf\u00e9 summary")
    c.setKeywords("Venezuela, elections")
    c.setCreator("briefgen")
    c.setFont(FONT, 12)
    c.setFillColorRGB(0.8, 0.1, 0.1)
    c.rect(50, 700, 100, 50, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(50, 650, "Hello world")
    c.bookmarkPage("start")
    c.drawString(50, 605, "example.org")
    c.linkURL("https://example.org/a?b=1&c=2", (50, 600, 200, 620))
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(50, 650, "Back to the start")
    c.linkAbsolute("", "start", (50, 640, 200, 665))
    c.save()
    return buffer.getvalue()


def _validate(data: bytes, tmp_path, profile: str):
    path = tmp_path / f"{profile}.pdf"
    path.write_bytes(data)
    return page.validate_pdf(str(path), profile=profile)


def _failures(report) -> str:
    return "\n".join(f"{f.rule_id}: {f.message}" for f in report.failures)


def _xmp(data: bytes) -> tuple[bytes, ET.Element]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        metadata = pdf.Root.Metadata
        assert metadata.Type == pikepdf.Name.Metadata and metadata.Subtype == pikepdf.Name.XML
        assert "/Filter" not in metadata  # PDF/A tools read the packet without decoding
        raw = metadata.read_raw_bytes()
    return raw, ET.fromstring(raw.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])


def _bfchar_values(cmap: bytes, most: int) -> list[str]:
    """Every destination in the CMap's bfchar sections, checking each section's count."""
    values = []
    for count, body in re.findall(rb"(\d+)\s+beginbfchar(.*?)endbfchar", cmap, re.S):
        pairs = re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", body)
        assert int(count) == len(pairs) <= most, f"{int(count)} beginbfchar, {len(pairs)} pairs, at most {most}"
        values += [dst.decode() for _src, dst in pairs]
    return values


def _tounicode_values(data: bytes, most: int = 100) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [value for obj in pdf.objects
                if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj
                for value in _bfchar_values(obj.ToUnicode.read_bytes(), most)]


def test_pdfa_2b_passes_the_validator(tmp_path):
    report = _validate(archival_pdf(_source_pdf(), pdfa="2b"), tmp_path, "2b")
    assert report.rules.failed == 0, _failures(report)


def test_pdfa_3b_carries_associated_files_that_extract_byte_for_byte(tmp_path):
    data = archival_pdf(_source_pdf(), pdfa="3b", files=[YAML, CSV], epoch=1747310400)
    report = _validate(data, tmp_path, "3b")
    assert report.rules.failed == 0, _failures(report)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()} == {
            "chart-1.csv": CSV.data, "brief.yaml": YAML.data}
        tree = list(pdf.Root.Names.EmbeddedFiles.Names)
        assert [str(tree[0]), str(tree[2])] == ["brief.yaml", "chart-1.csv"]  # sorted by name
        af = {str(spec.UF): spec for spec in pdf.Root.AF}
        assert {name: str(spec.AFRelationship) for name, spec in af.items()} == {
            "chart-1.csv": "/Data", "brief.yaml": "/Source"}
        stream = af["chart-1.csv"].EF.F
        assert str(stream.Subtype) == "/text/csv"
        assert int(stream.Params.Size) == len(CSV.data)
        assert bytes(stream.Params.CheckSum) == hashlib.md5(CSV.data).digest()
        assert str(stream.Params.ModDate) == "D:20250515120000+00'00'"
        assert str(af["brief.yaml"].Desc) == "Brief source"


def test_pdfa_2b_refuses_embedded_files():
    with pytest.raises(ValueError, match=r"^PDF/A-2b cannot carry embedded files; use PDF/A-3$"):
        archival_pdf(_source_pdf(), pdfa="2b", files=[CSV])


def test_a_name_embedded_twice_is_refused():
    with pikepdf.open(io.BytesIO(_source_pdf())) as pdf:
        with pytest.raises(ValueError, match="two embedded files are named 'chart-1.csv'"):
            embed_files(pdf, [CSV, CSV])


def test_saving_twice_gives_identical_bytes_with_an_id():
    source = _source_pdf()
    first = archival_pdf(source, pdfa="3b", ua=True, files=[CSV, YAML])
    assert first == archival_pdf(source, pdfa="3b", ua=True, files=[CSV, YAML])
    assert first.startswith(b"%PDF-1.7")
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert len(pdf.trailer.ID) == 2


def test_xmp_escapes_and_round_trips_the_title_and_agrees_with_info():
    data = archival_pdf(_source_pdf(), pdfa="2b", ua=True, language="es")
    raw, root = _xmp(data)
    assert raw.startswith(b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>')
    assert raw.endswith(b'<?xpacket end="w"?>')
    assert b"&lt;Ampersand &amp; \"quotes\"&gt;" in raw
    desc = root.find("rdf:RDF/rdf:Description", NS)
    assert desc.find("dc:title/rdf:Alt/rdf:li", NS).text == TITLE
    assert [li.text for li in desc.findall("dc:creator/rdf:Seq/rdf:li", NS)] == [
        "Observatorio de Derechos y Democracia"]
    assert desc.find("dc:description/rdf:Alt/rdf:li", NS).text == "Caf\u00e9 summary"
    assert [li.text for li in desc.findall("dc:language/rdf:Bag/rdf:li", NS)] == ["es"]
    assert desc.find("pdf:Keywords", NS).text == "Venezuela, elections"
    assert desc.find("xmp:CreatorTool", NS).text == "briefgen"
    dates = {tag: desc.find(f"xmp:{tag}", NS).text for tag in ("CreateDate", "ModifyDate", "MetadataDate")}
    assert set(dates.values()) == {"2000-01-01T00:00:00+00:00"}
    assert (desc.find("pdfaid:part", NS).text, desc.find("pdfaid:conformance", NS).text) == ("2", "B")
    assert desc.find("pdfuaid:part", NS).text == "1"
    assert [e.text for e in desc.iter(f"{{{NS['pdfaSchema']}}}namespaceURI")] == [NS["pdfuaid"]]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == TITLE
        assert str(info.Producer) == desc.find("pdf:Producer", NS).text
        assert str(info.CreationDate) == str(info.ModDate) == "D:20000101000000+00'00'"
        assert "/Trapped" not in info
        assert str(pdf.Root.Lang) == "es"


def test_xmp_drops_control_characters_and_claims_only_what_it_is_told():
    raw = xmp_packet(title="A\x07B\x00C\rD", creators=["X"], description=None, language="en",
                     keywords=None, producer=None, creator_tool=None, created=0, pdfa=None, ua=True)
    root = ET.fromstring(raw.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    desc = root.find("rdf:RDF/rdf:Description", NS)
    assert desc.find("dc:title/rdf:Alt/rdf:li", NS).text == "ABC\rD"
    assert desc.find("xmp:CreateDate", NS).text == "1970-01-01T00:00:00+00:00"
    assert desc.find("pdfaid:part", NS) is None and desc.find("dc:description", NS) is None
    assert desc.find("pdfuaid:part", NS).text == "1"
    assert b"pdfaExtension:schemas" not in raw  # no PDF/A claim, so no extension schema


def test_ua_metadata_rules_pass_leaving_only_structure_rules(tmp_path):
    report = _validate(archival_pdf(_source_pdf(), pdfa="2b", ua=True), tmp_path, "ua1")
    ours = [f for f in report.failures if f.rule_id.startswith(UA_RULES_OURS)]
    assert ours == [], _failures(report)
    assert "PDFUA1-STRUCT-TREE-ROOT-001" in {f.rule_id for f in report.failures}  # tagging is not ours


def test_annotations_get_the_print_flag_and_contents():
    with pikepdf.open(io.BytesIO(archival_pdf(_source_pdf(), pdfa="2b"))) as pdf:
        annots = [(int(a.get("/F", 0)), str(a.get("/Contents", ""))) for p in pdf.pages for a in p.Annots]
    assert annots == [(4, "https://example.org/a?b=1&c=2"), (4, "Link to page 1")]


def test_tounicode_maps_nothing_to_u0000():
    source = _source_pdf()
    before = _tounicode_values(source, most=256)  # ReportLab writes up to 256 per section
    assert "0000" in before and "0048" in before  # ReportLab maps unused codes to U+0000
    after = _tounicode_values(archival_pdf(source, pdfa="2b"))
    assert "0000" not in after
    assert sorted(after) == sorted(v for v in before if v != "0000")
    with pikepdf.open(io.BytesIO(archival_pdf(source, pdfa="2b"))) as pdf:
        assert fix_tounicode(pdf) == 0  # already clean: nothing rewritten


def test_clean_cmap_splits_ranges_and_arrays_holding_bad_values():
    cmap = (b"begincmap\n2 beginbfchar\n<00> <0000>\n<41> <0041>\nendbfchar\n"
            b"3 beginbfrange\n<60> <61> <FEFE>\n<70> <72> [<0070> <FEFF> <0072>]\n"
            b"<80> <81> <00E0>\nendbfrange\nendcmap")
    assert clean_cmap(cmap) == (
        b"begincmap\n1 beginbfchar\n<41> <0041>\nendbfchar\n"
        b"1 beginbfrange\n<80> <81> <00E0>\nendbfrange\n"
        b"3 beginbfchar\n<60> <FEFE>\n<70> <0070>\n<72> <0072>\nendbfchar\nendcmap")
    assert clean_cmap(b"1 beginbfchar\n<41> <0041>\nendbfchar") is None


def test_srgb_profile_is_a_valid_srgb_display_profile():
    import io

    from PIL import ImageCms

    profile = srgb_profile()
    opened = ImageCms.ImageCmsProfile(io.BytesIO(profile)).profile
    assert opened.xcolor_space.strip() == "RGB" and opened.device_class == "mntr"
    assert "sRGB" in opened.profile_description and opened.version >= 4
    assert profile[36:40] == b"acsp" and profile[16:20] == b"RGB " and int.from_bytes(profile[:4], "big") == 588
    assert profile[24:36] == bytes.fromhex("07d0 0001 0001 0000 0000 0000")
    zeroed = bytearray(profile)
    for start, end in ((44, 48), (64, 68), (84, 100)):
        zeroed[start:end] = bytes(end - start)
    assert profile[84:100] == hashlib.md5(zeroed).digest()


def test_no_stream_ends_in_a_carriage_return_that_reads_as_an_end_of_line(tmp_path):
    """A compressed stream ends with its data's Adler-32; one in 256 ends in CR, which PDF/A misreads."""
    import zlib

    from briefgen.pdf.archive import save

    data = next(b"q " + b"0 0 m\n" * n + b"Q" for n in range(1, 20_000)
                if zlib.adler32(b"q " + b"0 0 m\n" * n + b"Q") & 0xFF == 0x0D)
    assert zlib.compress(data).endswith(b"\r")
    with pikepdf.open(io.BytesIO(_source_pdf())) as pdf:
        pdf.Root.Extra = pdf.make_stream(data)
        saved = save(pdf)
    assert b"\r\nendstream" not in saved and b"\rendstream" not in saved
    path = tmp_path / "cr.pdf"
    path.write_bytes(saved)
    with pikepdf.open(path) as pdf:
        assert pdf.Root.Extra.read_bytes() == data
    assert failures_2b(path) == []


def failures_2b(path) -> list:
    return [f.rule_id for f in page.validate_pdf(str(path), profile="2b").failures if "STREAM" in f.rule_id]


def _cr_data() -> bytes:
    """Content whose compressed form ends in CR (its Adler-32 does)."""
    import zlib

    return next(b"q " + b"0 0 m\n" * n + b"Q" for n in range(1, 20_000)
                if zlib.adler32(b"q " + b"0 0 m\n" * n + b"Q") & 0xFF == 0x0D)


@pytest.mark.parametrize("written", ["plain", "a85-flate", "flate", "none"])
def test_a_stream_ending_in_cr_once_saved_is_told_before_the_save(written, monkeypatch):
    """As qpdf's compact save writes each stream (checked against one): then save() saves once, not twice."""
    import base64
    import zlib

    from briefgen.pdf import archive

    data = _cr_data() if written != "none" else b"q 0 0 m Q"
    with pikepdf.open(io.BytesIO(_source_pdf())) as pdf:
        stream = pdf.make_stream(b"")
        if written == "a85-flate":  # as ReportLab writes forms
            stream.write(base64.a85encode(zlib.compress(data)) + b"~>", filter=pikepdf.Array(
                [pikepdf.Name.ASCII85Decode, pikepdf.Name.FlateDecode]))
        elif written == "flate":  # kept as it is: its own last byte counts
            stream.write(zlib.compress(data), filter=pikepdf.Name.FlateDecode)
        else:
            stream.write(data)
        pdf.Root.Extra = stream
        told = archive.ends_in_cr_once_compressed(pdf)
        assert told == (b"\r\nendstream" in archive._save(pdf, compact=True)) == (written != "none")
        saves = []
        monkeypatch.setattr(archive, "_save", lambda pdf, compact, save=archive._save: saves.append(compact)
                            or save(pdf, compact))
        saved = archive.save(pdf)
    assert saves == ([False] if told else [True])
    assert b"\r\nendstream" not in saved
    with pikepdf.open(io.BytesIO(saved)) as pdf:
        assert pdf.Root.Extra.read_bytes() == data


def _span_canvas_pdf() -> bytes:
    """A page drawn on our canvas: text in an embedded TrueType font, a form and a link."""
    from briefgen.pdf.marking import SpanCanvas

    _source_pdf()  # registers FONT
    buffer = io.BytesIO()
    c = SpanCanvas(buffer, pagesize=(595, 842), invariant=1, initialFontName=FONT, pageCompression=1)
    c.beginForm("mark")
    c.rect(0, 0, 10, 10, fill=1)
    c.endForm()
    c.setFont(FONT, 12)
    c.drawString(50, 650, "Hello world " * 400)
    c.doForm("mark")
    c.linkURL("https://example.org/", (50, 600, 200, 620))
    c.showPage()
    c.save()
    return buffer.getvalue()


def test_our_canvas_writes_flate_alone_as_reportlab_compresses_it():
    """Every stream our canvases write is zlib data, as ReportLab's own filter makes it, with no ASCII85 layer."""
    import zlib

    with pikepdf.open(io.BytesIO(_span_canvas_pdf())) as pdf:
        streams = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
        assert len(streams) >= 4  # page, form, font subset, its ToUnicode map
        for obj in streams:
            assert [str(name) for name in obj.Filter] == ["/FlateDecode"]
            assert obj.read_raw_bytes() == zlib.compress(obj.read_bytes())


def test_a_process_compresses_the_same_stream_once():
    import zlib

    from briefgen.memo import Remembered
    from briefgen.pdf.flate import SHORT, RememberedFlate

    flate = RememberedFlate(Remembered(3 * SHORT, weigh=lambda data, found: len(data) + len(found)))
    pages = [f"{n} 0 m 10 10 l S\n" * (SHORT // 14) for n in range(3)]  # just over SHORT each
    first = flate.encode(pages[0])
    assert first == zlib.compress(pages[0].encode()) and flate.decode(first) == pages[0].encode()
    assert flate.encode(pages[0]) is first  # from memory
    flate.encode(pages[1])
    flate.encode(pages[2])  # three do not fit: the least recently used goes
    assert list(flate.store.found) == [pages[1].encode(), pages[2].encode()]
    assert flate.store.weight == sum(len(data) + len(found) for data, found in flate.store.found.items())
    assert flate.encode("q Q") == zlib.compress(b"q Q") and len(flate.store.found) == 2  # short: not kept
    flate.encode("x" * (4 * SHORT))  # heavier than the whole store: not kept, nothing forgotten
    assert len(flate.store.found) == 2


def test_filter_arrays_are_unwrapped_and_the_content_reads_the_same():
    """qpdf decodes and compresses again every stream whose filters are an array (ReportLab's way):
    unwrapped to /FlateDecode alone they are written as they are, and say the same."""
    from briefgen.pdf.conform import unwrap_filters

    with pikepdf.open(io.BytesIO(_span_canvas_pdf())) as pdf:
        streams = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream)]
        before = {obj.objgen: obj.read_bytes() for obj in streams}
        other = pdf.make_stream(b"")
        other.write(b"GarbageA85~>", filter=pikepdf.Array([pikepdf.Name.ASCII85Decode, pikepdf.Name.FlateDecode]),
                    type_check=False)
        assert unwrap_filters(pdf) == len(before)
        for obj in streams:
            assert obj.Filter == pikepdf.Name.FlateDecode and obj.read_bytes() == before[obj.objgen]
        assert isinstance(other.Filter, pikepdf.Array)  # not ours: left for qpdf


def test_a_brief_pdf_keeps_no_filter_array_and_renders_as_reportlab_drew_it(tmp_path):
    from tests.helpers import SAMPLE

    import briefgen

    data = briefgen.build(SAMPLE, tmp_path).read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        arrays = [obj.objgen for obj in pdf.objects
                  if isinstance(obj, pikepdf.Stream) and isinstance(obj.get("/Filter"), pikepdf.Array)]
    assert arrays == []
