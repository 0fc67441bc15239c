"""Every test shares one cache folder, and one cache key, for the session: never the user's own."""

import os

import pytest

#: The cache folder, and the user data folder where the cache's key goes (XDG_CACHE_HOME is left
#: alone: matplotlib keeps its font list there, and BRIEFGEN_CACHE_DIR already moves briefgen's cache).
ISOLATED = {"BRIEFGEN_CACHE_DIR": "chart-cache", "XDG_DATA_HOME": "xdg-data"}


@pytest.fixture(autouse=True, scope="session")
def _chart_cache(tmp_path_factory):
    previous = {name: os.environ.get(name) for name in ISOLATED}
    for name, folder in ISOLATED.items():
        os.environ[name] = str(tmp_path_factory.mktemp(folder))
    yield
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
