"""A theme whose running text would have no room is refused at the setting that took it, not with a layout error."""

from __future__ import annotations

from tests.helpers import run_cli, write_brief


def test_a_measure_too_narrow_to_set_text_is_refused_at_its_setting(tmp_path, capsys):
    write_brief(tmp_path, """\
        meta: {title: T, date: 2025-05-01, organisation: {name: X}, summary: "A summary."}
        sections:
          - heading: H
            blocks:
              - prose: Text.
        style:
          page: {margin_inner: 80, margin_outer: 80, text_indent: 80}
        """)
    status, out, err = run_cli(["build", str(tmp_path / "brief.yaml"), "-o", str(tmp_path / "out")], capsys)
    assert (status, out) == (2, "")
    assert err.splitlines() == [
        f"{tmp_path}/brief.yaml:7:59: style.page.text_indent: the running text would be 0 mm wide (the page less"
        " its margins, 80 and 80 mm, and text_indent, 80 mm), narrower than the 40 mm a line of text needs;"
        " reduce page.text_indent or the margins"]
    assert not (tmp_path / "out").exists()
