"""pdf: what is written into the PDF file beyond ReportLab's output.

In:  the PDF bytes ReportLab wrote (opened with pikepdf).
Out: the same document with its archival parts (XMP metadata, output intent,
     associated files, annotation flags, ToUnicode fixes), saved deterministically.
"""
