"""Chart kinds, one module each; every module registers itself with ``@chart("name")``.

Modules whose names start with ``_`` hold helpers shared by several kinds and
register nothing. Kind modules import matplotlib only inside ``draw``/``label``.
"""
