"""The one-page brief of every case as a county's stand uses it: printed from headless Chromium
onto one A4 page (pages counted in the PDF), its QR code read back from the screen as a phone
reads it, reached from the case page's 打印 button, online and offline. The PDFs and a picture
of each are kept in test-artifacts/briefs/."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest

from generator.format import schema
from generator.site import brief
from tests.browser.conftest import ARTIFACTS, Server, Watch, Where, _serve, open_context
from tests.conftest import LONGEST_BRIEF, SITE_URL

BRIEFS = ARTIFACTS / "briefs"


@pytest.fixture(scope="module")
def url_server(browser, site_with_url_dir: Path) -> Iterator[Server]:
    server = _serve(site_with_url_dir, "/zt/sfx/")
    yield server
    server.close()


def _print(browser, url: str, watch: Watch) -> bytes:
    context = open_context(browser, watch)
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    pdf = page.pdf(format="A4", print_background=True)
    context.close()
    return pdf


def _words(value: str) -> str:
    """Text to compare, without spaces, NFKC (PDF text often names a character by its Kangxi radical)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))


_RADICALS = re.compile("[\u2e80-\u2fdf]")


def _shows(text: str, words: str) -> bool:
    """Whether the PDF's text holds ``words``, where a character may come out as a radical that
    shares its glyph (龙 as ⻰, 页 as ⻚): those have no NFKC mapping."""
    pattern = "".join(f"(?:{re.escape(c)}|\x00)" if "\u3400" <= c <= "\u9fff" else re.escape(c)
                      for c in _words(words))
    return re.search(pattern, _RADICALS.sub("\x00", text)) is not None


def _text(pdf: bytes) -> str:
    return _words("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))


@pytest.mark.parametrize("variant", ["plain", "with-qr"])
def test_every_brief_prints_on_one_a4_page(browser, at_root: Where, url_server: Server, sample_model,
                                           variant: str) -> None:
    base = at_root.base if variant == "plain" else url_server.base
    watch = Watch()
    BRIEFS.mkdir(parents=True, exist_ok=True)
    for case in sample_model.cases:
        pdf = _print(browser, f"{base}cases/{case.id}/brief/", watch)
        (BRIEFS / f"{case.id}-{variant}.pdf").write_bytes(pdf)
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1, f"{case.id}: {len(reader.pages)} pages"
        width, height = (float(v) for v in reader.pages[0].mediabox[2:])
        assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4
        shown = _text(pdf)
        expected = [case.county, case.city, case.status, case.summary, *case.industry_names,
                    *[item["title"] for item in case.data.get("experiences", [])[:brief.EXPERIENCES_MAX]],
                    *[schema.OVERVIEW.child(key).label for key in brief.FIGURES]]
        if case.sample:
            expected.append("示例数据")
        for words in expected:
            assert _shows(shown, words), (case.id, words)
        assert not _shows(shown, "返回案例页") and "Ctrl+P" not in shown  # screen-only controls
        if variant == "with-qr":
            assert _shows(shown, f"{SITE_URL}cases/{case.id}/")
    assert not watch.problems(), watch.problems()


def test_the_longest_brief_still_prints_on_one_page(browser, url_server: Server) -> None:
    """300 characters of 一句话经验, eight long experience titles (and more not listed), eight industries."""
    watch = Watch()
    pdf = _print(browser, f"{url_server.base}cases/{LONGEST_BRIEF}/brief/", watch)
    (BRIEFS / f"{LONGEST_BRIEF}.pdf").write_bytes(pdf)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 1
    shown = _text(pdf)
    assert _shows(shown, f"第{brief.EXPERIENCES_MAX}项")
    assert not _shows(shown, f"第{brief.EXPERIENCES_MAX + 1}项")
    assert _shows(shown, "另有 2 条")
    assert not watch.problems(), watch.problems()


def test_qr_code_scans_to_the_case_page(browser, url_server: Server, sample_model) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    watch = Watch()
    context = open_context(browser, watch)
    page = context.new_page()
    for case in sample_model.cases:
        page.goto(f"{url_server.base}cases/{case.id}/brief/")
        code = page.locator(".brief__qr svg")
        assert code.count() == 1 and code.get_attribute("aria-hidden") == "true"
        picture = Image.open(io.BytesIO(code.screenshot())).convert("L")
        read = [result.text for result in zxingcpp.read_barcodes(picture)]
        assert read == [f"{SITE_URL}cases/{case.id}/"], case.id
        page.locator(".brief").screenshot(path=str(BRIEFS / f"{case.id}-screen.png"))
    context.close()
    assert not watch.problems(), watch.problems()


def test_without_site_url_there_is_no_qr_code(page, at_root: Where) -> None:
    page.goto(at_root.url("brief"))
    assert page.locator(".brief__qr").count() == 0
    assert page.locator(".brief__figures dd").count() == len(brief.FIGURES)


def test_print_button_on_the_case_page_leads_to_the_brief(page, where: Where) -> None:
    page.goto(where.url("case"))
    page.get_by_role("link", name="打印一页简介").click()
    page.wait_for_url("**/brief/" if not where.offline else "**/brief.html")
    assert page.locator("article h1.brief__title").is_visible()
    button = page.get_by_role("button", name="打印")
    assert button.is_visible()  # shown by assets/js/print.js
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    button.click()
    assert page.evaluate("window.__printed") == 1
    page.get_by_role("link", name="返回案例页").click()
    page.wait_for_url(re.compile(r".*/cases/[a-z0-9-]+(/|\.html)$"))
    assert page.get_by_role("link", name="打印一页简介").is_visible()


def test_every_case_has_its_brief_offline(offline_build: tuple[Path, Path], sample_model) -> None:
    folder, _ = offline_build
    for case in sample_model.cases:
        page = folder / "cases" / case.id / "brief.html"
        assert page.is_file(), case.id
        assert f'href="{case.id}/brief.html"' in (folder / "cases" / f"{case.id}.html").read_text("utf-8")
