"""Stage 2: every mistake in a brief is reported at once, positioned, with a fix."""

import textwrap

import pytest

import briefgen
from briefgen.errors import BriefError
from tests.helpers import run_cli, write_brief

HEAD = """\
meta:
  title: T
  date: 2025-04-30
  organisation:
    name: X
"""


PAGE_A5 = HEAD.replace("  title: T\n", "  title: T\n  page_size: A5\n")
THEMED = HEAD.replace("  title: T\n", "  title: T\n  theme: mytheme.yaml\n")


def with_head(text, head=HEAD):
    return head + textwrap.dedent(text)


def errors_of(tmp_path, text):
    path = write_brief(tmp_path, text)
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)
    return [str(d).replace(str(tmp_path) + "/", "") for d in caught.value.diagnostics]


def test_every_mistake_reported_in_one_run(tmp_path):
    messages = errors_of(tmp_path, """\
        meta:
          title: Bad
          date: 2025-04-30
          organisation:
            name: X
          langauge: es
        sections:
          - heading: One
            blocks:
              - tabel:
                  title: T
              - prose: Fine [^nope] and [](#nowhere) and [x](javascript:alert(1))
          - heading: Two
            blocks:
              - callout:
                  title: Box
                  items: yes
        """)
    assert messages == [
        "brief.yaml:6:3: meta.langauge: unknown key 'langauge' (did you mean 'language'?)",
        "brief.yaml:10:9: sections[0].blocks[0]: unknown block kind 'tabel' (did you mean 'table'?)",
        "brief.yaml:12:16: sections[0].blocks[1].prose.text: unknown footnote '[^nope]'; define it under"
        " 'footnotes:'",
        "brief.yaml:12:16: sections[0].blocks[1].prose.text: unknown cross-reference '#nowhere'; give the"
        " section, figure or table that id",
        "brief.yaml:12:16: sections[0].blocks[1].prose.text: link 'javascript:alert(1)' is not allowed: links"
        " must start with http://, https://, mailto: or # (a cross-reference)",
        "brief.yaml:17:18: sections[1].blocks[0].callout.items: expected a list, found a boolean (true)",
    ]


def test_wrong_type_and_missing_required(tmp_path):
    messages = errors_of(tmp_path, """\
        meta:
          title: [not, text]
          date: someday
          organisation: {}
        sections: []
        """)
    assert messages == [
        "brief.yaml:2:10: meta.title: expected text, found a list",
        "brief.yaml:3:9: meta.date: expected a date like 2025-04-30, found text ('someday')",
        "brief.yaml:4:17: meta.organisation: missing required key 'name' (Full name, e.g. 'Observatorio de"
        " Derechos Humanos')",
        "brief.yaml:5:11: sections: expected at least 1 item(s), found 0",
    ]


def test_missing_image(tmp_path):
    messages = errors_of(tmp_path, with_head("""\
        sections:
          - heading: One
            blocks:
              - figure: {file: charts/missing.png, title: T, alt: a}
        """))
    assert len(messages) == 1
    assert messages[0].startswith("brief.yaml:9:24: sections[0].blocks[0].figure.file: file not found:"
                                  " 'charts/missing.png' (looked in ")


def test_misspelt_choice_value(tmp_path):
    messages = errors_of(tmp_path, with_head(head=PAGE_A5, text="""\
        sections:
          - heading: One
        """))
    assert messages == ["brief.yaml:3:14: meta.page_size: expected one of 'A4', 'Letter', found 'A5'"
                        " (did you mean 'A4'?)"]


def test_duplicate_ids_and_table_shape(tmp_path):
    messages = errors_of(tmp_path, with_head("""\
        sections:
          - heading: One
            id: one
            blocks:
              - table:
                  id: one
                  title: T
                  columns: [{header: A}, {header: B, format: number}]
                  rows:
                    - [a]
                    - [b, lots]
        """))
    assert messages == [
        "brief.yaml:11:15: sections[0].blocks[0].table.id: duplicate id 'one', already used at line 8",
        "brief.yaml:15:15: sections[0].blocks[0].table.rows[0]: row has 1 cells but the table has 2 columns;"
        " add or remove cells",
        "brief.yaml:16:19: sections[0].blocks[0].table.rows[1][1]: column 'B' is formatted as number, but this"
        " cell is text ('lots'); write a plain number",
    ]


def test_unused_footnote_is_a_warning(tmp_path):
    path = write_brief(tmp_path, with_head("""\
        sections:
          - heading: One
        footnotes:
          spare: Never cited.
        """))
    brief = briefgen.load(path)
    assert [str(w).replace(str(tmp_path) + "/", "") for w in brief.warnings] == [
        "brief.yaml:9:3: footnotes.spare: warning: footnote 'spare' is defined but never cited; cite it with"
        " [^spare] or remove it"]


def test_theme_override_errors_are_positioned(tmp_path):
    messages = errors_of(tmp_path, with_head("""\
        sections:
          - heading: One
        style:
          colors: {brand: navy}
          sizes: {bdy: 10}
        """))
    assert messages == [
        "brief.yaml:9:19: style.colors.brand: expected a colour like '#1f3a5f', found 'navy'",
        "brief.yaml:10:11: style.sizes.bdy: unknown key 'bdy' (did you mean 'body'?)",
    ]


def test_theme_file_errors_are_positioned_in_the_theme(tmp_path):
    (tmp_path / "mytheme.yaml").write_text("colors:\n  accent: red\n")
    messages = errors_of(tmp_path, with_head(head=THEMED, text="""\
        sections:
          - heading: One
        """))
    assert messages == ["mytheme.yaml:2:11: colors.accent: expected a colour like '#1f3a5f', found 'red'"]


def test_cli_exit_status_and_no_output(tmp_path, capsys):
    path = write_brief(tmp_path, HEAD + "sections:\n  - heading: One\n    blocks:\n      - tabel: {}\n")
    out = tmp_path / "out"
    status, stdout, stderr = run_cli(["build", path, "-o", out], capsys)
    assert status == 2
    assert "Traceback" not in stderr
    assert stderr.strip().endswith("sections[0].blocks[0]: unknown block kind 'tabel' (did you mean 'table'?)")
    assert not out.exists()


def test_print_warnings_for_figures(tmp_path):
    from PIL import Image

    Image.new("RGB", (300, 200), "#345").save(tmp_path / "small.png")
    path = write_brief(tmp_path, with_head("""\
        sections:
          - heading: One
            blocks:
              - figure: {file: small.png, title: Small}
        """))
    # Without PDF/UA a missing alt text is only a warning (under it, an error: tests/blocks/test_alt_required.py).
    warnings = [str(w).replace(str(tmp_path) + "/", "") for w in briefgen.load(path, standard="none").warnings]
    assert warnings == [
        "brief.yaml:9:17: sections[0].blocks[0].figure: warning: figure has no alt text; add 'alt:' describing"
        " what it shows",
        "brief.yaml:9:24: sections[0].blocks[0].figure.file: warning: image is 46 dpi at its printed size; use"
        " one at least 981 pixels wide (150 dpi) or print it narrower",
    ]


def test_misspelt_group_row(tmp_path):
    messages = errors_of(tmp_path, with_head("""\
        sections:
          - heading: One
            blocks:
              - table:
                  title: T
                  columns: [{header: A}]
                  rows:
                    - {grup: Deaths}
                    - [a]
        """))
    assert messages == ["brief.yaml:13:16: sections[0].blocks[0].table.rows[0].grup: unknown key 'grup'"
                        " (did you mean 'group'?)"]


def test_chart_citations_must_name_sources(tmp_path):
    (tmp_path / "assets").mkdir()
    messages = errors_of(tmp_path, with_head("""\
        sections:
          - heading: One
            id: sec-one
            blocks:
              - chart:
                  type: bar
                  title: T
                  alt: A bar chart.
                  data: {categories: [a, b], values: {N: [1, 2]}}
                  cite: [hrw-reprot, sec-one]
        sources:
          - {id: hrw-report, title: Punished for Seeking Change}
        """))
    assert messages == [
        "brief.yaml:15:18: sections[0].blocks[0].chart.cite[0]: unknown source 'hrw-reprot' (did you mean"
        " 'hrw-report'?); cite the id of an entry under 'sources:'",
        "brief.yaml:15:30: sections[0].blocks[0].chart.cite[1]: 'sec-one' is a section, not a source; cite the"
        " id of an entry under 'sources:'",
    ]


def test_a_flood_of_mistakes_is_reported_in_linear_time_and_summed_up(tmp_path):
    import time

    keys = "".join(f"  kyw{i}: x\n" for i in range(10_000))
    started = time.perf_counter()
    found = errors_of(tmp_path, HEAD + keys + "sections: [{heading: a}]\n")
    assert time.perf_counter() - started < 3  # 10,000 mistakes took 11.6 s when each was checked against all
    assert found[0] == "brief.yaml:6:3: meta.kyw0: unknown key 'kyw0' (did you mean 'keywords'?)"
    assert found[50] == ("brief.yaml:56:3: meta.kyw50: 9,950 more unknown keys here; keys 'title', 'date', 'organisation'"
                         " are expected")
    assert len(found) == 51


def test_at_most_200_errors_are_listed_then_counted(tmp_path):
    blocks = "".join(f"      - tabel: {i}\n" for i in range(300))
    found = errors_of(tmp_path, HEAD + "sections:\n  - heading: One\n    blocks:\n" + blocks)
    assert len(found) == 201
    assert found[0] == "brief.yaml:9:9: sections[0].blocks[0]: unknown block kind 'tabel' (did you mean 'table'?)"
    assert found[-1] == "brief.yaml: (brief): 100 more error(s) not shown; fix the ones above and check again"
