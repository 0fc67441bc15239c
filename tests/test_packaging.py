"""briefgen as users install it: a wheel in a fresh venv outside the checkout, used from an empty folder.

Offline: the wheel is built with the setuptools already installed (no build isolation), and the
venv sees this environment's packages for briefgen's dependencies, as --system-site-packages
would, through a .pth file naming this environment's site-packages folders (which also works
when the tests themselves run in a venv, whose "system" packages would be the base Python's).
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

import briefgen
from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the venv layout below is POSIX")

#: Package data the wheel must carry: every file under briefgen/assets/ (fonts, licences, the
#: template's logo and figure), the default theme and the JSON Schema.
DATA = sorted([*(p.relative_to(ROOT).as_posix() for p in (ROOT / "briefgen" / "assets").rglob("*") if p.is_file()),
               "briefgen/theme/default.yaml", "briefgen/schema/brief.schema.json"])
#: What the copy of the checkout must not put in the wheel, planted so that the check can fail.
PLANTED = ["out/planted.pdf", "briefgen/__pycache__/planted.cpython-311.pyc", "tests/planted.py",
           ".briefgen-cache/charts/x.png", "briefgen/assets/fonts/__pycache__/planted.pyc"]


def _run(argv, cwd, env, timeout=120):
    done = subprocess.run([str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{argv}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the checkout (so the build leaves nothing in the checkout).

    With setuptools older than 70.1, this needs the 'wheel' package (in the test extras)."""
    source = tmp_path_factory.mktemp("source") / "briefgen-src"
    skipped = shutil.ignore_patterns(".git", "node_modules", ".venv", "venv", "build", "dist", "*.egg-info")
    shutil.copytree(ROOT, source, symlinks=True, ignore=skipped)
    for name in PLANTED:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes(b"planted")
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
          "-w", dist, source], cwd=dist, env=_env(dist))
    (found,) = dist.glob("briefgen-*.whl")
    return found


def _env(tmp: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BRIEFGEN_CACHE_DIR", "VIRTUAL_ENV")}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INDEX="1", **extra)  # offline: never ask an index
    return env


def test_wheel_holds_the_package_and_its_data_only(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    info = f"briefgen-{briefgen.__version__}.dist-info/"
    assert wheel.name == f"briefgen-{briefgen.__version__}-py3-none-any.whl"
    assert [n for n in names if not (n.startswith("briefgen/") or n.startswith(info))] == []
    assert [n for n in names if "__pycache__" in n or n.endswith(".pyc") or "planted" in n] == []
    assert sorted(n for n in names if n.startswith("briefgen/") and not n.endswith(".py")) == DATA
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "briefgen").rglob("*.py")}
    assert {n for n in names if n.endswith(".py")} == modules


def test_installed_wheel_works_from_an_empty_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path, env=_env(tmp_path))
    python = venv / "bin" / "python"
    env = _env(tmp_path, BRIEFGEN_CACHE_DIR=str(tmp_path / "cache"))
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path, env)
                   .strip())
    # Listed after the venv's own folder, so the installed wheel comes first; never the checkout.
    outer = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()]
    (purelib / "outer-environment.pth").write_text("".join(f"{p}\n" for p in outer), encoding="utf-8")
    # pip from this environment installs into the venv (the venv's python runs it).
    _run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], cwd=tmp_path, env=env)
    installed = purelib / "briefgen"
    before = _files(installed)
    work = tmp_path / "empty"
    work.mkdir()
    briefgen_cli = venv / "bin" / "briefgen"

    # The installed copy runs, not the checkout.
    where = _run([python, "-c", "import briefgen; print(briefgen.__file__)"], work, env).strip()
    assert Path(where) == installed / "__init__.py"
    assert _run([briefgen_cli, "--version"], work, env) == f"briefgen {briefgen.__version__}\n"

    _run([briefgen_cli, "new", "x"], work, env)
    assert _run([briefgen_cli, "build", "x/brief.yaml"], work, env).startswith("wrote out/brief.pdf in ")
    assert (work / "out" / "brief.pdf").read_bytes()[:5] == b"%PDF-"
    _run([briefgen_cli, "charts", "x/brief.yaml", "--format", "svg"], work, env)
    # The template, copied out of any project, finds its logo and figure in briefgen's own assets.
    shutil.copy(ROOT / "briefs" / "template.yaml", work / "template.yaml")
    _run([briefgen_cli, "build", "template.yaml", "-o", "out"], work, env)

    made = _files(work)
    assert {"x/brief.yaml", "x/brief.schema.json", "x/data/sample.csv", "x/assets/README.md",
            "out/brief.pdf", "out/template.pdf", "template.yaml"} <= made
    assert [name for name in made if not name.startswith(("x/", "out/")) and name != "template.yaml"] == []
    assert {name for name in made if name.startswith("out/charts/")} == {
        "out/charts/brief/fig-sample.svg", "out/charts/brief/fig-sample.csv", "out/charts/brief/fig-sample.json"}
    # The cache went to BRIEFGEN_CACHE_DIR: nothing was added to the install or the checkout.
    assert _files(installed) == before
    assert any((tmp_path / "cache").rglob("*.*"))
    assert not (ROOT / ".briefgen-cache").exists() and not (ROOT / "briefgen" / ".briefgen-cache").exists()
    assert sysconfig.get_path("purelib") != str(purelib)


def test_project_assets_win_over_briefgen_own(tmp_path):
    """A project's assets/ comes first; briefgen's own (package data) fills in what it lacks."""
    from briefgen.resources import PACKAGE_ASSETS

    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "assets" / "logos").mkdir(parents=True)
    own_logo = project / "assets" / "logos" / "observatorio.svg"
    own_logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10"'
                        ' height="10"/></svg>', encoding="utf-8")
    (project / "briefs").mkdir()
    template = (ROOT / "briefs" / "template.yaml").read_text(encoding="utf-8")
    (project / "briefs" / "b.yaml").write_text(template, encoding="utf-8")
    brief = briefgen.load(project / "briefs" / "b.yaml")
    figure = next(block for block in brief.sections[1].blocks if type(block).__name__ == "Figure")
    assert brief.meta.organisation.logo == own_logo.resolve()
    assert figure.file == PACKAGE_ASSETS / "images" / "example-figure.svg"
    # The same brief outside any project takes both from briefgen's own assets.
    (tmp_path / "alone").mkdir()
    (tmp_path / "alone" / "b.yaml").write_text(template, encoding="utf-8")
    assert briefgen.load(tmp_path / "alone" / "b.yaml").meta.organisation.logo == (
        PACKAGE_ASSETS / "logos" / "observatorio.svg")
