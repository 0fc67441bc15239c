"""A table of 100 text columns: too many for the text column, refused at load time."""
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

columns = "[" + ", ".join(f"{{header: h{i}}}" for i in range(100)) + "]"
row = "[" + ", ".join("abcdefgh" for _ in range(100)) + "]"
Path("brief.yaml").write_text(HEAD + "      - table:\n          title: T\n          columns: " + columns
                              + "\n          rows: [&r " + row + ", " + ", ".join("*r" for _ in range(1999)) + "]\n",
                              encoding="utf-8")
