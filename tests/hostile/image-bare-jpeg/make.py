"""The first 20 bytes of a JPEG: SOI and an APP0 segment, nothing else."""
from pathlib import Path

Path("bare.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
