"""The sample brief built once per session in each edition: screen, print, CMYK, and print in CMYK."""

import pytest

from tests.helpers import SAMPLE

EDITIONS = {"screen": (False, False), "print": (True, False), "cmyk": (False, True), "print-cmyk": (True, True)}


@pytest.fixture(scope="session")
def sample_editions(tmp_path_factory):
    """{edition: path of the sample's PDF}, built in this order (the chart forms cached by the first serve
    the others, as in a real session)."""
    import briefgen

    folder = tmp_path_factory.mktemp("editions")
    return {name: briefgen.build(SAMPLE, out_file=folder / f"{name}.pdf", print_edition=printed, cmyk=cmyk)
            for name, (printed, cmyk) in EDITIONS.items()}
