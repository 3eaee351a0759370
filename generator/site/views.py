"""The view layer: for each page, what its template shows, computed once per build.

Like Pelican's ``generate_context``, :func:`site_views` and :func:`case_view` turn the model
(:mod:`generator.site.model`) into one context object per page: the lists already filtered and
in order, the labels and units taken from the case format (:mod:`generator.format.schema`), the
charts drawn. Templates get these objects and small formatting filters; they only lay them out.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from generator.build import search_index
from generator.format import schema
from generator.format.schema import Field
from generator.forms import layouts as forms
from generator.forms import submission
from generator.site import charts, opendata
from generator.site.model import (
    EXPERIENCE_FACETS,
    FACETS,
    SEARCH_FACETS,
    TARGET_STATES,
    Case,
    ExperienceRef,
    Indicator,
    Site,
    TargetProgress,
    label,
)

NO_DIMENSION = "未标方面"
"""Where experiences and targets that name no 方面 are counted."""

LIST_MAX = 200
"""The most cases, or experiences, one listing page shows. Above it the case library is split into
one page per 设区市 and 典型经验 into one page per 体系 (each paginated within), and 对比 builds its
tables in the browser from data files instead of listing every case: no page grows with the library."""

CITY_SLUGS: dict[str, str] = {
    "石家庄市": "shijiazhuang", "唐山市": "tangshan", "秦皇岛市": "qinhuangdao", "邯郸市": "handan",
    "邢台市": "xingtai", "保定市": "baoding", "张家口市": "zhangjiakou", "承德市": "chengde",
    "沧州市": "cangzhou", "廊坊市": "langfang", "衡水市": "hengshui", "定州市": "dingzhou", "辛集市": "xinji",
}
"""Each city's page of the split library: ``cases/city/<slug>.md``, the same however many cases."""
assert set(CITY_SLUGS) == set(schema.CITIES), "a city without its page"

SYSTEM_SLUGS: dict[str, str] = {"新型制造业体系": "zhizao", "区域协同创新体系": "chuangxin",
                                "人才培养体系": "rencai", "政策保障体系": "zhengce", "": "qita"}
"""Each 体系's page of the split 典型经验: ``experiences/<slug>.md`` (``""``: 其他经验, without a 体系)."""
assert set(SYSTEM_SLUGS) == {*schema.SYSTEMS, ""}, "a 体系 without its page"
OTHER_EXPERIENCES = "其他经验"

EXPERIENCES_FULL_TEXT_MAX = 200
"""Up to this many experiences the 典型经验 page shows them whole; beyond, an excerpt each
(the full text is on the case page), so that the page stays readable at thousands of cases."""

HOME_WORKFLOW: tuple[tuple[str, str], ...] = (
    ("方案编制", "县（市、区）政府组织编制创建工作实施方案"),
    ("初审筛选", "各市工业和信息化局初审，报省工业和信息化厅"),
    ("组织评审", "省工业和信息化厅委托专家评审，报省政府"),
    ("推进实施", "试点示范县（市、区）按方案落实目标任务"),
    ("考核评估", "中期评估；未达要求的限期整改，仍达不到的中止"),
    ("总结推广", "绩效评价，树立示范标杆，推广成功经验"),
)
"""The notice's 工作流程 as the home page lists it: (step, what happens)."""

LATEST_MAX = 6
"""Cards under 最近更新 on the home page."""

EVALUATION_MARKS: dict[str, str] = {"通过": "pass", "优秀": "pass", "限期整改": "warning", "中止": "stopped"}
"""The timeline's mark (a CSS modifier) for each 结论 of an evaluation; ``none`` without one."""
assert set(EVALUATION_MARKS) == set(schema.EVALUATION_RESULTS), "a 结论 without its mark"


# -- the pages made once per site ---------------------------------------------------------------


@dataclass(frozen=True)
class Home:
    workflow: tuple[tuple[str, str], ...]
    latest: list[Case]


@dataclass(frozen=True)
class PageLink:
    """One page of a paginated list, as the pager links it."""

    number: int
    href: str
    """From the page showing the pager (an ``.md`` path, so MkDocs makes it a link)."""
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """Where a page is in its list: 第 ``first``—``last`` of ``total``, and every page's link."""

    pages: list[PageLink]
    first: int
    last: int
    total: int

    @property
    def number(self) -> int:
        return next(page.number for page in self.pages if page.current)

    @property
    def previous(self) -> PageLink | None:
        return self.pages[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> PageLink | None:
        return self.pages[self.number] if self.number < len(self.pages) else None


@dataclass(frozen=True)
class CityPart:
    """One row of the split library's overview: a city, its cases by 创建状态, its pages."""

    city: str
    count: int
    href: str
    statuses: list[tuple[str, int, str]]
    """(status, count, link to the city's page filtered by it, or ``""``: zero, or several pages)."""
    pages: list[PageLink]
    """Its pages when it has more than one (else empty)."""


@dataclass(frozen=True)
class LibraryOverview:
    statuses: tuple[str, ...]
    cities: list[CityPart]
    totals: list[int]
    """Cases per status, all cities."""


@dataclass(frozen=True)
class Library:
    """案例库, or one page of it: the cases it lists, the table's columns and the filters; or, when
    the library is split, the overview (``overview``) of its pages by 设区市."""

    columns: tuple[str, ...]
    facets: list[tuple[str, str, list[tuple[str, str, int]]]]
    cases: list[Case]
    title: str = "案例库"
    city: str = ""
    """The city of one page of the split library (``""`` on the whole library)."""
    up: str = ""
    """From this page to ``cases/`` (``../`` on a city's page)."""
    pager: Pager | None = None
    overview: LibraryOverview | None = None


@dataclass(frozen=True)
class MatrixRow:
    system: str
    cells: list[tuple[str, int]]
    """(方面 or ``""`` for the column without one, count), one per column shown."""
    total: int
    hrefs: tuple[str, ...] = ()
    """When 典型经验 is split: each cell's link to where its experiences are (``""``: none)."""
    href: str = ""
    """When 典型经验 is split: the link to the 体系's page."""


@dataclass(frozen=True)
class SystemPart:
    """One 体系 on the overview of the split 典型经验: its count, its page and its pages."""

    system: str
    count: int
    href: str
    pages: list[PageLink]


@dataclass(frozen=True)
class Experiences:
    """典型经验: the filters, the 体系 × 方面 table and whether experiences are shown whole."""

    facets: list[tuple[str, str, list[tuple[str, str, int]]]]
    dimensions: tuple[str, ...]
    matrix: list[MatrixRow]
    full_text: bool
    no_dimension: str = NO_DIMENSION
    parts: list[SystemPart] | None = None
    """When 典型经验 is split: its pages, one per 体系 (the experiences are not on this page)."""
    up: str = ""
    """From this page to the site's root (where ``cases/`` is)."""


@dataclass(frozen=True)
class ExperienceGroup:
    """The experiences of one 方面 on a 体系's page, from its first on the page."""

    dimension: str
    anchor: str
    refs: list[ExperienceRef]
    total: int
    """Of this 方面 in the 体系, on every page."""
    continued: bool
    """It began on an earlier page."""


@dataclass(frozen=True)
class ExperiencePart:
    """One page of the split 典型经验: the experiences of one 体系, by 方面, with the filters."""

    system: str
    title: str
    facets: list[tuple[str, str, list[tuple[str, str, int]]]]
    groups: list[ExperienceGroup]
    count: int
    """Experiences of the 体系, on every page."""
    pager: Pager | None
    full_text: bool
    up: str = "../"


@dataclass(frozen=True)
class Chart:
    svg: Markup
    caption: str


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    title: str
    """Its label with its unit: ``制造业增加值（亿元）``."""
    chart: Chart | None
    bins: list[tuple[str, int]]
    """The histogram's ranges when there are too many cases for one row each (else empty)."""


@dataclass(frozen=True)
class TargetsRow:
    dimension: str
    counts: list[int]
    total: int


@dataclass(frozen=True)
class Stats:
    """统计: every figure, table and chart of the page."""

    cities: list[tuple[str, int]]
    """The cities that have cases, with their counts."""
    mva_label: str
    mva_unit: str
    mva_total: float | None
    mva_count: int
    city_chart: Chart
    batch_chart: Chart
    status_chart: Chart
    industry_chart: Chart | None
    without_industry: list[Case]
    converted: bool
    """Some figure is shown in a larger unit than it is filed in (万元 → 亿元)."""
    indicators: list[IndicatorView]
    target_states: list[str]
    targets: list[TargetsRow]
    targets_chart: Chart | None


@dataclass(frozen=True)
class CompareTargets:
    """One row of the compare page's 创建目标: one 方面 and each case's targets in it."""

    label: str
    by_case: dict[str, list[TargetProgress]]


@dataclass(frozen=True)
class CompareRow:
    """One row of the compare page's tables: what its cells show (``compare_cell`` in _macros)."""

    key: str
    label: str
    field: Field | None = None
    """The 总体情况 figure of an ``overview`` row."""
    targets: CompareTargets | None = None
    """The 方面 of a ``targets`` row."""


@dataclass(frozen=True)
class CompareSection:
    id: str
    title: str
    rows: list[CompareRow]


@dataclass(frozen=True)
class Compare:
    overview_fields: tuple[Field, ...]
    output_label: str
    """主导产业's 工业总产值 with its unit, for the row listing it per industry."""
    targets: list[CompareTargets]
    sections: list[CompareSection]
    cases: list[Case]
    in_browser: bool
    """Too many cases for a table of all of them: the tables are built in the browser for the
    cases a reader picks, from the data files of :data:`COMPARE_INDEX` and :func:`compare_part`."""

    @property
    def columns(self) -> list[Case]:
        """The cases of the page's own tables: all of them, or none when built in the browser."""
        return [] if self.in_browser else self.cases


@dataclass(frozen=True)
class CaseForms:
    case: Case
    downloads: list[tuple[str, forms.Download]]
    """(form name, the case's filled form), in the forms' order."""


@dataclass(frozen=True)
class Downloads:
    """模板下载: the 申报书's parts and files, the case forms, the open data."""

    notice_number: str
    attachment_line: str
    all_in_one: forms.Download
    parts: tuple[submission.Part, ...]
    other_templates: list[forms.Download]
    added_mark: str
    more: str
    form_names: list[str]
    case_forms: list[CaseForms]
    """Every case's forms in one table; empty above ``LIST_MAX`` cases (each case page has its own)."""
    case_count: int
    open_data: tuple[forms.Download, ...]
    csv: forms.Download


@dataclass(frozen=True)
class DictionaryEntry:
    path: str
    field: Field
    kind: str
    notes: str
    where: str


@dataclass(frozen=True)
class DictionaryGroup:
    title: str
    path: str
    entries: list[DictionaryEntry]


@dataclass(frozen=True)
class Dictionary:
    groups: list[DictionaryGroup]
    json: forms.Download
    csv: forms.Download
    format_version: int
    csv_columns: tuple[opendata.CsvColumn, ...]

    @property
    def json_name(self) -> str:
        return PurePosixPath(self.json.path).name

    @property
    def csv_name(self) -> str:
        return PurePosixPath(self.csv.path).name


@dataclass(frozen=True)
class Search:
    filters: list[str]
    """The search page's filters: the page type, then some of the case library's."""


def site_views(site: Site) -> dict[str, object]:
    """The context of each page made once per site, by its template's name."""
    return {
        "home.md.j2": Home(HOME_WORKFLOW, site.latest[:LATEST_MAX]),
        "case_list.md.j2": library(site),
        "experiences.md.j2": experiences(site),
        "stats.md.j2": stats(site),
        "compare.md.j2": compare(site),
        "downloads.md.j2": downloads(site),
        "data_dictionary.md.j2": dictionary(),
        "search.md.j2": Search([search_index.PAGE_TYPE, *SEARCH_FILTERS]),
    }


def split_pages(site: Site) -> list[tuple[str, str, object]]:
    """The pages of a split case library and 典型经验 (none on a small site, see ``LIST_MAX``):
    (template, path, context), in a stable order."""
    pages: list[tuple[str, str, object]] = []
    if len(site.cases) > LIST_MAX:
        for city, cases in _by_city(site):
            chunks = _chunks(cases)
            for number, chunk in enumerate(chunks, 1):
                paths = [_city_path(city, n) for n in range(1, len(chunks) + 1)]
                pager = _pager(paths[number - 1], paths, number, len(cases)) if len(chunks) > 1 else None
                pages.append(("case_list.md.j2", _city_path(city, number),
                              _library_page(site, chunk, city, pager)))
    if site.experience_count > LIST_MAX:
        for system, refs in _by_system(site):
            pages += [("experience_part.md.j2", path, part)
                      for path, part in _system_pages(site, system, refs)]
    return pages


def _chunks(items: list[Any]) -> list[list[Any]]:
    return [items[start:start + LIST_MAX] for start in range(0, len(items), LIST_MAX)] or [[]]


def _numbered(base: str, number: int) -> str:
    return f"{base}.md" if number == 1 else f"{base}-{number}.md"


def _city_path(city: str, number: int = 1) -> str:
    return _numbered(f"cases/city/{CITY_SLUGS[city]}", number)


def _system_path(system: str, number: int = 1) -> str:
    return _numbered(f"experiences/{SYSTEM_SLUGS[system]}", number)


def _relative(path: str, start: str) -> str:
    """A link from the page at ``start`` to the page at ``path`` (both source paths)."""
    return PurePosixPath(os.path.relpath(path, PurePosixPath(start).parent)).as_posix()


def _pager(current: str, paths: list[str], number: int, total: int) -> Pager:
    first = (number - 1) * LIST_MAX + 1
    return Pager([PageLink(n, _relative(path, current), n == number) for n, path in enumerate(paths, 1)],
                 first, min(first + LIST_MAX - 1, total), total)


def _by_city(site: Site) -> list[tuple[str, list[Case]]]:
    return [(city, [case for case in site.cases if case.city == city])
            for city, count in site.city_counts if count]


def library(site: Site) -> Library:
    columns = tuple(label(*path) for path in LIBRARY_COLUMNS)
    if len(site.cases) <= LIST_MAX:
        return Library(columns, site.facets, site.cases)
    statuses = schema.STATUSES
    parts = []
    for city, cases in _by_city(site):
        pages = len(_chunks(cases))
        href = _relative(_city_path(city), "cases/index.md")
        counts = [(status, sum(1 for case in cases if case.status == status)) for status in statuses]
        parts.append(CityPart(
            city, len(cases), href,
            [(status, count, f"{href}?{urlencode({'status': status})}" if count and pages == 1 else "")
             for status, count in counts],
            [PageLink(n, _relative(_city_path(city, n), "cases/index.md")) for n in range(1, pages + 1)]
            if pages > 1 else []))
    totals = [count for _, count in site.status_counts_all]
    return Library(columns, site.facets, site.cases, overview=LibraryOverview(statuses, parts, totals))


def _library_page(site: Site, cases: list[Case], city: str, pager: Pager | None) -> Library:
    facets = [(key, name, site.facet_values(key, cases)) for key, name in FACETS if key != "city"]
    title = f"{city}的案例" + (f"（第 {pager.number} 页）" if pager and pager.number > 1 else "")
    return Library(tuple(label(*path) for path in LIBRARY_COLUMNS), facets, cases, title, city, "../", pager)


SEARCH_FILTERS: tuple[str, ...] = tuple(name for key, name in FACETS if key in SEARCH_FACETS)
"""The case library's filters that the search page offers too, by their labels."""

LIBRARY_COLUMNS: tuple[tuple[str, ...], ...] = (("county",), ("city",), ("batch",), ("status",),
                                                  ("industries",), ("targets",))
"""The case library's table: the fields of its columns."""


def experiences(site: Site) -> Experiences:
    with_none = bool(site.experiences_without_dimension)
    columns = [*schema.DIMENSIONS, ""] if with_none else list(schema.DIMENSIONS)
    full_text = site.experience_count <= EXPERIENCES_FULL_TEXT_MAX
    if site.experience_count <= LIST_MAX:
        matrix = [MatrixRow(system, list(zip(columns, counts, strict=False)), total)
                  for system, counts, total in site.experience_matrix]
        return Experiences(site.experience_facets, schema.DIMENSIONS, matrix, full_text)
    where: dict[tuple[str, str], str] = {}  # (体系, 方面) → the page and anchor its experiences begin at
    parts = []
    for system, refs in _by_system(site):
        pages = _system_pages(site, system, refs)
        for path, part in pages:
            for group in part.groups:
                if not group.continued:
                    where[(system, group.dimension)] = f"{_relative(path, 'experiences.md')}#{group.anchor}"
        links = [PageLink(n, _relative(path, "experiences.md")) for n, (path, _) in enumerate(pages, 1)]
        parts.append(SystemPart(system or OTHER_EXPERIENCES, len(refs), links[0].href,
                                links if len(links) > 1 else []))
    matrix = []
    for system, counts, total in site.experience_matrix:
        cells = list(zip(columns, counts, strict=False))
        hrefs = tuple(where.get((system, dimension or NO_DIMENSION), "") if count else ""
                      for dimension, count in cells)
        href = _relative(_system_path(system), "experiences.md")
        matrix.append(MatrixRow(system, cells, total, hrefs, href))
    return Experiences([], schema.DIMENSIONS, matrix, full_text, parts=parts)


def _by_system(site: Site) -> list[tuple[str, list[ExperienceRef]]]:
    """Every 体系 with experiences, and ``""`` for those without one, in the notice's order."""
    groups = [(system, refs) for system, refs in site.experiences_by_system.items() if refs]
    return groups + ([("", site.unassigned_experiences)] if site.unassigned_experiences else [])


_DIMENSION_ORDER = {dimension: index for index, dimension in enumerate(schema.DIMENSIONS)}


def _dimension_anchor(dimension: str) -> str:
    if dimension in _DIMENSION_ORDER:
        return f"dimension-{_DIMENSION_ORDER[dimension] + 1}"
    return "dimension-none"


def _system_pages(site: Site, system: str, refs: list[ExperienceRef]) -> list[tuple[str, ExperiencePart]]:
    """A 体系's pages: its experiences by 方面 (in the order of 创建标准, then those without one),
    ``LIST_MAX`` a page."""
    last = len(_DIMENSION_ORDER)
    ordered = sorted(refs, key=lambda ref: _DIMENSION_ORDER.get(ref.item.get("dimension") or "", last))
    totals = Counter(ref.item.get("dimension") or NO_DIMENSION for ref in ordered)
    chunks = _chunks(ordered)
    paths = [_system_path(system, n) for n in range(1, len(chunks) + 1)]
    name = system or OTHER_EXPERIENCES
    seen: set[str] = set()
    pages = []
    for number, (path, chunk) in enumerate(zip(paths, chunks, strict=True), 1):
        groups: list[ExperienceGroup] = []
        for ref in chunk:
            dimension = ref.item.get("dimension") or NO_DIMENSION
            if not groups or groups[-1].dimension != dimension:
                groups.append(ExperienceGroup(dimension, _dimension_anchor(dimension), [], totals[dimension],
                                              dimension in seen))
                seen.add(dimension)
            groups[-1].refs.append(ref)
        facets = [(key, label_, site.facet_values(key, chunk)) for key, label_ in EXPERIENCE_FACETS
                  if key != "system"]
        pager = _pager(path, paths, number, len(ordered)) if len(chunks) > 1 else None
        title = f"{name}的典型经验" + (f"（第 {number} 页）" if number > 1 else "")
        pages.append((path, ExperiencePart(name, title, facets, groups, len(ordered), pager,
                                           site.experience_count <= EXPERIENCES_FULL_TEXT_MAX)))
    return pages


def _with_unit(name: str, unit: str) -> str:
    return f"{name}（{unit}）" if unit else name


def stats(site: Site) -> Stats:
    mva_total, mva_count = site.total("mfg_value_added")
    mva = schema.OVERVIEW.child("mfg_value_added")
    assert mva is not None
    counted = "的试点示范县（市、区）数量"

    def counts(key: str, title: str, rows: Any, caption: str) -> Chart:
        return Chart(charts.counts_chart(key, title, rows), caption)

    industry_chart = None
    if site.industry_counts:
        industry_chart = counts("by-industry", f"各主导产业{counted}", site.industry_counts,
                                f"图4　以各主导产业为主{counted}（个）；一个县可有几个主导产业")
    indicators = [_indicator(ind, number) for number, ind in enumerate(site.indicators, 5)]
    states = list(TARGET_STATES.values())
    targets = [TargetsRow(dimension or NO_DIMENSION, counts_, sum(counts_))
               for dimension, counts_ in site.targets_by_dimension]
    targets_chart = None
    if targets:
        desc = "；".join(f"{row.dimension} " + "、".join(f"{state} {count}" for state, count
                                                         in zip(states, row.counts, strict=True))
                        for row in targets) + "。"
        svg = charts.stacked_bar_chart("targets", "各方面创建目标的完成情况", desc,
                                       [row.dimension for row in targets], site.targets_series)
        targets_chart = Chart(svg, f"图{len(indicators) + 5}　各方面创建目标的完成情况（项）")
    return Stats(
        cities=[(city, count) for city, count in site.city_counts if count],
        mva_label=mva.label, mva_unit=mva.unit, mva_total=mva_total, mva_count=mva_count,
        city_chart=counts("by-city", f"各市（含定州、辛集市）{counted}", site.city_counts,
                          f"图1　各市（含定州、辛集市）{counted}（个）"),
        batch_chart=counts("by-batch", f"各创建批次{counted}",
                           [(f"{batch}年", count) for batch, count in site.batch_counts],
                           f"图2　各创建批次{counted}（个）"),
        status_chart=counts("by-status", f"各创建状态{counted}", site.status_counts_all,
                            f"图3　各创建状态{counted}（个），按工作流程排列"),
        industry_chart=industry_chart,
        without_industry=[case for case in site.cases if not case.industry_names],
        converted=any(ind.converted for ind in site.indicators),
        indicators=indicators,
        target_states=states,
        targets=targets,
        targets_chart=targets_chart,
    )


def _indicator(ind: Indicator, number: int) -> IndicatorView:
    title = _with_unit(ind.label, ind.unit)
    key = f"indicator-{ind.key}"
    if not ind.values:
        return IndicatorView(ind, title, None, [])
    if ind.detailed:
        rows = [(case.county, value) for case, value in ind.values]
        chart = Chart(charts.counts_chart(key, title, rows), f"图{number}　{title}")
        return IndicatorView(ind, title, chart, [])
    bins = ind.bins()
    chart = Chart(charts.counts_chart(key, f"{ind.label}的分布", bins),
                  f"图{number}　{title}的分布（县数）")
    return IndicatorView(ind, title, chart, bins)


COMPARE_INDEX = "assets/data/compare-index.js"
"""When 对比 builds its tables in the browser: every case's id, name, city and data file."""
COMPARE_PART = "assets/data/compare/part-{:03d}.js"
"""… and the cells of ``COMPARE_PART_SIZE`` cases each, in the library's order (scripts that set a
global, not JSON to fetch: they load from file:// too, in the offline edition)."""
COMPARE_PART_SIZE = 50


def compare(site: Site) -> Compare:
    output = schema.field_at(("industries", "output"))
    assert output is not None
    undimensioned = any(not t.dimension for case in site.cases for t in case.targets_progress)
    rows = [CompareTargets(dimension or NO_DIMENSION,
                           {case.id: [t for t in case.targets_progress if t.dimension == (dimension or None)]
                            for case in site.cases})
            for dimension in (*schema.DIMENSIONS, "") if dimension or undimensioned]
    basic = [CompareRow(key, name) for key, name in (
        ("city", label("city")), ("batch", label("batch")), ("period", label("period")),
        ("status", label("status")), ("targets", label("targets")), ("measured", "实际值的测定时间"),
        ("unfiled", "已过中期评估而未填报"), ("summary", label("summary")))]
    sections = [
        CompareSection("basic", "基本情况", basic),
        CompareSection("overview", label("overview"), [CompareRow("overview", fld.label_with_unit, field=fld)
                                                       for fld in schema.OVERVIEW.fields]),
        CompareSection("industries", label("industries"), [
            CompareRow("industries", label("industries")), CompareRow("output", output.label_with_unit),
            CompareRow("tags", label("tags"))]),
        CompareSection("targets", label("targets"),
                       [CompareRow("target", row.label, targets=row) for row in rows]),
    ]
    return Compare(schema.OVERVIEW.fields, output.label_with_unit, rows, sections, site.cases,
                   len(site.cases) > LIST_MAX)


def compare_index(site: Site) -> str:
    """The script of ``COMPARE_INDEX``: ``[id, name, city, 示例数据 (0/1), number of its part]`` per case."""
    cases = [[case.id, case.county, case.city, int(case.sample), index // COMPARE_PART_SIZE + 1]
             for index, case in enumerate(site.cases)]
    return "window.sfxCompareIndex = " + _json({"cases": cases}) + ";\n"


def compare_parts(site: Site) -> list[list[Case]]:
    size = COMPARE_PART_SIZE
    return [site.cases[start:start + size] for start in range(0, len(site.cases), size)]


def compare_part(number: int, cells: dict[str, list[str]]) -> str:
    """The script of one part: each case's cells (HTML, as the tables of small sites show them),
    one per row of :attr:`Compare.sections`, in their order."""
    return ("(window.sfxCompareParts = window.sfxCompareParts || {})[" + str(number) + "] = "
            + _json(cells) + ";\n")


def _json(value: object) -> str:
    # A file of its own, never inside a <script> element; the line separators older browsers
    # refuse inside a string are escaped.
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def downloads(site: Site) -> Downloads:
    return Downloads(
        notice_number=forms.NOTICE_NUMBER,
        attachment_line=submission.ATTACHMENT_LINE,
        all_in_one=submission.ALL_IN_ONE,
        parts=submission.PARTS,
        other_templates=submission.other_templates(),
        added_mark=forms.ADDED_MARK,
        more=forms.MORE,
        form_names=[form.name for form in forms.FORMS],
        case_forms=[CaseForms(case, case_downloads(case)) for case in site.cases]
        if len(site.cases) <= LIST_MAX else [],
        case_count=len(site.cases),
        open_data=opendata.OPEN_DATA,
        csv=_open_data("data/cases.csv"),
    )


def case_downloads(case: Case) -> list[tuple[str, forms.Download]]:
    return [(form.name, download)
            for form, download in zip(forms.FORMS, forms.case_downloads(case.id), strict=True)]


def _open_data(path: str) -> forms.Download:
    return next(d for d in opendata.OPEN_DATA if d.path == path)


def dictionary() -> Dictionary:
    groups = [DictionaryGroup(group.title, group.path,
                              [DictionaryEntry(entry.path, entry.field, forms.kind_text(entry.field),
                                               forms.notes(entry.field), entry.where)
                               for entry in group.entries])
              for group in forms.dictionary()]
    return Dictionary(groups, _open_data("data/cases.json"), _open_data("data/cases.csv"),
                      opendata.FORMAT_VERSION, opendata.CSV_COLUMNS)


# -- a case's page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IndustryView:
    industry: dict[str, Any]
    rows: list[Field]
    """The fields of its table: those it has, beside its name and its enterprises."""
    enterprise_fields: list[Field]
    """The rows of its enterprises' table: the name, and every field one of them has."""


@dataclass(frozen=True)
class CaseView:
    """A case's page: its sections as the page lists them, and its neighbours in the library."""

    case: Case
    overview_fields: list[Field]
    industries: list[IndustryView]
    innovation_figures: list[Field]
    innovation_centers: list[Field]
    evaluations: list[tuple[dict[str, Any], str]]
    """Each evaluation with its mark on the timeline (see ``EVALUATION_MARKS``)."""
    downloads: list[forms.Download]
    before: Case | None
    after: Case | None


def case_view(site: Site, case: Case) -> CaseView:
    overview = case.section("overview") or {}
    innovation = case.section("innovation") or {}
    figures = [fld for fld in schema.INNOVATION.fields if not fld.fields]
    centers = [fld for fld in schema.INNOVATION.fields if fld.fields]
    before, after = site.neighbours(case)
    return CaseView(
        case=case,
        overview_fields=[fld for fld in schema.OVERVIEW.fields if fld.key in overview],
        industries=[_industry(item) for item in case.section("industries") or []],
        innovation_figures=[fld for fld in figures if fld.key in innovation],
        innovation_centers=[fld for fld in centers if innovation.get(fld.key)],
        evaluations=[(item, EVALUATION_MARKS.get(item.get("result") or "", "none"))
                     for item in case.section("evaluations") or []],
        downloads=[download for _, download in case_downloads(case)],
        before=before,
        after=after,
    )


def _industry(industry: dict[str, Any]) -> IndustryView:
    enterprises = industry.get("top_enterprises") or []
    rows = [fld for fld in schema.INDUSTRIES.fields
            if fld.key not in ("name", "top_enterprises") and fld.key in industry]
    shown = [fld for fld in schema.TOP_ENTERPRISE_FIELDS
             if fld.key == "name" or any(fld.key in e for e in enterprises)]
    return IndustryView(industry, rows, shown)
