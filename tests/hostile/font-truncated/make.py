"""Lato cut in half, and whole copies for the other styles."""
import shutil
from pathlib import Path

from tests.helpers import ROOT

LATO = ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf"
for name in ("italic.ttf", "bold.ttf", "bold-italic.ttf"):
    shutil.copy(LATO, name)
data = LATO.read_bytes()
Path("cut.ttf").write_bytes(data[: len(data) // 2])
