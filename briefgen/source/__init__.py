"""Stage 1, source: YAML files in, plain data with positions out (see :mod:`.yamlsource`)."""

from .yamlsource import Source, load_yaml, read_text

__all__ = ["Source", "load_yaml", "read_text"]
