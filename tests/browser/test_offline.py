"""The offline edition (``make offline``): a folder and a .zip that work from file://."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from generator.build.offline import ZIP_FOLDER, write_zip
from tests.browser.conftest import Where


def test_zip_holds_the_whole_folder(offline_build: tuple[Path, Path]) -> None:
    folder, archive = offline_build
    with zipfile.ZipFile(archive) as zipped:
        names = zipped.namelist()
        assert all(name.startswith(f"{ZIP_FOLDER}/") for name in names)
        files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert {name[len(ZIP_FOLDER) + 1:] for name in names} == files
        for needed in ("index.html", "cases/index.html", "cases/yunze.html", "stats.html", "compare.html",
                       "accessibility.html", "search/search_index.js", "assets/js/filters.js",
                       "assets/js/vendor/iframe-worker-shim.js", "使用说明.txt"):
            assert f"{ZIP_FOLDER}/{needed}" in names, needed
        assert f"{ZIP_FOLDER}/404.html" not in names
        assert zipped.read(f"{ZIP_FOLDER}/index.html") == (folder / "index.html").read_bytes()


def test_no_page_names_another_host_to_load(offline_build: tuple[Path, Path]) -> None:
    folder, _ = offline_build
    for html in folder.rglob("*.html"):
        text = html.read_text("utf-8")
        loads = re.findall(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="([^"]+)"', text)
        assert not [u for u in loads if re.match(r"^(?:[a-z]+:)?//", u)], html
        assert "unpkg.com" not in text


def test_zip_is_the_same_for_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("甲", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("乙", encoding="utf-8")
    write_zip(folder, tmp_path / "one.zip")
    (folder / "a.txt").touch()
    write_zip(folder, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def test_pages_work_from_the_file_system(page, from_file: Where) -> None:
    """Open index.html from disk and move around with links only: every page arrives."""
    page.goto(from_file.url("home"))
    page.locator(".md-tabs").get_by_role("link", name="案例库").click()
    page.wait_for_url("**/cases/index.html")
    page.get_by_role("link", name="云泽市", exact=True).first.click()
    page.wait_for_url("**/cases/yunze.html")
    page.locator("#targets-table").wait_for()
    page.locator(".md-tabs").get_by_role("link", name="统计").click()
    page.wait_for_url("**/stats.html")
    assert page.locator("svg.chart-svg").count() >= 8
    page.locator(".md-tabs").get_by_role("link", name="典型经验").click()
    page.wait_for_url("**/experiences.html")
    page.locator("#by-dimension ~ .experience-group a", has_text="云泽市").first.click()
    page.wait_for_url("**/cases/yunze.html#experience-*")
    assert page.locator("article h1").inner_text().startswith("云泽市")
