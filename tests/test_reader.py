"""A 专栏 a reader finds their way in (issue 16), in the built pages and the model: breadcrumb,
current tab, case pager, footer identity, the 申报书's parts and its ZIP, the forms linked from
the guide and the notice, 典型经验's filter values, 统计's headline figures in 亿元, 未填报 and
the checker's warning. The same in a browser: tests/browser/test_reader.py."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
import yaml

from generator.build.pipeline import Project, check, generate
from generator.format import schema
from generator.forms import submission
from generator.site import downloads, text
from tests import pagetext
from tests.sitebuild import build, copy_project
from tests.test_validate import BASE, run_check

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(sample_site_dir: Path) -> Path:
    return sample_site_dir


def _document(site: Path, page: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / page).read_text("utf-8"))


# --- layout -------------------------------------------------------------------------------


def test_breadcrumb_and_current_tab(site: Path, sample_model) -> None:
    case = sample_model.cases[0]
    page = _document(site, f"cases/{case.id}/index.html")
    crumbs = [" ".join(li.text_content().split()) for li in page.xpath("//nav[@aria-label='当前位置']//li")]
    assert crumbs == ["首页", "案例库", case.county]
    assert page.xpath("//nav[@aria-label='当前位置']//li[last()]/*[@aria-current='page']")
    active = page.xpath("//li[contains(@class,'md-tabs__item--active')]/a")
    assert [" ".join(a.text_content().split()) for a in active] == ["案例库"]
    assert active[0].get("aria-current") == "true"
    # A page of the nav: 首页 › itself, its own tab current.
    guide = _document(site, "guide/index.html")
    assert [" ".join(li.text_content().split())
            for li in guide.xpath("//nav[@aria-label='当前位置']//li")] == ["首页", "申报指南"]
    assert guide.xpath("//li[contains(@class,'md-tabs__item--active')]/a[@aria-current='page']")
    # The home page has no breadcrumb.
    assert not _document(site, "index.html").xpath("//nav[@aria-label='当前位置']")


def test_cases_page_through_in_library_order(site: Path, sample_model) -> None:
    cases = sample_model.cases
    assert sample_model.neighbours(cases[0]) == (None, cases[1])
    assert sample_model.neighbours(cases[-1]) == (cases[-2], None)
    for before, case, after in zip(cases, cases[1:], cases[2:], strict=False):
        assert sample_model.neighbours(case) == (before, after)
        document = _document(site, f"cases/{case.id}/index.html")
        pager = document.xpath("//nav[contains(@class,'case-pager')]")[0]
        assert pager.xpath(".//a[@rel='prev']")[0].get("href") == f"../{before.id}/"
        assert pager.xpath(".//a[@rel='next']")[0].get("href") == f"../{after.id}/"
        assert after.county in pager.xpath(".//a[@rel='next']")[0].text_content()


def test_developer_pages_are_in_the_footer_not_the_top_bar(site: Path) -> None:
    for page in ("index.html", "cases/yunze/index.html", "notice/index.html", "404.html"):
        document = _document(site, page)
        tabs = [" ".join(a.text_content().split())
                for a in document.xpath("//nav[contains(@class,'md-tabs')]//a")]
        assert "维护指南" not in tabs and "数据字典" not in tabs, page
        footer = [" ".join(a.text_content().split())
                  for a in document.xpath("//nav[@aria-label='网站信息']//a")]
        assert footer == ["无障碍声明", "数据字典", "维护指南"], page


def test_heading_permalinks_are_not_tab_stops(site: Path) -> None:
    pages = sorted(site.rglob("index.html"))
    found = 0
    for html in pages:
        for link in lxml.html.fromstring(html.read_text("utf-8")).xpath("//a[contains(@class,'headerlink')]"):
            found += 1
            assert link.get("tabindex") == "-1", html
    assert found > 100


def test_skip_link_says_where_it_goes(site: Path) -> None:
    skip = _document(site, "guide/index.html").xpath("//a[contains(@class,'md-skip')]")[0]
    assert skip.text_content().strip() == "跳到正文"


# --- identity -------------------------------------------------------------------------------


def test_footer_names_host_and_contact_and_no_empty_number(site: Path) -> None:
    identity = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["extra"]["identity"]
    for page in ("index.html", "stats/index.html", "cases/yunze/index.html"):
        footer = " ".join(_document(site, page).xpath("//footer")[0].text_content().split())
        assert f"主办单位：{identity['host']}" in footer
        assert " ".join(f"联系方式：{identity['contact']}".split()) in footer
        for label in ("网站标识码", "ICP", "公网安备"):
            assert label not in footer, (page, label)  # empty in the sample configuration


def test_footer_shows_the_numbers_when_they_are_set(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text("utf-8")
    config = (config.replace('site_code: ""', 'site_code: "0000000000"')
              .replace('icp: ""', 'icp: "冀ICP备00000000号"')
              .replace('police: ""', 'police: "冀公网安备 00000000000000号"'))
    (project / "mkdocs.yml").write_text(config, "utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "cases/yunze/index.html", "downloads/index.html"):
        document = _document(tmp_path / "site", page)
        footer = " ".join(document.xpath("//footer")[0].text_content().split())
        assert "网站标识码：0000000000" in footer and "冀ICP备00000000号" in footer
        assert "冀公网安备 00000000000000号" in footer
        icp = document.xpath("//footer//a[@href='https://beian.miit.gov.cn/']")
        assert icp[0].text_content() == "冀ICP备00000000号"
        assert document.xpath("//footer//a[contains(@href,'recordcode=00000000000000')]")


def test_notice_shows_its_date_and_source(site: Path) -> None:
    notice = pagetext.page(site, "notice")
    source = notice.xpath(".//*[contains(@class,'notice-source')]")[0]
    shown = pagetext.text(source)
    assert "发布时间：2018年8月24日" in shown and "来源：河北省工业和信息化厅" in shown
    # Both are the notice's own: its 落款.
    signature = pagetext.text(notice.xpath(".//*[@id='luokuan']")[0])
    assert "2018年8月24日" in signature and "河北省工业和信息化厅" in signature


# --- from reading to submitting -------------------------------------------------------------------


def test_downloads_page_says_what_the_application_consists_of(site: Path) -> None:
    page = pagetext.page(site, "downloads")
    parts = page.xpath(".//ol[contains(@class,'form-parts')]/li")
    assert [li.get("id") for li in parts] == [part.key for part in submission.PARTS]
    for li, part in zip(parts, submission.PARTS, strict=True):
        assert pagetext.text(li).strip().startswith(part.title)
        # The part's form in the notice, and every template of it.
        assert li.xpath(f".//a[@href='../notice/#{part.notice_anchor}']")
        hrefs = {a.get("href") for a in li.xpath(".//a")}
        assert {Path(d.path).name for d in part.downloads} <= hrefs
    # The notice's attachment line is quoted, with its source.
    assert submission.ATTACHMENT_LINE in pagetext.text(page)
    assert page.xpath(".//a[@href='../notice/#fujian-lan']")
    assert page.xpath(".//a[@id='all-templates'][@href='shenbaoshu-muban.zip']")


def test_guide_and_notice_link_each_form_to_its_template(site: Path) -> None:
    anchors = {part.key for part in submission.PARTS}
    for name in ("guide", "notice"):
        hrefs = {a.get("href") for a in pagetext.links(pagetext.page(site, name))}
        linked = {href.split("#")[1] for href in hrefs if href.startswith("../downloads/#")}
        assert anchors <= linked, (name, anchors - linked)
        assert "../downloads/shenbaoshu-muban.zip" in hrefs, name
    # On the notice, the attachment line and each form of the annex carry their links.
    notice = pagetext.page(site, "notice")
    line = notice.xpath(".//*[@id='fujian-lan']/following-sibling::*[1]")[0]
    assert {a.get("href").split("#")[-1] for a in line.xpath(".//a")} >= anchors
    for part in submission.PARTS:
        heading = notice.xpath(f".//*[@id='{part.notice_anchor}']")[0]
        after = heading.getnext()
        assert after is not None
        assert f"../downloads/#{part.key}" in {a.get("href") for a in after.xpath(".//a")}


def test_one_zip_holds_every_template_of_the_application(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    made = downloads.templates()
    first = submission.all_in_one_zip(made)
    assert first == submission.all_in_one_zip(downloads.templates())  # the same bytes again
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names == [name for _, name in submission.zip_names()]
        assert names[0] == "申报书模板/1 申报书封面.docx" and names[-1].startswith("申报书模板/4 附表2")
        for (path, _), info in zip(submission.zip_names(), infos, strict=True):
            assert archive.read(info) == made[path]
            assert info.flag_bits & 0x800 and info.date_time == (2018, 8, 24, 0, 0, 0)
    parts = {d.path for part in submission.PARTS for d in part.downloads}
    assert {d.path for d in submission.other_templates()} == {"downloads/case-template.yaml"}
    assert parts | {"downloads/case-template.yaml"} == set(made)


# --- 典型经验 and 统计 -----------------------------------------------------------------------------


def test_experience_filter_values(sample_model) -> None:
    facets = {key: values for key, _, values in sample_model.experience_facets}
    assert list(facets) == ["city", "county", "system", "dimension"]
    total = len(sample_model.all_experiences)
    for key, values in facets.items():
        for value, _, count in values:
            assert count == sum(1 for ref in sample_model.all_experiences if value in ref.facet(key)) > 0
        if key in ("city", "county"):
            assert sum(count for _, _, count in values) == total
    counties = {value: label for value, label, _ in facets["county"]}
    assert counties == {case.id: case.county for case in sample_model.cases if case.data.get("experiences")}


def test_experience_matrix_cells_link_to_the_filter(site: Path, sample_model) -> None:
    page = pagetext.page(site, "experiences")
    links = page.xpath(".//table[@id='experience-matrix']//a[@data-filter-link='experience-filter']")
    cells = [(system, dimension, count) for system, counts, _ in sample_model.experience_matrix if system
             for dimension, count in zip(schema.DIMENSIONS, counts, strict=False) if count]
    assert len(links) >= len(cells)
    from urllib.parse import parse_qs, urlsplit
    found = {(parse_qs(urlsplit(a.get("href")).query).get("system", [""])[0],
              parse_qs(urlsplit(a.get("href")).query).get("dimension", [""])[0], int(a.text_content()))
             for a in links}
    assert set(cells) <= found
    # Every experience is keyed and carries its filter values once.
    keys = page.xpath(".//div[contains(@class,'experience')][@data-facets]/@data-experience")
    assert sorted(keys) == sorted(ref.key for ref in sample_model.all_experiences)


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (3_525_000, "万元", "352.5 亿元"),
    (9_999, "万元", "9,999 万元"),
    (10_000, "万元", "1 亿元"),
    (123_456, "万元", "12.35 亿元"),
    (254_000, "万美元", "25.4 亿美元"),
    (1.06, "%", "1.06%"),
    (152, "家", "152 家"),
])
def test_large_amounts_read_in_yi(value, unit, shown) -> None:
    assert str(text.amount(value, unit)) == shown


def test_one_unit_for_a_whole_table() -> None:
    assert text.large_unit("万元", [9_000, 12_000]) == "亿元"
    assert text.large_unit("万元", [9_000, 8_000]) == "万元"
    assert text.in_unit(9_000, "万元", "亿元") == 0.9


def test_statistics_open_with_headline_figures_in_yi(sample_model) -> None:
    stats = next(o.content.decode("utf-8") for o in generate(Project(ROOT)).outputs if o.path == "stats.md")
    head = stats.split("## 按市")[0]
    total, count = sample_model.total("mfg_value_added")
    assert f"<strong>{text.amount(total, '万元')}</strong> 制造业增加值合计" in head
    assert "亿元" in str(text.amount(total, "万元")) and count
    assert f"<strong>{len(sample_model.cases)}</strong> 个" in head
    for status, n in sample_model.status_counts:
        assert f"{status} {n} 个" in head
    # Large amounts in 亿元 throughout; 定州市 and 辛集市 as the notice addresses them.
    assert not re.search(r"\d{1,3}(,\d{3}){2,} 万元", stats)
    assert "## 按市 { #by-city }" in stats and "“各市（含定州、辛集市）”" in stats
    assert "| 市（含定州、辛集市） | 案例数 |" in stats and "按所属设区市" not in stats


def test_city_noun_follows_the_notice() -> None:
    from generator.site.model import build_site

    def site(*cities: str):
        data = [{"id": f"c{i}", "county": f"甲{i}县", "city": city, "batch": 2019, "status": "创建中",
                 "summary": "一句话。"} for i, city in enumerate(cities)]
        return build_site(data, {d["id"]: f"cases/{d['id']}.yaml" for d in data})

    assert site("石家庄市", "唐山市").city_noun == "设区市"
    assert site("石家庄市", "定州市").city_noun == "市"
    assert schema.DISTRICT_CITIES == schema.CITIES[:11] and "辛集市" not in schema.DISTRICT_CITIES


# --- gaps named ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "sections", "expected"), [
    ("示范标杆", "", "总体情况（附表1）、创建目标（实施方案第二章）"),
    ("中期评估通过", "overview:\n  gdp: 1\n", "创建目标（实施方案第二章）"),
    ("限期整改", "", "总体情况（附表1）、创建目标（实施方案第二章）"),
    ("创建中", "", None),
    ("已取消", "", None),
])
def test_warning_when_a_case_past_its_midterm_has_not_filed(tmp_path, status, sections, expected) -> None:
    checked = run_check(tmp_path, BASE.replace("status: 创建中", f"status: {status}") + sections)
    warnings = [str(p) for p in checked.problems if p.severity == "warning" and "status" in str(p)]
    if expected is None:
        assert not warnings
    else:
        assert len(warnings) == 1
        assert f"status（创建状态）为{status}，已过中期评估，应已填写{expected}，但文件中没有" in warnings[0]
        assert checked.site is not None  # a warning, not an error


def test_unfiled_figures_are_named(site: Path, sample_model) -> None:
    compare = pagetext.page(site, "compare")
    # A case past its 中期评估 without 总体情况: every figure of it is 未填报, never a bare dash.
    case = next(c for c in sample_model.cases if "总体情况" in c.unfiled)
    cells = compare.xpath(f".//*[@id='overview']/following::table[1]//td[@data-case='{case.id}']")
    assert len(cells) == len(schema.OVERVIEW.fields)
    assert all(pagetext.text(td).strip() == "未填报" for td in cells)
    row = compare.xpath(".//th[text()='已过中期评估而未填报']/..")[0]
    assert "总体情况、创建目标" in pagetext.text(row.xpath(f"./td[@data-case='{case.id}']")[0])
    page = pagetext.page(site, f"cases/{case.id}")
    assert "尚未填报：" + "、".join(case.unfiled) in pagetext.text(page)
    library = pagetext.page(site, "cases")
    row = library.xpath(f".//tr[@data-case='{case.id}']")[0]
    assert "未填报" in pagetext.text(row) and "—" not in pagetext.text(row)


def test_samples_warn_of_what_they_have_not_filed() -> None:
    checked = check(Project(ROOT))
    warned = {p.file.removeprefix("cases/").removesuffix(".yaml") for p in checked.warnings
              if "已过中期评估" in str(p)}
    assert checked.site is not None
    assert warned == {case.id for case in checked.site.cases if case.unfiled}
    assert warned  # the samples include such cases, so the page shows the wording
