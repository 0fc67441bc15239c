"""A CSV with a NUL byte in a cell on line 102, past the first bytes a quick sniff of the file reads."""
from pathlib import Path

rows = b"".join(b"place %03d,%d\n" % (i, i) for i in range(100))
Path("nul.csv").write_bytes(b"category,value\n" + rows + b"b,2\x003\nc,4\n")
