"""Plant a poisoned .briefgen-cache/ beside the brief, as a partner's zip can hold it.

A scratch build finds the names the build looks up (the chart's and the SVG's cache keys); the
planted entries carry those names, in the plain format older briefgen wrote and read from here,
and draw the POISONED markers instead of the brief's chart and figure.
"""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from briefgen.charts import displaylist

Path("assets").mkdir(exist_ok=True)  # a project folder, as the template makes: older briefgen kept its cache beside it
scratch = Path("scratch-cache").resolve()
subprocess.run([sys.executable, "-m", "briefgen", "build", "brief.yaml", "-o", "scratch-out"], check=True,
               env={**os.environ, "BRIEFGEN_CACHE_DIR": str(scratch)}, stdout=subprocess.DEVNULL)
for section, marker in (("charts", "POISONED-CHART"), ("images", "POISONED-IMAGE")):
    poison = displaylist.dump_items([["s", 10, 10, marker, "start", "Helvetica", 12, [0, 0, 0, 1]]],
                                    200, 60, None, None)
    entries = list((scratch / section).glob("*.rl.json"))
    assert entries, section
    for entry in entries:
        planted = Path(".briefgen-cache") / section / entry.name
        planted.parent.mkdir(parents=True, exist_ok=True)
        planted.write_bytes(poison)
shutil.rmtree(scratch)
shutil.rmtree("scratch-out")
