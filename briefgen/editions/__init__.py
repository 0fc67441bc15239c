"""Editions: many briefs from one template brief and a table, one PDF per row.

In:  a brief with an ``editions:`` key (a CSV file or rows written in the YAML, and a file name
     pattern) whose texts name the row's columns with placeholders: ``{{ state }}``,
     ``{{ margin | percent }}``.
Out: :func:`expand` -> one :class:`EditionJob` per row for :func:`briefgen.build_many` (every
     placeholder checked first, each problem at its ``file:line:col``); :func:`build_edition`
     writes one; :func:`write_manifest` lists each edition's file, SHA-256 and row; :func:`build`
     does all three.

The parts: :mod:`.template` (placeholders: found, checked, filled in by Jinja2's sandbox),
:mod:`.model` (the ``editions:`` key, and a brief filled in for one row), :mod:`.jobs` (the batch).
"""

from __future__ import annotations

from .jobs import EditionJob, build, build_edition, expand, expand_jobs, has_editions, write_manifest

__all__ = ["EditionJob", "build", "build_edition", "expand", "expand_jobs", "has_editions", "write_manifest"]
