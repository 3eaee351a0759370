"""The search index's parts without a browser: the names lists, the page types, and what a
build says when Pagefind is missing or is not the pinned version."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.build import search_index
from generator.forms import layouts as forms
from tests.sitebuild import ROOT

SEARCH_JS = (ROOT / "docs" / "assets" / "js" / "search.js").read_text("utf-8")


def test_search_js_knows_the_types_and_the_shards() -> None:
    order = json.loads(re.search(r"var TYPE_ORDER = (\[.*?\]);", SEARCH_JS).group(1))
    assert tuple(order) == search_index.TYPE_ORDER
    assert int(re.search(r"var NAME_SHARDS = (\d+);", SEARCH_JS).group(1)) == search_index.NAME_SHARDS


def test_names_lists_hold_every_county_form_and_page(sample_model) -> None:
    pages = [("案例库", "cases/index.md"), ("首页", "index.md"), ("模板下载", "downloads.md")]
    files = dict(search_index.search_names(sample_model, pages))
    assert len(files) == search_index.NAME_SHARDS
    entries = {path: json.loads(data) for path, data in files.items()}

    def shard(name: str) -> list[dict]:
        return entries[f"search/names/{ord(name[0]) % search_index.NAME_SHARDS}.json"]

    for case in sample_model.cases:
        assert {"n": case.county, "c": case.city, "u": case.id, "b": case.batch, "s": case.status} in shard(case.county)
    for d in forms.TEMPLATES:
        name = d.title.split(" ")[0]
        files_named = {t.path for t in forms.TEMPLATES if t.title.split(" ")[0] == name}
        assert {e["u"] for e in shard(name) if e["n"] == name} == files_named | {"downloads/"}
    assert any(e["u"] == "cases/" for e in shard("案例库"))
    assert any(e["u"] == "" for e in shard("首页"))
    assert sum(e["u"] == "downloads/" and e["n"] == "模板下载" for e in shard("模板下载")) == 1


def test_page_types() -> None:
    assert search_index.page_type("cases/qianan.md", False) == search_index.CASE_TYPE
    assert search_index.page_type("cases/index.md", True) == search_index.LIST_TYPE
    assert search_index.page_type("cases/city/xingtai.md", True) == search_index.LIST_TYPE  # a 设区市 part
    assert search_index.page_type("downloads.md", False) == search_index.FORM_TYPE
    assert search_index.page_type("notice.md", False) == search_index.NOTICE_TYPE
    assert search_index.page_type("accessibility.md", False) == search_index.OTHER_TYPE


def _project(tmp_path: Path, version: str, modules: bool) -> Path:
    root = tmp_path / "project"
    (root / "site").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<html lang='zh'><body><article class='md-content__inner'>"
                                              "<h1>试</h1></article></body></html>", "utf-8")
    data = json.loads((ROOT / "package.json").read_text("utf-8"))
    data["dependencies"]["pagefind"] = version
    (root / "package.json").write_text(json.dumps(data), "utf-8")
    if modules:
        (root / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return root


needs_pagefind = pytest.mark.skipif(
    not (ROOT / "node_modules" / "pagefind").is_dir() or not shutil.which("node"),
    reason="Pagefind is not installed (make site runs npm ci)")


def test_missing_pagefind_says_how_to_install_it(tmp_path: Path) -> None:
    root = _project(tmp_path, search_index.pinned_version(ROOT), modules=False)
    if search_index._node_modules(root) is not None:
        pytest.skip("a node_modules/ above the temporary folder")
    with pytest.raises(search_index.SearchIndexError, match=r"未找到 .*make site.*npm ci"):
        search_index.index_site(root / "site", root)


@needs_pagefind
def test_another_version_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path, "0.0.1", modules=True)
    refused = r"Pagefind 版本不对：.* 是 1\.\d+\.\d+，package.json 固定为 0\.0\.1"
    with pytest.raises(search_index.SearchIndexError, match=refused):
        search_index.index_site(root / "site", root)
    assert not (root / "site" / "pagefind").exists()


@needs_pagefind
def test_the_pinned_version_indexes_pages_and_forms(tmp_path: Path) -> None:
    root = _project(tmp_path, search_index.pinned_version(ROOT), modules=True)
    indexed = search_index.index_site(root / "site", root)
    assert (indexed.version, indexed.pages, indexed.records) == (search_index.pinned_version(ROOT), 1,
                                                                 len(forms.TEMPLATES))
    assert (root / "site" / "pagefind" / "pagefind.js").is_file()
