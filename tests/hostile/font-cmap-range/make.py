"""Lato whose cmap is one format-13 group listing characters 0..0x7FFFFFFF (122 KB), and copies of Lato."""
import shutil
from pathlib import Path

from tests.helpers import ROOT
from tests.media.test_fonts import groups, with_cmap

for name in ("italic.ttf", "bold.ttf", "bold-italic.ttf"):
    shutil.copy(ROOT / "briefgen" / "assets" / "fonts" / "Lato-Regular.ttf", name)
Path("evil.ttf").write_bytes(with_cmap(groups(13, (0, 0x7FFFFFFF, 1))))
