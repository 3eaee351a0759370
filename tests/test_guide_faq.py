"""申报指南 and 常见问题 speak as the department: every quotation is the notice's, linked to it.

The convention, on both pages: a quotation of the notice is a ``<q>`` element, followed
at once by its source link (``<q>…</q>（[原文](notice.md#id)）``). Quotation marks outside
``<q>`` are not used, so no quotation escapes the check. The linked element of 通知全文
(a paragraph, a sentence's ``<span>`` or a heading) must contain the quotation, and the
quotation must be in the seed after the corrections of generator/site/notice_text.py. On
常见问题, an answer consists of quotations and their links only.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.forms import layouts as forms
from generator.site.notice_text import corrected
from tests import pagetext

ROOT = Path(__file__).resolve().parents[1]
SEED = corrected((ROOT / "tests" / "fixtures" / "notice-seed.txt").read_text("utf-8"))
PAGES = ("guide", "faq")

OUTSIDER = re.compile(
    "通知未|通知没有|通知本身|通知并未|通知中没有|未作规定|没有规定|未规定|未写明|没有写明|没有写出|"
    "未作要求|未列|未提及|没有提到|一一对应")
"""What an outsider reading the notice writes (通知未写明…, 通知本身没有写出…), or an
interpretation given as the notice's (六个方面和六类指标…一一对应)."""


@pytest.fixture(scope="module")
def site(sample_site_dir: Path) -> Path:
    return sample_site_dir


@pytest.fixture(scope="module")
def notice(site: Path):
    return pagetext.page(site, "notice")


def _quotations(article):
    return article.xpath(".//q")


def test_every_quotation_is_the_notices_and_links_to_its_sentence(site: Path, notice) -> None:
    problems = []
    count = 0
    for name in PAGES:
        for q in _quotations(pagetext.page(site, name)):
            count += 1
            quote = " ".join(pagetext.words(pagetext.text(q)))
            link = q.getnext()
            if link is None or link.tag != "a" or (q.tail or "").strip() not in ("", "（"):
                problems.append(f"{name}: no source link right after “{quote}”")
                continue
            folder, anchor = pagetext.target(link.get("href"))
            if folder != "notice" or not anchor:
                problems.append(f"{name}: “{quote}” links to {link.get('href')}, not to 通知全文")
                continue
            found = notice.xpath(f".//*[@id='{anchor}']")
            if not found:
                problems.append(f"{name}: no #{anchor} on 通知全文")
            elif not pagetext.occurs(quote, pagetext.text(found[0])):
                problems.append(f"{name}: #{anchor} does not contain “{quote}”")
            if not pagetext.occurs(quote, SEED):
                problems.append(f"{name}: “{quote}” is not in the notice")
    assert not problems, "\n".join(problems)
    assert count >= 30


def test_quotation_marks_only_inside_quotations(site: Path) -> None:
    """Any “…” or 「…」 outside <q> would be a quotation the checks above do not see."""
    for name in PAGES:
        article = pagetext.page(site, name)
        assert not article.xpath(".//blockquote"), name
        outside = pagetext.text(article, skip=lambda e: e.tag == "q")
        stray = re.findall(".{0,15}[“”「」『』].{0,15}", outside)
        assert not stray, (name, stray)


def test_faq_answers_only_quote_the_notice(site: Path) -> None:
    article = pagetext.page(site, "faq")
    questions = article.xpath("./h2")
    assert len(questions) >= 10
    for h2 in questions:
        answer = []
        for sibling in h2.itersiblings():
            if sibling.tag == "h2":
                break
            answer.append(sibling)
        question = pagetext.text(h2).strip()
        assert answer and all(e.tag == "p" for e in answer), question
        for p in answer:
            assert p.xpath(".//q"), question
            rest = pagetext.text(p, skip=lambda e: e.tag == "q" or (e.tag == "a" and e.text == "原文"))
            assert re.fullmatch(r"[\s（）；。]*", rest), (question, rest)


def test_faq_answers_what_a_county_asks(site: Path) -> None:
    text = pagetext.text(pagetext.page(site, "faq"))
    for needle in ("含“撤县划区”地区，不包括设区市主城区", "创建目标以3年为期", "一式三份", "光盘两份",
                   "2018年9月7日前", "省工业和信息化厅规划处", "0311-87908027", "委托组织专家评审",
                   "开展中期评估工作", "工业转型升级资金切块补助支持示范县（市、区）重点项目建设"):
        assert needle in text, needle


def test_guide_keeps_what_a_county_needs(site: Path) -> None:
    text = pagetext.text(pagetext.page(site, "guide"))
    needles = [
        "2018年9月7日前", "一式三份", "光盘两份", "王利强 孙宇飞", "0311-87908027", "省工业和信息化厅规划处",
        "含“撤县划区”地区，不包括设区市主城区",
        "创建目标以3年为期", "2019—2021年",
        # the six steps, the four standards, the four systems, the outline's chapters
        "方案编制", "初审筛选", "组织评审", "推进实施", "考核评估", "总结推广",
        "一是在发展主导产业过程中", "二是产业发展重点聚焦", "三是制定的试点示范工作实施方案",
        "四是县（市、区）政府高度重视",
        "建设新型制造业体系", "构建区域协同创新体系", "健全人才培养体系", "完善政策保障体系",
        "第一章", "第二章", "第三章", "第四章", "第五章", "第六章", "第七章", "第八章",
        "促进制造业健康发展",
    ]
    missing = [n for n in needles if n not in text]
    assert not missing, missing
    # The worked example is the guide's, and says so.
    example = pagetext.page(site, "guide").xpath(".//*[contains(@class, 'example')]")
    assert example and "2019—2021年" in pagetext.text(example[0]) and "推算" in pagetext.text(example[0])


def test_no_page_speaks_as_an_outsider(site: Path) -> None:
    found = []
    for html in sorted(site.rglob("index.html")):
        folder = html.parent.relative_to(site).as_posix()
        for match in OUTSIDER.finditer(pagetext.text(pagetext.page(site, folder))):
            found.append(f"{folder}: …{match.group()}…")
    assert not found, found


def test_links_to_the_notice_name_what_they_point_at(site: Path, notice) -> None:
    """A link to 通知全文 is a quotation's 原文 link, or its text is in the element it points at
    (no 通知全文·报送要求 for a section the notice does not have)."""
    for name in PAGES:
        for a in pagetext.links(pagetext.page(site, name)):
            folder, anchor = pagetext.target(a.get("href"))
            if folder != "notice" or not anchor:
                continue
            label = pagetext.text(a).strip()
            if label == "原文":
                previous = a.getprevious()
                assert previous is not None and previous.tag == "q", (name, anchor)
                continue
            found = notice.xpath(f".//*[@id='{anchor}']")
            assert found, (name, anchor)
            named = label.removeprefix("通知全文·")
            assert pagetext.occurs(named, pagetext.text(found[0])), (name, label, anchor)


def test_forms_link_to_the_downloads(site: Path) -> None:
    """The forms are downloaded from 模板下载 (not copied from the notice's tables)."""
    downloads = pagetext.page(site, "downloads")
    titles = {d.title for d in forms.TEMPLATES}
    seen = set()
    for name in ("guide", "faq", "notice"):
        for a in pagetext.links(pagetext.page(site, name)):
            folder, anchor = pagetext.target(a.get("href"))
            if folder != "downloads":
                continue
            assert anchor and downloads.xpath(f".//*[@id='{anchor}']"), (name, a.get("href"))
            label = pagetext.text(a).strip()
            assert label == "模板下载" or label in titles, (name, label)
            seen.add(label)
    # The guide names every form of the notice's attachment, as the downloads page does.
    attachment = {d.title for d in forms.TEMPLATES if d.path.endswith((".docx", ".xlsx"))}
    assert attachment <= seen, attachment - seen


def test_faq_is_in_the_navigation_after_the_guide(site: Path) -> None:
    import lxml.html

    home = lxml.html.fromstring((site / "index.html").read_text("utf-8"))
    tabs = [" ".join(a.text_content().split()) for a in home.xpath("//nav[contains(@class,'md-tabs')]//a")]
    assert tabs.index("常见问题") == tabs.index("申报指南") + 1, tabs
