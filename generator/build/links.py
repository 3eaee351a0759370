"""Check every internal link and anchor of a built site, in Markdown pages and raw HTML alike.

MkDocs checks links written in Markdown, but not those in raw HTML (the templates
write some) and only warns about missing anchors. This reads the finished HTML, so
whatever produced a link, a reader's click is checked.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

_TAG = re.compile(r"<(a|link|img|script|iframe|source|area)\b([^>]*)>", re.I)
_ATTR = re.compile(r"\b(href|src)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_ID = re.compile(r"\b(?:id|name)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: 链接 {self.url} {self.reason}"


def _values(pattern: re.Pattern[str], text: str, group_offset: int = 1) -> list[str]:
    return [html.unescape(next(g for g in m.groups()[group_offset:] if g is not None))
            for m in pattern.finditer(text)]


def _ids(text: str) -> set[str]:
    return {html.unescape(next(g for g in m.groups() if g is not None)) for m in _ID.finditer(text)}


def site_pages(site_dir: Path) -> dict[str, Path]:
    """The HTML files under ``site_dir``, by their path in the site."""
    return {p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob("*.html")}


def check_site(site_dir: Path, pages: dict[str, Path] | None = None) -> list[BrokenLink]:
    """Every broken internal link or anchor in the HTML files under ``site_dir`` (or in ``pages``
    of it, listed before another process, the search indexer, adds files beside them)."""
    pages = site_pages(site_dir) if pages is None else pages
    ids: dict[str, set[str]] = {}

    def ids_of(page: str) -> set[str]:
        if page not in ids:
            ids[page] = _ids(pages[page].read_text("utf-8", errors="replace"))
        return ids[page]

    broken: list[BrokenLink] = []
    for page, path in sorted(pages.items()):
        text = path.read_text("utf-8", errors="replace")
        ids.setdefault(page, _ids(text))
        base = posixpath.dirname(page)
        for tag in _TAG.finditer(text):
            for url in _values(_ATTR, tag.group(2)):
                problem = _check(url, page, base, site_dir, pages, ids_of)
                if problem:
                    broken.append(BrokenLink(page, url, problem))
    return sorted(set(broken))


def _check(url: str, page: str, base: str, site_dir: Path, pages: dict[str, Path],
           ids_of: Callable[[str], set[str]]) -> str | None:
    url = url.strip()
    if not url or url.startswith("//") or _SCHEME.match(url):
        return None  # another host, mailto:, tel: … (unsafe schemes are refused elsewhere)
    parts = urlsplit(url)
    if parts.path.startswith("/"):
        # 404.html is served at any depth, so MkDocs gives it root-relative links.
        return None if page == "404.html" else "以 / 开头，网站放在子目录中时会失效"
    target = page
    if parts.path:
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if target.startswith("../") or target == "..":
            return "指向网站之外"
        if parts.path.endswith("/") or (site_dir / target).is_dir():
            target = posixpath.join(target, "index.html") if target != "." else "index.html"
        if not (site_dir / target).is_file():
            return "指向的文件不存在"
    fragment = unquote(parts.fragment)
    if fragment and target in pages and fragment not in ids_of(target):
        return f"指向的锚点 #{fragment} 不存在"
    return None
