"""A file outside the brief's folder that an external entity names."""
from pathlib import Path

Path("../secret.txt").write_text("SECRET-OUTSIDE")
