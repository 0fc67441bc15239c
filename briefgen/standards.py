"""Which standards a brief's PDF claims to meet: PDF/UA-1 (accessible) and a PDF/A part (archival).

In:  what the user wrote, in ``meta.standard`` or ``--standard``: ``ua-1``, ``a-2b``, ``a-3b``,
     combinations (``ua-1+a-3b``, ``ua-1,a-2b`` or a YAML list) or ``none``; any case.
Out: a :class:`Standards` value, or a ``ValueError`` whose message can be shown as it is.
     The renderer reads it to decide whether to tag the PDF and what to write in its XMP;
     the load-time checks read it to decide whether a missing alt text is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import did_you_mean

#: The PDF/A parts a brief may claim (conformance level b: the pages look right forever).
PDFA_PARTS = ("2b", "3b")
#: Every name ``parse_standards`` accepts, in the order help texts list them.
NAMES = ("ua-1", "a-2b", "a-3b", "none")
#: How the accepted values are described in messages and help texts.
VALUES_TEXT = "ua-1, a-2b, a-3b, a combination such as ua-1+a-2b, or none"
#: What separates the names of a combination written as one text.
_SEPARATOR = re.compile(r"\s*[+,]\s*")


@dataclass(frozen=True)
class Standards:
    """The claims a PDF makes: PDF/UA-1 or not, and which PDF/A part (``"2b"``, ``"3b"`` or None)."""

    ua: bool
    pdfa: str | None

    def __post_init__(self):
        if self.pdfa not in (None, *PDFA_PARTS):
            raise ValueError(f"unknown PDF/A part {self.pdfa!r}; expected one of {', '.join(PDFA_PARTS)} or None")

    @property
    def tagged(self) -> bool:
        """Whether the PDF is tagged: any claim makes it so (``none`` is the untagged draft)."""
        return self.ua or self.pdfa is not None

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the claims, e.g. ``("ua-1", "a-2b")``; empty for ``none``."""
        return (("ua-1",) if self.ua else ()) + ((f"a-{self.pdfa}",) if self.pdfa else ())

    def __str__(self) -> str:
        return "+".join(self.names) or "none"


#: What a brief claims unless it says otherwise: accessible and archival.
DEFAULT = Standards(ua=True, pdfa="2b")
#: No claims: an untagged PDF, for drafts.
NONE = Standards(ua=False, pdfa=None)


def parse_standards(value) -> Standards:
    """The :class:`Standards` that ``value`` names (text, a list of texts, or a Standards as is)."""
    if isinstance(value, Standards):
        return value
    if isinstance(value, str):
        parts = [value]
    elif isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        parts = list(value)
    else:
        raise ValueError(f"expected a standard as text or a list of texts ({VALUES_TEXT})")
    written = []
    for part in filter(None, (part.strip() for part in parts)):
        names = _SEPARATOR.split(part)
        if "" in names:
            raise ValueError(f"'{part}' has an empty name; join names with '+', e.g. ua-1+a-2b")
        written += names
    if not written:
        raise ValueError(f"no standard given; expected {VALUES_TEXT}")
    for name in written:
        if name.lower() not in NAMES:
            hint = did_you_mean(name.lower(), NAMES)
            raise ValueError(f"unknown standard '{name}'{hint}; expected {VALUES_TEXT}")
    names = [name.lower() for name in written]
    if "none" in names:
        if set(names) != {"none"}:
            others = "+".join(sorted(set(names) - {"none"}, key=NAMES.index))
            raise ValueError(f"'none' cannot be combined with {others}: it builds an untagged PDF that claims no"
                             " standard; write either 'none' or the standards to claim")
        return NONE
    pdfa_parts = [name[2:] for name in NAMES if name.startswith("a-") and name in names]
    if len(pdfa_parts) > 1:
        raise ValueError("a-2b and a-3b cannot both be claimed: a PDF/A file has one part;"
                         " choose a-3b to embed the charts' data")
    return Standards(ua="ua-1" in names, pdfa=pdfa_parts[0] if pdfa_parts else None)
