"""Derived files kept in ``.cache/`` between builds, under a key of everything they are made from.

A key covers the input data and :func:`code_version`: the source of the modules that make the
file, the versions of the libraries they call and ``SOURCE_DATE_EPOCH`` (the date in the file).
Deleting ``.cache/`` only makes the next build slower.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from types import ModuleType


def code_version(modules: Iterable[ModuleType], packages: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for module in modules:
        digest.update(Path(module.__file__ or "").read_bytes())
    for package in packages:
        digest.update(f"{package}=={metadata.version(package)}\0".encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    return digest.hexdigest()


def store(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` whole or not at all (another build may be reading it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
