"""Pages that do not grow with the library: above ``views.LIST_MAX`` cases the case library is one
page per 设区市, 典型经验 one per 体系 (each paginated within), and 对比 builds its tables in the
browser from data files. Generated cases (bench/cases.py) make a site large enough."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from bench.cases import write_cases
from generator.build.pipeline import Project, check, generate
from generator.format import schema
from generator.site import model, render, views
from tests.sitebuild import ROOT

CASES = 260
"""Above ``views.LIST_MAX`` (200): the split pages, with every 设区市 on one page."""


@pytest.fixture(scope="module")
def cases_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many") / "cases"
    write_cases(CASES, folder, seed=3)
    return folder


@pytest.fixture(scope="module")
def big_site(cases_dir: Path) -> model.Site:
    site = check(Project(ROOT, cases=cases_dir)).site
    assert site is not None and len(site.cases) == CASES
    return site


@pytest.fixture(scope="module")
def pages(cases_dir: Path) -> dict[str, str]:
    return {o.path: o.content.decode("utf-8") for o in generate(Project(ROOT, cases=cases_dir)).outputs
            if o.content is not None and o.path.endswith((".md", ".js"))}


def _rows(page: str) -> list[str]:
    """The cases of a listing page's table, by id."""
    table = page.split('<table id="case-table"')[1].split("</table>")[0]
    return re.findall(r'<tr data-case="([^"]+)"', table)


def _options(page: str, key: str) -> dict[str, str]:
    select = page.split(f'name="{key}">')[1].split("</select>")[0]
    return dict(re.findall(r'data-label="([^"]+)">[^<（]+（(\d+)）', select))


def test_a_small_site_is_not_split(sample_model: model.Site) -> None:
    assert len(sample_model.cases) <= views.LIST_MAX
    assert views.split_pages(sample_model) == []
    assert views.library(sample_model).overview is None
    assert views.experiences(sample_model).parts is None
    assert not views.compare(sample_model).in_browser


def test_library_overview_counts_each_city_by_status(pages: dict[str, str], big_site: model.Site) -> None:
    overview = pages["cases/index.md"]
    assert "<table id=\"case-table\"" not in overview
    assert f"共 {CASES} 个案例，分布在 {big_site.city_count} 个" in overview
    for city, count in big_site.city_counts:
        if not count:
            continue
        row = overview.split(f"[{city}](city/{views.CITY_SLUGS[city]}.md)")[1].split("</tr>")[0]
        figures = re.findall(r"<td[^>]*>(?:\[)?(\d+)", row)
        in_city = Counter(case.status for case in big_site.cases if case.city == city)
        assert [int(n) for n in figures] == [count, *(in_city[s] for s in schema.STATUSES)], city
    total = overview.split('<th scope="row">合计</th>')[1].split("</tr>")[0]
    assert [int(n) for n in re.findall(r">(\d+)<", total)] == [CASES, *(n for _, n in big_site.status_counts_all)]


def test_each_city_page_lists_its_cases_with_filters_counted_on_the_page(
        pages: dict[str, str], big_site: model.Site) -> None:
    listed: list[str] = []
    for city, count in big_site.city_counts:
        if not count:
            continue
        page = pages[f"cases/city/{views.CITY_SLUGS[city]}.md"]
        in_city = [case for case in big_site.cases if case.city == city]
        assert _rows(page) == [case.id for case in in_city]
        assert f"title: {city}的案例\n" in page and "parents:\n  - cases/index.md\n" in page
        assert "search:\n  exclude: true\n" in page
        assert 'name="city"' not in page  # one city: no city filter
        statuses = Counter(case.status for case in in_city)
        assert _options(page, "status") == {s: str(n) for s, n in statuses.items()}
        assert f"](../{in_city[0].id}.md)" in page
        assert "](../../compare.md)" in page
        listed += _rows(page)
    assert sorted(listed) == sorted(case.id for case in big_site.cases)


def test_city_pages_keep_their_path_as_cases_are_added(big_site: model.Site) -> None:
    def paths(site: model.Site) -> set[str]:
        return {path for _, path, _ in views.split_pages(site) if path.startswith("cases/")}

    fewer = model.build_site([case.data for case in big_site.cases[:views.LIST_MAX + 5]],
                             {case.id: case.source for case in big_site.cases})
    assert paths(fewer) <= paths(big_site)
    assert all(re.fullmatch(r"cases/city/[a-z]+(-\d+)?\.md", path) for path in paths(big_site))


def test_a_city_above_the_limit_is_paginated(big_site: model.Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "LIST_MAX", 8)
    env = render.environment(ROOT / "templates")
    city = big_site.cases[0].city
    slug = views.CITY_SLUGS[city]
    in_city = [case.id for case in big_site.cases if case.city == city]
    assert len(in_city) > 16
    parts = [(path, view) for template, path, view in views.split_pages(big_site)
             if path.startswith(f"cases/city/{slug}")]
    assert [path for path, _ in parts] == [f"cases/city/{slug}.md"] + [
        f"cases/city/{slug}-{n}.md" for n in range(2, len(parts) + 1)]
    listed = []
    for number, (_, view) in enumerate(parts, 1):
        page = env.get_template("case_list.md.j2").render(site=big_site, files={}, book=None, view=view)
        rows = _rows(page)
        assert 0 < len(rows) <= 8
        listed += rows
        first = (number - 1) * 8 + 1
        assert f"第 {number} 页，共 {len(parts)} 页（本页为第 {first}—{first + len(rows) - 1} 个，共 {len(in_city)} 个）" in page
        assert '<span class="pager__current" aria-current="page">第 ' + str(number) + " 页</span>" in page
        for other in range(1, len(parts) + 1):
            if other != number:
                assert f"[第 {other} 页]({slug}{'' if other == 1 else f'-{other}'}.md)" in page
        assert 'data-scope="本页"' in page
        assert (f"（第 {number} 页）" in page.split("\n")[1]) == (number > 1)  # the title
    assert listed == in_city
    overview = env.get_template("case_list.md.j2").render(site=big_site, files={}, book=None,
                                                          view=views.library(big_site))
    assert f"分 {len(parts)} 页：[第 1 页](city/{slug}.md)、[第 2 页](city/{slug}-2.md)" in overview


def test_experiences_split_by_system(pages: dict[str, str], big_site: model.Site) -> None:
    overview = pages["experiences.md"]
    assert 'class="experience"' not in overview and "<form" not in overview
    found: list[str] = []
    for system, slug in views.SYSTEM_SLUGS.items():
        refs = big_site.experiences_by_system.get(system) if system else big_site.unassigned_experiences
        if not refs:
            assert f"experiences/{slug}.md" not in pages
            continue
        assert f"[{system}](experiences/{slug}.md)（{len(refs)} 条" in overview
        paths = sorted((p for p in pages if re.fullmatch(rf"experiences/{slug}(-\d+)?\.md", p)),
                       key=lambda p: int(re.findall(r"-(\d+)\.md$", p)[0]) if "-" in p else 1)
        keys = []
        for path in paths:
            page = pages[path]
            assert "parents:\n  - experiences.md\n" in page and 'name="system"' not in page
            on_page = re.findall(r'<div class="experience" data-experience="([^"]+)"', page)
            assert 0 < len(on_page) <= views.LIST_MAX
            keys += on_page
        assert sorted(keys) == sorted(ref.key for ref in refs)
        # By 方面, in the order of 创建标准.
        order = {ref.key: ref.item.get("dimension") for ref in refs}
        dims = [schema.DIMENSIONS.index(order[key]) for key in keys if order[key]]
        assert dims == sorted(dims)
        found += keys
    assert len(found) == big_site.experience_count


def test_experience_matrix_links_to_where_each_group_begins(pages: dict[str, str], big_site: model.Site) -> None:
    matrix = pages["experiences.md"].split('<table id="experience-matrix"')[1].split("</table>")[0]
    links = re.findall(r"\[(\d+)\]\(experiences/([a-z]+(?:-\d+)?\.md)#(dimension-\d)\)\{ aria-label=\"([^、]+)、([^：]+)：", matrix)
    assert links
    for count, path, anchor, system, dimension in links:
        page = pages[f"experiences/{path}"]
        assert f"## {dimension}（共 {count} 条） {{ #{anchor} }}" in page, (path, anchor)
        assert big_site.experience_matrix[schema.SYSTEMS.index(system)][1][schema.DIMENSIONS.index(dimension)] == int(count)


def test_compare_is_built_from_data_files(pages: dict[str, str], big_site: model.Site) -> None:
    page = pages["compare.md"]
    assert "data-case=" not in page  # no column of any case in the page itself
    assert 'data-compare-data="260"' in page and 'type="checkbox"' not in page
    assert "启用脚本" in page and "[案例库](cases/index.md)" in page
    index = json.loads(pages[views.COMPARE_INDEX].removeprefix("window.sfxCompareIndex = ").rstrip(";\n"))
    assert [row[0] for row in index["cases"]] == [case.id for case in big_site.cases]
    assert [row[1] for row in index["cases"]] == [case.county for case in big_site.cases]
    labels = re.findall(r'<th scope="row">([^<]+)</th>', page)
    part_of = {row[0]: row[4] for row in index["cases"]}
    for case in (big_site.cases[0], big_site.cases[-1]):
        text = pages[views.COMPARE_PART.format(part_of[case.id])]
        prefix = f"(window.sfxCompareParts = window.sfxCompareParts || {{}})[{part_of[case.id]}] = "
        cells = dict(zip(labels, json.loads(text.removeprefix(prefix).rstrip(";\n"))[case.id], strict=True))
        assert cells["所属设区市"] == case.city
        assert cells["创建状态"] == case.status
        assert cells["创建批次"] == f"{case.batch}年"
    assert len([p for p in pages if p.startswith("assets/data/compare/")]) == -(-CASES // views.COMPARE_PART_SIZE)


def test_data_cells_are_those_of_the_static_tables(sample_model: model.Site) -> None:
    """What a large site's 对比 builds in the browser is cell for cell what a small site's shows."""
    env = render.environment(ROOT / "templates")
    view = views.compare(sample_model)
    page = env.get_template("compare.md.j2").render(site=sample_model, files={}, book=None, view=view)
    data = {o.path: o.content.decode("utf-8") for o in render.compare_data(env, sample_model, view)}
    assert list(data) == [views.COMPARE_INDEX, views.COMPARE_PART.format(1)]
    prefix = "(window.sfxCompareParts = window.sfxCompareParts || {})[1] = "
    cells = json.loads(data[views.COMPARE_PART.format(1)].removeprefix(prefix).rstrip(";\n"))
    assert list(cells) == [case.id for case in sample_model.cases]
    for case in sample_model.cases:
        static = re.findall(rf'<td data-case="{case.id}">(.*?)</td>\n', page)
        assert len(static) == len(re.findall(r'<th scope="row">', page))
        assert cells[case.id] == static, case.id


def test_downloads_lists_every_case_form_only_on_a_small_site(pages: dict[str, str],
                                                              sample_model: model.Site) -> None:
    page = pages["downloads.md"]
    assert "fubiao1-" not in page  # no table of every case's forms: each case page has its own
    assert f"共 {CASES} 个案例，各案例的附表在该案例页面的“下载”一节中" in page
    assert "](cases/index.md)" in page
    small = views.downloads(sample_model)
    assert len(small.case_forms) == len(sample_model.cases)
    case_page = next(text for path, text in pages.items() if path.startswith("cases/") and path.count("/") == 1
                     and not path.startswith("cases/index") and "/city/" not in path)
    assert "fubiao1-" in case_page and "## 下载" in case_page
