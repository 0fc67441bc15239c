"""The confinement root: the project's assets/ is found from real paths, never above the project."""

import os

import pytest

import briefgen
from briefgen.errors import BriefError
from briefgen.schema.files import PACKAGE_ASSETS, find_assets_dir, project_root
from tests.helpers import HOSTILE_HEAD as HEAD, ROOT, SAMPLE, secret_png, write_brief


def folders(tmp_path, *names):
    for name in names:
        (tmp_path / name).mkdir(parents=True, exist_ok=True)
    return tmp_path


def test_the_sample_brief_uses_the_repository_assets():
    assert project_root(SAMPLE.parent) == ROOT
    assert find_assets_dir(SAMPLE.parent) == ROOT / "assets"


@pytest.mark.parametrize("marker", ["pyproject.toml", ".git"])
def test_assets_are_found_up_to_the_project_root(tmp_path, marker):
    folders(tmp_path, "project/assets", "project/briefs/2025")
    (tmp_path / "project" / marker).touch()
    brief_dir = tmp_path / "project" / "briefs" / "2025"
    assert project_root(brief_dir) == tmp_path / "project"
    assert find_assets_dir(brief_dir) == tmp_path / "project" / "assets"


def test_an_assets_folder_above_the_project_root_is_not_used(tmp_path):
    folders(tmp_path, "assets", "project/briefs")
    (tmp_path / "project" / "pyproject.toml").touch()
    assert find_assets_dir(tmp_path / "project" / "briefs") == PACKAGE_ASSETS


def test_without_a_project_only_the_briefs_own_folder_counts(tmp_path):
    folders(tmp_path, "assets", "brief")
    assert project_root(tmp_path / "brief") == tmp_path / "brief"
    assert find_assets_dir(tmp_path / "brief") == PACKAGE_ASSETS
    folders(tmp_path, "brief/assets")
    assert find_assets_dir(tmp_path / "brief") == tmp_path / "brief" / "assets"


def test_a_world_writable_folder_is_never_a_project_root(tmp_path):
    folders(tmp_path, "shared/.git", "shared/assets", "shared/brief")
    os.chmod(tmp_path / "shared", 0o1777)
    assert project_root(tmp_path / "shared" / "brief") == tmp_path / "shared" / "brief"
    assert find_assets_dir(tmp_path / "shared" / "brief") == PACKAGE_ASSETS


@pytest.mark.parametrize("target", ["/", "..", "../elsewhere"])
def test_an_assets_link_that_leads_outside_the_project_is_not_used(tmp_path, target):
    folders(tmp_path, "elsewhere", "brief")
    os.symlink(target, tmp_path / "brief" / "assets")
    assert find_assets_dir(tmp_path / "brief") == PACKAGE_ASSETS


def test_an_assets_link_inside_the_project_is_used_by_its_real_path(tmp_path):
    folders(tmp_path, "project/shared-assets", "project/briefs")
    (tmp_path / "project" / ".git").mkdir()
    os.symlink("../shared-assets", tmp_path / "project" / "briefs" / "assets")
    assert find_assets_dir(tmp_path / "project" / "briefs") == tmp_path / "project" / "shared-assets"


def test_a_file_through_an_assets_link_to_the_root_is_refused(tmp_path):
    (tmp_path / "secret.csv").write_text("a,b\n1,2\n")
    folders(tmp_path, "brief")
    os.symlink("/", tmp_path / "brief" / "assets")
    inside = (tmp_path / "secret.png").relative_to("/")
    from PIL import Image

    Image.new("RGB", (4, 4)).save(tmp_path / "secret.png")
    path = write_brief(tmp_path / "brief", HEAD + f"      - figure: {{file: 'assets/{inside}', title: T, alt: a}}\n")
    with pytest.raises(BriefError) as caught:
        briefgen.build(path, tmp_path / "out")
    assert [d.message for d in caught.value.diagnostics] == [
        f"file 'assets/{inside}' is outside the brief's folder and the project's assets/ (assets/ beside the brief"
        " is a link to a folder outside the brief's project, so it is not used); copy it into assets/ or build with"
        " --allow-outside"]


def test_a_name_too_long_for_the_file_system_is_a_positioned_error(tmp_path):
    name = "a" * 300 + ".png"
    path = write_brief(tmp_path, HEAD + f"      - figure: {{file: {name}, title: T, alt: a}}\n")
    with pytest.raises(BriefError) as caught:
        briefgen.load(path)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:8:24: sections[0].blocks[0].figure.file: file '{name}' cannot be opened (File name too long);"
        " give a shorter, plain file name"]


def test_a_brief_that_is_a_link_is_confined_to_the_folder_it_was_given_in(tmp_path):
    folders(tmp_path, "partner", "elsewhere")
    secret_png(tmp_path / "elsewhere" / "private.png")
    target = write_brief(tmp_path / "elsewhere", HEAD + "      - figure: {file: private.png, title: T, alt: a}\n")
    link = tmp_path / "partner" / "brief.yaml"
    os.symlink(target, link)
    with pytest.raises(BriefError) as caught:
        briefgen.load(link)
    assert "file not found: 'private.png'" in caught.value.diagnostics[0].message
