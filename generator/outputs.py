"""What a build makes: generated files in memory, before anything is written.

Every stage that makes files (pages, downloads, the feed, the search names) returns
:class:`Output` records; :mod:`generator.build.write` writes them to a folder and
:mod:`generator.mkdocs_hook` hands them to MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Output:
    """One generated file: its path in the site's source tree and its content.

    Binary files copied from the cases (attachments) keep a reference to their
    source instead of being read into memory.
    """

    path: str
    content: bytes | None = None
    source: Path | None = None
    origin: str = ""
    """The case file this output comes from, for edit links and messages."""

    @property
    def size(self) -> int:
        if self.content is not None:
            return len(self.content)
        return self.source.stat().st_size if self.source else 0
