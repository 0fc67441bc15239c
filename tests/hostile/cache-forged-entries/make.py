"""Poison the user's cache itself ($BRIEFGEN_CACHE_DIR), as someone who can write there but cannot read
the user's key might: a first build fills it, then every chart and image entry is rewritten to draw a
POISONED marker, with its old tag, with a plain SHA-256 for a tag, or in the old untagged format."""
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from briefgen import cache
from briefgen.charts import displaylist

subprocess.run([sys.executable, "-m", "briefgen", "build", "brief.yaml", "-o", "scratch-out"], check=True,
               env=os.environ, stdout=subprocess.DEVNULL)
shutil.rmtree("scratch-out")
root = Path(os.environ["BRIEFGEN_CACHE_DIR"])
start = len(cache.HEADER) + cache.TAG_SIZE
for section, marker in (("charts", "POISONED-CHART"), ("images", "POISONED-IMAGE")):
    entries = sorted((root / section).glob("*.json"))  # display lists and ready forms alike
    assert entries, section
    for n, entry in enumerate(entries):
        poison = displaylist.dump_items([["s", 10, 10, marker, "start", "Helvetica", 12, [0, 0, 0, 1]]],
                                        200, 60, None, None)
        label = f"{section}/{entry.name}\0".encode()
        blob = entry.read_bytes()
        forged = [blob[:start] + poison, cache.HEADER + hashlib.sha256(label + poison).digest() + poison, poison]
        entry.write_bytes(forged[n % 3] if len(entries) > 1 else forged[(0 if section == "charts" else 1)])
[patterns] = (root / "hyphenation").glob("*.txt")
patterns.write_bytes(patterns.read_bytes() + b"".join(b"\n%s 1 1" % bytes([c]) for c in b"aeiou"))  # break anywhere
