"""Every test shares one cache folder for the session (never the project's own .briefgen-cache)."""

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _chart_cache(tmp_path_factory):
    previous = os.environ.get("BRIEFGEN_CACHE_DIR")
    os.environ["BRIEFGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("chart-cache"))
    yield
    if previous is None:
        os.environ.pop("BRIEFGEN_CACHE_DIR", None)
    else:
        os.environ["BRIEFGEN_CACHE_DIR"] = previous
