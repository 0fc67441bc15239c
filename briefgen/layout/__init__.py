"""Stage 5, layout: a checked brief in, ReportLab flowables and page templates out.

- :mod:`.fonts` and :mod:`.styles`: the theme as registered fonts and paragraph styles;
- :mod:`.context`: :class:`LayoutDoc`, what every block's ``layout()`` receives;
- :mod:`.story`: cover, contents, sections and back matter as a list of flowables;
- :mod:`.page`: the document template with running heads and page-foot footnotes;
- :mod:`.flowables` and :mod:`.images`: boxes, the cover band, pictures.
"""
