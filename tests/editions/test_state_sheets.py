"""The sample editions (#12, check 1 and 2): `briefgen build briefs/state-sheets.yaml -j 2` writes 24 one-page
sheets and a manifest; each names its state with that state's figures from assets/data; a rebuild gives the same
SHA-256 values."""

import csv
import hashlib
import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT, page_texts

BRIEF = ROOT / "briefs" / "state-sheets.yaml"
DATA = ROOT / "assets" / "data" / "tally_by_state.csv"
#: States whose sheets are read back: the first and last rows, the narrowest and widest margins, accents.
CHECKED = ("Amazonas", "Distrito Capital", "Sucre", "Táchira", "Zulia")


def _build(out) -> dict:
    done = subprocess.run([sys.executable, "-m", "briefgen", "build", str(BRIEF), "-j", "2", "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads((out / "state-sheets.manifest.json").read_text(encoding="utf-8"))


def _expected(row) -> list[str]:
    """The figures a sheet must print for ``row`` of the CSV, computed here from the raw sums."""
    valid, egu, nm, others = (int(row[k]) for k in ("validos", "egu", "nm", "otros"))

    def share(votes):
        return f"{100 * votes / valid:.1f}%"

    return [f"In {row['state']}, the {int(row['actas']):,} tally sheets", f"{valid:,} valid votes",
            f"{share(egu)} for Edmundo González Urrutia", f"{share(nm)} for Nicolás Maduro",
            f"a margin of {100 * (egu - nm) / valid:.1f} percentage points",
            f"Edmundo González Urrutia {egu:,} {share(egu)}", f"Nicolás Maduro {nm:,} {share(nm)}",
            f"Other candidates {others:,} {share(others)}", f"Valid votes {valid:,} 100.0%",
            f"+{100 * (egu - nm) / valid:.1f}"]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    out = tmp_path_factory.mktemp("sheets")
    return out, _build(out)


def test_24_sheets_and_a_manifest(sheets):
    out, manifest = sheets
    with open(DATA, encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 24 and len(manifest["editions"]) == 24
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(e["file"] for e in manifest["editions"])
    for entry, row in zip(manifest["editions"], rows):
        assert {k: entry["row"][k] for k in row} == row  # the data row, as written
        assert entry["row"]["margin"] == pytest.approx(100 * (int(row["egu"]) - int(row["nm"])) / int(row["validos"]))
        assert entry["sha256"] == hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest()
    assert manifest["editions"][20]["file"] == "state-sheet-tachira.pdf"


def test_each_sheet_names_its_state_and_shows_its_figures(sheets):
    out, manifest = sheets
    with open(DATA, encoding="utf-8") as file:
        rows = {row["state"]: row for row in csv.DictReader(file)}
    by_state = {entry["row"]["state"]: entry["file"] for entry in manifest["editions"]}
    for state in CHECKED:
        pages = page_texts((out / by_state[state]).read_bytes())
        assert len(pages) == 1, state  # a one-page fact sheet
        text = " ".join(pages[0].split())
        assert text.startswith(f"OBSERVATORIO DE DERECHOS Y DEMOCRACIA STATE FACT SHEET {state} The presidential"
                               " election of 28 July 2024"), text[:200]
        for figure in _expected(rows[state]):
            assert figure in text, (state, figure)
        others = [name for name in rows if name != state and name not in state and state not in name]
        assert not any(f" {name} " in text for name in others), state  # no other state's name


def test_a_rebuild_gives_the_same_bytes(sheets, tmp_path):
    out, manifest = sheets
    again = _build(tmp_path / "again")
    assert [e["sha256"] for e in again["editions"]] == [e["sha256"] for e in manifest["editions"]]
    assert (tmp_path / "again" / "state-sheets.manifest.json").read_bytes() == \
        (out / "state-sheets.manifest.json").read_bytes()
