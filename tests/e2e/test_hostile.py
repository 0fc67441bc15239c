"""Untrusted briefs: hostile or oversized input ends in a clean error or a correct PDF."""

import os
import time

import pytest

import briefgen
from briefgen.errors import BriefError
from tests.helpers import HOSTILE_HEAD as HEAD, link_annotations, page_texts, pdf_reader, qpdf_check, write_brief


def brief_with(tmp_path, blocks: str):
    return write_brief(tmp_path, HEAD + blocks)


def errors(path, **kw):
    with pytest.raises(BriefError) as caught:
        briefgen.build(path, path.parent / "out", **kw)
    assert not (path.parent / "out").exists()
    return [f"{d.line}:{d.col}: {d.path}: {d.message}" for d in caught.value.diagnostics]


@pytest.mark.parametrize("target", ["../../etc/passwd.png", "/etc/hostname.png"])
def test_paths_outside_the_brief_are_refused(tmp_path, target):
    path = brief_with(tmp_path, f"      - figure: {{file: {target}, title: T, alt: a}}\n")
    found = errors(path)
    assert len(found) == 1 and "sections[0].blocks[0].figure.file: file" in found[0]
    assert "not found" in found[0] or "outside the brief's folder" in found[0]


def test_symlink_pointing_out_is_refused_unless_allowed(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "real.png").write_bytes(_png())
    brief_dir = tmp_path / "brief"
    brief_dir.mkdir()
    (brief_dir / "assets").mkdir()
    os.symlink(outside / "real.png", brief_dir / "link.png")
    path = brief_with(brief_dir, "      - figure: {file: link.png, title: T, alt: a}\n")
    assert errors(path) == ["8:24: sections[0].blocks[0].figure.file: file 'link.png' is outside the brief's"
                            " folder and the project's assets/; copy it into assets/ or build with --allow-outside"]
    assert briefgen.build(path, tmp_path / "ok", allow_outside=True).exists()


def test_a_text_file_named_png_is_an_error(tmp_path):
    (tmp_path / "fake.png").write_text("not a picture")
    path = brief_with(tmp_path, "      - figure: {file: fake.png, title: T, alt: a}\n")
    assert errors(path) == ["8:24: sections[0].blocks[0].figure.file: file 'fake.png' cannot be used: it is not a"
                            " valid PNG file"]


def test_markup_cannot_be_injected(tmp_path):
    path = brief_with(tmp_path, """\
      - prose: 'A <img src="/etc/passwd"/> and <font color="red">red</font> and <a href="javascript:x">y</a>'
      - table:
          title: <b>bold?</b>
          columns: [{header: <i>h</i>}]
          rows: [['<a href="https://evil.example">click</a>']]
""")
    data = briefgen.build(path, tmp_path / "out").read_bytes()
    text = " ".join(page_texts(data)).replace("“", '"').replace("”", '"')  # prose gets typographic quotes
    assert '<img src="/etc/passwd"/>' in text and '<font color="red">red</font>' in text
    assert "<b>bold?</b>" in text and '<a href="https://evil.example">click</a>' in text
    assert not [link for link in link_annotations(data) if link["uri"]]


def test_yaml_bomb_is_refused_fast(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    path = write_brief(tmp_path, "\n".join(lines) + "\n")
    started = time.perf_counter()
    found = errors(path)
    assert time.perf_counter() - started < 1
    assert "(yaml_expanded counts 10 for each value" in found[0]


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "#345").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("case", ["long-word", "huge-paragraph", "tall-cell", "tall-image", "long-callout"])
def test_content_that_cannot_fit_is_laid_out(tmp_path, case):
    blocks = {
        "long-word": "      - prose: Start " + "x" * 800 + " end.\n",
        "huge-paragraph": "      - prose: " + " ".join(["evidence"] * 10_000) + "\n",
        "tall-cell": "      - table:\n          title: T\n          columns: [{header: A}, {header: B}]\n"
                     "          rows:\n            - [a, \"" + " ".join(["word"] * 4000) + "\"]\n",
        "tall-image": "      - figure: {file: tall.png, title: T, alt: a tall picture}\n",
        "long-callout": "      - callout:\n          title: Long\n          items:\n"
                        + "".join(f"            - Item {i} " + "text " * 40 + "\n" for i in range(60)),
    }[case]
    if case == "tall-image":
        from PIL import Image

        Image.new("RGB", (100, 3000), "#345").save(tmp_path / "tall.png")
    path = brief_with(tmp_path, blocks)
    target = briefgen.build(path, tmp_path / "out")
    data = target.read_bytes()
    assert len(pdf_reader(data).pages) >= 1
    report = qpdf_check(target)
    assert report is None or report.startswith("exit 0")


def test_two_thousand_row_table(tmp_path):
    rows = "".join(f"            - [row {i}, {i}]\n" for i in range(2000))
    path = brief_with(tmp_path, "      - table:\n          title: Big\n          columns: [{header: A}, "
                                "{header: B, format: number}]\n          rows:\n" + rows)
    data = briefgen.build(path, tmp_path / "out").read_bytes()
    assert "row 1999" in page_texts(data)[-1]


def test_failed_build_leaves_previous_pdf_and_no_temp_files(tmp_path):
    good = write_brief(tmp_path, HEAD + "      - prose: Good.\n", name="b.yaml")
    out = tmp_path / "out"
    before = briefgen.build(good, out).read_bytes()
    write_brief(tmp_path, HEAD + "      - prose: Bad [^missing].\n", name="b.yaml")
    with pytest.raises(BriefError):
        briefgen.build(good, out)
    assert sorted(p.name for p in out.iterdir()) == ["b.pdf"]
    assert (out / "b.pdf").read_bytes() == before


def test_a_footnote_too_long_for_the_page_foot_becomes_an_endnote(tmp_path):
    path = write_brief(tmp_path, HEAD + "      - prose: Cited.[^long]\nfootnotes:\n  long: " + "note " * 2500 + "\n")
    texts = page_texts(briefgen.build(path, tmp_path / "out").read_bytes())
    assert "Notes" in " ".join(texts) and "Cited.1" in texts[0].replace("\n", "")
