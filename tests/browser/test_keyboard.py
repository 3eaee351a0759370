"""Keyboard only: every stop is visible and shows where the focus is; the reading settings,
the filters and the compare choice work without a mouse; the settings carry across pages."""

from __future__ import annotations

import pytest

from tests.browser.conftest import FOCUS, Where, screenshot


def _tab_through(page, stops: int) -> list[dict]:
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus:
            seen.append(focus)
    return seen


@pytest.mark.parametrize("name", ["case", "library", "stats", "compare"])
def test_tabbing_shows_focus_at_every_stop(page, at_root: Where, name: str) -> None:
    page.goto(at_root.url(name))
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert first and "md-skip" in page.evaluate("document.activeElement.className"), first
    assert first["visible"] and first["onScreen"] and first["indicated"], first
    stops = _tab_through(page, 45)
    assert len(stops) >= 30
    hidden = [s for s in stops if not (s["visible"] and s["onScreen"])]
    unmarked = [s for s in stops if not s["indicated"]]
    assert not hidden, hidden
    assert not unmarked, unmarked
    screenshot(page, f"keyboard-{name}", full_page=False)


def test_skip_link_moves_to_the_content(page, at_root: Where) -> None:
    page.goto(at_root.url("case"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    # The next Tab goes into the article, past header, tabs and navigation.
    page.keyboard.press("Tab")
    inside = page.evaluate("!!document.activeElement.closest('article, .md-content')")
    assert inside, page.evaluate(FOCUS)


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_reading_settings_by_keyboard_and_across_pages(page, where: Where) -> None:
    page.goto(where.url("home"))
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    _tab_to(page, "#reading-toggle")
    page.keyboard.press("Enter")
    assert page.locator("#reading-panel").is_visible()
    assert page.get_attribute("#reading-toggle", "aria-expanded") == "true"
    _tab_to(page, '#reading-panel [data-size="2"]', limit=5)
    page.keyboard.press("Enter")
    assert page.get_attribute("html", "data-sfx-size") == "2"
    assert page.get_attribute('#reading-panel [data-size="2"]', "aria-pressed") == "true"
    _tab_to(page, ".reading__option--contrast", limit=3)
    page.keyboard.press("Space")
    assert page.get_attribute("html", "data-sfx-contrast") == "high"
    screenshot(page, f"reading-panel-{where.name}", full_page=False)
    page.keyboard.press("Escape")
    assert page.locator("#reading-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "reading-toggle"

    larger = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger >= base * 1.3
    # Kept on the next page.
    page.goto(where.url("case"))
    assert page.get_attribute("html", "data-sfx-size") == "2"
    assert page.get_attribute("html", "data-sfx-contrast") == "high"
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == larger
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(0, 0, 0)"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    screenshot(page, f"case-large-contrast-{where.name}", full_page=False)
    # And back to normal.
    page.click("#reading-toggle")
    page.click('#reading-panel [data-size="0"]')
    page.click(".reading__option--contrast")
    assert page.get_attribute("html", "data-sfx-size") is None
    assert page.get_attribute("html", "data-sfx-contrast") is None


def test_filters_and_compare_by_keyboard(page, at_root: Where) -> None:
    page.goto(at_root.url("library"))
    _tab_to(page, "#filter-status")
    for _ in range(3):  # 全部 → 创建中 → 中期评估通过 → 限期整改
        page.keyboard.press("ArrowDown")
    assert page.locator("#filter-status").input_value() == "限期整改"
    visible = page.eval_on_selector_all("#case-table tr[data-case]",
                                        "rows => rows.filter(r => !r.hidden).length")
    assert visible == 1

    page.goto(at_root.url("compare"))
    _tab_to(page, '#compare-picker input[value="yunze"]')
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert "正在对比 2 个案例" in page.locator("#compare-status").inner_text()
