"""pdf: what makes a brief's PDF tagged and archival, beyond what ReportLab writes.

In:  structure elements made while the story is built (:mod:`.structure`), the page content
     ReportLab draws through :class:`.marking.TaggingCanvas`, and then the PDF bytes it wrote.
Out: the finished PDF (:func:`.conform.conform`): the structure tree (:mod:`.tags`), XMP
     metadata with the claims, the sRGB output intent, associated files, annotation flags
     and ToUnicode fixes (:mod:`.archive`), saved deterministically; and single charts as
     tagged PDFs of their own (:mod:`.figure`).
"""
