"""Editions (#12, part 2): placeholders, filters, the sandbox's refusals and the editions' errors, each positioned."""

import hashlib
import json
from concurrent.futures import Executor, Future
from pathlib import Path

import pytest

import briefgen
from briefgen.batch import BuildJob, build_many
from briefgen.editions import EditionJob, expand, write_manifest
from briefgen.editions.template import Renderer, scan, slug
from briefgen.errors import BriefError
from tests.helpers import page_texts, run_cli

CSV = "country,code,population,founded\nChile,CL,19629590,1818-02-12\nPerú,PE,34352720,1821-07-28\n"
HEAD = """\
meta:
  title: "{title}"
  date: 2025-04-30
  organisation: {{name: Example Institute}}
  standard: none
editions:
  file: data/countries.csv
  name: "{name}"
sections:
  - heading: "Facts on {{{{ country }}}}"
    blocks:
      - prose: "{prose}"
"""
CHART = """\
      - chart:
          type: bar
          title: Population
          data:
            file: data/countries.csv
            filter: [{column: country, value: "{{ country }}"}]
            x: country
            y: population
"""


def _template(tmp_path, *, title="{{ country }} in figures", name="sheet-{{ country | slug }}",
              prose="{{ country }} has {{ population | number }} people.", tail="", csv=CSV) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "countries.csv").write_text(csv, encoding="utf-8")
    path = tmp_path / "t.yaml"
    path.write_text(HEAD.format(title=title, name=name, prose=prose) + tail, encoding="utf-8")
    return path


def _errors(path) -> list[str]:
    with pytest.raises(BriefError) as info:
        briefgen.load(path)
    return [str(d) for d in info.value.diagnostics]


# -- filters -------------------------------------------------------------------------------------
def test_filters_follow_the_language():
    english, spanish, french = Renderer("en"), Renderer("es"), Renderer("fr")
    row = {"n": "1234567", "share": 67.14, "day": "2024-07-28", "name": "Anzoátegui / Nueva Esparta"}
    text = "{{ n | number }} {{ share | percent }} {{ share | number(2) }} {{ day | date }}"
    assert english.render(text, row) == "1,234,567 67.1% 67.14 28 July 2024"
    assert spanish.render(text, row) == "1.234.567 67,1\u00a0% 67,14 28 de julio de 2024"
    assert french.render(text, row) == "1\u202f234\u202f567 67,1\u202f% 67,14 28 juillet 2024"
    assert english.render("{{ name | slug }}", row) == "anzoategui-nueva-esparta"
    assert english.render("{{ share }}", row) == "67.14"  # a computed number, to two decimals at most
    assert slug("Ñuñoa  (Región Metropolitana)") == "nunoa-region-metropolitana"


def test_every_placeholder_is_checked_and_only_columns_and_filters_pass():
    columns = ["state", "margin"]
    found, problems = scan("{{ state }} by {{ margin | percent(1) }}", columns)
    assert [(p.column, p.filters) for p in found] == [("state", ()), ("margin", (("percent", (1,)),))]
    assert problems == []
    for text, words in [("{{ ''.__class__ }}", "reads an attribute or item ('__class__')"),
                        ("{{ state.upper() }}", "calls a function"),
                        ("{{ state['x'] }}", "reads an attribute or item"),
                        ("{{ margin * 100 }}", "is an expression, not a column name"),
                        ("{{ state | upper }}", "the filter 'upper', which is not allowed; the filters are"),
                        ("{{ margin | percnt }}", "which is not allowed (did you mean 'percent'?)"),
                        ("{{ state | slug | number }}", "the filter 'number' must come first"),
                        ("{{ margin | number(places=2) }}", "takes at most one argument"),
                        ("{% for s in state %}x{% endfor %}", "is a statement"),
                        ("{# note #}", "is a comment"),
                        ("{{ state", "'{{' is not closed with '}}'"),
                        ("{{ stat }}", "names the column 'stat', which the editions do not have (did you mean"
                                       " 'state'?)")]:
        found, problems = scan(text, columns)
        assert problems and words in problems[0].message, (text, problems)


# -- positioned errors, before any PDF --------------------------------------------------------------
def test_the_sandbox_refuses_attribute_access_with_its_position(tmp_path, capsys):
    _template(tmp_path, prose="Hello {{ ''.__class__ }} and {{ country }}")
    status, _, err = run_cli(["build", "t.yaml", "-o", "out"], capsys)
    assert status == 2
    assert err.splitlines() == [
        "t.yaml:12:23: sections[0].blocks[0].prose: '{{ ''.__class__ }}' reads an attribute or item ('__class__'),"
        " which the sandbox does not allow; a placeholder names a column, with filters if needed: {{ state }},"
        " {{ margin | percent }}"]
    assert not (tmp_path / "out").exists()  # refused before any PDF is built


def test_a_refused_placeholder_in_a_single_quoted_value_is_found_where_written(tmp_path):
    path = _template(tmp_path)
    quoted = "  title: 'It''s {{ country }}, {{ ''''.__class__ }}'"
    path.write_text(path.read_text(encoding="utf-8").replace('  title: "{{ country }} in figures"', quoted),
                    encoding="utf-8")
    (error,) = _errors(path)
    assert error.startswith("t.yaml:2:32: meta.title: '{{ ''.__class__ }}' reads an attribute or item")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # file names in messages are relative to the working folder


def test_an_unknown_column_is_positioned_with_a_did_you_mean(tmp_path):
    path = _template(tmp_path, title="A sheet on {{ contry }}")
    (error,) = _errors(path)
    assert error == ("t.yaml:2:22: meta.title: '{{ contry }}' names the column 'contry', which the editions do"
                          " not have (did you mean 'country'?); the columns are: country, code, population, founded")


def test_a_filter_that_is_not_allowed_and_a_loop_are_refused_at_their_place(tmp_path):
    path = _template(tmp_path, title="{{ country | upper }}",
                     prose="{% for x in country %}{{ x }}{% endfor %}")
    errors = _errors(path)
    assert errors[0] == ("t.yaml:2:11: meta.title: '{{ country | upper }}' uses the filter 'upper', which is"
                         " not allowed; the filters are number, percent, date, slug")
    assert errors[1] == ("t.yaml:12:17: sections[0].blocks[0].prose: '{% for x in country %}' is a statement,"
                              " which a brief may not hold: no loops, conditions or other statements; a placeholder"
                              " names a column, with filters if needed: {{ state }}, {{ margin | percent }}")


def test_a_value_a_filter_cannot_format_points_at_its_cell(tmp_path):
    path = _template(tmp_path, csv=CSV.replace("34352720", "unknown"))
    (error,) = _errors(path)
    assert error == ("t.yaml:12:35: sections[0].blocks[0].prose: '{{ population | number }}': the filter"
                     " 'number' needs a number, but column 'population' holds 'unknown' at data/countries.csv:3:9")


def test_two_editions_with_one_name_are_refused(tmp_path):
    path = _template(tmp_path, name="sheet")
    (error,) = _errors(path)
    assert error == ("t.yaml:8:9: editions.name: editions 1 (data/countries.csv:2) and 2 (data/countries.csv:3)"
                     " would both be named 'sheet'; add a column that tells them apart to the name")


# -- building -----------------------------------------------------------------------------------------
def test_each_edition_is_filled_in_from_its_row(tmp_path):
    path = _template(tmp_path, prose="{{ country }} ({{ code }}), founded {{ founded | date }}: "
                                     "{{ population | number }} people.")
    jobs = expand(path, out_dir=tmp_path / "out")
    assert [(job.name, job.where) for job in jobs] == [("sheet-chile", "data/countries.csv:2"),
                                                      ("sheet-peru", "data/countries.csv:3")]
    results = build_many(jobs)
    assert [r.output.name for r in results] == ["sheet-chile.pdf", "sheet-peru.pdf"]
    text = page_texts(results[1].output.read_bytes())[0]
    assert "Perú in figures" in text and "Facts on Perú" in text
    assert "Perú (PE), founded 28 July 1821: 34,352,720 people." in " ".join(text.split())
    (manifest,) = write_manifest(jobs, results)
    entries = json.loads(manifest.read_text(encoding="utf-8"))["editions"]
    assert entries[0]["row"] == {"country": "Chile", "code": "CL", "population": "19629590", "founded": "1818-02-12"}
    assert entries[1]["file"] == "sheet-peru.pdf"


def test_a_template_is_not_built_as_one_brief(tmp_path):
    path = _template(tmp_path)
    briefgen.load(path)  # validate checks it, filled in from its first row
    with pytest.raises(BriefError, match="the brief has 2 editions, one PDF each"):
        briefgen.build(path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_an_edition_whose_chart_is_empty_fails_alone(tmp_path, capsys):
    csv = CSV + "Atlantis,AT,,1900-01-01\n"
    path = _template(tmp_path, tail=CHART, csv=csv.replace("Atlantis,AT,,", "Atlantis,AT,1,"))
    (tmp_path / "data" / "pop.csv").write_text(CSV, encoding="utf-8")  # the chart's data lacks Atlantis
    path.write_text(path.read_text(encoding="utf-8").replace("file: data/countries.csv\n            filter",
                                                             "file: data/pop.csv\n            filter"), encoding="utf-8")
    status, _, err = run_cli(["build", path, "-o", tmp_path / "out"], capsys)
    assert status == 2
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == ["sheet-chile.pdf", "sheet-peru.pdf"]
    assert ":18:21: sections[0].blocks[1].chart.data.filter: the chart's data keeps no row for this edition; check" \
           " the filter against the data (or the edition's values) [edition 3 'sheet-atlantis'" \
           " (data/countries.csv:4)]" in err
    manifest = json.loads((tmp_path / "out" / "t.manifest.json").read_text(encoding="utf-8"))
    assert [e["file"] for e in manifest["editions"]] == ["sheet-chile.pdf", "sheet-peru.pdf", None]
    assert "keeps no row" in manifest["editions"][2]["errors"][0]


class _CrashingExecutor(Executor):
    """Runs each job here, but the second one's worker "dies"."""

    def __init__(self):
        self.count = 0

    def submit(self, fn, /, *args, **kwargs):
        future, self.count = Future(), self.count + 1
        if self.count == 2:
            future.set_exception(RuntimeError("worker process died"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


def test_a_worker_crash_names_the_edition(tmp_path):
    path = _template(tmp_path)
    jobs = expand(BuildJob(path, tmp_path / "out"))
    results = build_many(jobs, _CrashingExecutor())
    assert results[0].ok and not results[1].ok
    assert results[1].errors[0].message == ("the process building edition 2 'sheet-peru' (data/countries.csv:3)"
                                            " failed: RuntimeError: worker process died")


def test_inline_rows(tmp_path):
    path = _template(tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "  file: data/countries.csv\n",
        "  rows:\n    - {country: Chile, code: CL, population: 19629590, founded: 1818-02-12}\n")
    path.write_text(text, encoding="utf-8")
    (job,) = expand(path, out_dir=tmp_path / "out")
    assert isinstance(job, EditionJob) and job.name == "sheet-chile" and job.where == "editions.rows[0]"


def test_a_cell_goes_into_markdown_as_text(tmp_path):
    """A cell's '*' or '[' prints as written in prose (escaped), and as written in plain text."""
    csv = "country,code,population,founded\n*Chile* [x](#y),CL,19629590,1818-02-12\n"
    path = _template(tmp_path, csv=csv, name="sheet-{{ code | slug }}", prose="Hello {{ country }}.")
    (job,) = expand(path, out_dir=tmp_path / "out")
    (result,) = build_many([job])
    text = " ".join(page_texts(result.output.read_bytes())[0].split())
    assert "Hello *Chile* [x](#y)." in text  # not italic, not a link to an unknown id (which is an error)
    assert "*Chile* [x](#y) in figures" in text  # the title is plain text: no backslashes appear


def test_an_error_every_edition_shares_is_shown_once_naming_the_editions(tmp_path, capsys):
    path = _template(tmp_path, tail="      - tabel: {}\n")
    status, _, err = run_cli(["build", path, "-o", tmp_path / "out"], capsys)
    assert status == 2
    lines = [line.replace(f"{tmp_path}/", "") for line in err.splitlines() if not line.startswith("failed: ")]
    assert lines == [
        "t.yaml:13:9: sections[0].blocks[1]: unknown block kind 'tabel' (did you mean 'table'?)",
        "  (the same in 2 editions: edition 1 'sheet-chile' (data/countries.csv:2), edition 2 'sheet-peru'"
        " (data/countries.csv:3))",
        f"wrote 0 PDF(s) to out in {err.rsplit(' in ', 1)[1].split(' s;')[0]} s; 2 of 2 brief(s) failed:"
        " t.yaml (2 editions)"]


def test_validate_checks_every_edition(tmp_path, capsys):
    csv = CSV + "Atlantis,AT,1,1900-01-01\n"
    path = _template(tmp_path, tail=CHART, csv=csv)
    (tmp_path / "data" / "pop.csv").write_text(CSV, encoding="utf-8")  # the chart's data lacks Atlantis
    path.write_text(path.read_text(encoding="utf-8").replace("file: data/countries.csv\n            filter",
                                                             "file: data/pop.csv\n            filter"), encoding="utf-8")
    status, out, err = run_cli(["validate", path], capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [  # a warning every edition has, once; an error only one has, naming it
        f"{path.name}:14:11: sections[0].blocks[1].chart: warning: chart has no alt text; add 'alt:' saying what"
        " it shows",
        f"{path.name}:18:21: sections[0].blocks[1].chart.data.filter: the chart's data keeps no row for this"
        " edition; check the filter against the data (or the edition's values) [edition 3 'sheet-atlantis'"
        " (data/countries.csv:4)]"]
    (tmp_path / "data" / "pop.csv").write_text(csv, encoding="utf-8")  # every edition has its row now
    status, out, err = run_cli(["validate", path], capsys)
    assert status == 0 and len(err.splitlines()) == 1 and out.strip().endswith(": ok (1 warning(s))")


def test_editions_built_to_a_url_get_their_manifest_there(tmp_path, capsys):
    fsspec = pytest.importorskip("fsspec")
    path = _template(tmp_path)
    status, out, err = run_cli(["build", path, "-o", "memory://editions-test/out"], capsys)
    assert status == 0, err
    memory = fsspec.filesystem("memory")
    manifest = json.loads(memory.cat("memory://editions-test/out/t.manifest.json"))
    assert [entry["file"] for entry in manifest["editions"]] == ["sheet-chile.pdf", "sheet-peru.pdf"]
    for entry in manifest["editions"]:
        data = memory.cat(f"memory://editions-test/out/{entry['file']}")
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    assert "wrote memory://editions-test/out/t.manifest.json" in out


def test_watch_builds_every_edition_and_the_manifest(tmp_path):
    from briefgen.watch import watch

    path = _template(tmp_path)
    reports = []
    watch(path, tmp_path / "out", interval=0, report=reports.append, rounds=1, sleep=lambda _seconds: None)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["sheet-chile.pdf", "sheet-peru.pdf",
                                                                    "t.manifest.json"]
    assert reports[-1].startswith("wrote 2 of 2 editions and ") and "t.manifest.json" in reports[-1]
