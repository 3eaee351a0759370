"""Search as a reader uses it: type a county name or an industry term, open the hit.

At the root, under /zt/sfx/ and from file:// (where the offline edition's inlined index and
iframe worker take over). Typing Chinese fires no key events in an automated browser, so
after fill() the test presses End, as an input method's commit does.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import Where


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
