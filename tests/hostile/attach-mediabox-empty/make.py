"""A three-page report whose third page has a 0x0 MediaBox."""
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, NameObject, NumberObject

writer = PdfWriter()
for _ in range(3):
    writer.add_blank_page(595, 842)
writer.pages[2][NameObject("/MediaBox")] = ArrayObject([NumberObject(0)] * 4)
writer.write("report.pdf")
