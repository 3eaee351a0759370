"""通知全文 in Chromium: the text a reader sees is the notice's, the forms scroll on a phone,
and a link from 申报指南 lands on the quoted sentence, visible and marked."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.notice_text import corrected
from tests.browser.conftest import DESKTOP, PHONE, Watch, Where, open_context, screenshot
from tests.sitebuild import ROOT

SEED = (ROOT / "tests" / "fixtures" / "notice-seed.txt").read_text("utf-8")

# The page's own apparatus and Material's permalink marks are not the notice's text.
_HIDE_APPARATUS = ".notice-apparatus, .headerlink { display: none !important; }"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_rendered_text_is_the_notice(browser, at_root: Where, viewport: dict) -> None:
    watch = Watch()
    context = open_context(browser, watch, viewport=viewport)
    page = context.new_page()
    page.goto(at_root.url("notice"))
    page.wait_for_load_state("networkidle")
    page.add_style_tag(content=_HIDE_APPARATUS)
    shown = page.evaluate("document.querySelector('article').innerText")
    context.close()
    assert shown.split() == corrected(SEED).split()
    assert not watch.problems(), watch.problems()


def test_forms_scroll_inside_their_box_on_a_phone(browser, at_root: Where) -> None:
    watch = Watch()
    context = open_context(browser, watch, viewport=PHONE)
    page = context.new_page()
    page.goto(at_root.url("notice") + "#fubiao-1")
    page.wait_for_load_state("networkidle")
    # For each form: the box that scrolls it sideways (the table or a wrapper), if any.
    boxes = page.evaluate("""() => [...document.querySelectorAll('.notice-form table')].map(t => {
        let box = t;
        while (box !== document.body && !(['auto', 'scroll'].includes(getComputedStyle(box).overflowX)
                                          && box.scrollWidth > box.clientWidth)) box = box.parentElement;
        const rect = box.getBoundingClientRect();
        return {table: t.scrollWidth, scrolls: box !== document.body, left: rect.left, right: rect.right,
                page: window.innerWidth};
    })""")
    screenshot(page, "notice-forms-phone", full_page=False)
    context.close()
    assert len(boxes) == 3
    for box in boxes:
        if box["scrolls"]:
            assert box["left"] >= 0 and box["right"] <= box["page"], box
    # The two tables of 附表1 are wider than a phone: they scroll, the page does not.
    assert boxes[0]["scrolls"] and boxes[1]["scrolls"], boxes
    assert not watch.problems(), watch.problems()


def test_source_link_lands_on_the_quoted_sentence(browser, at_root: Where, tmp_path: Path) -> None:
    watch = Watch()
    context = open_context(browser, watch, viewport=PHONE)
    page = context.new_page()
    page.goto(at_root.url("guide"))
    page.wait_for_load_state("networkidle")
    page.locator("a[href$='notice/#lianxiren']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("notice/#lianxiren")
    spot = page.evaluate("""() => {
        const el = document.getElementById('lianxiren');
        const header = document.querySelector('.md-header').getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return {top: box.top, bottom: box.bottom, header: header.bottom, height: window.innerHeight,
                background: getComputedStyle(el).backgroundColor};
    }""")
    screenshot(page, "notice-target-phone", full_page=False)
    context.close()
    assert spot["top"] >= spot["header"] and spot["bottom"] <= spot["height"], spot
    assert spot["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), spot
    assert not watch.problems(), watch.problems()
