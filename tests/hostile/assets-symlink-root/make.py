"""assets -> / beside the brief, and a brief naming a file outside through it."""
import os
from pathlib import Path

from tests.helpers import secret_png

secret_png("../secret.png")
os.symlink("/", "assets")
inside = Path("../secret.png").resolve().relative_to("/")
Path("brief.yaml").write_text(Path("brief.in").read_text().replace("SECRET", str(inside)))
