"""Footnotes at the foot of the page that prints their citation, with room taken only there."""

import re

from tests.helpers import build_bytes, page_texts, write_brief

FILLER = " ".join(f"Sentence {n} of the opening text, which fills the first page." for n in range(1, 60))
RUNNING = " ".join(f"Clause {n} of a paragraph that runs over to the next page." for n in range(1, 40))


def brief(tmp_path, filler_words: int, *, note: bool):
    filler = " ".join(FILLER.split()[:filler_words])
    cite = "[^late]" if note else ""
    notes = "footnotes:\n  late: The late note, cited on the second page.\n" if note else ""
    return write_brief(tmp_path, f"""\
meta:
  title: Notes and page turns
  date: 2025-04-30
  organisation: {{name: Example Institute}}
sections:
  - heading: Only section
    blocks:
      - prose: {filler}
      - prose: {RUNNING} The note is cited here, at the end.{cite}
{notes}""", name=f"brief-{filler_words}-{note}.yaml")


def pages(data) -> list[str]:
    return [re.sub(r"\s+", " ", text) for text in page_texts(data)]


def test_a_note_cited_after_the_page_turn_takes_no_room_on_the_first_page(tmp_path):
    for words in (250, 330, 410):  # the running paragraph starts at different heights on page 1
        with_note = pages(build_bytes(brief(tmp_path, words, note=True), tmp_path / f"{words}-note"))
        without = pages(build_bytes(brief(tmp_path, words, note=False), tmp_path / f"{words}-plain"))
        assert "Clause 1 of" in with_note[0] and "at the end." in with_note[1]  # it does run over
        assert "The late note" not in with_note[0]
        assert "1 The late note, cited on the second page." in with_note[1]
        # the first page breaks the paragraph exactly where it would without any note
        assert with_note[0].split("Clause")[-1] == without[0].split("Clause")[-1]
