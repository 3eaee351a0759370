"""The case library's filters and the compare page, as a reader uses them; and both without
JavaScript, where the lists stay complete."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.build.pipeline import Project, check
from tests.browser.conftest import Watch, Where, _serve, open_context, screenshot
from tests.sitebuild import ROOT, copy_project


def _cases():
    site = check(Project(ROOT)).site
    assert site is not None
    return site


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        "#case-table tr[data-case]", "rows => rows.filter(r => !r.hidden).map(r => r.dataset.case)")


def _visible_cards(page) -> list[str]:
    return page.eval_on_selector_all(
        ".case-cards [data-case]",
        "cards => cards.filter(c => c.offsetParent !== null).map(c => c.dataset.case)")


def test_two_filters_combine_and_are_shared_by_address(page, where: Where) -> None:
    site = _cases()
    page.goto(where.url("library"))
    assert page.locator("#case-filter").is_visible()
    assert len(_visible_rows(page)) == len(site.cases)

    page.select_option("#filter-city", "邢台市")
    in_city = {c.id for c in site.cases if c.city == "邢台市"}
    assert set(_visible_rows(page)) == in_city and len(in_city) == 2
    # The other filters now count within 邢台市.
    status_options = page.locator("#filter-status option").all_inner_texts()
    assert "限期整改（1）" in status_options and "已取消（1）" in status_options
    assert "示范标杆（0）" in status_options

    page.select_option("#filter-status", "限期整改")
    expected = {c.id for c in site.cases if c.city == "邢台市" and c.status == "限期整改"}
    assert set(_visible_rows(page)) == expected == {"qinglan"}
    assert set(_visible_cards(page)) == expected
    assert "显示 1 个案例" in page.locator("#case-filter-status").inner_text()

    query = parse_qs(urlsplit(page.url).query)
    assert query == {"city": ["邢台市"], "status": ["限期整改"]}
    screenshot(page, f"library-filtered-{where.name}", full_page=False)

    # The address opens the same view for someone else.
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    assert set(_visible_rows(other)) == expected
    assert other.locator("#filter-status").input_value() == "限期整改"
    other.close()

    page.get_by_role("button", name="清除筛选").click()
    page.wait_for_function("document.querySelectorAll('#case-table tr[hidden]').length === 0")
    assert len(_visible_rows(page)) == len(site.cases)
    assert urlsplit(page.url).query == ""


def test_multi_valued_filters(page, at_root: Where) -> None:
    site = _cases()
    page.goto(at_root.url("library"))
    page.select_option("#filter-industry", "装备制造")
    page.select_option("#filter-system", "人才培养体系")
    expected = {c.id for c in site.cases if "装备制造" in c.industry_names and "人才培养体系" in c.systems}
    assert expected and set(_visible_rows(page)) == expected
    page.select_option("#filter-tag", "链长制")
    page.select_option("#filter-dimension", "绿色发展")
    expected = {c.id for c in site.cases if c.id in expected and "链长制" in c.tags and "绿色发展" in c.dimensions}
    assert set(_visible_rows(page)) == expected == {"yunze"}


def test_no_match_says_so_and_clears(page, at_root: Where) -> None:
    page.goto(at_root.url("library", "?city=唐山市&status=创建中"))
    assert _visible_rows(page) == []
    empty = page.locator("#case-filter-empty")
    assert empty.is_visible()
    empty.get_by_role("link", name="清除筛选").click()
    page.wait_for_function("document.querySelectorAll('#case-table tr[hidden]').length === 0")
    assert len(_visible_rows(page)) == len(_cases().cases)
    assert empty.is_hidden()


def test_filter_result_leads_to_compare(page, where: Where) -> None:
    page.goto(where.url("library"))
    page.select_option("#filter-industry", "钢铁深加工")
    link = page.locator("#case-filter-compare")
    assert "2 个案例" in link.inner_text()
    link.click()
    page.wait_for_url(lambda url: "compare" in url)
    page.locator("#compare-status").wait_for()
    query = parse_qs(urlsplit(page.url).query)
    assert list(query) == ["c"] and sorted(query["c"][0].split(",")) == ["yexi", "yunze"]
    headers = page.eval_on_selector_all(
        ".compare-scroll th[data-case]",
        "ths => [...new Set(ths.filter(t => !t.hidden).map(t => t.dataset.case))]")
    assert sorted(headers) == ["yexi", "yunze"]


def test_compare_two_to_four(page, where: Where) -> None:
    site = _cases()
    page.goto(where.url("compare"))

    def shown() -> list[str]:
        return page.locator(".compare-scroll").first.evaluate(
            "table => [...table.querySelectorAll('th[data-case]')]"
            ".filter(t => !t.hidden).map(t => t.dataset.case)")

    assert len(shown()) == len(site.cases)  # nothing chosen yet: every case
    for case_id in ("yunze", "qinglan"):
        page.locator(f'#compare-picker input[value="{case_id}"]').check()
    assert shown() == ["yunze", "qinglan"]
    assert "正在对比 2 个案例" in page.locator("#compare-status").inner_text()
    # Side by side: 总体情况, targets and industries of exactly the chosen cases.
    gdp = page.locator(".compare-scroll tr", has_text="地区GDP").first
    cells = [c for c in gdp.locator("td").all() if c.is_visible()]
    assert [c.inner_text() for c in cells] == ["9,860,000", "1,372,000"]
    industries = page.locator("#industries ~ .compare-scroll").first
    assert "钢铁深加工" in industries.inner_text() and "羊绒制品" in industries.inner_text()
    targets = page.locator("#targets ~ .compare-scroll").first.inner_text()
    # yunze had its 绩效评价 (达成); qinglan (限期整改) has not: progress only, never 未达成.
    assert "达成" in targets and "进度" in targets and "未达成" not in targets
    for case_id in ("yexi", "liuting"):
        page.locator(f'#compare-picker input[value="{case_id}"]').check()
    assert len(shown()) == 4
    assert page.locator('#compare-picker input[value="tongxi"]').is_disabled()
    assert parse_qs(urlsplit(page.url).query)["c"] == ["yunze,yexi,qinglan,liuting"]
    screenshot(page, f"compare-four-{where.name}", full_page=False)
    page.get_by_role("button", name="清除选择").click()
    assert len(shown()) == len(site.cases)


def test_compare_finds_a_case_by_typing(page, at_root: Where) -> None:
    site = _cases()
    page.goto(at_root.url("compare"))

    def listed() -> list[str]:
        return page.eval_on_selector_all(
            "#compare-options input", "boxes => boxes.filter(b => b.offsetParent !== null).map(b => b.value)")

    assert len(listed()) == len(site.cases)
    search = page.get_by_label("查找案例")
    search.fill("泽")
    expected = [c.id for c in site.cases if "泽" in c.county or "泽" in c.city]
    assert listed() == expected and len(expected) >= 2
    assert page.locator("#compare-found").inner_text() == f"找到 {len(expected)} 个名称相符的案例。"
    page.get_by_role("checkbox", name="云泽市").check()
    search.fill("青岚")
    assert listed() == ["yunze", "qinglan"]  # what is chosen stays in view
    search.press("Enter")
    assert search.input_value() == ""
    assert "正在对比 2 个案例：云泽市、青岚县" in page.locator("#compare-status").inner_text()
    shown = page.locator(".compare-scroll").first.evaluate(
        "t => [...t.querySelectorAll('th[data-case]')].filter(th => !th.hidden).map(th => th.dataset.case)")
    assert shown == ["yunze", "qinglan"]
    search.fill("没有这个县")
    assert "没有名称含“没有这个县”的案例" in page.locator("#compare-found").inner_text()


def test_without_javascript_lists_stay_complete(browser, at_root: Where) -> None:
    site = _cases()
    watch = Watch()
    context = open_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(at_root.url("library", "?city=邢台市"))
    assert page.locator("#case-filter").is_hidden()
    rows = page.locator("#case-table tbody tr")
    assert rows.count() == len(site.cases)
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    for case in site.cases:
        assert page.get_by_role("link", name=case.county, exact=True).first.is_visible()
    page.goto(at_root.url("compare", "?c=yunze,yexi"))
    assert page.locator("#compare-picker").is_hidden()
    assert page.locator(".compare-nojs").is_visible()
    header = page.locator(".compare-scroll").first.locator("th[data-case]")
    assert header.count() == len(site.cases)
    assert all(header.nth(i).is_visible() for i in range(header.count()))
    page.goto(at_root.url("case"))
    assert page.locator("#targets-table").is_visible()
    screenshot(page, "case-nojs-desktop", full_page=False)
    context.close()
    assert not watch.problems(), watch.problems()


# --- a large site: the library split by 设区市, 对比 built in the browser ------------------------
# The shipped samples built with views.LIST_MAX lowered to 4 (in this process, as a site of
# thousands of cases is built with the real limit): the same pages a large site has, fast.

SPLIT_MAX = 4


@pytest.fixture(scope="module")
def split_build(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(site, offline edition) of the samples built as a large site is."""
    from generator.cli import main
    from generator.site import views

    base = tmp_path_factory.mktemp("split")
    root = copy_project(base / "project")
    shutil.copy2(ROOT / "mkdocs.offline.yml", root / "mkdocs.offline.yml")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(views, "LIST_MAX", SPLIT_MAX)
        assert main(["--root", str(root), "build", "--site-dir", str(base / "site")]) == 0
        assert main(["--root", str(root), "offline", "--out", str(base / "offline"),
                     "--zip", str(base / "offline.zip")]) == 0
    return base / "site", base / "offline"


@pytest.fixture(scope="module")
def split_served(split_build: tuple[Path, Path]) -> Iterator[str]:
    server = _serve(split_build[0], "/")
    yield server.base
    server.close()


@pytest.fixture(params=["root", "file"])
def split_where(request: pytest.FixtureRequest, split_build: tuple[Path, Path]) -> Where:
    if request.param == "root":
        return Where("split-root", request.getfixturevalue("split_served"))
    folder = split_build[1]
    return Where("split-file", folder.as_uri() + "/", offline=True, folder=folder)


def _split_url(where: Where, path: str) -> str:
    """``path`` as served (``cases/city/xingtai/``), or its file in the offline edition."""
    if not where.offline:
        return where.base + path
    return where.base + (path.rstrip("/") + ".html" if path else "index.html").replace("cases.html", "cases/index.html")


def test_split_library_a_city_page_filters_its_cases(page, split_where: Where) -> None:
    site = _cases()
    page.goto(_split_url(split_where, "cases/"))
    assert page.locator("#case-table").count() == 0
    overview = page.locator("#city-table")
    row = overview.locator("tr", has_text="邢台市")
    in_city = [c for c in site.cases if c.city == "邢台市"]
    assert row.locator("td").first.inner_text() == str(len(in_city))
    row.get_by_role("link", name="邢台市", exact=True).click()
    page.wait_for_url(lambda url: "xingtai" in url)
    assert page.locator("h1").inner_text().rstrip("¶") == "邢台市的案例"
    assert "案例库" in page.locator(".sfx-path").inner_text()
    status = page.locator("#case-filter-status")
    assert f"共 {len(in_city)} 个案例" in status.inner_text()
    assert set(_visible_rows(page)) == {c.id for c in in_city}
    assert page.locator("#filter-city").count() == 0  # one city: no city filter

    page.select_option("#filter-status", "限期整改")
    expected = {c.id for c in in_city if c.status == "限期整改"}
    assert set(_visible_rows(page)) == expected == {"qinglan"}
    assert f"显示 1 个案例（共 {len(in_city)} 个）" in status.inner_text()
    options = page.locator("#filter-batch option").all_inner_texts()
    assert options[0] == "全部（1）"
    screenshot(page, f"library-city-filtered-{split_where.name}", full_page=False)

    # The overview's count for 邢台市 and 限期整改 opens the same view.
    page.goto(_split_url(split_where, "cases/"))
    page.locator("#city-table").get_by_role("link", name="邢台市、限期整改：1 个案例").click()
    page.wait_for_url(lambda url: "xingtai" in url)
    assert set(_visible_rows(page)) == expected
    assert page.locator("#filter-status").input_value() == "限期整改"


def test_split_library_keeps_a_shared_address_with_filters(page, split_where: Where) -> None:
    """An address of the whole library's filters (as shared before it was split) opens the city's page."""
    page.goto(_split_url(split_where, "cases/") + "?city=邢台市&status=限期整改")
    page.wait_for_url(lambda url: "xingtai" in url)
    page.locator("#case-filter").wait_for()
    assert _visible_rows(page) == ["qinglan"]
    assert parse_qs(urlsplit(page.url).query) == {"status": ["限期整改"]}


def test_split_compare_pick_by_typing(page, split_where: Where) -> None:
    from generator.site.text import number

    site = _cases()
    by_id = {c.id: c for c in site.cases}
    page.goto(_split_url(split_where, "compare/"))
    found = page.locator("#compare-found")
    page.wait_for_function("document.getElementById('compare-found').textContent.indexOf('共') === 0")
    assert f"共 {len(site.cases)} 个案例" in found.inner_text()
    assert page.locator(".compare-nojs").is_hidden()
    assert page.locator("#compare-built").is_hidden()
    assert page.locator("#compare-options input").count() == 0  # nothing listed before typing

    search = page.get_by_label("查找案例")
    search.fill(by_id["yunze"].county[:2])
    assert "找到 1 个名称相符的案例" in found.inner_text()
    page.get_by_role("checkbox", name=by_id["yunze"].county).check()
    search.fill("邢台")  # a city's name lists its counties
    listed = page.locator("#compare-options label").all_inner_texts()
    assert sum(1 for text in listed if "邢台市" in text) == sum(1 for c in site.cases if c.city == "邢台市")
    search.fill(by_id["qinglan"].county[:2])
    search.press("Enter")  # the first match
    page.locator("#compare-built").wait_for(state="visible")
    assert "正在对比 2 个案例" in page.locator("#compare-status").inner_text()
    assert parse_qs(urlsplit(page.url).query)["c"] == ["yunze,qinglan"]

    def columns() -> list[str]:
        return page.locator("#compare-built .compare-scroll").first.evaluate(
            "t => [...t.querySelectorAll('thead th[data-case]')].map(th => th.textContent.trim())")

    assert columns() == [f"{by_id['yunze'].county} 示例数据", f"{by_id['qinglan'].county} 示例数据"]
    gdp = page.locator("#compare-built tr", has_text="地区GDP").first.locator("td").all_inner_texts()
    assert gdp == [number(by_id[i].section("overview")["gdp"]) for i in ("yunze", "qinglan")]
    targets = page.locator("#targets ~ .compare-scroll").first.inner_text()
    assert "达成" in targets and "进度" in targets
    screenshot(page, f"compare-typed-{split_where.name}", full_page=False)

    # The address opens the same comparison; a county's name leads to its page.
    page.reload()
    page.locator("#compare-built").wait_for(state="visible")
    assert len(columns()) == 2
    page.locator("#compare-built thead").first.get_by_role("link", name=by_id["qinglan"].county).click()
    page.wait_for_url(lambda url: "qinglan" in url)
    assert by_id["qinglan"].county in page.locator("h1").inner_text()


def test_split_pages_without_javascript(browser, split_served: str) -> None:
    watch = Watch()
    context = open_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(split_served + "compare/?c=yunze,qinglan")
    note = page.locator(".compare-nojs")
    assert note.is_visible() and "启用脚本" in note.inner_text()
    assert page.locator("#compare-built").is_hidden() and page.locator("#compare-picker").is_hidden()
    note.get_by_role("link", name="案例库").click()
    page.wait_for_url(lambda url: url.endswith("/cases/"))
    page.locator("#city-table").get_by_role("link", name="邢台市", exact=True).click()
    rows = page.locator("#case-table tbody tr")
    assert rows.count() == sum(1 for c in _cases().cases if c.city == "邢台市")
    assert all(rows.nth(i).is_visible() for i in range(rows.count()))
    context.close()
    assert not watch.problems(), watch.problems()


def test_split_experiences_table_leads_to_the_system_page(page, split_served: str) -> None:
    site = _cases()
    page.goto(split_served + "experiences/")
    system = "新型制造业体系"
    link = page.locator("#experience-matrix").get_by_role("link", name=system, exact=True)
    link.click()
    page.wait_for_url(lambda url: "experiences/zhizao" in url)
    refs = site.experiences_by_system[system]
    assert page.locator("h1").inner_text().rstrip("¶") == f"{system}的典型经验"
    assert f"第 1 页，共 {-(-len(refs) // SPLIT_MAX)} 页" in page.locator(".pager").first.inner_text()
    shown = page.locator("#experience-results [data-experience]").count()
    assert shown == min(SPLIT_MAX, len(refs))
    assert f"本页共 {shown} 条经验" in page.locator("#experience-filter-status").inner_text()
    page.locator(".pager").first.get_by_role("link", name="下一页").click()
    page.wait_for_url(lambda url: "zhizao-2" in url)
    assert "第 2 页" in page.locator("h1").inner_text()


@pytest.mark.parametrize("path", ["cases/", "cases/city/xingtai/", "experiences/", "experiences/zhizao-2/",
                                  "compare/?c=yunze,qinglan"])
def test_split_pages_pass_axe(page, split_served: str, path: str) -> None:
    from tests.browser.test_axe import BLOCKING, _run_axe

    page.goto(split_served + path)
    page.wait_for_load_state("networkidle")
    if path.startswith("compare/"):
        page.locator("#compare-built").wait_for(state="visible")
    result = _run_axe(page)
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, [(v["id"], v["impact"], v["help"], v["nodes"][:3]) for v in blocking]
