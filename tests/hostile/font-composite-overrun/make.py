"""Lato whose glyphs from glyph 2 on are one composite glyph whose parts never end, and copies of Lato."""
import shutil
from pathlib import Path

from tests.helpers import ROOT
from tests.media.test_fonts import composite_loop

for name in ("italic.ttf", "bold.ttf", "bold-italic.ttf"):
    shutil.copy(ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf", name)
Path("evil.ttf").write_bytes(composite_loop())
