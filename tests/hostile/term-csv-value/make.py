"""A partner's CSV whose cell holds ESC[2J and OSC 52 (kept out of git: raw control bytes)."""
from pathlib import Path

Path("data.csv").write_bytes(b"label,value\nA,1\nB,\x1b[2J\x1b]52;c;ZXZpbA==\x07\xc2\x9b\n")
