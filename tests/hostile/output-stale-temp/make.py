"""A build killed (SIGKILL) just before its rename: it leaves a hidden full-size out/.brief.pdf.XXXXXXXX.tmp."""
import os
import signal
import subprocess
import sys

os.makedirs("out")
KILLED = """
import os, signal
import tempfile
handle, temp = tempfile.mkstemp(prefix=".brief.pdf.", suffix=".tmp", dir="out")  # as briefgen.output names it
os.write(handle, b"%PDF-1.4 half-written " * 50000)
os.kill(os.getpid(), signal.SIGKILL)
"""
status = subprocess.run([sys.executable, "-c", KILLED]).returncode
assert status == -signal.SIGKILL, status
assert [n for n in os.listdir("out") if n.startswith(".brief.pdf.") and n.endswith(".tmp")], os.listdir("out")
