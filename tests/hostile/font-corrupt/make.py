"""Lato with its first four table records overwritten, and whole copies for the other styles."""
import shutil
from pathlib import Path

from tests.helpers import ROOT

LATO = ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf"
for name in ("italic.ttf", "bold.ttf", "bold-italic.ttf"):
    shutil.copy(LATO, name)
data = bytearray(LATO.read_bytes())
data[12:12 + 16 * 4] = bytes(range(64))
Path("junk.ttf").write_bytes(bytes(data))
