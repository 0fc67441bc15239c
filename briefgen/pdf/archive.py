"""Archival (PDF/A) parts of a PDF, added with pikepdf after ReportLab has written it.

In:  an open :class:`pikepdf.Pdf` (ReportLab's output, or a report given to ``attach``).
Out: the same Pdf, changed in place by composable steps, and :func:`save`'s bytes:
     - :func:`add_output_intent`: an sRGB PDF/A output intent;
     - :func:`add_metadata`: XMP metadata that agrees with the Info dictionary;
     - :func:`embed_files`: associated files (PDF/A-3 ``/AF``);
     - :func:`fix_annotations`: the Print flag and a ``/Contents`` on every annotation;
     - :func:`fix_tounicode`: no ToUnicode value U+0000, U+FEFF or U+FFFE;
     - :func:`save`: deterministic bytes (same input, same bytes).
:func:`archival_pdf` applies them all in order to PDF bytes. Structure tagging is not done
here; a PDF/UA claim (``ua=True``) is only true once the caller has tagged the document.
"""

from __future__ import annotations

import hashlib
import io
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .icc import srgb_profile
from .xmp import clean_text, parse_pdf_date, pdf_date, xmp_packet

SRGB_IDENTIFIER = "sRGB IEC61966-2.1"

# Annotation flags (PDF 32000-1 12.5.3): PDF/A wants Print set and these cleared.
_PRINT = 4
_HIDING = 1 | 2 | 32 | 256  # Invisible, Hidden, NoView, ToggleNoView


@dataclass(frozen=True)
class AttachedFile:
    """A file to embed: ``relationship`` is the PDF ``/AFRelationship`` (Data, Source, ...)."""

    name: str
    data: bytes
    mime: str
    relationship: str = "Data"
    description: str = ""


def add_output_intent(pdf: pikepdf.Pdf) -> None:
    """Give the document an sRGB ``/GTS_PDFA1`` output intent, unless it already has one."""
    intents = pdf.Root.get("/OutputIntents")
    if intents is not None and any(i.get("/S") == Name.GTS_PDFA1 for i in intents):
        return
    profile = pdf.make_stream(srgb_profile(), N=3)
    intent = pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String(SRGB_IDENTIFIER), Info=String(SRGB_IDENTIFIER),
        RegistryName=String("http://www.color.org"), DestOutputProfile=profile,
    ))
    if intents is None:
        pdf.Root.OutputIntents = Array([intent])
    else:
        intents.append(intent)


def _info_text(info, key: str) -> str | None:
    """An Info entry as clean text, written back cleaned so that Info and XMP agree."""
    if key not in info:
        return None
    text = clean_text(str(info[key]))
    if not text:
        del info[key]
        return None
    info[key] = String(text)
    return text


def _info_date(info, key: str) -> datetime | None:
    """An Info date, written back in full form; dropped when it is not a PDF date."""
    if key not in info:
        return None
    moment = parse_pdf_date(str(info[key]))
    if moment is None:
        del info[key]
        return None
    info[key] = String(pdf_date(moment))
    return moment


def add_metadata(pdf: pikepdf.Pdf, pdfa: str | None, ua: bool, language: str | None) -> None:
    """Write the catalog's ``/Metadata`` XMP from the Info dictionary, claiming ``pdfa``/``ua``.

    Info entries are cleaned of characters XMP cannot carry, and dates normalised, so that
    Info and XMP state exactly the same (PDF/A checks this). ``/Trapped`` is removed: it has
    no agreed XMP form across PDF/A parts. The catalog gets ``/Lang`` if it has none.
    """
    info = pdf.docinfo
    if "/Trapped" in info:
        del info["/Trapped"]
    author = _info_text(info, "/Author")
    created = _info_date(info, "/CreationDate")
    modified = _info_date(info, "/ModDate")
    packet = xmp_packet(
        title=_info_text(info, "/Title"), creators=[author] if author else [],
        description=_info_text(info, "/Subject"), language=language,
        keywords=_info_text(info, "/Keywords"), producer=_info_text(info, "/Producer"),
        creator_tool=_info_text(info, "/Creator"), created=created, modified=modified,
        pdfa=pdfa, ua=ua,
    )
    pdf.Root.Metadata = pdf.make_stream(packet, Type=Name.Metadata, Subtype=Name.XML)
    if language and "/Lang" not in pdf.Root:
        pdf.Root.Lang = String(language)


def _document_date(pdf: pikepdf.Pdf) -> str | None:
    for key in ("/ModDate", "/CreationDate"):
        if key in pdf.docinfo:
            return str(pdf.docinfo[key])
    return None


def embed_files(pdf: pikepdf.Pdf, files: Iterable[AttachedFile], *,
                date: datetime | int | None = None) -> list[pikepdf.Dictionary]:
    """Embed ``files`` as associated files of the document; return their (indirect) filespecs.

    Each goes into the ``/EmbeddedFiles`` name tree and the catalog's ``/AF``. Its ``/ModDate``
    is ``date`` (a datetime or epoch seconds), else the document's own date, never the clock.
    Raises ValueError for a name used twice.
    """
    files = list(files)
    if not files:
        return []
    stamp = pdf_date(date) if date is not None else _document_date(pdf)
    names = pdf.Root.get("/Names")
    if names is None:
        names = pdf.Root.Names = pdf.make_indirect(Dictionary())
    tree = (pikepdf.NameTree(names.EmbeddedFiles) if "/EmbeddedFiles" in names
            else pikepdf.NameTree.new(pdf))
    if "/EmbeddedFiles" not in names:
        names.EmbeddedFiles = tree.obj
    specs = []
    for file in files:
        if file.name in tree:
            raise ValueError(f"two embedded files are named {file.name!r}")
        params = Dictionary(Size=len(file.data), CheckSum=String(hashlib.md5(file.data).digest()))
        if stamp:
            params.ModDate = String(stamp)
        stream = pdf.make_stream(file.data, Type=Name.EmbeddedFile, Subtype=Name("/" + file.mime),
                                 Params=params)
        spec = pdf.make_indirect(Dictionary(
            Type=Name.Filespec, F=String(file.name), UF=String(file.name),
            Desc=String(clean_text(file.description)), AFRelationship=Name("/" + file.relationship),
            EF=Dictionary(F=stream, UF=stream),
        ))
        tree[file.name] = spec
        specs.append(spec)
    if specs:
        af = pdf.Root.get("/AF")
        if af is None:
            pdf.Root.AF = Array(specs)
        else:
            af.extend(specs)
    return specs


def _dest_page(pdf: pikepdf.Pdf, dest, pages: dict) -> int | None:
    """The 1-based page number a destination goes to, or None."""
    if isinstance(dest, (String, Name)):
        named = None
        if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
            named = pikepdf.NameTree(pdf.Root.Names.Dests).get(str(dest))
        elif "/Dests" in pdf.Root:
            named = pdf.Root.Dests.get(str(dest) if isinstance(dest, Name) else "/" + str(dest))
        if isinstance(named, Dictionary):
            named = named.get("/D")
        dest = named
    if isinstance(dest, Array) and len(dest) and isinstance(dest[0], Dictionary):
        return pages.get(dest[0].objgen)
    return None


def _describe(pdf: pikepdf.Pdf, annot, pages: dict) -> str | None:
    """A short description of an annotation for ``/Contents``, or None for popups and widgets."""
    subtype = annot.get("/Subtype")
    if subtype in (Name.Popup, Name.Widget):
        return None  # popups show their parent's text; widgets use /TU
    if subtype != Name.Link:
        return f"{str(subtype)[1:] if subtype else 'Unknown'} annotation"
    action = annot.get("/A")
    dest = annot.get("/Dest")
    if isinstance(action, Dictionary):
        if action.get("/S") == Name.URI and "/URI" in action:
            return bytes(action.URI).decode("latin-1")
        if action.get("/S") == Name.GoTo:
            dest = action.get("/D")
    if dest is not None:
        page = _dest_page(pdf, dest, pages)
        if page is not None:
            return f"Link to page {page}"
        if isinstance(dest, (String, Name)):
            return f"Link to {str(dest).lstrip('/')}"
    return "Link"


def fix_annotations(pdf: pikepdf.Pdf) -> None:
    """Set every annotation's Print flag (clearing the hiding flags) and give it ``/Contents``.

    An annotation with no or empty ``/Contents`` gets: for a URI link, the URI; for a link
    within the document, "Link to page N" (or "Link to NAME" for an unresolved named
    destination); otherwise the subtype, e.g. "Link" or "Square annotation".
    """
    pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
    for page in pdf.pages:
        for annot in page.obj.get("/Annots", ()):
            if not isinstance(annot, Dictionary):
                continue
            flags = int(annot.get("/F", 0))
            annot.F = (flags | _PRINT) & ~_HIDING
            if not str(annot.get("/Contents", "")).strip():
                text = _describe(pdf, annot, pages)
                if text:
                    annot.Contents = String(text)


# ToUnicode values a PDF/UA reader cannot use (ISO 14289-1 7.21.7).
_BAD_UNITS = {0x0000, 0xFEFF, 0xFFFE}
_SECTION = re.compile(rb"(\d+)\s+begin(bfchar|bfrange)\b(.*?)\bend\2", re.S)
_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])|(/[^\s<>\[\]()/%{}]*)")


_BAD_UNIT_DIGITS = frozenset(b"%04X" % unit for unit in _BAD_UNITS)


def _bad_value(hexdigits: bytes) -> bool:
    """True for an empty or odd-length value, or one holding U+0000, U+FEFF or U+FFFE."""
    if len(hexdigits) % 2:
        hexdigits += b"0"  # PDF reads a final odd digit as if followed by 0
    units = bytes.fromhex(hexdigits.decode("ascii"))
    if len(units) < 2 or len(units) % 2:
        return True
    return any(int.from_bytes(units[i:i + 2], "big") in _BAD_UNITS for i in range(0, len(units), 2))


def _tokens(body: bytes) -> list:
    """Hex strings (as digit bytes), names, and "[" / "]" of a bfchar/bfrange section."""
    out = []
    for hexs, open_, close, name in _TOKEN.findall(body):
        out.append(open_ or close or name or hexs.translate(None, b" \t\r\n\f\x00"))
    return out


def _hex(value: int, width: int) -> bytes:
    return b"%0*X" % (width, value)


def _filter_bfchar(tokens: list) -> list[tuple[bytes, bytes]] | None:
    """The (source, destination) pairs kept, or None when none is dropped."""
    pairs = [(tokens[i], tokens[i + 1]) for i in range(0, len(tokens) - 1, 2)]
    # One UTF-16 unit, the common case, is checked without decoding.
    kept = [(src, dst) for src, dst in pairs
            if dst.startswith(b"/") or (dst.upper() not in _BAD_UNIT_DIGITS if len(dst) == 4 else not _bad_value(dst))]
    return kept if len(kept) != len(pairs) else None


def _filter_bfrange(tokens: list) -> tuple[list[bytes], list[tuple[bytes, bytes]]] | None:
    """(range lines kept, single mappings kept), or None when no range maps to a bad value.

    A range holding a bad value is split into single mappings without it.
    """
    ranges, singles, changed, i = [], [], False, 0
    while i + 2 < len(tokens):
        low, high, first = tokens[i:i + 3]
        if first == b"[":
            end = tokens.index(b"]", i + 3)
            values, i = tokens[i + 3:end], end + 1
        else:
            values, i = first, i + 3
        lo, hi, width = int(low, 16), int(high, 16), len(low)
        if isinstance(values, list):
            mapped = list(zip(range(lo, hi + 1), values))
            line = b"<%s> <%s> [%s]" % (low, high, b" ".join(b"<%s>" % v for v in values))
        else:  # lo+k maps to values+k
            mapped = [(lo + k, _hex(int(values, 16) + k, len(values))) for k in range(hi - lo + 1)]
            line = b"<%s> <%s> <%s>" % (low, high, values)
        good = [(code, dst) for code, dst in mapped if not _bad_value(dst)]
        if len(good) == len(mapped):
            ranges.append(line)
        else:
            changed = True
            singles += [(_hex(code, width), dst) for code, dst in good]
    return (ranges, singles) if changed else None


def _chunks(kind: bytes, lines: list[bytes]) -> bytes:
    """Sections of at most 100 entries each, as the CMap format allows."""
    out = []
    for start in range(0, len(lines), 100):
        part = lines[start:start + 100]
        out.append(b"%d begin%s\n%s\nend%s" % (len(part), kind, b"\n".join(part), kind))
    return b"\n".join(out)


def _pair(src: bytes, dst: bytes) -> bytes:
    return b"<%s> %s" % (src, dst if dst.startswith(b"/") else b"<" + dst + b">")


#: The one bfchar section of ReportLab's CMaps: single-byte or two-byte codes to one UTF-16 unit each.
_SIMPLE_SECTION = re.compile(rb"(\d+) beginbfchar\n((?:<[0-9A-Fa-f]{2,4}> <[0-9A-Fa-f]{4}>\n)*)endbfchar")


def _clean_simple(data: bytes):
    """:func:`clean_cmap` for ReportLab's own CMap form, found with one expression; False for any other."""
    if data.count(b"beginbf") != 1:
        return False
    match = _SIMPLE_SECTION.search(data)
    if match is None:
        return False
    lines = match.group(2).split(b"\n")[:-1]
    kept = [line for line in lines if line[-5:-1].upper() not in _BAD_UNIT_DIGITS]
    if len(kept) == len(lines):
        return None
    return data[:match.start()] + _chunks(b"bfchar", kept) + data[match.end():]


def clean_cmap(data: bytes) -> bytes | None:
    """A ToUnicode CMap without mappings to U+0000/U+FEFF/U+FFFE, or None if it has none."""
    simple = _clean_simple(data)
    if simple is not False:
        return simple
    changed = False

    def rewrite(match: re.Match) -> bytes:
        nonlocal changed
        tokens = _tokens(match.group(3))
        if match.group(2) == b"bfchar":
            kept = _filter_bfchar(tokens)
            if kept is None:
                return match.group(0)
            changed = True
            return _chunks(b"bfchar", [_pair(s, d) for s, d in kept])
        result = _filter_bfrange(tokens)
        if result is None:
            return match.group(0)
        changed = True
        ranges, singles = result
        parts = [_chunks(b"bfrange", ranges), _chunks(b"bfchar", [_pair(s, d) for s, d in singles])]
        return b"\n".join(p for p in parts if p)

    out = _SECTION.sub(rewrite, data)
    return out if changed else None


def fix_tounicode(pdf: pikepdf.Pdf) -> int:
    """Drop ToUnicode mappings to U+0000, U+FEFF or U+FFFE from every font; return how many
    CMap streams were rewritten (only those that change)."""
    seen, rewritten = set(), 0
    for obj in pdf.objects:
        if not isinstance(obj, Dictionary) or obj.get("/Type") != Name.Font:
            continue
        cmap = obj.get("/ToUnicode")
        if not isinstance(cmap, pikepdf.Stream) or cmap.objgen in seen:
            continue
        seen.add(cmap.objgen)
        cleaned = clean_cmap(cmap.read_bytes())
        if cleaned is not None:
            cmap.write(cleaned)  # uncompressed here; save() compresses it
            rewritten += 1
    return rewritten


def save(pdf: pikepdf.Pdf) -> bytes:
    """The document's bytes, the same for the same input.

    The trailer ``/ID`` is a hash of the content (never random). Streams are compressed
    anew and objects go into compressed object streams (PDF/A-2 and -3 allow them), except
    the XMP packet, which stays readable; no stream's data ends in a carriage return.
    Version at least 1.7: the ICC v4 profile needs 1.5, and PDF/A-2/3 and PDF/UA-1 build on
    ISO 32000-1.
    """
    # Data that ends in CR reads as if its CR were part of the end-of-line before 'endstream'
    # (PDF/A's length check fails). qpdf compressing anew decides those last bytes, and undoes
    # an ASCIIHexDecode wrapping, so when a stream would end so, every stream is kept as
    # ReportLab wrote it instead, and the few that end so are re-encoded. Told beforehand, as
    # qpdf's compressing is zlib's: one save, not a compact one thrown away.
    if not ends_in_cr_once_compressed(pdf):
        data = _save(pdf, compact=True)
        if b"\r\nendstream" not in data:
            return data
    clear_stream_ends(pdf)
    return _save(pdf, compact=False)


#: Filters qpdf undoes before it compresses a stream anew, given as an array (as ReportLab writes them).
_UNDONE = frozenset({"/ASCII85Decode", "/ASCIIHexDecode", "/FlateDecode"})


def ends_in_cr_once_compressed(pdf: pikepdf.Pdf) -> bool:
    """Would a compact save (see :func:`save`) leave some stream's data ending in a carriage return?

    As qpdf writes them: the XMP packet as it is; a stream with no filter compressed by zlib;
    one whose filters are an array of Flate, ASCII85 and ASCIIHex decoded and compressed anew;
    any other (a Flate stream, an image) as it is. Compressed data ends with the Adler-32 of
    the data, so that much tells its last byte. What this cannot see (an object stream qpdf
    makes ends so) costs a second save; it sees nothing that does not end so (tests check it
    against qpdf), which would cost a larger file.
    """
    metadata = pdf.Root.get("/Metadata")
    skipped = metadata.objgen if isinstance(metadata, pikepdf.Stream) else None
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.objgen == skipped:
            continue
        filters = obj.get("/Filter")
        if filters is None:
            ends = zlib.adler32(obj.read_raw_bytes()) & 0xFF == 0x0D
        elif isinstance(filters, Array) and {str(f) for f in filters} <= _UNDONE and "/DecodeParms" not in obj:
            ends = zlib.adler32(obj.read_bytes()) & 0xFF == 0x0D
        else:
            ends = obj.read_raw_bytes().endswith(b"\r")
        if ends:
            return True
    return False


def _save(pdf: pikepdf.Pdf, compact: bool) -> bytes:
    # Compacting (qpdf compresses every stream anew, and the objects into object streams) costs
    # about half of a save but leaves the file a fifth smaller, the structure tree included.
    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, fix_metadata_version=False, min_version="1.7",
             compress_streams=compact, stream_decode_level=pikepdf.StreamDecodeLevel.none,
             object_stream_mode=pikepdf.ObjectStreamMode.generate, recompress_flate=False,
             normalize_content=False, linearize=False, qdf=False)
    return buffer.getvalue()


def clear_stream_ends(pdf: pikepdf.Pdf) -> int:
    """Re-encode the streams whose data ends in a carriage return; return how many.

    Before ``endstream`` comes an end-of-line, so such data is ambiguous: a reader (and
    PDF/A's length check) takes its last byte for part of a CR LF. Wrapping the data in
    ASCIIHexDecode, which ends in '>', removes the doubt without decoding it.
    """
    count = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        raw = obj.read_raw_bytes()
        if not raw.endswith(b"\r"):
            continue
        filters = obj.get("/Filter")
        filters = [] if filters is None else list(filters) if isinstance(filters, pikepdf.Array) else [filters]
        parms = obj.get("/DecodeParms")
        parms = [None] * len(filters) if parms is None else (
            list(parms) if isinstance(parms, pikepdf.Array) else [parms])
        obj.write(raw.hex().encode("ascii") + b">", filter=[pikepdf.Name.ASCIIHexDecode] + filters,
                  decode_parms=[None] + parms if any(p is not None for p in parms) else None)
        count += 1
    return count


def archival_pdf(pdf_bytes: bytes, *, pdfa: str | None, ua: bool = False, language: str = "en",
                 files: Sequence[AttachedFile] = (), epoch: int | None = None) -> bytes:
    """Apply every step above to ``pdf_bytes`` and save. ``epoch`` dates the embedded files
    (default: the document's date). Embedded files need PDF/A-3 (or no PDF/A claim)."""
    if files and pdfa is not None and not pdfa.startswith("3"):
        raise ValueError(f"PDF/A-{pdfa} cannot carry embedded files; use PDF/A-3")
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        fix_tounicode(pdf)
        fix_annotations(pdf)
        if pdfa:
            add_output_intent(pdf)
        if files:
            embed_files(pdf, files, date=epoch)
        add_metadata(pdf, pdfa, ua, language)
        return save(pdf)
