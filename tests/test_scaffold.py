"""`briefgen new` (briefgen.scaffold): a valid starting brief, in four languages, that never overwrites."""

import csv
import datetime
import io
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

import briefgen
from briefgen.resources import SCHEMA_FILE
from briefgen.scaffold import LANGUAGES, ScaffoldError, brief_text, new_brief
from briefgen.text.i18n import label
from tests.helpers import page_texts, run_cli

FILES = ["brief.yaml", "brief.schema.json", "data/sample.csv", "assets/README.md"]
DAY = datetime.date(2026, 1, 2)


def _tree(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_brief_loads_without_a_warning_in_each_language(tmp_path, lang):
    written = new_brief(tmp_path / "x", lang, today=DAY)
    assert [p.relative_to(tmp_path / "x").as_posix() for p in written] == FILES
    brief = briefgen.load(written[0])
    assert brief.warnings == []
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    assert data["meta"]["language"] == lang and data["meta"]["date"] == DAY
    # Its own copy of the schema, which the editor comment on line 1 names, and which the brief satisfies.
    first = written[0].read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=brief.schema.json"
    assert (tmp_path / "x" / "brief.schema.json").read_bytes() == SCHEMA_FILE.read_bytes()
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data["meta"]["date"] = DAY.isoformat()  # YAML reads a date; the schema describes the text written
    assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_alt_text_tells_the_sample_data(tmp_path, lang):
    written = new_brief(tmp_path / "x", lang, today=DAY)
    rows = list(csv.DictReader(io.StringIO(written[2].read_text(encoding="utf-8"))))
    chart = yaml.safe_load(written[0].read_text(encoding="utf-8"))["sections"][0]["blocks"][1]["chart"]
    ordered = sorted(rows, key=lambda row: -int(row["count"]))
    assert chart["alt"].endswith(", ".join(f"{row['region']} {row['count']}" for row in ordered) + ".")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_new_brief_builds_in_its_language(tmp_path, lang):
    written = new_brief(tmp_path / "x", lang, today=DAY)
    pdf = briefgen.build(written[0], tmp_path / "out")
    text = " ".join(page_texts(pdf.read_bytes()))
    heading = {"en": "Background", "fr": "Contexte"}[lang]
    assert heading in text and label(lang, "summary").upper() in text.upper()
    assert {"en": "2 January 2026", "fr": "2 janvier 2026"}[lang] in text


def test_existing_files_are_listed_and_nothing_is_written(tmp_path):
    folder = tmp_path / "x"
    (folder / "data").mkdir(parents=True)
    (folder / "brief.yaml").write_text("mine\n", encoding="utf-8")
    (folder / "data" / "sample.csv").write_text("mine too\n", encoding="utf-8")
    before = _tree(folder)
    with pytest.raises(ScaffoldError) as error:
        new_brief(folder, "en")
    assert str(error.value) == (f"{folder / 'brief.yaml'}, {folder / 'data' / 'sample.csv'} already exist;"
                                " briefgen new never overwrites files, so nothing was written (choose a new"
                                " folder, or move them away)")
    assert error.value.existing == [folder / "brief.yaml", folder / "data" / "sample.csv"]
    assert _tree(folder) == before and not (folder / "assets").exists()


def test_a_broken_link_counts_as_existing(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    (folder / "brief.schema.json").symlink_to(tmp_path / "elsewhere.json")
    with pytest.raises(ScaffoldError, match="brief.schema.json already exists"):
        new_brief(folder)
    assert not (tmp_path / "elsewhere.json").exists() and sorted(p.name for p in folder.iterdir()) == [
        "brief.schema.json"]


def test_a_file_in_the_way(tmp_path):
    (tmp_path / "x").write_text("a file", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="x exists and is not a folder"):
        new_brief(tmp_path / "x")
    (tmp_path / "y").mkdir()
    (tmp_path / "y" / "data").write_text("a file", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="data exists and is not a folder; nothing was written"):
        new_brief(tmp_path / "y")
    assert sorted(p.name for p in (tmp_path / "y").iterdir()) == ["data"]


def test_an_existing_folder_with_other_files_is_fine(tmp_path):
    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    new_brief(tmp_path, "pt", today=DAY)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep"
    assert "Recomendações" in (tmp_path / "brief.yaml").read_text(encoding="utf-8")


def test_unknown_language():
    with pytest.raises(ValueError, match="unknown language 'de'; choose one of en, es, fr, pt"):
        brief_text("de")


# The command line (briefgen/cli.py wires `new` to briefgen.scaffold.new_brief).

def test_cli_new_then_validate(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = run_cli(["new", "x", "--lang", "es"], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines() == [*(f"wrote {Path('x', name)}" for name in FILES),
                                "next: briefgen build x/brief.yaml"]
    assert yaml.safe_load((tmp_path / "x" / "brief.yaml").read_text(encoding="utf-8"))["meta"]["language"] == "es"
    status, out, err = run_cli(["validate", "--strict", "x/brief.yaml"], capsys)
    assert (status, out, err) == (0, "x/brief.yaml: ok\n", "")


def test_cli_new_refuses_to_overwrite(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "brief.yaml").write_text("mine\n", encoding="utf-8")
    status, out, err = run_cli(["new", "x"], capsys)
    assert (status, out) == (2, "")
    assert err == ("briefgen new: x/brief.yaml already exists; briefgen new never overwrites files, so nothing"
                   " was written (choose a new folder, or move them away)\n")
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["brief.yaml"]


def test_cli_new_unknown_language(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, out, err = run_cli(["new", "x", "--lang", "de"], capsys)
    assert status == 2 and "argument --lang: invalid choice: 'de'" in err
    assert not (tmp_path / "x").exists()


def test_public_api(tmp_path):
    assert {"new_brief", "ScaffoldError"} <= set(briefgen.__all__) and briefgen.ScaffoldError is ScaffoldError
    assert [p.name for p in briefgen.new_brief(tmp_path / "x", "es", today=DAY)] == [
        "brief.yaml", "brief.schema.json", "sample.csv", "README.md"]
