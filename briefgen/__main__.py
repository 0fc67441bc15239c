"""``python -m briefgen``: the command line."""

from .cli import run

run()
