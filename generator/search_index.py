"""The site's search index: Pagefind over a finished site folder.

Engine-neutral: it reads built HTML, so it serves MkDocs (through the hook) and any
other engine alike. Only the page's article is indexed, without heading permalinks;
pages that list every case mark their content ``data-pagefind-ignore="all"``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ARTICLE = "article.md-content__inner"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message is its own output."""


def index_site(site_dir: Path) -> int:
    """Write ``site_dir/pagefind/``; return its size in bytes."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet",
               "--root-selector", ARTICLE, "--exclude-selectors", ".headerlink",
               "--force-language", "zh"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(result.stderr or result.stdout)
    return sum(p.stat().st_size for p in (site_dir / "pagefind").rglob("*") if p.is_file())
