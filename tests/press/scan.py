"""Every colour a PDF uses, found by parsing its content streams and resources (pikepdf), for the CMYK tests.

:func:`rgb_uses` walks each page's content, every form XObject it draws (recursively), tiling
patterns, annotation appearances and soft masks, and lists each use of RGB: ``rg``/``RG``
operators, ``sc``/``scn``/``SC``/``SCN`` while the current colour space is RGB, colour spaces
(named in resources or inline) that are or rest on DeviceRGB (ICCBased with N=3, Indexed,
Separation/DeviceN alternates), RGB images (XObjects and inline), RGB shadings and RGB
transparency groups.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Name

_GREY_OR_CMYK = {"/DeviceGray", "/DeviceCMYK", "/CalGray", "/Pattern"}


def _is_rgb(space, resources=None) -> bool:
    """Does the colour space ``space`` (a name or an array) draw in RGB?"""
    if space is None:
        return False
    if isinstance(space, Name):
        name = str(space)
        if name in ("/DeviceRGB", "/RGB", "/CalRGB"):
            return True
        if name in _GREY_OR_CMYK or name in ("/G", "/CMYK", "/DeviceN", "/Lab"):
            return False
        named = resources.get("/ColorSpace", {}) if resources is not None else {}
        return _is_rgb(named.get(name), None) if name in named else False
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family in ("/CalRGB",):
            return True
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        if family in ("/Indexed", "/I"):
            return _is_rgb(space[1], resources)
        if family in ("/Separation", "/DeviceN"):
            return _is_rgb(space[2], resources)
        if family == "/Pattern" and len(space) > 1:
            return _is_rgb(space[1], resources)
    return False


def rgb_uses(path) -> list[str]:
    """Each use of RGB in the PDF at ``path``, described (an empty list: none)."""
    found: list[str] = []
    seen: set = set()
    with pikepdf.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            where = f"page {index + 1}"
            group = page.obj.get("/Group")
            if group is not None and _is_rgb(group.get("/CS")):
                found.append(f"{where}: RGB transparency group")
            _stream(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), where, found, seen, page=page)
            for annot in page.obj.get("/Annots", []):
                for state in annot.get("/AP", {}).values():
                    streams = [state] if isinstance(state, pikepdf.Stream) else list(state.values())
                    for stream in streams:
                        _xobject(stream, f"{where} annotation", found, seen)
    return found


def _stream(holder, resources, where, found, seen, page=None) -> None:
    """The content of a page or form: its operators, then what it draws."""
    instructions = pikepdf.parse_content_stream(page if page is not None else holder)
    fill = stroke = None
    for operands, operator in instructions:
        op = str(operator)
        if op in ("rg", "RG"):
            found.append(f"{where}: {op} operator")
        elif op == "cs":
            fill = operands[0]
            if _is_rgb(fill, resources):
                found.append(f"{where}: cs {fill}")
        elif op == "CS":
            stroke = operands[0]
            if _is_rgb(stroke, resources):
                found.append(f"{where}: CS {stroke}")
        elif op in ("sc", "scn") and _is_rgb(fill, resources):
            found.append(f"{where}: {op} in RGB")
        elif op in ("SC", "SCN") and _is_rgb(stroke, resources):
            found.append(f"{where}: {op} in RGB")
        elif op == "BI" or op == "INLINE IMAGE":
            image = operands[0] if operands else None
            space = getattr(image, "obj", {}).get("/CS") if image is not None else None
            if space is not None and _is_rgb(space, resources):
                found.append(f"{where}: inline RGB image")
        elif op == "sh":
            shading = resources.get("/Shading", {}).get(str(operands[0]))
            if shading is not None and _is_rgb(shading.get("/ColorSpace"), resources):
                found.append(f"{where}: RGB shading {operands[0]}")
        elif op == "Do":
            xobject = resources.get("/XObject", {}).get(str(operands[0]))
            if xobject is not None:
                _xobject(xobject, f"{where} {operands[0]}", found, seen)
        elif op == "gs":
            state = resources.get("/ExtGState", {}).get(str(operands[0]))
            mask = state.get("/SMask") if state is not None else None
            if isinstance(mask, pikepdf.Dictionary) and "/G" in mask:
                _xobject(mask.G, f"{where} soft mask", found, seen)
    for name, space in resources.get("/ColorSpace", {}).items():
        if _is_rgb(space, resources):
            found.append(f"{where}: colour space {name} is RGB")
    for name, shading in resources.get("/Shading", {}).items():
        if _is_rgb(shading.get("/ColorSpace"), resources):
            found.append(f"{where}: RGB shading {name}")
    for name, pattern in resources.get("/Pattern", {}).items():
        if pattern.get("/PatternType") == 2 and _is_rgb(pattern.Shading.get("/ColorSpace"), resources):
            found.append(f"{where}: RGB shading pattern {name}")
        elif isinstance(pattern, pikepdf.Stream):
            _xobject(pattern, f"{where} pattern {name}", found, seen)


def _xobject(xobject, where, found, seen) -> None:
    key = xobject.objgen if xobject.is_indirect else id(xobject)
    if key in seen:
        return
    seen.add(key)
    subtype = xobject.get("/Subtype")
    if subtype == Name.Image:
        if _is_rgb(xobject.get("/ColorSpace")):
            found.append(f"{where}: RGB image")
        if "/SMask" in xobject:
            _xobject(xobject.SMask, f"{where} soft mask", found, seen)
        return
    group = xobject.get("/Group")
    if group is not None and _is_rgb(group.get("/CS")):
        found.append(f"{where}: RGB transparency group")
    _stream(xobject, xobject.get("/Resources", pikepdf.Dictionary()), where, found, seen)
