"""The brief's work budget: every total checked together, not only each on its own.

In:  a checked brief and its check context (the totals its checks counted in ``ctx.extra``).
Out: one positioned error when the brief as a whole would take too long to build, or nothing.

Each brief-wide limit is set so that a brief at that limit alone builds in about
three seconds on a small machine. A brief just under several limits at once would
add those times up, so the shares of the limits it uses are summed (the layout
ones twice with a table of contents, which lays the brief out twice) and the sum
is bounded by ``limits.brief_work`` percent.
"""

from __future__ import annotations

#: Totals that cost layout time (paid twice with a table of contents), and those that cost drawing time.
LAYOUT = ("sections", "blocks", "footnotes", "sources", "table_cells", "paragraphs")
DRAWING = ("chart_text", "brief_svg_elements", "brief_svg_points", "brief_pixels")  # chart_text counts each chart


def shares(brief, ctx) -> dict:
    """The percentage of each limit the brief uses, as ``{limit name: percent}``."""
    limits, extra = ctx.limits, ctx.extra
    used = {
        "sections": sum(1 + len(section.sections) for section in brief.sections),
        "blocks": len(brief.blocks()),
        "footnotes": len(brief.footnotes or {}),
        "sources": len(brief.sources or []),
        "table_cells": sum(len(t.columns) * len(t.rows) for t in brief.blocks("table")),
        "paragraphs": extra.get("paragraphs", 0),
        "chart_text": extra.get("chart_text", 0),
        "brief_svg_elements": extra.get("svg_elements", 0),
        "brief_svg_points": extra.get("svg_points", 0),
        "brief_pixels": extra.get("raster_pixels", 0),
    }
    return {name: 100 * count / getattr(limits, name) for name, count in used.items() if count}


def check_budget(brief, ctx) -> None:
    """Record an error at the top of the brief if its shares of the limits add up past ``brief_work``."""
    found = shares(brief, ctx)
    toc = bool(getattr(brief.meta, "toc", False))
    total = sum(share * (2 if toc and name in LAYOUT else 1) for name, share in found.items())
    limit = ctx.limits.brief_work
    if total <= limit:
        return
    biggest = [item for item in sorted(found.items(), key=lambda item: -item[1]) if item[1] >= 1][:4]
    listed = ", ".join(f"{share:.0f}% of {name}" for name, share in biggest)
    doubled = " (the layout shares count twice, as 'toc: true' lays the brief out twice)" if toc else ""
    ctx.error((), f"the brief as a whole would take too long to build: it uses {listed} and more, {total:.0f}% of"
                  f" one limit's work together{doubled}, more than {limit}% (brief_work); split it into several"
                  f" briefs, or {ctx.limits.hint('brief_work')}", at=(1, 1))
