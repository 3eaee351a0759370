"""Search as a reader uses it: type a county name or an industry term, open the hit.

At the root, under /zt/sfx/ and from file:// (where the offline edition's inlined index and
iframe worker take over). Typing Chinese fires no key events in an automated browser, so
after fill() the test presses End, as an input method's commit does.
"""

from __future__ import annotations

import re

import pytest

from generator.forms import layouts as forms
from tests.browser.conftest import PHONE, Where, open_context, screenshot


def _search(page, where: Where, query: str):
    """Type into whichever search box the page has; return the result items.

    The online site may use the Pagefind box (``.sfx-search``, docs/assets/js/search.js); the
    offline edition, and the site before that, use Material's own search.
    """
    page.goto(where.url("home"))
    if page.locator(".sfx-search__input").count():
        box, items = page.locator(".sfx-search__input"), page.locator(".sfx-search__results li")
    else:
        box, items = page.locator(".md-search__input"), page.locator(".md-search-result__item")
        if box.is_hidden():  # phone width: the search icon opens the box
            page.locator('label.md-header__button[for="__search"]').click()
    box.click()
    box.fill(query)
    box.press("End")
    items.first.wait_for(state="visible", timeout=20000)
    return items


@pytest.mark.parametrize("query, county, case_id", [
    ("云泽市", "云泽市", "yunze"),
    ("羊绒制品", "青岚县", "qinglan"),
])
def test_search_finds_and_opens_the_case(page, where: Where, query: str, county: str, case_id: str) -> None:
    results = _search(page, where, query)
    hit = results.filter(has_text=county).first
    assert hit.is_visible()
    link = hit.locator("a").first
    href = link.get_attribute("href") or ""
    assert re.search(rf"cases/{case_id}(\.html|/)", href), href
    link.click()
    page.wait_for_load_state("load")
    assert re.search(rf"cases/{case_id}(\.html|/)", page.url), page.url
    assert county in page.locator("article h1").inner_text()


def test_search_for_an_industry_lists_every_case_with_it(page, at_root: Where) -> None:
    results = _search(page, at_root, "钢铁深加工")
    text = " ".join(results.all_inner_texts())
    assert "云泽市" in text and "冶溪市" in text


# --- ranking, the result panel and the search page (the online site's Pagefind search) -------

API_SEARCH = """async ([query, count]) => {
  const found = await window.sfxSearch.search(query);
  const hits = await found.more(count);
  return {total: found.total(), hits: hits.slice(0, count).map((h) => ({url: h.url, title: h.title,
    type: h.type, part: h.part, excerpt: h.excerpt}))};
}"""


def _api(page, where: Where, query: str, count: int = 10) -> dict:
    """The ranked hits of the site's search (what the header box and the search page show)."""
    if not page.url.startswith(where.base):
        page.goto(where.url("home"))
    page.wait_for_function("() => window.sfxSearch")
    return page.evaluate(API_SEARCH, [query, count])


def _hrefs(results) -> list[str]:
    return results.locator(".sfx-search__hit").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.parametrize("query", [forms.FUBIAO1.name, forms.FUBIAO2.name, "申报书", "实施方案", "模板"])
def test_forms_come_first_for_their_names(page, at_root: Where, query: str) -> None:
    """The downloads page and each blank form whose name has the query, before anything else."""
    named = {"/" + d.path for d in forms.TEMPLATES if query in d.title}
    expected = named | {"/downloads/"}
    urls = [_path(h["url"]) for h in _api(page, at_root, query, len(expected) + 3)["hits"]]
    assert set(urls[:len(expected)]) == expected, urls


def test_a_case_page_before_listing_pages_and_the_part_that_matched(page, at_root: Where,
                                                                     sample_model) -> None:
    """An experience's title finds its case first, with a link to that experience's heading."""
    case = next(c for c in sample_model.cases if c.data.get("experiences"))
    index, experience = next((k, e) for k, e in enumerate(case.data["experiences"], 1)
                             if sum(e["title"] in str(c.data) for c in sample_model.cases) == 1)
    hit = _api(page, at_root, experience["title"], 3)["hits"][0]
    assert _path(hit["url"]) == f"/cases/{case.id}/", hit
    assert hit["type"] == "案例"
    assert hit["part"] and hit["part"]["url"].endswith(f"#experience-{index}"), hit
    assert hit["part"]["title"] == experience["title"]
    assert "<mark>" in hit["excerpt"]


def test_the_result_panel_fits_a_phone(browser, watch, at_root: Where, sample_model) -> None:
    context = open_context(browser, watch, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(at_root.url("home"))
        box = page.locator(".sfx-search__input")
        box.click()
        box.fill(sample_model.cases[0].county)
        box.press("End")
        page.locator(".sfx-search__results li").first.wait_for(state="visible", timeout=20000)
        panel = page.locator(".sfx-search__panel").bounding_box()
        assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"], panel
        for item in page.locator(".sfx-search__hit strong").all()[:3]:
            hit = item.bounding_box()
            assert hit and hit["x"] >= 0 and hit["x"] + hit["width"] <= PHONE["width"], hit
        screenshot(page, "search-panel-phone", full_page=False)
    finally:
        context.close()
    assert not watch.problems(), watch.problems()


def test_header_box_keys(page, at_root: Where, sample_model) -> None:
    """↓ goes to the results, Enter opens one; Enter in the box opens the search page."""
    case = sample_model.cases[0]
    page.goto(at_root.url("home"))
    box = page.locator(".sfx-search__input")
    box.click()
    box.fill(case.county)
    box.press("End")
    page.locator(".sfx-search__results li").first.wait_for(state="visible", timeout=20000)
    box.press("ArrowDown")  # the county's own page is shown at once, before the other results
    first = page.locator(".sfx-search__hit").first
    assert first.evaluate("a => a === document.activeElement")
    page.wait_for_function("() => document.querySelector('#sfx-search-status').textContent.includes('共')")
    assert first.evaluate("a => a === document.activeElement")
    page.keyboard.press("ArrowDown")
    assert page.locator(".sfx-search__hit").nth(1).evaluate("a => a === document.activeElement") or \
        page.locator(".sfx-search__hit").count() == 1
    page.keyboard.press("ArrowUp")
    assert first.evaluate("a => a === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/cases/{case.id}/$"))
    box = page.locator(".sfx-search__input")
    box.fill(case.county)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))


def test_search_page_in_a_subfolder(page, in_subfolder: Where, sample_model) -> None:
    """Enter in the header box leads to search/?q=…: every result, filters with counts, the match
    marked, keys to move through the results; the address reproduces the list."""
    cases = sample_model.cases
    industry = max({n for c in cases for n in c.industry_names},
                   key=lambda n: (sum(n in c.industry_names for c in cases), n))
    holders = [c for c in cases if industry in c.industry_names]
    assert len(holders) >= 2
    page.goto(in_subfolder.url("home"))
    box = page.locator(".sfx-search__input")
    box.click()
    box.fill(industry)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/zt/sfx/search/\?q="))
    results = page.locator(".sfx-page__results > li")
    results.first.wait_for(state="visible", timeout=20000)
    assert page.locator("#sfx-page-q").input_value() == industry
    hrefs = _hrefs(results)
    assert {f"/zt/sfx/cases/{c.id}/" for c in holders} <= set(hrefs[:len(holders)]), hrefs
    assert industry in " ".join(results.locator("mark").all_inner_texts())
    legends = page.locator(".sfx-page__facet legend").all_inner_texts()
    assert {"页面类型", "所属设区市", "创建状态", "创建批次", "主导产业", "体系"} <= set(legends), legends
    status = page.locator("#sfx-page-status").inner_text()
    assert str(results.count()) in status or "共找到" in status
    screenshot(page, "search-page", full_page=True)

    city = holders[0].city
    same_city = {c.id for c in holders if c.city == city}
    page.locator(f'.sfx-page__facet input[name="所属设区市"][value="{city}"]').check()
    page.wait_for_url(re.compile("%E6%89%80%E5%B1%9E%E8%AE%BE%E5%8C%BA%E5%B8%82="))  # 所属设区市=
    page.wait_for_function("n => document.querySelectorAll('.sfx-page__results > li').length === n",
                           arg=len(same_city))
    shown = _hrefs(results)
    assert {h.split("/cases/")[1].strip("/") for h in shown} == same_city
    shared = page.url
    page.goto(shared)  # a shared address shows the same list
    page.wait_for_function("n => document.querySelectorAll('.sfx-page__results > li').length === n",
                           arg=len(same_city))
    assert page.locator(f'.sfx-page__facet input[value="{city}"]').is_checked()

    page.locator("#sfx-page-q").focus()
    page.keyboard.press("ArrowDown")
    first = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert first == shown[0]
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.id") == "sfx-page-q"
