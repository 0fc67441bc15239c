"""SVG scanning: one SVG and every file it pulls in, read safely before svglib sees them.

In:  a real SVG path, and the check context (folders, ``allow_outside``,
     limits), or no context at draw time (then nothing is checked).
Out: a :class:`Walk` after :meth:`Walk.file`: the files read with their
     SHA-256 (the cache key's inputs), the root element's attributes, the font
     names of pulled-in files, and the elements, points, depth and image
     pixels counted with what ``<use>`` repeats (svglib draws an image anew
     each time); or :class:`Refused` with a phrase that follows
     "SVG 'name.svg'".

A streaming expat pass reads each file without a DTD or entities (a DOCTYPE
with its own declarations is refused: XXE, billion laughs), bounded as it goes.
Every reference is checked: ``href`` on any element but ``<a>``, CSS ``url()``
and ``@import``, ``<?xml-stylesheet?>``. It must be a fragment, a base64 PNG or
JPEG ``data:`` URI (bounded by pixels), or a relative path whose real path is
in the brief's folder or the project's ``assets/``; the SVGs and images it
draws are checked the same way, to any depth. Styles may not set ``href`` or
``id`` (svglib copies style properties onto elements), and font names may not
look like paths.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import os
import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field
from pathlib import Path

#: Most font lookups (family x weight x style) the SVG files it pulls in may need.
MAX_FONT_NAMES = 2_000
_CHUNK = 1 << 16
_FOLLOWED = ("use", "image")  # the elements whose href svglib draws
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)  # the url() form is caught by _URL
_PI_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DATA_IMAGE = re.compile(r"^data:image/(jpe?g|png);base64")  # svglib's own test, case and all
_NUMBER = re.compile(r"[0-9.]+")
_FONT_PROPS = ("font-family", "font-weight", "font-style")
_RASTER_SUFFIXES = (".png", ".jpg", ".jpeg")


class Refused(Exception):
    """Why an SVG cannot be used: a phrase that follows "SVG 'name.svg'"."""


def quoted(text: str) -> str:
    """User text in a message: quoted, control characters escaped, cut short."""
    text = str(text)
    return repr(text if len(text) <= 60 else text[:57] + "...")


#: Elements whose character data is drawn as text.
_TEXT_ELEMENTS = frozenset({"text", "tspan", "textPath"})


@dataclass
class _Tree:
    """One file's elements: parents, lines, ids, fragment references and pulled-in sizes."""

    parent: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    ids: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)  # element -> fragments it draws again (use, url(#x))
    pulls: dict = field(default_factory=dict)  # element -> [(elements, points, depth, pixels)] of what it draws
    points: dict = field(default_factory=dict)  # element -> points in its path data


class Walk:
    """One SVG and everything it pulls in. With a context, every rule is checked
    (raising :class:`Refused`); without one (draw time) only the inputs are listed."""

    def __init__(self, ctx=None):
        self.ctx = ctx
        self.limits = ctx.limits if ctx is not None else None
        self.roots = None
        if ctx is not None and not ctx.allow_outside:
            self.roots = (Path(ctx.base_dir).resolve(), Path(ctx.assets_dir).resolve())
        self.inputs: dict[Path, str] = {}  # every file read, in order -> sha256 of its bytes
        self.bytes = self.elements = self.points = 0
        self.root_attrs: dict = {}
        self.fonts = {prop: set() for prop in _FONT_PROPS}  # in pulled-in files (the global font map)
        self.texts: list = []  # (file, line, text) of every <text>, <tspan> and <textPath>: the text it prints

    @property
    def check(self) -> bool:
        return self.ctx is not None

    def file(self, path: Path, chain: tuple = ()) -> tuple[int, int, int, int]:
        """(elements, points, depth, pixels of the images drawn) of the SVG at ``path`` (a real path), with all
        it repeats and pulls in."""
        size = path.stat().st_size
        self.bytes += size
        if self.check and self.bytes > self.limits.svg_bytes:
            what = f"is {size:,} bytes" if not chain else f"brings the SVG files read to {self.bytes:,} bytes"
            raise Refused(f"{what}, more than the limit of {self.limits.svg_bytes:,} (svg_bytes); simplify it or"
                           f" export it as PNG, or {self.limits.hint('svg_bytes')}")
        tree, refs = self._scan(path, top=not chain)
        for node, line, text, followed in refs:
            self._reference(path, chain, tree, node, line, text, followed)
        limits = self.limits
        caps = (limits.svg_elements + 1, limits.svg_points + 1) if self.check else (1 << 62, 1 << 62)
        sizes = _expand(tree, caps, self.check)
        if self.check:
            self._bound(*sizes[:3])
        return sizes

    def _bound(self, elements: int, points: int, depth: int) -> None:
        limits = self.limits
        if points > limits.svg_points:
            raise Refused(f"has more than {limits.svg_points:,} points in its paths and polygons (counting what its"
                          f" <use> elements repeat and the SVG files it pulls in), the limit set by svg_points;"
                          f" simplify it or export it as PNG, or {limits.hint('svg_points')}")
        if elements > limits.svg_elements:
            raise Refused(f"has more than {limits.svg_elements:,} elements (counting what its <use> elements"
                           f" repeat and the SVG files it pulls in), the limit set by svg_elements; simplify it or"
                           f" export it as PNG, or {limits.hint('svg_elements')}")
        if depth > limits.svg_depth:
            raise Refused(f"nests elements more than {limits.svg_depth:,} deep (counting what its <use> elements"
                           f" repeat), the limit set by svg_depth; flatten its groups, or {limits.hint('svg_depth')}")

    # -- one file, streamed --------------------------------------------------------------------

    def _scan(self, path: Path, top: bool):
        tree, refs, stack, style, names = _Tree(), [], [], [], []
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        fonts = self.fonts if not top else None

        def refuse_dtd(*_):
            raise Refused(f"line {parser.CurrentLineNumber} has a DOCTYPE that declares entities or other"
                           " definitions, which briefgen refuses (they can expand without bound or read other"
                           " files); delete the [...] part of the DOCTYPE")

        def doctype(_name, _system, _public, internal):
            if internal:
                refuse_dtd()

        def start(name, attrs):
            local = name.rsplit(" ", 1)[-1]
            line = parser.CurrentLineNumber
            node = len(tree.parent)
            if node == 0:
                if local != "svg":
                    raise Refused(f"is not an SVG file: its root element is <{quoted(local)[1:-1]}>")
                if top:
                    self.root_attrs = {k: v for k, v in attrs.items() if " " not in k}
            self.elements += 1
            if self.check and self.elements > self.limits.svg_elements:
                self._bound(self.elements, 0, 0)
            if self.check and len(stack) >= self.limits.svg_depth:
                self._bound(0, 0, len(stack) + 1)
            tree.parent.append(stack[-1] if stack else -1)
            tree.lines.append(line)
            stack.append(node)
            names.append(local)
            for key, value in attrs.items():
                short = key.rsplit(" ", 1)[-1]
                if key == "id":
                    tree.ids.setdefault(value, []).append(node)
                if short == "href" and local != "a":
                    refs.append((node, line, value, local in _FOLLOWED))
                    continue
                if key in ("d", "points"):
                    tree.points[node] = len(_NUMBER.findall(value)) // 2
                    self.points += tree.points[node]
                    if self.check and self.points > self.limits.svg_points:
                        self._bound(0, self.points, 0)
                if key == "style":
                    self._style(_declarations(value), line, fonts)
                elif key in _FONT_PROPS:
                    self._font(key, value.strip(), line, fonts)
                refs.extend((node, line, target, False) for target in _urls(value))
            if local == "style":
                style.append("")

        def end(name):
            node = stack.pop()
            names.pop()
            if name.rsplit(" ", 1)[-1] == "style" and style:
                self._css(style.pop(), tree.lines[node], fonts, refs, node)

        def text(data):
            if style:
                style[-1] += data
            elif names and names[-1] in _TEXT_ELEMENTS and data.strip():
                self.texts.append((path, parser.CurrentLineNumber, data))

        def instruction(target, data):
            if target == "xml-stylesheet":
                for match in _PI_HREF.finditer(data):
                    refs.append((0, parser.CurrentLineNumber, match.group(1) or match.group(2) or "", False))

        parser.StartDoctypeDeclHandler = doctype
        parser.EntityDeclHandler = refuse_dtd
        parser.ExternalEntityRefHandler = refuse_dtd
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = text
        parser.ProcessingInstructionHandler = instruction
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except expat.ExpatError as error:
            if not self.check:
                return _Tree(parent=[-1], lines=[1]), []
            raise Refused(f"is not well-formed XML (line {error.lineno}: {expat.ErrorString(error.code)});"
                           " open it in an editor and save it again as SVG") from None
        if not tree.parent and self.check:
            raise Refused("is not an SVG file: it has no elements")
        self.inputs[path] = digest.hexdigest()
        return tree, refs

    def _style(self, declarations, line: int, fonts) -> None:
        for name, value in declarations:
            lowered = name.lower()
            if self.check and ("href" in lowered or lowered in ("id", "style")):
                raise Refused(f"line {line} sets {quoted(name)} in a style, which briefgen refuses (the SVG reader"
                               " would follow it); give it as an attribute instead")
            if name in _FONT_PROPS:
                self._font(name, value, line, fonts)

    def _css(self, css: str, line: int, fonts, refs, node) -> None:
        import tinycss2

        for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
            if getattr(rule, "type", "") == "at-rule" or not getattr(rule, "prelude", None):
                continue
            parts = tinycss2.serialize(rule.content).split(";")  # as svglib reads them
            self._style([(p.split(":")[0].strip(), p.split(":")[1].strip()) for p in parts if ":" in p],
                        line, fonts)
        refs.extend((node, line, target, False) for target in _urls(css))
        refs.extend((node, line, m.group(1) or m.group(2) or "", False) for m in _IMPORT.finditer(css))

    def _font(self, prop: str, value: str, line: int, fonts) -> None:
        if prop == "font-family" and value:
            names = _font_families(value)
            bad = names is None or [n for n in names if re.search(r"[/\\:\x00-\x1f\x7f]", n) or len(n) > 100]
            if bad and self.check:
                raise Refused(f"line {line} names the font {quoted(value)}, which is not a list of font family"
                               " names; use names such as 'Lato, sans-serif'")
            values = names or []
        else:
            values = [value]
        if fonts is not None:
            fonts[prop].update(values)
            if self.check and math.prod(len(v) + 1 for v in fonts.values()) > MAX_FONT_NAMES:
                raise Refused(f"line {line} uses too many different fonts; use fewer than a few dozen")

    # -- references ----------------------------------------------------------------------------

    def _reference(self, path: Path, chain, tree, node, line, text, followed) -> None:
        if not text:
            return
        iri, _, fragment = text.partition("#")
        if not iri:
            tree.links.setdefault(node, []).append(fragment)
            return
        if text.startswith("data:"):
            if followed:
                self._data(text, line, tree, node)
            return
        if _SCHEME.match(text) and not os.path.isabs(iri):
            if followed and self.check:
                raise Refused(f"line {line} refers to {quoted(text)}; briefgen does not fetch files from the web:"
                               " save the file beside the SVG and refer to it by a relative path")
            return
        if os.path.isabs(iri) or iri.startswith("\\"):
            if self.check:
                raise Refused(f"line {line} refers to {quoted(text)}, an absolute path; refer to files by a path"
                               " relative to the SVG, inside the brief's folder or the project's assets/")
            return
        target = os.path.normpath(os.path.join(os.path.dirname(str(path)), iri))  # what svglib opens
        real = Path(os.path.realpath(target))
        if self.roots is not None and not any(_inside(real, root) for root in self.roots):
            raise Refused(f"line {line} refers to {quoted(text)}, which is outside the brief's folder and the"
                           " project's assets/; copy the file into the brief's folder and refer to it from there,"
                           " or build with --allow-outside")
        if not followed:
            return
        if real == path:
            tree.links.setdefault(node, []).append(fragment)
            return
        if not real.is_file():
            if self.check:
                raise Refused(f"line {line} refers to {quoted(text)}, which does not exist; check the name, or"
                               " remove the reference")
            return
        if target.endswith(".svg"):
            tree.pulls.setdefault(node, []).append(self._pull(real, chain + (path,), line, text))
            return
        if real.suffix.lower() not in _RASTER_SUFFIXES:
            if self.check:
                raise Refused(f"line {line} refers to {quoted(text)}; an SVG may draw only SVG (.svg), PNG and JPEG"
                               " files")
            return
        if self.check:
            from .raster import raster_pixels

            pixels = raster_pixels(real, self.ctx)
            if isinstance(pixels, str):
                raise Refused(f"line {line} pulls in {quoted(text)}, which cannot be used: {pixels}")
        self.inputs[real] = _sha256(real)
        tree.pulls.setdefault(node, []).append((1, 0, 1, pixels if self.check else 0))

    def _pull(self, real: Path, chain, line: int, text: str) -> tuple[int, int, int]:
        if real in chain:
            if self.check:
                raise Refused(f"line {line} pulls in {quoted(text)}, which pulls the SVG back in (a loop); remove"
                               " the reference")
            return 0, 0, 0, 0
        try:
            return self.file(real, chain)
        except Refused as inner:
            inner = str(inner)
            joint = "whose" if inner.startswith("line ") else "which"
            raise Refused(f"line {line} pulls in {quoted(text)}, {joint} {inner}") from None

    def _data(self, text: str, line: int, tree: _Tree, node: int) -> None:
        if not self.check:
            return
        match = _DATA_IMAGE.match(text)
        if not match:
            raise Refused(f"line {line} embeds a data: URI that is not a base64 PNG or JPEG image, which"
                           " briefgen cannot draw; embed a PNG or JPEG instead")
        try:
            data = base64.decodebytes(text[match.end() + 1:].encode("ascii"))
        except (ValueError, binascii.Error):
            raise Refused(f"line {line} embeds an image whose base64 data is damaged; embed it again") from None
        from .raster import raster_bytes_pixels

        pixels = raster_bytes_pixels(data, self.ctx)
        if isinstance(pixels, str):
            raise Refused(f"line {line} embeds an image that cannot be used: {pixels}")
        tree.pulls.setdefault(node, []).append((0, 0, 0, pixels))


def _declarations(text: str):
    """(name, value) pairs of a style attribute, split as svglib splits them."""
    for part in text.split(";"):
        name, sep, value = part.partition(":")
        if sep:
            yield name.strip(), value.strip()


def _urls(text: str) -> list[str]:
    if "url(" not in text.lower():
        return []
    return [next(g for g in m.groups() if g is not None) for m in _URL.finditer(text)]


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _expand(tree: _Tree, caps: tuple, check: bool) -> tuple[int, int, int, int]:
    """(elements, points, depth, pixels) of the root, counting each element once per time it is drawn."""
    count = len(tree.parent)
    if not count:
        return 0, 0, 0, 0
    children = [[] for _ in range(count)]
    for node in range(1, count):
        children[tree.parent[node]].append(node)

    def targets(node):
        return [t for fragment in tree.links.get(node, ()) for t in tree.ids.get(fragment, ())]

    sizes, state, stack = [(0, 0, 0, 0)] * count, bytearray(count), [0]
    while stack:
        node = stack[-1]
        if state[node] == 2:
            stack.pop()
        elif state[node] == 0:
            state[node] = 1
            for nxt in children[node] + targets(node):
                if state[nxt] == 1 and check:
                    raise Refused(f"line {tree.lines[node]} refers to an element that contains it (a loop);"
                                  " remove the reference")
                if state[nxt] == 0:
                    stack.append(nxt)
        else:
            parts = [sizes[child] for child in children[node]] + list(tree.pulls.get(node, ()))
            for fragment in tree.links.get(node, ()):
                found = [sizes[t] for t in tree.ids.get(fragment, ()) if state[t] == 2]
                if found:
                    parts.append(tuple(map(max, zip(*found))))
            elements = min(1 + sum(p[0] for p in parts), caps[0])
            points = min(tree.points.get(node, 0) + sum(p[1] for p in parts), caps[1])
            pixels = min(sum(p[3] for p in parts), 1 << 62)  # shown in messages: not capped at a limit
            sizes[node] = (elements, points, 1 + max((p[2] for p in parts), default=0), pixels)
            state[node] = 2
            stack.pop()
    return sizes[0]


def _font_families(value: str) -> list[str] | None:
    """The names svglib tries for a CSS font-family list (full names, then their words), without
    importing svglib; None when the list is malformed (unbalanced quotes)."""
    import shlex

    names: list[str] = []
    for segment in re.split(r",(?=(?:[^'\"]*['\"][^'\"]*['\"])*[^'\"]*$)", value.strip()):
        try:
            words = shlex.split(segment.strip())
        except ValueError:
            return None
        for name in ([" ".join(words), *words] if words else []):
            if name not in names:
                names.append(name)
    return names
