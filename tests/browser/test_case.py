"""A case page as a reader uses it: its downloads, its targets' progress, its place in the
workflow, and how it prints."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.build.pipeline import Project, check
from generator.site.text import date_text as text_date
from tests.browser.conftest import PHONE, SCREENSHOTS, Watch, Where, artifact, open_context
from tests.sitebuild import ROOT

_SECTION_LINKS = """(id) => {
    const heading = document.getElementById(id);
    const links = [];
    for (let node = heading && heading.nextElementSibling; node && !/^(H2|HR)$/.test(node.tagName);
         node = node.nextElementSibling) {
        node.querySelectorAll('a[href]').forEach(a => links.push(a.getAttribute('href')));
    }
    return links;
}"""


def _case(case_id: str):
    site = check(Project(ROOT)).site
    assert site is not None
    return next(c for c in site.cases if c.id == case_id)


def test_open_a_case_and_download_its_table(page, where: Where) -> None:
    """A 附表 (.xlsx) from the downloads section when the site has them, else an attachment."""
    page.goto(where.url("library"))
    page.get_by_role("link", name="云泽市", exact=True).first.click()
    page.wait_for_load_state("load")
    assert "云泽市" in page.locator("article h1").inner_text()

    tables = [h for h in page.evaluate(_SECTION_LINKS, "downloads") if h.split("?")[0].endswith(".xlsx")]
    if tables:
        link = page.locator(f'a[href="{tables[0]}"]').first
        with page.expect_download() as info:
            link.click()
        download = info.value
        data = Path(download.path()).read_bytes()
        assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
        assert data[:2] == b"PK" and len(data) > 1000
        artifact(f"downloads/{where.name}-{download.suggested_filename}", data)
        return

    # No 附表 yet: an attachment from cases/yunze/, byte for byte.
    attachments = page.evaluate(_SECTION_LINKS, "attachments")
    assert attachments, "the case has neither a 附表 nor an attachment link"
    href = attachments[0]
    url = urljoin(page.url, href)
    source = ROOT / "cases" / "yunze" / unquote(urlsplit(url).path.rsplit("/", 1)[1])
    if where.offline:
        data = Path(unquote(urlsplit(url).path)).read_bytes()
    else:
        response = page.request.get(url)
        assert response.ok, (response.status, url)
        data = response.body()
    assert data == source.read_bytes()
    page.locator(f'a[href="{href}"]').first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(source.name)


def test_targets_show_progress_and_achievement(page, at_root: Where) -> None:
    """A case after its 绩效评价 (达成/未达成) and two before it (progress only)."""
    site = check(Project(ROOT)).site
    assert site is not None
    with_targets = [c for c in site.cases if c.targets_progress]
    judged = [c for c in with_targets if c.measured.final]
    chosen = judged[:1] + [c for c in with_targets if not c.measured.final][:2]
    assert len(chosen) == 3
    for case in chosen:
        case_id = case.id
        page.goto(at_root.case_url(case_id))
        rows = page.locator("#targets-table tbody tr")
        assert rows.count() == len(case.targets_progress)
        for index, target in enumerate(case.targets_progress):
            row = rows.nth(index)
            assert target.indicator in row.inner_text()
            mark = row.locator(".target-mark").inner_text()
            assert mark.endswith(target.mark) and ("未达成" in mark) == (target.achieved is False)
            assert case.measured.final or target.mark == "待绩效评价"
            if target.percent is not None:
                assert f"{target.percent}%" in row.inner_text()
                bar = row.locator(".target-progress__bar")
                track = row.locator(".target-progress")
                ratio = bar.bounding_box()["width"] / (track.bounding_box()["width"] - 2)
                assert abs(ratio - target.bar / 100) < 0.05, (case_id, target.indicator, ratio)
    page.goto(at_root.case_url("qinglan"))
    page.locator("#targets-table").screenshot(path=str(_shot("case-targets-desktop")))


def _shot(name: str) -> Path:
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_workflow_and_evaluation_timeline(page, at_root: Where) -> None:
    expected = {
        "qinglan": ("限期整改", ["创建中"]),
        "yunze": ("示范标杆", ["创建中", "中期评估通过", "验收通过"]),
        "chengling": ("已取消", ["创建中"]),
        "puwan": ("创建中", []),
    }
    for case_id, (current, done) in expected.items():
        case = _case(case_id)
        page.goto(at_root.case_url(case_id))
        steps = page.locator("ol.workflow-steps li")
        assert page.locator('ol.workflow-steps li[aria-current="step"] strong').inner_text() == current
        assert [s.locator("strong").inner_text() for s in steps.all()
                if "workflow-steps__step--done" in (s.get_attribute("class") or "")] == done
        evaluations = case.section("evaluations") or []
        items = page.locator("ol.timeline li")
        assert items.count() == len(evaluations)
        for item, data in zip(items.all(), evaluations, strict=True):
            text = item.inner_text()
            assert data["stage"] in text and data["result"] in text and text_date(data["date"]) in text


def test_targets_on_a_phone_are_readable_cards(browser, at_root: Where) -> None:
    watch = Watch()
    context = open_context(browser, watch, viewport=PHONE)
    page = context.new_page()
    page.goto(at_root.case_url("qinglan"))
    table = page.locator("#targets-table")
    first = table.locator("tbody tr").first
    box = first.bounding_box()
    assert box and box["width"] > PHONE["width"] * 0.8  # a full-width card, not a squeezed column
    # Each value is labelled on the card itself (the column headers are off screen).
    labels = first.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content.replace(/\"/g, ''))")
    assert labels == ["基期值", "目标值", "实际值", "完成进度", "评价"]
    assert table.locator("thead").bounding_box()["width"] <= 1
    table.screenshot(path=str(_shot("case-targets-phone")))
    context.close()
    assert not watch.problems(), watch.problems()


def test_case_prints_as_a_clean_a4_document(page, at_root: Where) -> None:
    page.goto(at_root.case_url("yunze"))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
                     ".md-footer", "#reading-toggle", ".md-search", ".headerlink"):
        locator = page.locator(selector)
        assert all(locator.nth(i).is_hidden() for i in range(locator.count())), selector
    for visible in ("article h1", "#targets-table", "ol.workflow-steps", ".case-source"):
        assert page.locator(visible).first.is_visible(), visible
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    artifact("print/case-yunze.pdf", pdf)
    sizes = {tuple(round(float(v)) for v in m) for m in
             re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}
    assert sizes == {(595, 842)}, sizes  # A4 in points
    page.emulate_media(media="screen")
