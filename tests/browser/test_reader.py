"""Issue 16 in Chromium, as three readers use the site: a county's staff on a phone (390 px)
finding what to submit, a provincial official on a desktop (1280 px) preparing a speech, an older
reader with the keyboard and large text (640 px at 200 % zoom, and 320 px at 400 %).

Each item of the issue is tried at each of the three widths: layout, from reading to submitting,
keyboard and zoom, tables on small screens, identity, 典型经验 and 统计, gaps named, print.
Zoom is emulated as the browser does it: a 1280 × 900 window at 200 % is a 640 × 450 CSS viewport
at device scale 2 (at 400 %: 320 × 225 at 4).
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.build.pipeline import Project, check
from generator.forms import submission
from tests.browser.conftest import FOCUS, Watch, Where, artifact, open_context, screenshot
from tests.sitebuild import ROOT

VIEWS: dict[str, dict] = {
    "phone": {"viewport": {"width": 390, "height": 844}},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "zoom200": {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2},
}
ZOOM400 = {"viewport": {"width": 320, "height": 225}, "device_scale_factor": 4}



def _site():
    site = check(Project(ROOT)).site
    assert site is not None
    return site


@pytest.fixture(params=list(VIEWS))
def view(request, browser):
    """A page in a context at one of the three widths; the request watcher checks it at the end."""
    watch = Watch()
    context = open_context(browser, watch, **VIEWS[request.param])
    page = context.new_page()
    page.set_default_timeout(15000)
    page.view = request.param  # type: ignore[attr-defined]
    yield page
    context.close()
    assert not watch.problems(), watch.problems()


def _narrow(page) -> bool:
    return page.viewport_size["width"] < 1220


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# --- 1. layout ------------------------------------------------------------------------------------


def test_layout_breadcrumb_current_section_and_pager(view, at_root: Where) -> None:
    page, site = view, _site()
    case = site.cases[1]
    page.goto(at_root.case_url(case.id))
    crumbs = page.locator("nav[aria-label='当前位置'] li")
    assert crumbs.all_inner_texts() == ["首页", "案例库", case.county]
    assert page.locator("nav[aria-label='当前位置']").is_visible()
    assert _overflow(page) <= 1
    if _narrow(page):
        assert page.locator(".md-tabs").is_hidden()
        page.locator("button.sfx-menu-button").click()
        current = page.locator(".md-sidebar--primary .sfx-nav-current")
        assert current.inner_text() == "案例库" and current.is_visible()
        page.keyboard.press("Escape")
    else:
        # No empty sidebar; about 940 px of text beside the table of contents.
        assert page.locator(".md-sidebar--primary").is_hidden()
        width = page.locator("article").bounding_box()["width"]
        assert 880 <= width <= 1000, width
        tab = page.locator(".md-tabs__item--active a")
        assert tab.inner_text() == "案例库"
        weight = "getComputedStyle(document.querySelector('.md-tabs__item--active a')).fontWeight"
        assert page.evaluate(weight) == "700"
    screenshot(page, f"reader-case-top-{page.view}", full_page=False)
    # 上一个 / 下一个 in the library's order.
    before, after = site.neighbours(case)
    pager = page.locator("nav.case-pager")
    pager.scroll_into_view_if_needed()
    assert pager.is_visible()
    assert before and before.county in pager.locator("a[rel=prev]").inner_text()
    pager.locator("a[rel=next]").click()
    page.wait_for_load_state("load")
    assert after and after.county in page.locator("article h1").inner_text()


def test_library_uses_the_width_at_the_largest_text(browser, at_root: Where) -> None:
    watch = Watch()
    context = open_context(browser, watch, **VIEWS["desktop"])
    context.add_init_script("try { localStorage.setItem('sfx-reading', '{\"size\": \"2\"}'); } catch (e) {}")
    page = context.new_page()
    page.goto(at_root.url("library"))
    assert page.get_attribute("html", "data-sfx-size") == "2"
    # Every column, 主导产业 and 创建目标 included, on screen without scrolling sideways.
    headers = page.locator("#case-table thead th")
    assert headers.count() == 6
    for i in range(headers.count()):
        box = headers.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, (headers.nth(i).inner_text(), box)
    wrap = page.evaluate("(() => { const t = document.querySelector('#case-table');"
                         " const w = t.closest('.md-typeset__scrollwrap') || t;"
                         " return w.scrollWidth - w.clientWidth; })()")
    assert wrap <= 1 and _overflow(page) <= 1
    screenshot(page, "reader-library-largest-text", full_page=False)
    context.close()
    assert not watch.problems(), watch.problems()


# --- 2. from reading to submitting ------------------------------------------------------------------


def test_from_the_guide_to_the_forms_and_the_zip(view, at_root: Where) -> None:
    page = view
    page.goto(at_root.url("guide"))
    link = page.locator("#cailiao ~ ol a[href$='downloads/#fubiao1']").first
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(re.compile(r"downloads/#fubiao1$"))
    part = page.locator("#fubiao1")
    box = part.bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] - 1 and box["y"] < page.viewport_size["height"], box
    hrefs = part.locator("a[download]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["../fubiao1.xlsx", "../fubiao1.docx"] or hrefs == ["fubiao1.xlsx", "fubiao1.docx"]
    screenshot(page, f"reader-downloads-part-{page.view}", full_page=False)
    # Every form in one ZIP.
    button = page.locator("#all-templates")
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == submission.ALL_IN_ONE.save_as
    data = Path(download.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == [name for _, name in submission.zip_names()]
    artifact(f"downloads/{page.view}-{download.suggested_filename}", data)


def test_notice_attachment_line_links_every_form(view, at_root: Where) -> None:
    page = view
    page.goto(at_root.url("notice") + "#fujian-lan")
    line = page.locator("#fujian-lan + .notice-download")
    assert line.is_visible()
    texts = line.locator("a").all_inner_texts()
    assert [part.title for part in submission.PARTS] + [submission.ALL_IN_ONE.title] == texts
    line.locator("a", has_text="附表2").click()
    page.wait_for_url(re.compile(r"downloads/#fubiao2$"))
    assert page.locator("#fubiao2").is_visible()


# --- 3. keyboard and zoom -------------------------------------------------------------------------


@pytest.mark.parametrize("zoom", ["phone", "desktop", "zoom200", "zoom400"])
def test_every_control_is_reachable_and_visible(browser, at_root: Where, zoom: str) -> None:
    watch = Watch()
    context = open_context(browser, watch, **(ZOOM400 if zoom == "zoom400" else VIEWS[zoom]))
    page = context.new_page()
    page.goto(at_root.case_url("yunze"))
    page.wait_for_load_state("networkidle")
    stops = []
    for _ in range(45):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus:
            stops.append(focus)
    first = stops[0]
    assert "md-skip" in first["cls"] and first["text"] == "跳到正文"
    assert first["onScreen"] and first["indicated"]
    lost = [s for s in stops if not (s["visible"] and s["onScreen"])]
    unmarked = [s for s in stops if not s["indicated"]]
    assert not lost, lost  # nothing off screen takes the focus (the closed drawer is inert)
    assert not unmarked, unmarked
    assert not [s for s in stops if "headerlink" in s["cls"]]  # ¶ are not tab stops
    assert not [s for s in stops if s["inDrawer"]]
    texts = [s["text"] for s in stops]
    assert "字号" in texts and any(s["tag"] == "input" for s in stops)
    if zoom != "desktop":
        # The menu button is a stop; Enter opens the drawer with the focus inside, Esc closes it.
        assert "导航菜单" in texts[:3], texts[:4]
        page.keyboard.press("Home")
        page.locator("button.sfx-menu-button").focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert page.get_attribute("button.sfx-menu-button", "aria-expanded") == "true"
        inside = page.evaluate(FOCUS)
        assert inside["inDrawer"] and inside["onScreen"] and inside["indicated"], inside
        assert inside["text"] == "案例库"
        for _ in range(4):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS)
            assert focus["inDrawer"] and focus["visible"] and focus["onScreen"], focus
        screenshot(page, f"reader-drawer-{zoom}", full_page=False)
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
        assert page.evaluate("document.activeElement.classList.contains('sfx-menu-button')")
        assert page.evaluate("document.querySelector('.md-sidebar--primary').inert") is True
        assert page.evaluate("document.getElementById('__drawer').checked") is False
    # The skip link's ring reads on the red header: a dark outline with a white halo.
    page.goto(at_root.case_url("yunze"))
    page.keyboard.press("Tab")
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineColor, s.outlineWidth, s.boxShadow, s.backgroundColor]; }""")
    assert ring[0] == "rgb(31, 31, 31)" and float(ring[1].rstrip("px")) >= 3
    assert "rgb(255, 255, 255)" in ring[2] and ring[3] == "rgb(255, 255, 255)"
    screenshot(page, f"reader-skip-link-{zoom}", full_page=False)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('article')"), page.evaluate(FOCUS)
    context.close()
    assert not watch.problems(), watch.problems()


# --- 4. tables on small screens -------------------------------------------------------------------


_CUT_OFF = """(selector) => {
    // Cells whose content reaches beyond the screen or beyond the box that shows them.
    const bad = [];
    for (const cell of document.querySelectorAll(selector)) {
        if (!cell.offsetParent) continue;
        const box = cell.getBoundingClientRect();
        let clip = null;
        for (let el = cell.parentElement; el && el !== document.body; el = el.parentElement) {
            const s = getComputedStyle(el);
            if (['auto', 'scroll', 'hidden'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1) {
                clip = el;
                break;
            }
        }
        if (clip) continue;  // scrolls inside its own box
        if (box.left < -1 || box.right > innerWidth + 1 || cell.scrollWidth > cell.clientWidth + 2)
            bad.push([cell.innerText.slice(0, 20), Math.round(box.left), Math.round(box.right)]);
    }
    return bad;
}"""


def test_tables_are_cards_or_scroll_with_their_labels(view, at_root: Where) -> None:
    page = view
    narrow = page.viewport_size["width"] < 720
    for path, selector in (("downloads/", ".card-table td, .form-part li"), ("guide/", ".card-table td"),
                           ("cases/qinglan/", "#targets-table td")):
        page.goto(at_root.base + path)
        page.wait_for_load_state("networkidle")
        assert _overflow(page) <= 1, path
        assert page.evaluate(_CUT_OFF, selector) == [], path
        if narrow:  # cards: the first cell a full-width title, no column squeezed
            first = page.locator(".card-table tbody tr").first
            assert first.bounding_box()["width"] >= page.viewport_size["width"] * 0.8, path
            assert page.locator(".card-table thead").first.bounding_box()["width"] <= 1, path
        screenshot(page, f"reader-{path.strip('/').replace('/', '-')}-{page.view}")
    # 对比: the row labels stay in view when the table scrolls sideways.
    page.goto(at_root.url("compare"))
    box = page.locator(".compare-scroll").nth(1)
    box.scroll_into_view_if_needed()
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    page.wait_for_timeout(100)
    label = box.locator("tbody th").first.bounding_box()
    frame = box.bounding_box()
    assert abs(label["x"] - frame["x"]) <= 2, (label, frame)
    assert box.locator("tbody th").first.inner_text().startswith("地区GDP")
    screenshot(page, f"reader-compare-scrolled-{page.view}", full_page=False)


# --- 5. identity ------------------------------------------------------------------------------------


def test_footer_and_notice_say_who_publishes(view, at_root: Where) -> None:
    page = view
    for name in ("home", "case", "downloads"):
        page.goto(at_root.base + "downloads/" if name == "downloads" else at_root.url(name))
        footer = page.locator(".sfx-identity")
        footer.scroll_into_view_if_needed()
        assert footer.is_visible()
        shown = footer.inner_text()
        assert "主办单位：河北省工业和信息化厅" in shown and "联系方式：" in shown
        assert footer.locator("a").all_inner_texts() == ["无障碍声明", "数据字典", "维护指南"]
        box = footer.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"] + 1
    screenshot(page, f"reader-footer-{page.view}", full_page=False)
    page.locator(".sfx-identity a", has_text="维护指南").click()
    page.wait_for_url(re.compile(r"maintainer/$"))
    page.goto(at_root.url("notice"))
    source = page.locator(".notice-source")
    assert source.is_visible()
    assert "发布时间：2018年8月24日" in source.inner_text()
    assert "来源：河北省工业和信息化厅" in source.inner_text()
    heading = page.locator("article h1").first
    assert heading.evaluate("h => getComputedStyle(h).fontWeight") == "700"
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    table = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article table')).fontSize)")
    assert table == body


# --- 6. 典型经验 and 统计 ------------------------------------------------------------------------------


def test_experiences_filter_and_matrix_links(view, at_root: Where) -> None:
    page, site = view, _site()
    page.goto(at_root.url("experiences"))

    def shown() -> list[str]:
        return page.eval_on_selector_all(
            ".experience[data-facets]",
            "els => els.filter(e => e.offsetParent).map(e => e.dataset.experience)")

    assert len(shown()) == len(site.all_experiences)
    case = next(c for c in site.cases if len(c.data.get("experiences", [])) >= 2)
    page.select_option("#experience-filter-county", case.id)
    expected = [ref.key for ref in site.all_experiences if ref.case.id == case.id]
    assert sorted(shown()) == sorted(expected)
    assert f"显示 {len(expected)} 条经验" in page.locator("#experience-filter-status").inner_text()
    assert parse_qs(urlsplit(page.url).query) == {"county": [case.id]}
    page.get_by_role("button", name="清除筛选").click()
    page.wait_for_function("document.querySelectorAll('.experience[hidden]').length === 0")
    # A count in the 体系 × 方面 table shows exactly those experiences.
    cell = page.locator("#experience-matrix a[data-filter-link]").first
    cell.scroll_into_view_if_needed()
    count = int(cell.inner_text())
    query = parse_qs(urlsplit(cell.get_attribute("href")).query)
    cell.click()
    expected = [ref.key for ref in site.all_experiences if ref.item.get("system") == query["system"][0]
                and ref.item.get("dimension") == query["dimension"][0]]
    assert len(shown()) == len(expected) == count
    assert page.locator("#experience-filter-system").input_value() == query["system"][0]
    screenshot(page, f"reader-experiences-filtered-{page.view}", full_page=False)


def test_statistics_open_with_the_figures_for_a_speech(view, at_root: Where) -> None:
    page, site = view, _site()
    page.goto(at_root.url("stats"))
    figures = page.locator(".headline-figures__item")
    assert figures.count() == 3
    texts = figures.all_inner_texts()
    assert texts[0].split()[0] == str(len(site.cases))
    assert "亿元" in texts[2] and "制造业增加值合计" in texts[2]
    # The first figure is in the first screen, under the title.
    assert figures.first.bounding_box()["y"] < page.viewport_size["height"] * (2 if _narrow(page) else 1)
    details = page.locator(".headline-details").inner_text()
    assert "按创建状态" in details and all(f"{s} {n} 个" in details for s, n in site.status_counts)
    city = page.locator("#by-city ~ .chart-pair table").first
    assert city.locator("thead th").first.inner_text() == "市（含定州、辛集市）"
    assert "设区市" not in page.locator("#by-city").inner_text()
    assert not re.search(r"\d{1,3}(,\d{3}){2,} 万元", page.locator("article").inner_text())
    screenshot(page, f"reader-stats-top-{page.view}", full_page=False)


# --- 7. gaps named --------------------------------------------------------------------------------------


def test_unfiled_figures_say_so(view, at_root: Where) -> None:
    page, site = view, _site()
    case = next(c for c in site.cases if c.status == "示范标杆" and c.unfiled)
    page.goto(at_root.url("compare", f"?c={case.id},yunze"))
    page.locator("#compare-status").wait_for()
    cells = page.locator(f"#overview ~ .compare-scroll td[data-case='{case.id}']").first
    assert cells.inner_text() == "未填报"
    targets = page.locator(f"#targets ~ .compare-scroll td[data-case='{case.id}']")
    assert all(t == "未填报" for t in targets.all_inner_texts())
    row = page.locator("tr", has=page.locator("th", has_text="已过中期评估而未填报"))
    assert "总体情况、创建目标" in row.locator(f"td[data-case='{case.id}']").inner_text()
    page.goto(at_root.case_url(case.id))
    assert page.locator(".case-unfiled").is_visible()


# --- 8. print ----------------------------------------------------------------------------------------------


def _pdf_words(pdf: bytes) -> list[dict]:
    """Every word of a PDF with its page's size and box (pdftotext -bbox, poppler-utils)."""
    out = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    words, size = [], (0.0, 0.0)
    for line in out.decode("utf-8").splitlines():
        if m := re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line):
            size = (float(m.group(1)), float(m.group(2)))
            words.append({"page": True, "size": size})
        elif m := re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line):
            words.append({"x0": float(m.group(1)), "x1": float(m.group(2)), "text": m.group(3), "size": size})
    return words


@pytest.mark.skipif(subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0,
                    reason="pdftotext (poppler-utils) is not installed")
def test_pages_print_within_the_page_with_date_address_and_link_targets(view, at_root: Where) -> None:
    page = view
    for path in ("guide/", "downloads/", "cases/yunze/", "compare/"):
        page.goto(at_root.base + path)
        page.wait_for_load_state("networkidle")
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        artifact(f"print/{page.view}-{path.strip('/').replace('/', '-')}.pdf", pdf)
        words = _pdf_words(pdf)
        pages = [w for w in words if w.get("page")]
        assert pages, path
        text = [w for w in words if not w.get("page")]
        # Nothing beyond the right margin (15 mm = 42.5 pt): tables fit the page.
        beyond = [w["text"] for w in text if w["x1"] > w["size"][0] - 40 or w["x0"] < 0]
        assert not beyond, (path, beyond[:5])
        # Every page's footer: the print date and the page's address.
        page_text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                                   check=True).stdout.decode("utf-8").split("\f")
        page_text = [p for p in page_text if p.strip()]
        assert len(page_text) == len(pages)
        for number, sheet in enumerate(page_text, 1):
            assert "打印日期：" in sheet and "本页网址：" in sheet, (path, number)
            assert f"{at_root.base}{path}" in sheet, (path, number)
            assert f"第 {number} 页，共 {len(pages)} 页" in sheet, (path, number)
        joined = "".join(page_text)
        if path == "downloads/":  # download links print where they lead
            assert re.search(r"申报书全部模板|shenbaoshu-muban\.zip", joined)
            assert "downloads/fubiao1.xlsx" in re.sub(r"\s+", "", joined)
        if path == "compare/":
            assert all(w["size"][0] > w["size"][1] for w in pages)  # landscape
        else:
            assert all(round(w["size"][0]) == 595 for w in pages)
