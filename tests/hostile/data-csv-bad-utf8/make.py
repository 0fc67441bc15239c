"""A CSV saved as Latin-1: 'Mérida' is not valid UTF-8."""
from pathlib import Path

Path("latin1.csv").write_bytes("category,value\nCaracas,1\nMérida,2\n".encode("latin-1"))
