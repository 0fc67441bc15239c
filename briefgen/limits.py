"""Work limits: how much a brief may make briefgen do, and how to raise each bound.

In:  defaults (below), ``BRIEFGEN_LIMIT_<NAME>`` environment variables, and
     ``--limit name=value`` options from the command line.
Out: a frozen :class:`Limits`, carried by the check context (``ctx.limits``) and
     the loaded brief (``brief.limits``) to every stage that reads or lays out input.

A brief from outside is untrusted (see ``docs/security.md``): every input is
bounded by the work it causes, not only by its size, and hitting a bound is a
positioned error that names the limit and how to raise it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace


def _limit(default: int, doc: str):
    from dataclasses import field

    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class Limits:
    """Every bound on input, with its default. Field names are the ``--limit`` names."""

    yaml_bytes: int = _limit(2_000_000, "Largest YAML file (brief, theme, chart), in bytes.")
    yaml_expanded: int = _limit(
        4_000_000, "Most a YAML document may expand to once aliases are followed, counted as 10 for each"
                   " value plus 1 for each character of text.")
    yaml_depth: int = _limit(64, "Deepest nesting of lists and mappings in a YAML document.")
    markdown_depth: int = _limit(20, "Deepest nesting of emphasis, links and lists in one Markdown text.")
    text_chars: int = _limit(200_000, "Longest single text (a paragraph, cell or caption), in characters.")
    total_fit_words: int = _limit(15_000, "Most words of justified text set by total-fit line breaking in one"
                                  " brief (each costs up to about 0.1 ms); the rest is set first fit, line by"
                                  " line.")
    markdown_work: int = _limit(1_000_000, "Most Markdown in one brief, all its texts together, counted as 500"
                                           " for each text, 1 for each character and 20 for each markup character (brackets,"
                                           " emphasis marks, quotes, line breaks...), which cost far more to read.")
    csv_bytes: int = _limit(5_000_000, "Most bytes of CSV data in one brief (all its files together).")
    csv_rows: int = _limit(50_000, "Most rows in one CSV data file.")
    csv_columns: int = _limit(1_000, "Most columns in one CSV data file (or series in inline data).")
    table_rows: int = _limit(2_000, "Most rows in one table.")
    chart_categories: int = _limit(200, "Most categories (bars, dots) in one chart: more cannot be read on a page.")
    chart_points: int = _limit(100_000, "Most data points in all the charts of one brief together.")
    chart_series: int = _limit(50, "Most series (lines, bars side by side, dots per row) in one chart.")
    chart_notes: int = _limit(50, "Most annotations and reference lines in one chart.")
    chart_label_chars: int = _limit(100, "Longest category or series name in a chart, in characters (a real one"
                                         " is under 80).")
    chart_text: int = _limit(12_000, "Most text in all the charts of one brief together, in characters (categories,"
                                     " series names, titles, notes...), each chart counting 300 more and each"
                                     " category 30 more per series for its marks and labels: drawing costs about"
                                     " 0.05 ms a character.")
    image_bytes: int = _limit(20_000_000, "Largest PNG or JPEG file, in bytes.")
    image_pixels: int = _limit(25_000_000, "Most pixels in one PNG or JPEG (width times height), checked"
                                           " before decoding.")
    image_side: int = _limit(30_000, "Longest side of one PNG or JPEG, in pixels, checked before decoding (a long"
                                     " thin image costs far more to decode than its pixels suggest).")
    image_scans: int = _limit(100, "Most scans in one JPEG, checked before decoding (a progressive JPEG is decoded"
                                   " once per scan; encoders write about 10).")
    brief_pixels: int = _limit(40_000_000, "Most pixels in all the images of one brief together, counting an"
                                           " image again each time it is used.")
    svg_bytes: int = _limit(5_000_000, "Largest SVG file, in bytes, counting the SVG files it pulls in.")
    svg_elements: int = _limit(4_000, "Most elements in one SVG, counting what <use> repeats and the SVG files"
                                      " it pulls in.")
    svg_points: int = _limit(100_000, "Most points in the paths and polygons of one SVG, counting those it"
                                      " pulls in.")
    svg_depth: int = _limit(100, "Deepest nesting of elements in one SVG, counting what <use> repeats.")
    svg_image_pixels: int = _limit(3_000_000, "Most pixels in the PNG and JPEG images that a brief's SVGs draw, all"
                                              " together, counting an image each time it is drawn (svglib embeds"
                                              " every drawing anew: about a second a million pixels).")
    brief_svg_elements: int = _limit(4_000, "Most elements in all the SVGs of one brief together, counting an SVG"
                                            " again each time it is used (each costs about a millisecond to draw).")
    brief_svg_points: int = _limit(150_000, "Most points in the paths of all the SVGs of one brief together (each"
                                            " use counts).")
    brief_work: int = _limit(150, "Most work in one brief, as the sum of the percentages of the brief-wide limits"
                                  " it uses (sections, blocks, footnotes, sources, table cells, paragraphs,"
                                  " charts, chart text, SVG elements and points, pixels); with a table of"
                                  " contents the layout ones count twice.")
    charts: int = _limit(20, "Most charts in one brief (each costs 50-150 ms to draw, and 0.2-0.5 s to export).")
    export_files: int = _limit(24, "Most chart files one `briefgen charts` run makes (charts times formats).")
    report_bytes: int = _limit(50_000_000, "Largest report PDF that `briefgen attach` extends, in bytes.")
    report_pages: int = _limit(1_000, "Most pages in a report PDF that `briefgen attach` extends.")
    font_bytes: int = _limit(30_000_000, "Largest font file, in bytes.")
    font_characters: int = _limit(200_000, "Most characters one font's character map (cmap) may list, counted before"
                                           " the font is read (each costs about 3 microseconds and 300 bytes).")
    footnotes_per_block: int = _limit(40, "Most footnotes one block may cite (more go to endnotes).")
    blocks: int = _limit(1_000, "Most blocks in one brief, all sections together (each costs up to about 1.5 ms"
                                " to lay out, twice with a table of contents).")
    sections: int = _limit(300, "Most sections in one brief, subsections included.")
    footnotes: int = _limit(1_000, "Most footnotes in one brief.")
    sources: int = _limit(1_000, "Most entries in the sources list of one brief.")
    paragraphs: int = _limit(3_000, "Most paragraphs in one brief, counting list items, callout items and"
                                    " recommendations (each costs about 0.3 ms to lay out).")
    table_cells: int = _limit(8_000, "Most cells in all the tables of one brief together (each costs about 0.2 ms"
                                      " to lay out).")

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def describe(cls) -> list[tuple[str, int, str, str]]:
        """(name, default, environment variable, doc) for every limit, for the docs and ``--help``."""
        return [(f.name, f.default, env_name(f.name), f.metadata["doc"]) for f in fields(cls)]

    @classmethod
    def from_env(cls, environ=None, overrides: dict | None = None) -> "Limits":
        """The defaults, raised or lowered by ``BRIEFGEN_LIMIT_*`` and then by ``overrides``.

        Raises ValueError with a readable message for an unknown name or a value
        that is not a positive whole number.
        """
        environ = os.environ if environ is None else environ
        values = {}
        for name in cls.names():
            text = environ.get(env_name(name), "").strip()
            if text:
                values[name] = _positive(text, env_name(name))
        for name, value in (overrides or {}).items():
            if name not in cls.names():
                from .errors import did_you_mean

                raise ValueError(f"unknown limit {name!r}{did_you_mean(name, cls.names())}")
            values[name] = _positive(value, name) if isinstance(value, str) else int(value)
        return replace(cls(), **values)

    def hint(self, name: str) -> str:
        """The sentence that ends a limit error: how to raise the limit."""
        return f"raise the limit with --limit {name}=N or {env_name(name)}=N if the input is trusted"


def env_name(name: str) -> str:
    return f"BRIEFGEN_LIMIT_{name.upper()}"


def _positive(text: str, where: str) -> int:
    cleaned = str(text).replace("_", "").replace(",", "").strip()
    if not cleaned.isdigit() or int(cleaned) <= 0:
        raise ValueError(f"{where}: expected a positive whole number, found {text!r}")
    return int(cleaned)


def parse_limit_option(text: str) -> tuple[str, int]:
    """``name=value`` from the command line, as (name, value); ValueError if malformed."""
    name, sep, value = text.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or not name:
        raise ValueError(f"expected NAME=VALUE, found {text!r}")
    if name not in Limits.names():
        from .errors import did_you_mean

        raise ValueError(f"unknown limit {name!r}{did_you_mean(name, Limits.names())}")
    return name, _positive(value, name)
