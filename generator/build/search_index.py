"""The site's search index: Pagefind over a finished site folder.

Engine-neutral: it reads built HTML, so it serves MkDocs (through the hook) and any
other engine alike. Only the page's article is indexed, without heading permalinks; a page
that lists every case has only its heading and first paragraph indexed (see the hook), and
the blank forms are added as records of their own, so that 附表1 or 申报书 finds the file.
Beside the index, ``search/names/`` lists the named things (counties, forms, the site's pages)
that the search box puts first when the query names them (see docs/assets/js/search.js).

Pagefind is the npm package pinned in ``package.json`` (``npm ci`` puts it in
``node_modules/``; ``make site`` does this). Its Node API runs ``pagefind_index.mjs``; the
binary's version is checked against the pin on every build.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.forms import layouts as forms
from generator.site.model import Site

ARTICLE = "article.md-content__inner"
SCRIPT = Path(__file__).with_name("pagefind_index.mjs")
LANGUAGE = "zh"

PAGE_TYPE = "页面类型"
"""The filter every indexed page and record carries; its values are below."""
CASE_TYPE, FORM_TYPE, NOTICE_TYPE = "案例", "模板下载", "通知和申报指南"
LIST_TYPE, OTHER_TYPE = "栏目页", "其他页面"
TYPE_ORDER = (CASE_TYPE, FORM_TYPE, NOTICE_TYPE, OTHER_TYPE, LIST_TYPE)
"""The order of the types in the search page's filter, and of results that match alike
(TYPE_ORDER in docs/assets/js/search.js)."""


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do, in Chinese."""


@dataclass(frozen=True)
class Indexed:
    version: str
    pages: int
    records: int
    size: int
    """Bytes of the whole ``pagefind/`` folder."""


def pinned_version(project_root: Path) -> str:
    """The Pagefind version ``package.json`` pins."""
    data = json.loads((project_root / "package.json").read_text("utf-8"))
    return str(data["dependencies"]["pagefind"])


def page_type(src_uri: str, listing: bool) -> str:
    """The type of a page of the site, from its source path (``cases/qianan.md``); a page that lists
    cases (``listing``: the library, or one 设区市's part of it) is a list, not a case."""
    if src_uri.startswith("cases/") and src_uri != "cases/index.md" and not listing:
        return CASE_TYPE
    if src_uri == "downloads.md":
        return FORM_TYPE
    if src_uri in ("notice.md", "guide.md"):
        return NOTICE_TYPE
    return LIST_TYPE if listing else OTHER_TYPE


def form_records() -> list[dict[str, object]]:
    """One search record per blank form: its name finds the file itself."""
    return [{
        "url": "/" + d.path,
        "content": f"{d.title}。申报材料模板，{d.format}。{d.description}",
        "language": LANGUAGE,
        "meta": {"title": f"{d.title}（{d.format}）", "kind": "form"},
        "filters": {PAGE_TYPE: [FORM_TYPE]},
    } for d in forms.TEMPLATES]


NAME_SHARDS = 256
"""search/names/<n>.json, n = the first character's code point modulo this (search.js knows it)."""
DOWNLOADS_PAGE = ("downloads/", "模板下载")


def search_names(site: Site, pages: Sequence[tuple[str, str]] = ()) -> list[tuple[str, bytes]]:
    """Named things and their pages, for the search box to match a name exactly: each county's
    case, each blank form, the downloads page (found by the name of any form on it) and the
    site's own pages by their titles in the navigation, ``pages`` as (title, source path).
    Returns (path in the site, content) of each file.

    A word segmenter splits a name it does not know (an invented or rare county name) into
    single characters; these short lists let the search box put the named thing first. They
    are split by the name's first character, so that a query fetches a few small files only.
    """
    # A county: name, city, id, batch, status (search.js makes its title and line from them).
    entries: list[dict[str, object]] = [
        {"n": case.county, "c": case.city, "u": case.id, "b": case.batch, "s": case.status}
        for case in site.cases]
    url, title = DOWNLOADS_PAGE
    page = {"t": title, "u": url, "k": FORM_TYPE, "d": "申报材料模板、各案例填写的附表和开放数据"}
    entries.append({"n": title, **page})
    for d in forms.TEMPLATES:
        name = d.title.split(" ")[0]
        entries.append({"n": name, "t": f"{d.title}（{d.format}）", "u": d.path, "k": FORM_TYPE,
                        "d": d.description})
        entries.append({"n": name, **page})
    for name, path in pages:
        address = path.removesuffix("index.md").removesuffix(".md")
        address += "/" if address and not address.endswith("/") else ""
        if not any(e["u"] == address and e["n"] == name for e in entries[len(site.cases):]):
            entries.append({"n": name, "t": name, "u": address, "k": page_type(path, False),
                            "d": f"本站栏目：{name}"})
    shards: list[list[dict[str, object]]] = [[] for _ in range(NAME_SHARDS)]
    for entry in entries:
        shards[ord(str(entry["n"])[0]) % NAME_SHARDS].append(entry)
    return [(f"search/names/{k}.json", json.dumps(shard, ensure_ascii=False, separators=(",", ":")).encode())
            for k, shard in enumerate(shards)]


def _node_modules(project_root: Path) -> Path | None:
    for folder in (project_root, *project_root.parents):
        if (folder / "node_modules" / "pagefind" / "package.json").is_file():
            return folder / "node_modules"
    return None


def index_site(site_dir: Path, project_root: Path) -> Indexed:
    """Write ``site_dir/pagefind/``."""
    expected = pinned_version(project_root)
    node = shutil.which("node")
    modules = _node_modules(project_root)
    if node is None or modules is None:
        missing = "node（Node.js）" if node is None else f"Pagefind {expected}（node_modules/pagefind）"
        raise SearchIndexError(
            f"未找到 {missing}，无法生成搜索索引。请运行 make site：它会安装 package.json 中固定的版本"
            "（npm ci；没有 node 和 npm 时以 root 身份用 apt-get 安装 nodejs npm）。")
    job = {
        "site": str(site_dir.resolve()),
        "expectVersion": expected,
        "config": {"rootSelector": ARTICLE, "excludeSelectors": [".headerlink"],
                   "forceLanguage": LANGUAGE},
        "records": form_records(),
    }
    result = subprocess.run([node, str(SCRIPT), str(modules)], input=json.dumps(job, ensure_ascii=False),
                            capture_output=True, text=True)
    try:
        report = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        raise SearchIndexError((result.stderr or result.stdout).strip()) from None
    if report["errors"]:
        if report["version"] and report["version"] != expected:
            raise SearchIndexError(
                f"Pagefind 版本不对：{report['binary']} 是 {report['version']}，package.json 固定为 "
                f"{expected}。请运行 npm ci（make site 会自动运行）。")
        raise SearchIndexError("\n".join(report["errors"]))
    size = sum(p.stat().st_size for p in (site_dir / "pagefind").rglob("*") if p.is_file())
    return Indexed(report["version"], report["pages"], report["records"], size)
