"""The case pages' Markdown converted in worker processes (generator/mkdocs_pages.py) gives the
site MkDocs itself gives: the same HTML, byte for byte, with the same table of contents and anchors
(the build is strict, so an anchor MkDocs could not find would fail it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.sitebuild import build, copy_project, tree


def _html(site: Path) -> dict[str, bytes]:
    return {path: content for path, content in tree(site).items() if path.endswith(".html")}


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, tuple[str, str]]:
    base = tmp_path_factory.mktemp("prerender")
    plain = copy_project(base / "plain")
    parallel = copy_project(base / "parallel")
    module = parallel / "generator" / "mkdocs_pages.py"
    source = module.read_text("utf-8")
    assert "\nPARALLEL_FROM = 200\n" in source
    module.write_text(source.replace("\nPARALLEL_FROM = 200\n", "\nPARALLEL_FROM = 1\n"), "utf-8")
    first = build(plain, plain / "site")
    assert first.returncode == 0, first.stdout + first.stderr
    second = build(parallel, parallel / "site")
    assert second.returncode == 0, second.stdout + second.stderr
    return plain / "site", parallel / "site", (first.stdout + first.stderr, second.stdout + second.stderr)


def test_the_workers_convert_the_case_pages_and_briefs(two_sites: tuple[Path, Path, tuple[str, str]]) -> None:
    _, _, (plain_log, parallel_log) = two_sites
    cases = len(list((Path(__file__).resolve().parents[1] / "cases").glob("*.yaml")))
    converted = re.search(r"(\d+) 个生成页面的 Markdown 由 \d+ 个子进程转换", parallel_log)
    assert converted and int(converted.group(1)) >= 2 * cases  # a case page and a brief each, and more
    assert "子进程转换" not in plain_log  # a small site: MkDocs converts them, as always


def test_the_site_is_the_same_byte_for_byte(two_sites: tuple[Path, Path, tuple[str, str]]) -> None:
    plain, parallel, _ = two_sites
    expected, got = _html(plain), _html(parallel)
    assert sorted(got) == sorted(expected)
    different = [path for path in expected if expected[path] != got[path]]
    assert not different, different[:5]
    case_page = next(p for p in expected if p.startswith("cases/") and p.endswith("/index.html")
                     and p != "cases/index.html" and "/brief/" not in p)
    text = got[case_page].decode("utf-8")
    assert 'class="md-nav md-nav--secondary"' in text  # its table of contents, from the worker
    assert 'id="overview"' in text
