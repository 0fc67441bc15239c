"""XMP metadata: the document's description as an XMP packet for the catalog's /Metadata.

In:  the document's title, creators, description, language, keywords, producer, creator
     tool and date, and the claims it makes (PDF/A part and conformance, PDF/UA-1).
Out: :func:`xmp_packet`, a complete UTF-8 XMP packet (bytes). Deterministic: the same
     arguments give the same bytes. User text is cleaned (:func:`clean_text`) and escaped.
     :func:`xmp_date` and :func:`parse_pdf_date` convert dates so that the XMP and the
     PDF's Info dictionary state the same instant (PDF/A checks they agree).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

_BEGIN = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
_END = '<?xpacket end="w"?>'

_NAMESPACES = (
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("pdf", "http://ns.adobe.com/pdf/1.3/"),
    ("xmp", "http://ns.adobe.com/xap/1.0/"),
    ("pdfaid", "http://www.aiim.org/pdfa/ns/id/"),
    ("pdfuaid", "http://www.aiim.org/pdfua/ns/id/"),
    ("pdfaExtension", "http://www.aiim.org/pdfa/ns/extension/"),
    ("pdfaSchema", "http://www.aiim.org/pdfa/ns/schema#"),
    ("pdfaProperty", "http://www.aiim.org/pdfa/ns/property#"),
)

# PDF/A allows only predefined XMP schemas unless an extension schema describes the others;
# pdfuaid is not predefined, so a PDF/A + PDF/UA file must describe it (ISO 14289-1 5, note).
_PDFUA_EXTENSION = """\
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
"""

# Characters XML 1.0 cannot carry (C0 controls other than tab/newline/return, lone surrogates,
# U+FFFE/U+FFFF), and U+FEFF, which readers drop and so would break Info/XMP agreement.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufeff\ufffe\uffff]")
_PDF_DATE = re.compile(
    r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(?:(\d{2})'?)?)?$"
)


def clean_text(text: str) -> str:
    """``text`` without the characters an XMP packet cannot carry."""
    return _NOT_XML.sub("", text)


def _esc(text: str) -> str:
    # A literal CR would be read back as LF, so it is written as a character reference.
    text = clean_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;")


def parse_pdf_date(value: str) -> datetime | None:
    """A PDF date string (``D:YYYYMMDDHHmmSS+HH'mm'``, trailing parts optional) as an aware datetime.

    A date without a time zone is taken as UTC. Returns None when ``value`` is not a PDF date.
    """
    match = _PDF_DATE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zulu, sign, tz_h, tz_m = match.groups()
    offset = timedelta(0)
    if sign:
        offset = timedelta(hours=int(tz_h), minutes=int(tz_m or 0)) * (-1 if sign == "-" else 1)
    try:
        return datetime(int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
                        int(second or 0), tzinfo=timezone(offset))
    except ValueError:
        return None


def _as_datetime(value: datetime | int | float) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime.fromtimestamp(value, timezone.utc)


def xmp_date(value: datetime | int | float) -> str:
    """``value`` (an aware datetime, or seconds since the epoch in UTC) in XMP's form, e.g.
    ``2025-05-15T12:00:00+00:00``. A naive datetime is taken as UTC."""
    return _as_datetime(value).replace(microsecond=0).isoformat()


def pdf_date(value: datetime | int | float) -> str:
    """``value`` as a PDF date string, e.g. ``D:20250515120000+00'00'``."""
    moment = _as_datetime(value)
    minutes = int(moment.utcoffset().total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"D:{moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"


def _alt(tag: str, text: str) -> str:
    return (f"   <{tag}>\n    <rdf:Alt>\n     <rdf:li xml:lang=\"x-default\">{_esc(text)}</rdf:li>\n"
            f"    </rdf:Alt>\n   </{tag}>\n")


def _list(tag: str, kind: str, items) -> str:
    lines = "".join(f"     <rdf:li>{_esc(item)}</rdf:li>\n" for item in items)
    return f"   <{tag}>\n    <rdf:{kind}>\n{lines}    </rdf:{kind}>\n   </{tag}>\n"


def _simple(tag: str, text: str) -> str:
    return f"   <{tag}>{_esc(text)}</{tag}>\n"


def xmp_packet(*, title: str | None, creators: list[str], description: str | None, language: str | None,
               keywords: str | None, producer: str | None, creator_tool: str | None,
               created: datetime | int | float | None, modified: datetime | int | float | None = None,
               pdfa: str | None = None, ua: bool = False) -> bytes:
    """A complete XMP packet describing the document.

    ``created`` is the creation date; ``modified`` (default: ``created``) the modification and
    metadata date; dates are omitted when None. ``pdfa`` is a PDF/A part and conformance such
    as ``"2b"`` or ``"3b"``. Empty or None values are left out. Under both ``pdfa`` and ``ua``, the PDF/A extension schema for
    ``pdfuaid`` is included, as PDF/A requires.
    """
    if pdfa is not None and not re.fullmatch(r"[1-4][abuf]?", pdfa):
        raise ValueError(f"not a PDF/A part and conformance: {pdfa!r}")
    body = []
    if title:
        body.append(_alt("dc:title", title))
    if creators:
        body.append(_list("dc:creator", "Seq", creators))
    if description:
        body.append(_alt("dc:description", description))
    if language:
        body.append(_list("dc:language", "Bag", [language]))
    if producer:
        body.append(_simple("pdf:Producer", producer))
    if keywords:
        body.append(_simple("pdf:Keywords", keywords))
    if creator_tool:
        body.append(_simple("xmp:CreatorTool", creator_tool))
    modified = created if modified is None else modified
    if created is not None:
        body.append(_simple("xmp:CreateDate", xmp_date(created)))
    if modified is not None:
        body.append(_simple("xmp:ModifyDate", xmp_date(modified)))
        body.append(_simple("xmp:MetadataDate", xmp_date(modified)))
    if pdfa:
        body.append(_simple("pdfaid:part", pdfa[0]))
        if len(pdfa) > 1:
            body.append(_simple("pdfaid:conformance", pdfa[1:].upper()))
    if ua:
        body.append(_simple("pdfuaid:part", "1"))
        if pdfa:
            body.append(_PDFUA_EXTENSION)
    namespaces = "".join(f'\n    xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES)
    text = (f'{_BEGIN}\n<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            f' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            f'  <rdf:Description rdf:about=""{namespaces}>\n'
            + "".join(body)
            + "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n" + _END)
    return text.encode("utf-8")
