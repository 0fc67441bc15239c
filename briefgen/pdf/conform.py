"""A PDF made to keep its claims: tagged (PDF/UA-1) and archival (PDF/A), in one pass over the file.

In:  ReportLab's PDF bytes, the structure tree gathered while drawing them, the
     :class:`~briefgen.standards.Standards` claimed, and the files to associate (PDF/A-3).
Out: the PDF's final bytes, the same for the same input: ReportLab's filter arrays unwrapped
     (so qpdf writes those streams as they are, see :func:`unwrap_filters`), ToUnicode maps fixed,
     files embedded, the structure tree written (:mod:`.tags`), annotations flagged
     and described, the output intent (PDF/A: sRGB, or the press profile of a CMYK edition), the
     print edition's page boxes (:mod:`.press`) and XMP metadata with the claims.
"""

from __future__ import annotations

import io

import pikepdf

from .archive import add_metadata, add_output_intent, embed_files, fix_annotations, fix_tounicode, save
from .tags import append_structure, write_structure


def conform(data: bytes, standards, *, tree=None, language: str = "en", files=(), epoch: int | None = None,
            press=None) -> bytes:
    """``data`` made to meet ``standards``; ``tree`` is required when they call for tags.

    ``press`` (a :class:`~briefgen.pdf.press.Press`): the print edition's page boxes, and the CMYK
    edition's output intent, the press profile its colours were converted to (PDF/A asks the output
    intent to match the device colour space used).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        unwrap_filters(pdf)
        if press is not None and press.print_edition:
            from .press import set_boxes

            set_boxes(pdf)
        fix_tounicode(pdf)
        specs = embed_files(pdf, files, date=epoch) if files else []
        if standards.tagged:
            write_structure(pdf, tree, files={file.name: spec for file, spec in zip(files, specs)})
        fix_annotations(pdf)
        if standards.pdfa:
            if press is not None and press.cmyk:
                add_cmyk_output_intent(pdf)  # first: add_output_intent keeps an intent already there
            add_output_intent(pdf)
        add_metadata(pdf, standards.pdfa, standards.ua, language)
        return save(pdf)


def unwrap_filters(pdf) -> int:
    """Give ReportLab's streams the filter qpdf keeps as it is; return how many were changed.

    ReportLab names its filters in an array, ``[/FlateDecode]`` (:mod:`.flate`), and qpdf
    decodes and compresses again every stream filtered so (see
    :func:`~.archive.ends_in_cr_once_compressed`): that was four fifths of a save. The same
    data under ``/FlateDecode`` alone is written as it is, and the PDF reads the same.
    """
    changed = 0
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        filters = obj.get("/Filter")
        if isinstance(filters, pikepdf.Array) and len(filters) == 1 and "/DecodeParms" not in obj \
                and filters[0] == pikepdf.Name.FlateDecode:
            obj.Filter = pikepdf.Name.FlateDecode
            changed += 1
    return changed


def add_cmyk_output_intent(pdf) -> None:
    """The press profile (:func:`~briefgen.pdf.icc.cmyk_profile`) as the ``/GTS_PDFA1`` output intent."""
    from pikepdf import Array, Dictionary, Name, String

    from .icc import CMYK_CONDITION, CMYK_IDENTIFIER, cmyk_profile

    profile = pdf.make_stream(cmyk_profile(), N=4)
    intent = pdf.make_indirect(Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String(CMYK_IDENTIFIER),
        OutputCondition=String(CMYK_CONDITION), Info=String(CMYK_IDENTIFIER), DestOutputProfile=profile,
    ))
    pdf.Root.OutputIntents = Array([intent])


def with_annex(data: bytes, tree, first_page: int, language: str) -> bytes:
    """A report with pages appended from ``first_page`` on, keeping only the claims it still meets.

    ``tree`` is the appended pages' structure (None when they are untagged). Joined to a
    tagged report's tree, the report keeps its PDF/UA-1 claim and its PDF/A claim (as
    level b, which the annex meets; parts 2 and 3 only); an untagged report, or one whose
    tree cannot be joined, loses every claim: the output claims nothing. Associated files
    whose file was stripped from the report are no longer referenced (:func:`_drop_unembedded_files`).
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        claimed = _claims(pdf)
        if tree is not None and _joined(pdf, tree, first_page):
            fix_tounicode(pdf)
            fix_annotations(pdf)
            if not _drop_unembedded_files(pdf):
                claimed = (None, claimed[1])  # associated files in doubt: no archival claim
            add_metadata(pdf, *claimed, _language(pdf, language))
            return save(pdf)
    if claimed == (None, False):
        return data  # untagged and claiming nothing: nothing to keep or withdraw
    with pikepdf.open(io.BytesIO(data)) as pdf:  # afresh: a join that failed may have left parts behind
        add_metadata(pdf, None, False, _language(pdf, language))
        return save(pdf)


def _joined(pdf, tree, first_page: int) -> bool:
    """Did the annex's tree join the report's? A report's tree may be anything: any doubt is a no."""
    try:
        return append_structure(pdf, tree, first_page)
    except (pikepdf.PdfError, TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError):
        return False


def _drop_unembedded_files(pdf) -> bool:
    """Drop the /AF references to file specs that no longer hold their file; False if that failed.

    ``attach`` strips a report's embedded files as active content, which leaves its /AF
    entries (catalog, structure elements) pointing at empty specs. A PDF/A-3 with no
    embedded file is still one; a dangling association is not.
    """
    try:
        holders = [pdf.Root, *(o for o in pdf.objects if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream)))]
        holders += _direct_elements(pdf.Root.get("/StructTreeRoot"))
        for holder in holders:
            if "/AF" not in holder:
                continue
            listed = holder.AF
            specs = list(listed) if isinstance(listed, pikepdf.Array) else [listed]
            kept = [spec for spec in specs
                    if isinstance(spec, pikepdf.Dictionary) and isinstance(spec.get("/EF"), pikepdf.Dictionary)]
            if not kept:
                del holder.AF
            elif len(kept) < len(specs) or not isinstance(listed, pikepdf.Array):
                holder.AF = pikepdf.Array(kept)
        return True
    except (pikepdf.PdfError, TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError):
        return False


def _direct_elements(root) -> list:
    """Structure elements written inline in their parent's /K (other producers do): not among pdf.objects."""
    found, seen, stack = [], set(), [root]
    while stack and len(seen) < 1_000_000:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or (node.is_indirect and node.objgen in seen):
            continue
        if node.is_indirect:
            seen.add(node.objgen)
        elif node is not root:
            found.append(node)
        kids = node.get("/K")
        stack.extend(kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids])
    return found


def _language(pdf, fallback: str) -> str:
    lang = pdf.Root.get("/Lang")
    return str(lang) if isinstance(lang, pikepdf.String) and 0 < len(str(lang)) <= 35 else fallback


def _claims(pdf) -> tuple:
    """(PDF/A part and level as '2b'/'3b' or None, PDF/UA-1 or not) that the file's XMP claims."""
    try:
        meta = pdf.open_metadata()
        part, level, ua = meta.get("pdfaid:part"), meta.get("pdfaid:conformance"), meta.get("pdfuaid:part")
    except Exception:  # XMP a hostile report may hold that pikepdf cannot parse: it claims nothing
        return None, False
    pdfa = f"{part}b" if part in ("2", "3") and (level or "").upper() in ("A", "B", "U") else None
    return pdfa, ua == "1"


__all__ = ["conform", "with_annex"]
