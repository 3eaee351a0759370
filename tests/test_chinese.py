"""Chinese throughout: no English a reader sees on any built page, and every page says zh-CN.

The allow-list and what counts as seen are in tests/latin.py; the live pages (after their
scripts ran) are checked in tests/browser/test_chinese.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.latin import DEVELOPER_PAGES, latin_words, visible_text

OWNED_ELSEWHERE: dict[str, set[str]] = {
    # 带 BOM in the CSV file's description, generator/site/opendata.py (OPEN_DATA), edited on the forms branch.
    "downloads/index.html": {"BOM"},
}
"""Words known to remain in text this branch does not write; each names where it comes from."""


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in sorted(site.rglob("*.html"))}


def test_no_latin_word_a_reader_sees(sample_site_dir: Path) -> None:
    found = {}
    for page, html in _pages(sample_site_dir).items():
        words = [w for w in latin_words(visible_text(html), developer=page in DEVELOPER_PAGES)
                 if w.split(" ← ")[0] not in OWNED_ELSEWHERE.get(page, set())]
        if words:
            found[page] = words
    assert not found


_OTHER_DATE_STYLES = re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b")


def test_dates_in_one_style(sample_site_dir: Path) -> None:
    """A reader sees 2021年4月15日 everywhere, never 2021-04-15 (machines read <time datetime>)."""
    found = {}
    for page, html in _pages(sample_site_dir).items():
        developer = page in DEVELOPER_PAGES
        dates = [m.group() for text, in_code in visible_text(html) if not (in_code and developer)
                 for m in _OTHER_DATE_STYLES.finditer(text)]
        if dates:
            found[page] = dates
    assert not found
    case_pages = [html for page, html in _pages(sample_site_dir).items()
                  if page.startswith("cases/") and page != "cases/index.html"]
    assert sum(len(re.findall(r'<time datetime="\d{4}-\d{2}-\d{2}">\d{4}年\d{1,2}月\d{1,2}日</time>', h))
               for h in case_pages) >= len(case_pages)


def test_file_sizes_in_one_style(sample_site_dir: Path) -> None:
    text = "".join(t for html in _pages(sample_site_dir).values() for t, _ in visible_text(html))
    assert "字节" not in text
    text = re.sub(r"(?:不超过|最大) ?\d+ ?MB", "", text)  # a limit, not the size of a file
    sizes = re.findall(r"\d+(?:\.\d+)? ?(?:KB|MB|B)\b", text)
    assert sizes and all(re.fullmatch(r"\d+\.\d (?:KB|MB)", s) for s in sizes), sorted(set(sizes))


def test_every_page_is_zh_cn(sample_site_dir: Path) -> None:
    pages = _pages(sample_site_dir)
    assert "404.html" in pages and len(pages) > 20
    wrong = {page: re.search(r"<html[^>]*>", html).group() for page, html in pages.items()
             if not re.search(r'<html lang="zh-CN"[ >]', html)}
    assert not wrong


def test_not_found_page_is_chinese(sample_site_dir: Path) -> None:
    html = (sample_site_dir / "404.html").read_text("utf-8")
    assert "<title>页面不存在 - " in html and "<h1>页面不存在</h1>" in html
    assert "Not found" not in html


# --- the scanner itself -----------------------------------------------------------------------


@pytest.mark.parametrize(("fragment", "expected"), [
    ('<h2 id="x">标题<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>',
     ["Permanent", "link"]),
    ("<h1>404 - Not found</h1>", ["Not", "found"]),
    ('<p>数据来源：cases/qianan.yaml</p>', ["cases/qianan.yaml"]),
    ('<button aria-label="Copy to clipboard"></button>', ["Copy", "to", "clipboard"]),
    ('<input type="search" placeholder="Search">', ["Search"]),
    ('<input type="submit" value="Go">', ["Go"]),
    ('<img alt="chart" src="x.png">', ["chart"]),
    ('<td data-label="Actual">1</td>', ["Actual"]),
    ('<svg><title>Chart</title><text>迁安市</text></svg>', ["Chart"]),
    ("<head><title>Home - 网站</title></head>", ["Home"]),
])
def test_scanner_finds_what_a_reader_sees(fragment: str, expected: list[str]) -> None:
    assert [w.split(" ← ")[0] for w in latin_words(visible_text(fragment))] == expected


@pytest.mark.parametrize("fragment", [
    '<script>var search = "Search";</script><style>.md-header { color: red }</style>',
    '<div class="md-content" data-md-component="content" id="main"><a href="cases/qianan/">迁安市</a></div>',
    "<p>地区GDP、Excel 和 Word 文件，3D打印，A、B类，H型钢，12.7 KB，GB/T 37668—2019，0311-80000000</p>",
    '<p class="sfx" hidden>搜索</p><input type="search" value="typed text">',
])
def test_scanner_ignores_what_is_not_seen_or_allowed(fragment: str) -> None:
    assert latin_words(visible_text(fragment)) == []


def test_code_is_exempt_on_developer_pages_only() -> None:
    fragment = "<p>运行 <code>make check</code>，用 Python 和 git。</p><pre><code>python -m generator</code></pre>"
    assert latin_words(visible_text(fragment), developer=True) == []
    words = [w.split(" ← ")[0] for w in latin_words(visible_text(fragment))]
    assert words == ["make", "check", "Python", "git", "python", "generator"]
