"""A report with an owner password only: it opens without a password, but its owner restricted it."""
from pypdf import PdfWriter

writer = PdfWriter()
writer.add_blank_page(595, 842)
writer.encrypt(user_password="", owner_password="owner-secret", algorithm="RC4-128")
writer.write("report.pdf")
