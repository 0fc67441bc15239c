"""A shared, world-writable parent folder (like /tmp) where someone planted .git and assets/."""
import os
from pathlib import Path

from tests.helpers import secret_png

os.chmod("..", 0o1777)
Path("../.git").mkdir()
Path("../assets").mkdir()
secret_png("../assets/secret.png")
