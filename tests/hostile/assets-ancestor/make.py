"""An assets/ folder in the parent folder, which is no project (no pyproject.toml, no .git)."""
from pathlib import Path

from tests.helpers import secret_png

Path("../assets").mkdir()
secret_png("../assets/secret.png")
