"""The brief arrives under a file name holding OSC 52, a newline with a fake "ok" and a bidi override."""
from pathlib import Path

Path("brief.yaml").rename("\x1b]52;c;ZXZpbA==\x07\nbrief.yaml: ok\u202e.yaml")
