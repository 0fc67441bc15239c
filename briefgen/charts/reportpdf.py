"""The report for ``attach``: a PDF from anywhere in, checked and made inert out.

In:  the report's path, whether an encrypted report may be written out decrypted
     (``--decrypt``), and whether to keep active content (``--keep-active-content``).
Out: a pypdf reader whose pages all have a usable MediaBox, the first page's
     size for the annex, and, unless kept, the report's objects with active
     content removed in place before they are copied: actions that run script,
     start programs, send or fetch data, or open other files (anywhere: links,
     outlines, ``OpenAction``, additional actions ``/AA`` of the document, pages,
     annotations and form fields, document-level JavaScript), embedded files,
     file-attachment, multimedia and 3D annotations, and XFA forms; with counts
     by kind for the warning. Problems are :class:`~briefgen.errors.BriefError`
     positioned at the report: ``report.pdf: page 3: ...``, status 2.

Clicked web links (``http``, ``https``, ``mailto``) and moves within the
document are kept: they are what a report's links are for.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import warnings
from collections import Counter
from pathlib import Path

from ..errors import BriefError, Diagnostic, display_name

#: Actions that only move within the document or change its view: kept. The rest are removed.
_INERT = frozenset({"/GoTo", "/GoToDp", "/Named", "/Hide", "/SetOCGState", "/Trans", "/ResetForm"})
#: The named actions every reader defines; others can drive a viewer's menus.
_NAMED = frozenset({"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"})
#: Keys whose value is an action run on a click (or, for /OpenAction, on opening).
_ACTION_KEYS = frozenset({"/A", "/PA", "/OpenAction"})
#: Action types that are active wherever they sit (other dictionaries use /S too: borders, labels, structure).
_ACTIVE = frozenset({"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToR", "/GoToE", "/Thread",
                     "/Sound", "/Movie", "/Rendition", "/GoTo3DView", "/RichMediaExecute"})
#: Annotations that carry files, media or 3D scenes (which can hold script): removed whole.
_ANNOTATIONS = {"/FileAttachment": "file attachment", "/RichMedia": "RichMedia", "/3D": "3D",
                "/Movie": "movie", "/Sound": "sound", "/Screen": "multimedia (Screen)"}
_WEB = re.compile(r"^\s*(https?|mailto):", re.IGNORECASE)
#: PDF's largest page side (200 in) and the smallest page the annex can be set on (A6's short side).
MAX_SIDE, MIN_SIDE = 14400.0, 105 * 72 / 25.4
#: Pages with a broken MediaBox listed one by one before the rest are counted.
_LISTED = 10


def _refuse(name: str, where: str, message: str) -> BriefError:
    return BriefError([Diagnostic(name, 0, 0, where, message)])


@contextlib.contextmanager
def reading(path):
    """Quiet pypdf's own logging, and turn any failure to parse the report into a clean error."""
    from pypdf.errors import PyPdfError

    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.CRITICAL  # pypdf logs the repairs it tries; we report once
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except BriefError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, AssertionError,
            OSError, RecursionError, ZeroDivisionError, OverflowError) as exc:
        # A hostile report can break pypdf anywhere (a loop of references, a bad xref, a wrong type).
        raise _refuse(display_name(Path(path)), "(file)", f"not a readable PDF ({_reason(exc)}); check that the"
                                                          " file is the report and not damaged") from None
    finally:
        quiet.level = level


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "its objects refer to each other without end"
    if isinstance(exc, KeyError):
        return f"an entry {str(exc.args[0] if exc.args else '')[:40]} is missing"
    return str(exc)[:200] or type(exc).__name__


def open_report(path, *, decrypt: bool = False, limits=None):
    """The report as a pypdf reader; refuses an encrypted report unless ``decrypt`` (and it opens),
    and one larger than ``limits.report_bytes`` or ``limits.report_pages``."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    from ..limits import Limits

    path = Path(path)
    name = display_name(path)
    limits = limits or Limits.from_env()
    if not path.is_file():
        raise _refuse(name, "(file)", "file not found")
    size = path.stat().st_size
    if size > limits.report_bytes:
        raise _refuse(name, "(file)", f"the report is {size:,} bytes, more than the limit of {limits.report_bytes:,}"
                                      f" (report_bytes); {limits.hint('report_bytes')}")
    reader = PdfReader(str(path))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise _refuse(name, "(file)", "the report is encrypted with AES, which needs the 'cryptography'"
                                          " package to open; install it (pip install cryptography)") from None
        if not opened:
            raise _refuse(name, "(file)", "the report is encrypted and needs a password to open; attach works"
                                          " on a copy you have decrypted (for example: qpdf --decrypt"
                                          " --password=PASSWORD report.pdf plain.pdf)")
        if not decrypt:
            raise _refuse(name, "(file)", "the report is encrypted (it opens without a password, but its owner"
                                          " restricted it), and the combined PDF would not be; pass --decrypt"
                                          " to write an unencrypted copy if you may, or attach to the"
                                          " unencrypted original")
    if not reader.pages:
        raise PyPdfError("it has no pages")
    if len(reader.pages) > limits.report_pages:
        raise _refuse(name, "(file)", f"the report has {len(reader.pages):,} pages, more than the limit of"
                                      f" {limits.report_pages:,} (report_pages); {limits.hint('report_pages')}")
    return reader


def _number(value):
    from pypdf.generic import FloatObject, NumberObject

    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, (NumberObject, FloatObject)) and not isinstance(value, bool):
        number = float(value)
        return number if math.isfinite(number) else None
    return None


def _shown(value) -> str:
    """A PDF value as written in the file (numbers short), cut to a readable length."""
    from pypdf.generic import ArrayObject

    if isinstance(value, ArrayObject):
        text = "[" + " ".join(_shown(v) for v in value[:6]) + (" ..." if len(value) > 6 else "") + "]"
    else:
        number = _number(value)
        text = f"{number:g}" if number is not None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _box_problem(box) -> str | None:
    """What is wrong with a raw MediaBox value, or None if it is a usable page."""
    from pypdf.generic import ArrayObject

    box = box.get_object() if hasattr(box, "get_object") else box
    if box is None:
        return "has no MediaBox (page size)"
    shown = _shown(box)
    if not isinstance(box, ArrayObject) or len(box) != 4:
        return f"its MediaBox {shown} is not four numbers [left bottom right top]"
    numbers = [_number(v) for v in box]
    if None in numbers:
        return f"its MediaBox {shown} is not four numbers [left bottom right top]"
    left, bottom, right, top = numbers
    width, height = right - left, top - bottom
    size = f"{width:g}×{height:g} pt"
    if width == 0 or height == 0:
        return f"its MediaBox {shown} is empty ({size})"
    if width < 0 or height < 0:
        return (f"its MediaBox {shown} is inverted or negative ({size}); expected [left bottom right top]"
                " with right > left and top > bottom")
    if width > MAX_SIDE or height > MAX_SIDE:
        return f"its MediaBox {shown} is {size}, larger than PDF allows (14400 pt, 200 in, a side)"
    return None


def page_size(reader, path) -> tuple[float, float]:
    """Check every page's MediaBox; return the first page's size as displayed (rotation applied)."""
    name = display_name(Path(path))
    problems = []
    for number, page in enumerate(reader.pages, start=1):
        problem = _box_problem(page.get("/MediaBox"))
        if problem:
            problems.append(Diagnostic(name, 0, 0, f"page {number}", f"{problem}; the report cannot be"
                                       " extended: repair it (for example, print it to a new PDF) and attach"
                                       " that"))
    if len(problems) > _LISTED:
        more = len(problems) - _LISTED
        problems = problems[:_LISTED] + [Diagnostic(name, 0, 0, "(file)", f"{more} more page(s) like these")]
    if problems:
        raise BriefError(problems)
    first = reader.pages[0]
    box = [float(v.get_object()) for v in first["/MediaBox"].get_object()]
    width, height = box[2] - box[0], box[3] - box[1]
    rotate = _number(first.get("/Rotate"))
    if rotate is not None and int(rotate) % 180 == 90:
        width, height = height, width
    if min(width, height) < MIN_SIDE:
        raise _refuse(name, "page 1", f"the page is {width:g}×{height:g} pt, too small for the chart annex, which"
                                      f" takes the report's first page size (each side at least {MIN_SIDE:.0f}"
                                      " pt, A6)")
    return width, height


class _Cleaner:
    """Removes active content from a PDF's objects in place, counting what went by kind."""

    def __init__(self):
        self.removed: Counter = Counter()
        self._seen: set = set()
        self._held: list = []  # the objects visited, kept alive so their ids stay theirs

    def unsafe(self, action, *, automatic: bool) -> str | None:
        """The kind of the first action in ``action``'s chain (its /Next) that is not inert, or None.

        ``automatic`` actions run without a click (on opening, on a page, on a form event):
        a web link among them would fetch a page on its own, so only inert ones are kept.
        """
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        chain, seen = [action], set()
        while chain:
            item = chain.pop()
            item = item.get_object() if hasattr(item, "get_object") else item
            if not isinstance(item, DictionaryObject) or id(item) in seen:
                continue
            seen.add(id(item))
            kind = _resolved(item.get("/S"))
            label = str(kind)[1:] if isinstance(kind, NameObject) else "JavaScript" if "/JS" in item else "unnamed"
            if kind == "/URI":
                target = _resolved(item.get("/URI"))
                if automatic or not _WEB.match(str(target or "")):
                    return label
            elif kind not in _INERT or "/JS" in item or (kind == "/Named" and _resolved(item.get("/N")) not in _NAMED):
                return label
            following = _resolved(item.get("/Next"))
            if isinstance(following, ArrayObject):
                chain.extend(following)
            elif following is not None:
                chain.append(following)
        return None

    def clean(self, root) -> Counter:
        """Strip ``root`` (a document catalog) and everything it reaches; return the counts."""
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        names = _resolved(root.get("/Names"))
        if isinstance(names, DictionaryObject) and "/JavaScript" in names:
            self.removed["JavaScript action"] += _tree_entries(names["/JavaScript"])
            del names["/JavaScript"]
        form = _resolved(root.get("/AcroForm"))
        if isinstance(form, DictionaryObject) and "/XFA" in form:
            del form["/XFA"]  # XFA forms carry their own scripts; the AcroForm fields remain
            self.removed["XFA form"] += 1
        stack = [root]
        while stack:
            item = stack.pop()
            if hasattr(item, "get_object"):
                key = ("ref", item.idnum, item.generation) if hasattr(item, "idnum") else None
                item = item.get_object()
            else:
                key = None
            if not isinstance(item, (DictionaryObject, ArrayObject)):
                continue
            key = key or ("obj", id(item))
            if key in self._seen:
                continue
            self._seen.add(key)
            self._held.append(item)
            if isinstance(item, ArrayObject):
                stack.extend(item)
            else:
                self._dictionary(item, stack)
        if isinstance(names, DictionaryObject):
            names.pop(NameObject("/EmbeddedFiles"), None)  # their files are gone: drop the list
        root.pop(NameObject("/Collection"), None)  # a portfolio of embedded files
        return self.removed

    def _dictionary(self, item, stack) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject

        for key, value in list(item.items()):
            target = _resolved(value)
            if key == "/EF":
                del item[key]
                item.pop("/RF", None)
                self.removed["embedded file"] += 1
                continue
            is_action = isinstance(target, DictionaryObject) and (
                ("/S" in target and (key in _ACTION_KEYS or _resolved(target.get("/Type")) == "/Action"))
                or "/JS" in target or _resolved(target.get("/S")) in _ACTIVE)
            if is_action and key != "/Next":  # a /Next chain is judged with the action that starts it
                kind = self.unsafe(target, automatic=key == "/OpenAction")
                if kind:
                    del item[key]
                    self.removed[f"{kind} action"] += 1
                    continue
            if key == "/AA" and isinstance(target, DictionaryObject):
                for trigger, action in list(target.items()):
                    kind = self.unsafe(action, automatic=True)
                    if kind:
                        del target[trigger]
                        self.removed[f"{kind} action"] += 1
                if not target:
                    del item[key]
                    continue
            if key == "/Annots" and isinstance(target, ArrayObject):
                kept = []
                for annotation in target:
                    subtype = _resolved(annotation)
                    subtype = _resolved(subtype.get("/Subtype")) if isinstance(subtype, DictionaryObject) else None
                    if subtype in _ANNOTATIONS:
                        self.removed[f"{_ANNOTATIONS[subtype]} annotation"] += 1
                        stack.append(annotation)  # still cleaned: a popup may point back at it
                    else:
                        kept.append(annotation)
                target[:] = kept
            stack.append(value)


def _resolved(value):
    return value.get_object() if hasattr(value, "get_object") else value


def _tree_entries(tree) -> int:
    """How many entries a name tree holds (its leaves' pairs), each node counted once."""
    from pypdf.generic import ArrayObject, DictionaryObject

    count, stack, seen = 0, [tree], set()
    while stack:
        node = _resolved(stack.pop())
        if not isinstance(node, DictionaryObject) or id(node) in seen:
            continue
        seen.add(id(node))
        leaves = _resolved(node.get("/Names"))
        if isinstance(leaves, ArrayObject):
            count += len(leaves) // 2
        kids = _resolved(node.get("/Kids"))
        if isinstance(kids, ArrayObject):
            stack.extend(kids)
    return count


def strip_active_content(reader) -> Counter:
    """Remove active content from the report's objects (before they are copied); return counts by kind."""
    return _Cleaner().clean(reader.trailer["/Root"].get_object())


def removed_summary(removed: Counter) -> str:
    """``3 JavaScript actions, 1 embedded file``: the counts, most first, then by name."""
    parts = []
    for kind, count in sorted(removed.items(), key=lambda item: (-item[1], item[0])):
        parts.append(f"{count} {kind}{'s' if count != 1 else ''}")
    return ", ".join(parts)
