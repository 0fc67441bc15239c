"""A plain three-page report (the brief is what is wrong here)."""
from pypdf import PdfWriter

writer = PdfWriter()
for _ in range(3):
    writer.add_blank_page(595, 842)
writer.write("report.pdf")
