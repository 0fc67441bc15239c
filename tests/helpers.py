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
