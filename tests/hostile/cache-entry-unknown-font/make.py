"""Entries that pass the tag check but hold what no drawing should: a font that is not registered,
NaN, a path whose points do not match its operators, a colour out of range. Written with the user's
own key (as with a stolen key, or a cache that only has hashes). Before, an unknown font crashed
every build."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from briefgen import cache

subprocess.run([sys.executable, "-m", "briefgen", "build", "brief.yaml", "-o", "scratch-out"], check=True,
               env=os.environ, stdout=subprocess.DEVNULL)
shutil.rmtree("scratch-out")
root = Path(os.environ["BRIEFGEN_CACHE_DIR"])
BAD = [
    '["s", 10, 10, "POISONED-FONT", "start", "NoSuchFont", 12, [0, 0, 0, 1]]',
    '["s", NaN, 10, "POISONED-NAN", "start", "Helvetica", 12, [0, 0, 0, 1]]',
    '["p", [0, 0, 10], [0, 1, 2], [0, 0, 0, 1], 1, null, 1, 0, 0, 4, null, 1, 1, 0]',
    '["s", 10, 10, "POISONED-COLOUR", "start", "Helvetica", 12, [7, 0, 0, 1]]',
]
for stale in [*root.glob("charts/*.form.json"), *root.glob("images/*.form.json")]:
    stale.unlink()  # ready forms are read first: without them the display lists below are what is checked
for offset, section in ((0, "charts"), (2, "images")):
    for n, entry in enumerate(sorted((root / section).glob("*.rl.json")), offset):
        key, fmt = entry.name.split(".", 1)
        data = ('{"format": "briefgen-displaylist-3", "width": 200, "height": 60, "font": ["NoSuchFont", 8], '
                f'"contents": [{BAD[n % len(BAD)]}, {BAD[(n + 1) % len(BAD)]}]}}').encode()
        assert cache.write(entry.parent, key, fmt, data) and cache.read(entry.parent, key, fmt) == data
