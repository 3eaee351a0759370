"""The case library's filters and the compare page, as a reader uses them; and both without
JavaScript, where the lists stay complete."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from generator.build.pipeline import Project, check
from tests.browser.conftest import Watch, Where, open_context, screenshot
from tests.sitebuild import ROOT


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
