"""The view layer: for each page, what its template shows, computed once per build.

Like Pelican's ``generate_context``, :func:`site_views` and :func:`case_view` turn the model
(:mod:`generator.site.model`) into one context object per page: the lists already filtered and
in order, the labels and units taken from the case format (:mod:`generator.format.schema`), the
charts drawn. Templates get these objects and small formatting filters; they only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup

from generator.build import search_index
from generator.format import schema
from generator.format.schema import Field
from generator.forms import layouts as forms
from generator.forms import submission
from generator.site import charts, opendata
from generator.site.model import (
    FACETS,
    SEARCH_FACETS,
    TARGET_STATES,
    Case,
    Indicator,
    Site,
    TargetProgress,
    label,
)

NO_DIMENSION = "未标方面"
"""Where experiences and targets that name no 方面 are counted."""

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
class Library:
    """案例库: the table's columns and the filters."""

    columns: tuple[str, ...]
    facets: list[tuple[str, str, list[tuple[str, str, int]]]]


@dataclass(frozen=True)
class MatrixRow:
    system: str
    cells: list[tuple[str, int]]
    """(方面 or ``""`` for the column without one, count), one per column shown."""
    total: int


@dataclass(frozen=True)
class Experiences:
    """典型经验: the filters, the 体系 × 方面 table and whether experiences are shown whole."""

    facets: list[tuple[str, str, list[tuple[str, str, int]]]]
    dimensions: tuple[str, ...]
    matrix: list[MatrixRow]
    full_text: bool
    no_dimension: str = NO_DIMENSION


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
class Compare:
    overview_fields: tuple[Field, ...]
    output_label: str
    """主导产业's 工业总产值 with its unit, for the row listing it per industry."""
    targets: list[CompareTargets]


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
        "case_list.md.j2": Library(tuple(label(*path) for path in LIBRARY_COLUMNS), site.facets),
        "experiences.md.j2": experiences(site),
        "stats.md.j2": stats(site),
        "compare.md.j2": compare(site),
        "downloads.md.j2": downloads(site),
        "data_dictionary.md.j2": dictionary(),
        "search.md.j2": Search([search_index.PAGE_TYPE, *SEARCH_FILTERS]),
    }


SEARCH_FILTERS: tuple[str, ...] = tuple(name for key, name in FACETS if key in SEARCH_FACETS)
"""The case library's filters that the search page offers too, by their labels."""

LIBRARY_COLUMNS: tuple[tuple[str, ...], ...] = (("county",), ("city",), ("batch",), ("status",),
                                                  ("industries",), ("targets",))
"""The case library's table: the fields of its columns."""


def experiences(site: Site) -> Experiences:
    with_none = bool(site.experiences_without_dimension)
    columns = [*schema.DIMENSIONS, ""] if with_none else list(schema.DIMENSIONS)
    matrix = [MatrixRow(system, list(zip(columns, counts, strict=False)), total)
              for system, counts, total in site.experience_matrix]
    return Experiences(site.experience_facets, schema.DIMENSIONS, matrix,
                       site.experience_count <= EXPERIENCES_FULL_TEXT_MAX)


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


def compare(site: Site) -> Compare:
    output = schema.field_at(("industries", "output"))
    assert output is not None
    undimensioned = any(not t.dimension for case in site.cases for t in case.targets_progress)
    rows = [CompareTargets(dimension or NO_DIMENSION,
                           {case.id: [t for t in case.targets_progress if t.dimension == (dimension or None)]
                            for case in site.cases})
            for dimension in (*schema.DIMENSIONS, "") if dimension or undimensioned]
    return Compare(schema.OVERVIEW.fields, output.label_with_unit, rows)


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
        case_forms=[CaseForms(case, case_downloads(case)) for case in site.cases],
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
