"""40 justified paragraphs of 1,400 words each that total fit cannot set within its limits (long numbers,
capitals): every paragraph would run all four passes. Before the total_fit_words budget, 7.7 s."""
import random
from pathlib import Path

from tests.helpers import HOSTILE_HEAD as HEAD

WORDS = ("the election observers international standards detentions releases government opposition tally sheets"
         " 2,229 (51.95%) Venezuela").split()
rng = random.Random(9)
Path("brief.yaml").write_text(HEAD + "".join(
    "      - prose: " + " ".join(rng.choice(WORDS) for _ in range(1_400)) + "\n" for _ in range(40)),
    encoding="utf-8")
