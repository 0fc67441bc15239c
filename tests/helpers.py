"""Helpers shared by the test packages: building briefs, reading PDFs, comparing pixels."""

from __future__ import annotations

import io
import os
import shutil
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BRIEFS = ROOT / "tests" / "briefs"
SAMPLE = ROOT / "briefs" / "venezuela-2025.yaml"
FAILURES = ROOT / "tests" / "failures"

#: The start of a one-section brief: add its blocks as lines indented by six spaces.
HOSTILE_HEAD = """\
meta:
  title: Hostile
  date: 2025-04-30
  organisation: {name: X}
sections:
  - heading: One
    blocks:
"""


#: A brief for alt-text checks: ``ALT_BRIEF % (meta line, blocks)``; its blocks start at line 9.
ALT_BRIEF = """\
meta:
  title: Alt text
  date: 2025-04-30
  organisation: {name: Example}
%s
sections:
  - heading: One
    blocks:
%s"""
#: A chart block without alt text.
ALT_CHART = ("      - chart:\n"
             "          type: bar\n"
             "          title: Detentions rose in every quarter\n"
             "          data: {categories: [Q1, Q2], values: {Detentions: [120, 310]}}\n")

#: The head of a small test brief: one section whose blocks follow (see :func:`blocks_brief`).
BRIEF_HEAD = """\
meta:
  title: Test
  date: 2025-05-01
  organisation: {name: Org}
sections:
  - heading: One
    blocks:
"""


def blocks_brief(folder, blocks: str, tail: str = "", name: str = "brief.yaml") -> Path:
    """A one-section brief holding ``blocks`` (YAML list items, at any indent), then ``tail`` (top-level keys)."""
    body = textwrap.indent(textwrap.dedent(blocks), "      ")
    return write_brief(folder, BRIEF_HEAD + body + textwrap.dedent(tail), name)


def secret_png(path) -> None:
    """A small PNG whose text chunk holds SECRET-OUTSIDE, a marker that must never reach a PDF."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 8 for _ in range(8))
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0))
                           + chunk(b"tEXt", b"Comment\x00SECRET-OUTSIDE") + chunk(b"IDAT", zlib.compress(raw))
                           + chunk(b"IEND", b""))


def write_brief(folder: Path, text: str, name: str = "brief.yaml") -> Path:
    """Write a brief (dedented) into ``folder`` and return its path."""
    path = Path(folder) / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def build_bytes(path, tmp_path: Path) -> bytes:
    """Build ``path`` into ``tmp_path/out`` and return the PDF's bytes."""
    import briefgen

    return briefgen.build(path, tmp_path / "out").read_bytes()


def pdf_reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in pdf_reader(data).pages]


def fonts_used(data: bytes) -> dict[str, dict]:
    """Every font dictionary on every page (including inside form XObjects), by BaseFont."""
    reader = pdf_reader(data)
    found: dict[str, dict] = {}

    def visit(resources):
        if not resources:
            return
        resources = resources.get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def font_is_embedded(font) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def outline_titles(data: bytes) -> list[str]:
    reader = pdf_reader(data)
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def link_annotations(data: bytes) -> list[dict]:
    """(page index, URI or destination name) of every link annotation."""
    links = []
    for index, page in enumerate(pdf_reader(data).pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            action = action.get_object() if action is not None else {}
            links.append({"page": index, "uri": action.get("/URI"), "dest": annot.get("/Dest")
                          or action.get("/D"), "rect": [float(v) for v in annot["/Rect"]]})
    return links


def render_page(data: bytes, index: int, scale: float = 1.0):
    """Rasterise one page with pdfium; returns a PIL image (RGB)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return document[index].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def assert_images_close(actual, expected_path: Path, *, tolerance: float = 2.0, name: str | None = None):
    """Compare an image with a stored reference (mean absolute difference per channel, 0-255).

    On failure the actual and expected images are saved under tests/failures/.
    References are (re)written only when BRIEFGEN_UPDATE_REFERENCES=1; a missing one fails.
    """
    from PIL import Image

    expected_path = Path(expected_path)
    if os.environ.get("BRIEFGEN_UPDATE_REFERENCES") == "1":
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        actual.save(expected_path)
    if not expected_path.exists():
        _save_failure(actual, actual, expected_path.stem)
        raise AssertionError(f"no reference image {expected_path}; run with BRIEFGEN_UPDATE_REFERENCES=1")
    expected = Image.open(expected_path).convert("RGB")
    assert_images_similar(actual, expected, tolerance=tolerance, name=name or expected_path.stem)


def assert_images_similar(actual, expected, *, tolerance: float = 2.0, name: str = "image"):
    """Two images of the same size differ by at most ``tolerance`` (mean per channel, 0-255)."""
    from PIL import ImageChops, ImageStat

    if expected.size != actual.size:
        _save_failure(actual, expected, name)
        raise AssertionError(f"{name}: size {actual.size} != reference {expected.size}")
    difference = ImageStat.Stat(ImageChops.difference(actual, expected)).mean
    if max(difference) > tolerance:
        _save_failure(actual, expected, name)
        raise AssertionError(f"{name}: mean pixel difference {max(difference):.2f} > {tolerance}"
                             f" (see tests/failures/{name}-*.png)")


def _save_failure(actual, expected, name):
    FAILURES.mkdir(parents=True, exist_ok=True)
    actual.save(FAILURES / f"{name}-actual.png")
    expected.save(FAILURES / f"{name}-expected.png")


def run_cli(argv, capsys):
    """Run the CLI in-process; return (exit status, stdout, stderr)."""
    from briefgen.cli import main

    status = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def text_runs(data: bytes, index: int) -> list[tuple[str, float, str, float]]:
    """(text, y, font name, font size) of every text run on a page, via pypdf's visitor."""
    page = pdf_reader(data).pages[index]
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            y = tm[5] * cm[3] + cm[5]
            scale = (tm[3] * cm[3]) or 1
            runs.append((text, y, str((font or {}).get("/BaseFont", "")), abs(size * scale)))

    page.extract_text(visitor_text=visit)
    return runs


def stranded_headings(data: bytes) -> list[str]:
    """Section headings with no body text (9 pt or more) under them on their page."""
    found = []
    for index in range(len(pdf_reader(data).pages)):
        runs = text_runs(data, index)
        body = [y for text, y, font, size in runs if "NotoSerif" in font and size >= 9]
        for text, y, font, size in runs:
            if "Lato-Bold" in font and size >= 11 and text.strip() not in ("Notes", "Sources"):
                if not any(b < y for b in body):
                    found.append(f"page {index + 1}: {text.strip()!r}")
    return found


def qpdf_check(path) -> str | None:
    """Output of `qpdf --check` (None when qpdf is not installed)."""
    import shutil
    import subprocess

    if not shutil.which("qpdf"):
        return None
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    return f"exit {result.returncode}\n{result.stdout}{result.stderr}"


# -- charts (tests/charts, tests/data, bench/bench_charts.py) ---------------------------------------

CHART_FILES = ("detentions-releases", "vote-shares", "state-margins")
SHARED_DATA = ROOT.parent / "shared" / "data"


def chart_spec(name: str) -> dict:
    """The body of a sample chart file in briefs/charts/ (what goes under '- chart:')."""
    return yaml.safe_load((ROOT / "briefs" / "charts" / f"{name}.yaml").read_text(encoding="utf-8"))["chart"]


def charts_project(folder: Path) -> Path:
    """A project folder with a copy of assets/data/ (so chart data resolve as in the repo)."""
    data = Path(folder) / "assets" / "data"
    data.mkdir(parents=True, exist_ok=True)
    for csv in (ROOT / "assets" / "data").glob("*.csv"):
        shutil.copy(csv, data / csv.name)
    return Path(folder)


def charts_brief(folder: Path, charts=CHART_FILES, *, lang: str = "en", extra_meta: dict | None = None,
                 specs: list | None = None, name: str = "charts-brief") -> Path:
    """Write a small brief with the sample charts (or ``specs``) into ``folder``; return its path."""
    folder = charts_project(folder)
    specs = specs if specs is not None else [chart_spec(n) for n in charts]
    cited = next((s["id"] for s in specs if s.get("id")), None)
    blocks = [{"prose": "A paragraph before the charts" + (f", citing [](#{cited})." if cited else ".")}]
    for spec in specs:
        blocks.append({"chart": spec})
        blocks.append({"prose": "Text between charts."})
    brief = {
        "meta": {"title": "Charts test brief", "date": "2025-04-30", "language": lang,
                 "organisation": {"name": "Example Institute"}, **(extra_meta or {})},
        "sections": [{"heading": "Findings", "blocks": blocks}],
    }
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(brief, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# -- crafted images (tests/media, tests/fuzz, tests/hostile make.py) --------------------------------

def png_chunk(kind: bytes, data: bytes) -> bytes:
    import struct
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def craft_png(width: int, height: int, depth: int = 8, color: int = 2, *, raw: bytes | None = None,
              extra: bytes = b"", interlace: int = 0) -> bytes:
    """A PNG written byte by byte, so its header may say anything; ``raw`` is the filtered image data
    (default: rows of filter 0 and a gradient), ``extra`` chunks go before IDAT (PLTE, tRNS, ...)."""
    import struct
    import zlib

    if raw is None:
        channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}.get(color, 1)
        row = bytes(i * 7 % 256 for i in range((width * channels * depth + 7) // 8))
        raw = b"".join(b"\x00" + row for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + extra + png_chunk(b"IDAT", zlib.compress(raw))
            + png_chunk(b"IEND", b""))


def zeros_png(width: int, height: int) -> bytes:
    """A valid greyscale PNG of zeros: a decompression bomb when large (the file is ~1/1000 of its pixels)."""
    import struct
    import zlib

    packer = zlib.compressobj(9)
    row = b"\x00" * (width + 1)
    batch = max(1, 4_000_000 // len(row))
    parts = [packer.compress(row * min(batch, height - start)) for start in range(0, height, batch)]
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", b"".join(parts) + packer.flush())
            + png_chunk(b"IEND", b""))


# -- what a screen reader gets: the structure tree through pdf.js and PDFium (tests/pdf) ------------
# Each reader gives, per page, a tree of {"role", "alt", "lang", "children", "text"} under a "Root"
# node: "alt" is /Alt, else /ActualText (as pdf.js gives it); "text" is the text of every marked-content
# sequence under the node on that page, in tree order, whitespace collapsed. Elements with no content
# on a page are not in that page's tree (both engines build it from the page's /ParentTree entry);
# OBJR kids (links' annotations) are left out: PDFium does not tell them apart from other pages' content.

STRUCTTREE_JS = ROOT / "tests" / "js" / "structtree.mjs"
#: Roles a reader runs on within a line (struct_reading_text); any other role starts a new line.
INLINE_ROLES = frozenset({"Span", "Link", "Quote", "Note", "Reference", "BibEntry", "Code", "Lbl", "Annot",
                          "Ruby", "Warichu", "Em", "Strong", "Sub"})


def _squash(text: str) -> str:
    return " ".join(text.split())


def _node(role, alt, lang, children, own: list[str]) -> dict:
    """A normalized tree node; ``own`` is the node's own content texts, in kid order with the children."""
    return {"role": role, "alt": alt, "lang": lang, "children": children, "text": _squash(" ".join(own))}


def pdfjs_pages(path) -> list[dict]:
    """pdf.js's raw view of each page: {"tree": getStructTree(), "marked": {"<mcid>": text}} (via Node).

    Skips the test when Node or tests/js/node_modules is missing, except under CI (CI set), where
    that fails: CI installs both (.ci/run)."""
    import json
    import subprocess

    import pytest

    missing = [what for what, there in (("node", shutil.which("node")),
                                        ("tests/js/node_modules (npm ci --prefix tests/js)",
                                         (ROOT / "tests" / "js" / "node_modules" / "pdfjs-dist").is_dir()))
               if not there]
    if missing:
        message = f"pdf.js reader needs {' and '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    command = ["node", str(STRUCTTREE_JS), str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(f"structtree.mjs failed on {path} (exit {result.returncode}): {result.stderr}")
    return json.loads(result.stdout)["pages"]


def pdfjs_tree(path) -> list[dict]:
    """Per page, the normalized structure tree pdf.js (Firefox) gives assistive technology."""

    def convert(node, marked):
        children, own = [], []
        for kid in node.get("children") or []:
            if kid.get("type") == "content":
                own.append(marked.get(kid["id"].rpartition("_mc")[2], ""))
            elif "role" in kid:
                child = convert(kid, marked)
                children.append(child)
                own.append(child["text"])
        return _node(node.get("role"), node.get("alt"), node.get("lang"), children, own)

    return [convert(page["tree"] or {"role": "Root"}, page["marked"]) for page in pdfjs_pages(path)]


def _pdfium_string(function, *args) -> str | None:
    """A UTF-16LE string out of a PDFium getter (size query, then fill); None when it has none."""
    import ctypes

    size = function(*args, None, 0)
    if size <= 0:
        return None
    buffer = ctypes.create_string_buffer(size)
    function(*args, ctypes.cast(buffer, function.argtypes[len(args)]), size)
    return buffer.raw[:size].decode("utf-16-le").rstrip("\x00")


def _pdfium_mcids(page) -> dict[int, int | None]:
    """The MCID each page object's text belongs to (by object address): that of its innermost tagged
    sequence, or None (untagged, or inside an /Artifact). Objects inside a form XObject get the MCID
    of the sequence around the form's Do unless they have their own: PDFium keeps that mark on the
    form object only."""
    import ctypes

    import pypdfium2.raw as raw

    found: dict[int, int | None] = {}

    def visit(obj, mcid):
        for index in range(raw.FPDFPageObj_CountMarks(obj)):  # outermost first
            mark = raw.FPDFPageObj_GetMark(obj, index)
            value = ctypes.c_int()
            if raw.FPDFPageObjMark_GetParamIntValue(mark, b"MCID", ctypes.byref(value)):
                mcid = value.value
            elif _pdfium_mark_name(mark) == "Artifact":
                mcid = None
        found[_address(obj)] = mcid
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM:
            for index in range(raw.FPDFFormObj_CountObjects(obj)):
                visit(raw.FPDFFormObj_GetObject(obj, index), mcid)

    for index in range(raw.FPDFPage_CountObjects(page)):
        visit(raw.FPDFPage_GetObject(page, index), None)
    return found


def _pdfium_mark_name(mark) -> str:
    import ctypes

    import pypdfium2.raw as raw

    length = ctypes.c_ulong()
    raw.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(length))
    buffer = (ctypes.c_ushort * max(1, length.value // 2))()
    raw.FPDFPageObjMark_GetName(mark, buffer, length.value, ctypes.byref(length))
    return bytes(buffer)[:length.value].decode("utf-16-le").rstrip("\x00")


def _pdfium_marked(page) -> dict[int, str]:
    """The text of each MCID on a PDFium page, character by character from its text page (so the
    spaces and line breaks PDFium infers between text objects are kept inside a sequence)."""
    import pypdfium2.raw as raw

    text_page = raw.FPDFText_LoadPage(page)
    marked: dict[int, list[str]] = {}
    mcids = _pdfium_mcids(page)
    try:
        previous, gap = None, False
        for index in range(raw.FPDFText_CountChars(text_page)):
            obj = raw.FPDFText_GetTextObject(text_page, index)
            if raw.FPDFText_IsGenerated(text_page, index) or not obj:
                gap = True
                continue
            mcid = mcids.get(_address(obj))
            if mcid is not None:
                parts = marked.setdefault(mcid, [])
                if gap and previous == mcid:
                    parts.append(" ")
                parts.append(chr(raw.FPDFText_GetUnicode(text_page, index)))
            previous, gap = mcid, False
    finally:
        raw.FPDFText_ClosePage(text_page)
    # PDFium hands characters outside the BMP over as two UTF-16 halves
    return {mcid: "".join(parts).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            for mcid, parts in marked.items()}


def _address(pointer) -> int:
    import ctypes

    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def pdfium_tree(path) -> list[dict]:
    """Per page, the normalized structure tree PDFium (Chrome's PDF engine) gives, through its raw API."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    def convert(element, marked):
        children, own = [], []
        for index in range(raw.FPDF_StructElement_CountChildren(element)):
            child = raw.FPDF_StructElement_GetChildAtIndex(element, index)
            if child:
                node = convert(child, marked)
                children.append(node)
                own.append(node["text"])
                continue
            mcid = raw.FPDF_StructElement_GetChildMarkedContentID(element, index)
            if mcid >= 0:  # -1: content on another page, or an OBJR kid
                own.append(marked.get(mcid, ""))
        alt = (_pdfium_string(raw.FPDF_StructElement_GetAltText, element)
               if raw.FPDF_StructElement_GetAltText(element, None, 0) > 0
               else _pdfium_string(raw.FPDF_StructElement_GetActualText, element))
        return _node(_pdfium_string(raw.FPDF_StructElement_GetType, element), alt,
                     _pdfium_string(raw.FPDF_StructElement_GetLang, element), children, own)

    document = pdfium.PdfDocument(str(path))
    trees = []
    try:
        for index in range(len(document)):
            page = document[index]
            tree = raw.FPDF_StructTree_GetForPage(page.raw)
            try:
                marked = _pdfium_marked(page.raw)
                tops = [raw.FPDF_StructTree_GetChildAtIndex(tree, i)
                        for i in range(raw.FPDF_StructTree_CountChildren(tree))] if tree else []
                children = [convert(top, marked) for top in tops if top]
            finally:
                if tree:
                    raw.FPDF_StructTree_Close(tree)
                page.close()
            trees.append(_node("Root", None, None, children, [child["text"] for child in children]))
    finally:
        document.close()
    return trees


def _tree_nodes(trees):
    for tree in trees:
        stack = [tree]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node["children"]))


def tree_roles(trees) -> list[str]:
    """Every role in the trees (a reader's per-page list), depth first in document order, Root left out."""
    return [node["role"] for node in _tree_nodes(trees) if node["role"] != "Root"]


def find_roles(trees, role: str) -> list[dict]:
    """The nodes with ``role``, in document order (an element split over pages appears once a page)."""
    return [node for node in _tree_nodes(trees) if node["role"] == role]


def struct_reading_text(path) -> str:
    """The whole document as a screen reader reads it through the tag tree, start to end, across pages:
    the catalog's /StructTreeRoot walked depth first with pikepdf, each marked-content kid (an integer
    with the element's /Pg, or an /MCR with its /Pg or the element's) resolved to pdf.js's text for
    that MCID on that page. /ActualText, else /Alt, stands in for an element's content. A new line
    starts at each element that is not inline (INLINE_ROLES, after the /RoleMap)."""
    import pikepdf

    pages = pdfjs_pages(path)
    lines: list[list[str]] = [[]]
    with pikepdf.open(path) as pdf:
        page_index = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return ""
        role_map = root.get("/RoleMap") or {}
        seen: set = set()

        def marked(page, mcid):
            index = page_index.get(page.objgen) if isinstance(page, pikepdf.Dictionary) else None
            return pages[index]["marked"].get(str(int(mcid)), "") if index is not None else ""

        def walk(element, depth):
            if not isinstance(element, pikepdf.Dictionary) or element.objgen in seen or depth > 200:
                return
            if element.objgen != (0, 0):
                seen.add(element.objgen)
            role = str(element.get("/S", ""))[1:]
            role = str(role_map.get("/" + role, "/" + role))[1:] if role else role
            if role and role not in INLINE_ROLES and lines[-1]:
                lines.append([])
            stand_in = element.get("/ActualText", element.get("/Alt"))
            if stand_in is not None:
                lines[-1].append(str(stand_in))
                return
            kids = element.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            for kid in kids:
                if isinstance(kid, int):
                    lines[-1].append(marked(element.get("/Pg"), kid))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    lines[-1].append(marked(kid.get("/Pg", element.get("/Pg")), kid.get("/MCID", -1)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                    walk(kid, depth + 1)
            if role and role not in INLINE_ROLES:
                lines.append([])

        walk(root, 0)
    return "\n".join(line for line in (_squash(" ".join(parts)) for parts in lines) if line)


# -- boxes and right-to-left pixels (tests/e2e/test_multilingual.py) --------------------------------

def notdef_drawn(data: bytes) -> list[str]:
    """Every glyph the pages draw that is its font's .notdef (the empty box), as 'page N: font code'.

    Read from the PDF itself: each text-showing operator's codes (in the page's content and its form
    XObjects), each mapped to a glyph as a viewer does, through the embedded TrueType font's cmap
    (simple fonts) or the CID-to-GID map (Type0, Identity-H). A code with no glyph is a box too."""
    import pikepdf
    from fontTools.ttLib import TTFont

    programs: dict = {}

    def glyph_of(font):
        """A function code -> glyph id for a font dictionary (None: not an embedded TrueType font)."""
        key = font.objgen
        if key not in programs:
            programs[key] = None
            composite = font.get("/Subtype") == "/Type0"
            described = font["/DescendantFonts"][0] if composite else font
            descriptor = described.get("/FontDescriptor")
            program = descriptor.get("/FontFile2") if descriptor is not None else None
            if program is not None:
                tt = TTFont(io.BytesIO(program.read_bytes()))
                if composite:
                    mapping = described.get("/CIDToGIDMap")
                    table = mapping.read_bytes() if isinstance(mapping, pikepdf.Stream) else None
                    programs[key] = (lambda cid: cid if table is None else
                                     int.from_bytes(table[2 * cid:2 * cid + 2] or b"\0\0", "big"))
                else:
                    cmap = {}
                    for sub in tt["cmap"].tables:  # symbolic fonts: (3,0) codes may sit at 0xF000 + code
                        for code, name in sub.cmap.items():
                            cmap.setdefault(code & 0xFF if sub.platformID == 3 and sub.platEncID == 0 else code,
                                            tt.getGlyphID(name))
                    programs[key] = lambda code: cmap.get(code, 0)
        return programs[key], font.get("/Subtype") == "/Type0"

    found: list[str] = []

    def codes(operands, composite):
        for operand in operands:
            items = operand if isinstance(operand, pikepdf.Array) else [operand]
            for item in items:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    yield from ([int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]
                                if composite else raw)

    def visit(stream, resources, page_number, depth=0):
        fonts = resources.get("/Font") or {}
        current = None
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op == "Tf":
                font = fonts.get(str(operands[0]))
                current = (str(operands[0]), font, *glyph_of(font)) if font is not None else None
            elif op in ("Tj", "TJ", "'", '"') and current is not None and current[2] is not None:
                _, font, glyph, composite = current
                for code in codes(operands[-1:] if op != "TJ" else operands, composite):
                    if glyph(code) == 0:
                        found.append(f"page {page_number}: {font.get('/BaseFont')} code {code:#x}")
            elif op == "Do" and depth < 10:
                xobject = (resources.get("/XObject") or {}).get(str(operands[0]))
                if xobject is not None and xobject.get("/Subtype") == "/Form":
                    visit(xobject, xobject.get("/Resources") or resources, page_number, depth + 1)

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            visit(page, page.obj.get("/Resources") or {}, number)
    return found


def pdftotext(data: bytes) -> str:
    """The text poppler's pdftotext extracts from the whole PDF. Skips the test without poppler-utils,
    except under CI (CI set), where that fails: CI installs it (.ci/run)."""
    import subprocess

    if not shutil.which("pdftotext"):
        _missing("pdftotext (apt-get install poppler-utils)")
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def _missing(what: str) -> None:
    """Skip the test for a missing tool, or fail under CI, which installs it."""
    import pytest

    if os.environ.get("CI"):
        pytest.fail(f"this test needs {what}")
    pytest.skip(f"this test needs {what}")


def pdfium_text(data: bytes) -> str:
    """The text PDFium (Chrome's PDF engine) extracts from every page, pages joined by newlines."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def ink_crop(image, threshold: int = 160):
    """A greyscale copy of ``image`` cropped to its ink: the pixels darker than ``threshold`` (None: no ink)."""
    grey = image.convert("L")
    box = grey.point(lambda v: 255 if v < threshold else 0).getbbox()
    return grey.crop(box) if box else None


def shaped_reference(text: str, font_path, pixel_size: int, *, basic: bool = False):
    """``text`` drawn by Pillow in black on white, cropped to its ink: shaped and in visual order by
    libraqm (HarfBuzz + FriBiDi), or, with ``basic``, by Pillow's basic layout, which neither joins
    Arabic letters nor reorders right-to-left text (what a broken PDF shows)."""
    from PIL import Image, ImageDraw, ImageFont, features

    if not basic and not features.check("raqm"):  # Pillow's wheels load FriBiDi from the system
        _missing("Pillow with libraqm (apt-get install libfribidi0)")
    layout = ImageFont.Layout.BASIC if basic else ImageFont.Layout.RAQM
    font = ImageFont.truetype(str(font_path), pixel_size, layout_engine=layout)
    left, top, right, bottom = font.getbbox(text)
    canvas = Image.new("L", (right - left + 2 * pixel_size, bottom - top + 2 * pixel_size), 255)
    ImageDraw.Draw(canvas).text((pixel_size - left, pixel_size - top), text, font=font, fill=0)
    return ink_crop(canvas)


def page_region(data: bytes, index: int, box, scale: float = 4.0):
    """The region ``box`` (left, bottom, right, top in PDF points) of a page, rendered by PDFium at
    ``scale`` pixels per point and cropped to its ink (None: no ink there)."""
    image = render_page(data, index, scale=scale)
    left, bottom, right, top = box
    height = image.height / scale
    region = image.crop((int(left * scale), int((height - top) * scale),
                         round(right * scale), round((height - bottom) * scale)))
    return ink_crop(region)


def mask_iou(actual, reference, height: int = 32, threshold: int = 128, grow: int = 3) -> float:
    """How alike two ink crops are: both resized to the reference's shape at ``height`` pixels,
    thresholded to masks and their strokes thickened by ``grow`` pixels (so that a half-pixel shift
    of hinting or rendering does not count), then |intersection| / |union| (1.0: the same shape)."""
    from PIL import Image, ImageChops, ImageFilter

    if actual is None or reference is None:
        return 0.0
    size = (max(1, round(reference.width * height / reference.height)), height)
    masks = [image.resize(size, Image.LANCZOS).point(lambda v: 255 if v < threshold else 0)
             for image in (actual, reference)]
    if grow > 1:
        masks = [mask.filter(ImageFilter.MaxFilter(grow)) for mask in masks]
    union = ImageChops.lighter(*masks).histogram()[255]
    return ImageChops.darker(*masks).histogram()[255] / union if union else 0.0


# -- briefs with fonts of their own (tests/media, tests/theme) ----------------------------------------

LATO_REGULAR = ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf"


def fonts_brief(folder: Path, fonts: str, *, meta_extra: str = "", prose: str = "Hello.",
                copies=("italic.ttf", "bold.ttf", "bold-italic.ttf")) -> Path:
    """A brief whose ``style: fonts:`` is ``fonts`` (YAML, one line), with Lato copied into ``folder`` under
    each name of ``copies`` for the faces to point at."""
    for name in copies:
        shutil.copy(LATO_REGULAR, folder / name)
    return write_brief(folder, f"""\
        meta:
          title: Fonts
          date: 2025-04-30
          organisation: {{name: X}}{meta_extra}
        style:
          fonts:
            {fonts}
        sections:
          - heading: One
            blocks:
              - prose: {prose}
        """)


# -- how pages end (tests/layout/test_page_ends.py) ---------------------------------------------------

#: Roles that sit inside a line of text: a line belongs to the nearest ancestor of another role.
_RUN_ROLES = frozenset({"Link", "Span", "Quote", "Reference", "Em", "Strong", "Sub", "Code", "Annot"})


def _parent_tree(pdf) -> dict:
    """StructParents key -> list (by MCID) of the structure elements of that page's marked content."""
    import pikepdf

    found: dict = {}
    root = pdf.Root.get("/StructTreeRoot")
    stack = [root.get("/ParentTree")] if root is not None and root.get("/ParentTree") is not None else []
    while stack:
        node = stack.pop()
        for kid in node.get("/Kids", []):
            stack.append(kid)
        nums = node.get("/Nums", [])
        for index in range(0, len(nums) - 1, 2):
            value = nums[index + 1]
            found[int(nums[index])] = list(value) if isinstance(value, pikepdf.Array) else [value]
    return found


def _block_element(element, role_map) -> tuple:
    """(identity, role) of the element a marked sequence's text belongs to, a link's or span's parent."""
    for _ in range(50):
        role = str(element.get("/S", ""))[1:]
        standard = str(role_map.get("/" + role, "/" + role))[1:]
        parent = element.get("/P")
        if standard not in _RUN_ROLES or parent is None:
            return element.objgen, standard
        element = parent
    return element.objgen, "?"


def page_lines(path) -> list[dict]:
    """Every page's content as the page-end rules see it, from the PDF alone.

    Per page: ``height``; ``objects``, (bottom, top, width, is a path) of everything
    drawn, artifacts included; and ``lines``, the lines of tagged
    text and tagged drawings (images, charts) top to bottom, each a dict with ``y`` (the
    baseline, or a drawing's bottom), ``bottom``, ``text``, ``role`` (the standard role of
    the block element it belongs to: P, H2, Caption, LBody, Figure, ...) and ``element``
    (that element's identity: the same on every page a split paragraph reaches). Text in
    artifacts (running heads, repeated captions, notes drawn a second time) is not in
    ``lines``, only in ``objects``.
    """
    import ctypes

    import pikepdf
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pages = []
    with pikepdf.open(path) as pdf:
        parents = _parent_tree(pdf)
        role_map = pdf.Root.get("/StructTreeRoot", {}).get("/RoleMap") or {}
        keys = [int(page.obj.get("/StructParents", -1)) for page in pdf.pages]
        document = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(document)):
                page = document[index]
                text_page = raw.FPDFText_LoadPage(page.raw)
                mcids = _pdfium_mcids(page.raw)
                elements = parents.get(keys[index], [])
                width, height = page.get_size()
                lines: dict = {}
                bottoms = []
                for number in range(raw.FPDFPage_CountObjects(page.raw)):
                    obj = raw.FPDFPage_GetObject(page.raw, number)
                    box = [ctypes.c_float() for _ in range(4)]
                    raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box))
                    left, low, right, top = (v.value for v in box)
                    kind = raw.FPDFPageObj_GetType(obj)
                    bottoms.append((low, top, right - left, kind == raw.FPDF_PAGEOBJ_PATH))
                    mcid = mcids.get(_address(obj))
                    if mcid is None or mcid >= len(elements):
                        continue
                    identity, role = _block_element(elements[mcid], role_map)
                    if kind == raw.FPDF_PAGEOBJ_TEXT:
                        matrix = raw.FS_MATRIX()
                        raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
                        baseline = round(matrix.f, 1)
                        size = raw.FPDFTextObj_GetText(obj, text_page, None, 0)
                        buffer = ctypes.create_string_buffer(size)
                        raw.FPDFTextObj_GetText(obj, text_page, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)),
                                                size)
                        text = buffer.raw[:size].decode("utf-16-le", "replace").rstrip("\x00")
                    elif kind in (raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_PATH):
                        baseline, text = round(low, 1), ""
                    else:
                        continue
                    line = lines.setdefault((identity, baseline), {"y": baseline, "bottom": low, "text": "",
                                                                   "role": role, "element": identity})
                    line["bottom"] = min(line["bottom"], low)
                    line["text"] += text
                raw.FPDFText_ClosePage(text_page)
                page.close()
                pages.append({"height": height, "objects": bottoms,
                              "lines": sorted(lines.values(), key=lambda line: -line["y"])})
        finally:
            document.close()
    return pages


def load_bench(name: str = "linebreaks"):
    """A script of bench/ as a module (bench/linebreaks.py reads hyphens and word spaces back from a PDF)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
