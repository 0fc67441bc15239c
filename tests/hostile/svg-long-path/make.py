"""One path of 300,000 points (3 MB): under the byte limit, over the point limit."""
from pathlib import Path

points = " ".join(f"L{i % 2000} {i % 997}" for i in range(300_000))
Path("figure.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="1000">\n' f'<path d="M0 0 {points}" stroke="black" fill="none"/>\n</svg>\n')
