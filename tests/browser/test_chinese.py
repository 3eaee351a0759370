"""Chinese throughout, on the live page: after the scripts have added the search box, the reading
settings and the filters, nothing a reader sees or hears is English (tests/latin.py)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PAGES, Where
from tests.latin import BUTTON_INPUTS, READ_ATTRIBUTES, latin_words
from tests.test_chinese import OWNED_ELSEWHERE

_SEEN = """([attributes, buttons]) => {
    const pieces = [[document.title, false], [document.body.innerText, false]];
    for (const element of document.querySelectorAll('*')) {
        for (const name of attributes) {
            const value = element.getAttribute(name);
            if (value) pieces.push([value, false]);
        }
        if (element.tagName === 'INPUT' && buttons.includes(element.type) && element.value) {
            pieces.push([element.value, false]);
        }
    }
    return pieces;
}"""


def _seen(page) -> list[tuple[str, bool]]:
    return [tuple(piece) for piece in page.evaluate(_SEEN, [sorted(READ_ATTRIBUTES), sorted(BUTTON_INPUTS)])]


@pytest.mark.parametrize("name", PAGES)
def test_live_page_has_no_english(page, at_root: Where, name: str) -> None:
    page.goto(at_root.url(name))
    page.wait_for_load_state("networkidle")
    # Open what the scripts add: the reading settings and the search results.
    page.locator("#reading-toggle").click()
    page.locator("#sfx-search-input").fill("钢铁")
    page.locator("#sfx-search-input").press("End")
    page.locator(".sfx-search__hit").first.wait_for()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    known = OWNED_ELSEWHERE.get(PAGES[name][0] + "index.html", set())
    assert [w for w in latin_words(_seen(page)) if w.split(" ← ")[0] not in known] == []


def test_not_found_page_is_chinese(page, at_root: Where) -> None:
    page.goto(at_root.base + "404.html")
    assert page.title().startswith("页面不存在")
    assert page.locator("article h1").inner_text() == "页面不存在"
    assert latin_words(_seen(page)) == []
