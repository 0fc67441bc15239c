"""Registries of small pieces: block kinds and chart kinds, one module each.

In:  a package whose modules register classes with a decorator.
Out: a :class:`Registry`: ``registry.register("table")`` decorates a class;
     ``registry.all()`` imports every module of the package (once) and returns
     the registered classes by name. Adding a kind means adding one module.
"""

from __future__ import annotations

import importlib
import pkgutil


class Registry:
    """Named classes, filled by the modules of one package as they are imported."""

    def __init__(self, package: str, attribute: str):
        self.package = package  # dotted name of the package holding one module per kind
        self.attribute = attribute  # class attribute that receives the registered name
        self.classes: dict[str, type] = {}
        self.scanned = False  # every module of the package imported: listing it again finds nothing new

    def register(self, name: str):
        def decorate(cls):
            setattr(cls, self.attribute, name)
            self.classes[name] = cls
            return cls

        return decorate

    def all(self) -> dict[str, type]:
        if not self.scanned:
            package = importlib.import_module(self.package)
            for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
                if not info.name.startswith("_") and info.name != "registry":
                    importlib.import_module(f"{self.package}.{info.name}")
            self.scanned = True
        return dict(self.classes)
