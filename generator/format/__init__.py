"""The case format: its fields, reading case files, validating them, its JSON Schema.

Nothing here knows about pages, Office files or MkDocs: ``check``, ``new``, ``import`` and
``build`` all go through :mod:`generator.format.validate`.
"""
