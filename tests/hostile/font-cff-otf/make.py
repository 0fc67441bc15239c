"""An OpenType header with CFF outlines (OTTO), and TrueType copies for the other styles."""
import shutil
from pathlib import Path

from tests.helpers import ROOT

LATO = ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf"
for name in ("italic.ttf", "bold.ttf", "bold-italic.ttf"):
    shutil.copy(LATO, name)
Path("cff.otf").write_bytes(b"OTTO\x00\x09\x00\x80\x00\x03\x00\x10" + bytes(16 * 9))
