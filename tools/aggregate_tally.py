"""Aggregate the opposition's tally sheets (one row per voting table) into one row per state.

In:  ``tally_sheets_2024.csv`` (24,532 rows: Estado, Municipio, Parroquia, validos,
     nulos, egu, nm, otros; UTF-8 with a byte-order mark), by default from the
     shared data folder next to the repository (``../shared/data/``).
Out: ``assets/data/tally_by_state.csv``: 24 rows, sorted by state, with the
     number of tally sheets (``actas``) and the summed columns, plus a ``state``
     column with the state's name as usually written (accents restored). The
     column totals are checked against the published sums before writing.

Run:  python tools/aggregate_tally.py [SOURCE_CSV] [-o OUTPUT_CSV]
The raw file is not committed (it has no licence); this 24-row aggregate is,
with attribution (see assets/data/README.md).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "tally_sheets_2024.csv"
DEFAULT_OUTPUT = ROOT / "assets" / "data" / "tally_by_state.csv"
COLUMNS = ("validos", "nulos", "egu", "nm", "otros")
#: Column totals published with the data (venezuela_facts.yaml, ds_resultadosconvzla_csv_v1).
EXPECTED = {"actas": 24532, "validos": 10659128, "nulos": 1139, "egu": 7156462, "nm": 3241461, "otros": 261205}
NAMES = {
    "AMAZONAS": "Amazonas", "ANZOATEGUI": "Anzoátegui", "APURE": "Apure", "ARAGUA": "Aragua",
    "BARINAS": "Barinas", "BOLIVAR": "Bolívar", "CARABOBO": "Carabobo", "COJEDES": "Cojedes",
    "DELTA AMACURO": "Delta Amacuro", "DISTRITO CAPITAL": "Distrito Capital", "FALCON": "Falcón",
    "GUARICO": "Guárico", "LA GUAIRA": "La Guaira", "LARA": "Lara", "MERIDA": "Mérida", "MIRANDA": "Miranda",
    "MONAGAS": "Monagas", "NUEVA ESPARTA": "Nueva Esparta", "PORTUGUESA": "Portuguesa", "SUCRE": "Sucre",
    "TACHIRA": "Táchira", "TRUJILLO": "Trujillo", "YARACUY": "Yaracuy", "ZULIA": "Zulia",
}


def aggregate(source: Path) -> list[dict]:
    totals: dict[str, dict] = {}
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            state = row["Estado"].strip()
            if state not in NAMES:
                raise SystemExit(f"{source}:{line}: unknown state {state!r}")
            entry = totals.setdefault(state, {"estado": state, "state": NAMES[state], "actas": 0,
                                              **{c: 0 for c in COLUMNS}})
            entry["actas"] += 1
            for column in COLUMNS:
                try:
                    entry[column] += int(row[column])
                except ValueError:
                    raise SystemExit(f"{source}:{line}: column {column!r}: expected a whole number,"
                                     f" found {row[column]!r}") from None
    return [totals[state] for state in sorted(totals)]


def check(rows: list[dict]) -> None:
    for column, expected in EXPECTED.items():
        found = sum(row[column] for row in rows)
        if found != expected:
            raise SystemExit(f"column {column!r} sums to {found:,}, expected {expected:,}; is the source file"
                             " the published one?")
    if len(rows) != 24:
        raise SystemExit(f"expected 24 states, found {len(rows)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="the raw tally-sheet CSV")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write the aggregate")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"{args.source}: file not found", file=sys.stderr)
        return 2
    rows = aggregate(args.source)
    check(rows)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fields = ["estado", "state", "actas", *COLUMNS]
    with args.output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {args.output} ({len(rows)} states, {EXPECTED['actas']:,} tally sheets; totals match)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
