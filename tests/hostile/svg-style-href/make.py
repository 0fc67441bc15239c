"""An SVG outside the brief's folder holding a marker that must never reach the PDF."""
from pathlib import Path

Path("../outside.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
                                  '<text id="secret" x="10" y="50">SECRET-OUTSIDE</text></svg>')
