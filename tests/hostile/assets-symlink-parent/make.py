"""assets -> ../shared beside the brief: a folder outside the brief's tree."""
import os
from pathlib import Path

from tests.helpers import secret_png

Path("../shared").mkdir()
secret_png("../shared/secret.png")
os.symlink("../shared", "assets")
