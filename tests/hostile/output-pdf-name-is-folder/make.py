"""A folder sits where the PDF would go: dest/brief.pdf/."""
from pathlib import Path

Path("dest/brief.pdf").mkdir(parents=True)
