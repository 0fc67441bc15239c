"""briefgen.resources: the versions of installed distributions, as importlib.metadata gives them."""

from importlib.metadata import PackageNotFoundError, version

from briefgen.resources import installed_version


def test_installed_versions_are_those_of_the_metadata():
    for name in ("markdown-it-py", "mdit_py_plugins", "PyYAML", "reportlab", "pikepdf", "matplotlib", "svglib",
                 "briefgen"):
        assert installed_version(name) == version(name)
    try:
        expected = version("no-such-distribution-here")
    except PackageNotFoundError:
        expected = None
    assert installed_version("no-such-distribution-here") is expected is None
