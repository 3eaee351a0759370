"""Stage 3: the site's model, made from validated case data.

Everything the pages need and that is derived from more than one field lives
here (sorting, grouping, defaults), so templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.format import schema
from generator.site import text


def label(*path: str) -> str:
    """The label of the field at a key path of the case format (``label("targets", "baseline")``)."""
    return _field(path).label


def unit(*path: str) -> str:
    """The unit of the field at a key path of the case format (``""`` when it has none)."""
    return _field(path).unit


def _field(path: tuple[str, ...]) -> schema.Field:
    fld = schema.field_at(path)
    if fld is None:
        raise KeyError(".".join(path))
    return fld


INDICATOR_DETAIL_MAX = 40
"""Up to this many reporting cases the statistics page lists each one; beyond, it bins them."""


@dataclass(frozen=True)
class Attachment:
    title: str
    file: str
    path: Path
    size: int

    @property
    def suffix(self) -> str:
        return Path(self.file).suffix.lstrip(".").upper() or "文件"


@dataclass
class Case:
    """One approved county: its validated data and what is derived from it."""

    data: dict[str, Any]
    source: str
    """The file it came from, e.g. ``cases/zhengding.yaml``."""

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def county(self) -> str:
        return str(self.data["county"])

    @property
    def city(self) -> str:
        return str(self.data["city"])

    @property
    def batch(self) -> int:
        return int(self.data["batch"])

    @property
    def status(self) -> str:
        return str(self.data["status"])

    @property
    def summary(self) -> str:
        return str(self.data["summary"])

    @property
    def sample(self) -> bool:
        return bool(self.data.get("sample", False))

    @property
    def updated(self) -> dt.date | None:
        return self.data.get("updated")

    @property
    def tags(self) -> list[str]:
        return list(self.data.get("tags", []))

    @property
    def period(self) -> tuple[int, int]:
        """创建期: given, or three years from the batch year as 第二章 says."""
        given = self.data.get("period")
        if given:
            return int(given[0]), int(given[1])
        return self.batch, self.batch + schema.PERIOD_YEARS - 1

    @property
    def industry_names(self) -> list[str]:
        return [item["name"] for item in self.data.get("industries", [])]

    @property
    def attachments(self) -> list[Attachment]:
        return [
            Attachment(item["title"], item["file"], item["path"], item["size"])
            for item in self.data.get("attachments", [])
        ]

    @property
    def page(self) -> str:
        """The source path of its page, relative to the docs folder."""
        return f"cases/{self.id}.md"

    def section(self, key: str) -> Any:
        """A section's data, or None when the case does not have it (or it is empty)."""
        value = self.data.get(key)
        if isinstance(value, dict) and not value:
            return None
        return value or None

    # --- Promotion: filters, progress, workflow (see also Site below) ---

    @property
    def systems(self) -> list[str]:
        """体系 the case's experiences belong to, in the notice's order."""
        found = {item.get("system") for item in self.data.get("experiences", [])}
        return [system for system in schema.SYSTEMS if system in found]

    @property
    def dimensions(self) -> list[str]:
        """方面 its targets or experiences name, in the order of 创建标准."""
        found = {item.get("dimension") for key in ("targets", "experiences")
                 for item in self.data.get(key, [])}
        return [dimension for dimension in schema.DIMENSIONS if dimension in found]

    def facet(self, key: str) -> list[str]:
        """The values this case has for one filter of the case library (see ``FACETS``)."""
        if key == "city":
            return [self.city]
        if key == "batch":
            return [str(self.batch)]
        if key == "status":
            return [self.status]
        if key == "industry":
            return list(dict.fromkeys(self.industry_names))
        if key == "system":
            return self.systems
        if key == "dimension":
            return self.dimensions
        if key == "tag":
            return list(dict.fromkeys(self.tags))
        raise KeyError(key)

    @property
    def search_filters(self) -> list[tuple[str, str]]:
        """(filter, value) pairs for the search page's filters (``SEARCH_FACETS``)."""
        return [(name, f"{value}年" if key == "batch" else value)
                for key, name in FACETS if key in SEARCH_FACETS for value in self.facet(key)]

    @property
    def facets_json(self) -> str:
        """Every filter value of the case as JSON, for the library's ``data-facets`` attribute."""
        return _facets_json({key: self.facet(key) for key, _ in FACETS})

    @functools.cached_property
    def measured(self) -> Measured:
        """When its 实际值 were measured and whether they can be judged (see :class:`Measured`)."""
        return measurement(self.status, self.data.get("evaluations", []), self.updated)

    @functools.cached_property
    def targets_progress(self) -> list[TargetProgress]:
        """Each 创建目标 with its progress from baseline to target and, after 绩效评价, whether it is met."""
        final = self.measured.final
        return [TargetProgress(item, final) for item in self.data.get("targets", [])]

    @property
    def has_actual_values(self) -> bool:
        """Some target has an actual value (only then does a page say when it was measured)."""
        return any(t.actual is not None for t in self.targets_progress)

    @property
    def targets_count(self) -> Counter[str]:
        """How many of its targets are in each state of ``TARGET_STATES`` (``met``, ``pending``…)."""
        return Counter(t.state for t in self.targets_progress)

    @property
    def targets_verdict(self) -> str:
        """Its targets in a few words, for the brief and the 汇编: ``6 项，达成 5 项，未达成 1 项``
        after 绩效评价, ``6 项，待绩效评价`` before it; empty without targets."""
        progress = self.targets_progress
        if not progress:
            return ""
        if not self.measured.final:
            return f"{len(progress)} 项，{TARGET_STATES['pending']}"
        counts = self.targets_count
        words = [f"{len(progress)} 项", f"达成 {counts['met']} 项"]
        words += [f"{TARGET_STATES[state]} {counts[state]} 项" for state in ("missed", "unreported")
                  if counts[state]]
        return "，".join(words)

    @property
    def unfiled(self) -> list[str]:
        """The labels of what it should have filed by its status but has not (see :func:`schema.unfiled`)."""
        return [schema.CASE.child(key).label for key in schema.unfiled(self.data)]  # type: ignore[union-attr]

    @property
    def workflow(self) -> list[WorkflowStep]:
        """Its place in the notice's workflow, as steps (see :func:`workflow_steps`)."""
        return workflow_steps(self.status)

    def overview_value(self, key: str) -> float | None:
        overview = self.data.get("overview") or {}
        value = overview.get(key)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class ExperienceRef:
    case: Case
    index: int
    item: dict[str, Any]

    @property
    def key(self) -> str:
        """Its anchor on 典型经验 (and its key for the filters): ``<case id>-<number>``."""
        return f"{self.case.id}-{self.index + 1}"

    def facet(self, key: str) -> list[str]:
        """Its values for one filter of 典型经验 (see ``EXPERIENCE_FACETS``)."""
        if key == "city":
            return [self.case.city]
        if key == "county":
            return [self.case.id]
        if key in ("system", "dimension"):
            return [self.item[key]] if self.item.get(key) else []
        raise KeyError(key)

    @property
    def facets_json(self) -> str:
        return _facets_json({key: self.facet(key) for key, _ in EXPERIENCE_FACETS})


@dataclass
class Site:
    """All cases, in the order the library lists them, and their groupings."""

    cases: list[Case]
    latest: list[Case] = field(default_factory=list)
    experiences_by_system: dict[str, list[ExperienceRef]] = field(default_factory=dict)
    unassigned_experiences: list[ExperienceRef] = field(default_factory=list)

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        """The statuses some case has, with their counts (see :attr:`status_counts_all`)."""
        return [(status, count) for status, count in self.status_counts_all if count]

    @property
    def city_count(self) -> int:
        return len({case.city for case in self.cases})

    @property
    def experience_count(self) -> int:
        return sum(len(refs) for refs in self.experiences_by_system.values()) + len(
            self.unassigned_experiences
        )

    def search_terms(self) -> list[str]:
        """Words the Chinese segmenter must keep whole: names, industries, tags, indicators."""
        terms: set[str] = set(schema.CITIES) | set(schema.DIMENSIONS) | set(schema.SYSTEMS)
        terms |= set(schema.DIMENSION_INDICATORS.values())
        for case in self.cases:
            terms.add(case.county)
            terms.update(case.tags)
            for industry in case.data.get("industries", []):
                terms.add(industry["name"])
                terms.update(e["name"] for e in industry.get("top_enterprises", []))
                terms.update(industry.get("parks", []))
                terms.update(industry.get("brands", []))
            for target in case.data.get("targets", []):
                terms.add(target["indicator"])
        return sorted(t for t in terms if 2 <= len(t) <= 30 and " " not in t)

    # --- Promotion: counts, distributions and groupings for statistics, filters and themes ---

    @property
    def city_counts(self) -> list[tuple[str, int]]:
        """Cases per city, for every city of the list (zero included), in the list's order."""
        counts = Counter(case.city for case in self.cases)
        return [(city, counts[city]) for city in schema.CITIES]

    @property
    def batch_counts(self) -> list[tuple[int, int]]:
        counts = Counter(case.batch for case in self.cases)
        return sorted(counts.items())

    @property
    def status_counts_all(self) -> list[tuple[str, int]]:
        """Cases per 创建状态, every status of the workflow (zero included)."""
        counts = Counter(case.status for case in self.cases)
        return [(status, counts[status]) for status in schema.STATUSES]

    @property
    def industry_counts(self) -> list[tuple[str, int]]:
        """Cases per leading industry name, most frequent first (then by name)."""
        counts = Counter(name for case in self.cases for name in case.facet("industry"))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def cases_in(self, key: str, value: str) -> list[Case]:
        return [case for case in self.cases if value in case.facet(key)]

    def facet_values(self, key: str, items: list[Case] | list[ExperienceRef] | None = None
                     ) -> list[tuple[str, str, int]]:
        """One filter's choices: (value, label, number of cases, or of ``items``), in a meaningful order."""
        counts = Counter(value for item in (self.cases if items is None else items)
                         for value in item.facet(key))
        label: Any = (lambda v: f"{v}年") if key == "batch" else (lambda v: v)
        if key == "city":
            order = list(schema.CITIES)
        elif key == "status":
            order = list(schema.STATUSES)
        elif key == "system":
            order = list(schema.SYSTEMS)
        elif key == "dimension":
            order = list(schema.DIMENSIONS)
        elif key == "batch":
            order = sorted(counts)
        elif key == "county":  # by case id, named and listed as the library lists the cases
            order = [case.id for case in self.cases]
            label = {case.id: case.county for case in self.cases}.__getitem__
        else:
            order = [value for value, _ in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]
        return [(value, label(value), counts[value]) for value in order if counts[value]]

    @property
    def facets(self) -> list[tuple[str, str, list[tuple[str, str, int]]]]:
        """Every filter of the case library: (key, label, choices)."""
        return [(key, name, self.facet_values(key)) for key, name in FACETS]

    @property
    def experience_facets(self) -> list[tuple[str, str, list[tuple[str, str, int]]]]:
        """Every filter of 典型经验: (key, label, choices counted in experiences)."""
        return [(key, name, self.facet_values(key, self.all_experiences)) for key, name in EXPERIENCE_FACETS]

    def indicator(self, key: str) -> Indicator:
        """One 总体情况 figure across the cases that report it, highest first, in the unit a
        reader takes in (亿元 for large amounts, see :func:`generator.site.text.large_unit`)."""
        fld = schema.OVERVIEW.child(key)
        if fld is None:
            raise KeyError(key)
        values = [(case, case.overview_value(key)) for case in self.cases]
        reported = [(case, value) for case, value in values if value is not None]
        reported.sort(key=lambda item: (-item[1], item[0].county, item[0].id))
        unit = text.large_unit(fld.unit, [value for _, value in reported])
        shown = [(case, text.in_unit(value, fld.unit, unit)) for case, value in reported]
        return Indicator(key, fld.label, unit, shown, len(self.cases) - len(reported), fld.unit)

    def total(self, key: str) -> tuple[float | None, int]:
        """The sum of one 总体情况 figure over the cases that report it (in its own unit), and how
        many do; (None, 0) when none does."""
        values = [value for case in self.cases if (value := case.overview_value(key)) is not None]
        return (_round(sum(values)) if values else None), len(values)

    @property
    def city_noun(self) -> str:
        """What the cases' cities are called: 设区市, unless one is 定州市 or 辛集市, which the notice
        addresses with them (各市（含定州、辛集市）) but which are not 设区市."""
        return "设区市" if all(case.city in schema.DISTRICT_CITIES for case in self.cases) else "市"

    @property
    def indicators(self) -> list[Indicator]:
        """The figures the statistics page shows the distribution of."""
        return [self.indicator(key) for key in STATS_INDICATORS]

    @functools.cached_property
    def experiences_by_dimension(self) -> dict[str, list[ExperienceRef]]:
        """Every experience under its 方面 (all six aspects, empty ones included)."""
        groups: dict[str, list[ExperienceRef]] = {dimension: [] for dimension in schema.DIMENSIONS}
        for ref in self.all_experiences:
            if ref.item.get("dimension"):
                groups[ref.item["dimension"]].append(ref)
        return groups

    @property
    def experiences_without_dimension(self) -> list[ExperienceRef]:
        return [ref for ref in self.all_experiences if not ref.item.get("dimension")]

    @functools.cached_property
    def all_experiences(self) -> list[ExperienceRef]:
        """Every experience, in library order, then in the order of its case file."""
        return [ExperienceRef(case, index, item) for case in self.cases
                for index, item in enumerate(case.data.get("experiences", []))]

    @property
    def experience_matrix(self) -> list[tuple[str, list[int], int]]:
        """体系 × 方面 counts: (system or ``""``, counts per aspect + no aspect, row total)."""
        rows = []
        for system in (*schema.SYSTEMS, ""):
            refs = [r for r in self.all_experiences if (r.item.get("system") or "") == system]
            if not system and not refs:
                continue
            counts = [sum(1 for r in refs if r.item.get("dimension") == d) for d in schema.DIMENSIONS]
            counts.append(sum(1 for r in refs if not r.item.get("dimension")))
            rows.append((system, counts, len(refs)))
        return rows

    @property
    def targets_by_dimension(self) -> list[tuple[str, list[int]]]:
        """Per aspect: (aspect or ``""``, number of targets in each of ``TARGET_STATES``)."""
        rows = []
        for dimension in (*schema.DIMENSIONS, ""):
            counts = Counter(t.state for case in self.cases for t in case.targets_progress
                             if (t.dimension or "") == dimension)
            if not dimension and not counts:
                continue
            rows.append((dimension, [counts[state] for state in TARGET_STATES]))
        return rows

    @property
    def targets_series(self) -> list[tuple[str, list[int]]]:
        """The same counts by state: (state's word, count per row of ``targets_by_dimension``)."""
        rows = self.targets_by_dimension
        return [(word, [counts[index] for _, counts in rows])
                for index, word in enumerate(TARGET_STATES.values())]

    @functools.cached_property
    def _positions(self) -> dict[str, int]:
        return {case.id: index for index, case in enumerate(self.cases)}

    def neighbours(self, case: Case) -> tuple[Case | None, Case | None]:
        """The cases before and after one in the library's order (上一个, 下一个), None at either end."""
        index = self._positions[case.id]
        before = self.cases[index - 1] if index > 0 else None
        after = self.cases[index + 1] if index + 1 < len(self.cases) else None
        return before, after

    @property
    def sample_count(self) -> int:
        """How many cases are 示例数据 (invented): the pages say so when there are any."""
        return sum(1 for case in self.cases if case.sample)

    @property
    def all_samples(self) -> bool:
        """Every case is invented: the pages do not call them approved 试点示范县（市、区）."""
        return bool(self.cases) and self.sample_count == len(self.cases)


FACETS: tuple[tuple[str, str], ...] = (
    ("city", label("city")),
    ("batch", label("batch")),
    ("status", label("status")),
    ("industry", label("industries")),
    ("system", label("experiences", "system")),
    ("dimension", label("targets", "dimension")),
    ("tag", label("tags")),
)
"""The case library's filters: (key used in the URL, label). 体系 are those of the case's
experiences; 方面 those of its targets and experiences."""

SEARCH_FACETS: tuple[str, ...] = ("city", "status", "batch", "industry", "system")
"""The filters of the case library that the search page offers too (beside the page type)."""

EXPERIENCE_FACETS: tuple[tuple[str, str], ...] = (
    ("city", label("city")),
    ("county", label("county")),
    ("system", label("experiences", "system")),
    ("dimension", label("experiences", "dimension")),
)
"""典型经验's filters: (key used in the URL, label). A county is given by its case id."""


def _facets_json(values: dict[str, list[str]]) -> str:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


STATS_INDICATORS: tuple[str, ...] = ("rd_share_of_gdp", "mfg_share_of_gdp", "gdp", "mfg_value_added",
                                     "mfg_enterprises")
"""总体情况 figures whose distribution the statistics page shows."""


FINAL_EVALUATION = "绩效评价"
"""The evaluation after which targets are judged: 工作流程 6, 总结推广 (开展试点绩效评价工作)."""
STATUSES_AFTER_FINAL: tuple[str, ...] = schema.STATUSES[schema.STATUSES.index("验收通过"):-1]
"""创建状态 that come after 绩效评价 (验收通过, 示范标杆; not 已取消, the last): a case with one of
them is judged even without the record. The 汇编 includes these by default (settings)."""


@dataclass(frozen=True)
class Measured:
    """When a case's 实际值 were measured, and whether the targets can be judged by them.

    Targets are three-year targets, so they are judged (达成/未达成) only once the case has
    had its 绩效评价: an evaluation of that stage, or a status that follows it. Before, an
    actual value shows progress only. The values are those of the evaluation they were filled
    in after: the latest 绩效评价 once there is one, otherwise the latest evaluation of any
    stage; without an evaluation, the case's 更新日期. Nothing here depends on the day the
    site is built.
    """

    final: bool
    source: str
    """The evaluation stage (``中期评估``, ``整改复查``, ``绩效评价``), ``更新日期``, or ``""``."""
    date: dt.date | None = None


def measurement(status: str, evaluations: list[dict[str, Any]], updated: dt.date | None) -> Measured:
    final_evaluations = [e for e in evaluations if e.get("stage") == FINAL_EVALUATION]
    final = bool(final_evaluations) or status in STATUSES_AFTER_FINAL
    candidates = final_evaluations or ([] if final else evaluations)
    latest = _latest(candidates)
    if latest is not None:
        return Measured(final, latest.get("stage") or "考核评估", latest.get("date"))
    if updated is not None:
        return Measured(final, "更新日期", updated)
    return Measured(final, "")


def _latest(evaluations: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The latest evaluation: the last dated one by date, else the last one listed."""
    dated = [e for e in evaluations if e.get("date")]
    if dated:
        return max(enumerate(dated), key=lambda pair: (pair[1]["date"], pair[0]))[1]
    return evaluations[-1] if evaluations else None


TARGET_STATES: dict[str, str] = {
    "met": "达成",
    "missed": "未达成",
    "pending": "待绩效评价",
    "unreported": "未填实际值",
}
"""A target's states, in the order the pages count them, with the word they show."""


@dataclass(frozen=True)
class TargetProgress:
    """One 创建目标 as baseline → target → actual.

    达成 rule (kept simple on purpose), applied only after 绩效评价 (``final``, see
    :class:`Measured`): when the target is at or above the baseline, more is better and the
    target is met if ``actual >= target``; when the target is below the baseline (a
    reduction, e.g. energy use), it is met if ``actual <= target``. Before 绩效评价 every
    target is ``pending`` and its actual value, if any, shows progress only; after it, a
    target without an actual (or target) value is ``unreported``.
    """

    item: dict[str, Any]
    final: bool = False

    @property
    def indicator(self) -> str:
        return str(self.item["indicator"])

    @property
    def dimension(self) -> str | None:
        return self.item.get("dimension")

    @property
    def unit(self) -> str:
        return str(self.item.get("unit") or "")

    @property
    def baseline(self) -> float | None:
        return self.item.get("baseline")

    @property
    def target(self) -> float | None:
        return self.item.get("target")

    @property
    def actual(self) -> float | None:
        return self.item.get("actual")

    @property
    def lower_is_better(self) -> bool:
        return self.baseline is not None and self.target is not None and self.target < self.baseline

    @property
    def reaches_target(self) -> bool | None:
        """Whether the actual value reaches the target (None without both values)."""
        if self.actual is None or self.target is None:
            return None
        if self.lower_is_better:
            return self.actual <= self.target
        return self.actual >= self.target

    @property
    def achieved(self) -> bool | None:
        """达成 (True) or 未达成 (False) after 绩效评价; None before it or without values."""
        return self.reaches_target if self.final else None

    @property
    def state(self) -> str:
        """One key of ``TARGET_STATES``."""
        if not self.final:
            return "pending"
        return {True: "met", False: "missed", None: "unreported"}[self.achieved]

    @property
    def percent(self) -> int | None:
        """Share of the way from baseline to target covered by the actual value, rounded.

        May exceed 100 (beyond the target) or be negative (moved away from it); None when
        there is no actual value or baseline and target are equal or missing.
        """
        if self.actual is None or self.target is None:
            return None
        baseline = self.baseline if self.baseline is not None else 0
        span = self.target - baseline
        if span == 0:
            return None
        return round((self.actual - baseline) / span * 100)

    @property
    def bar(self) -> int:
        """The progress bar's filled width in percent, 0–100."""
        if self.percent is None:
            return 100 if self.reaches_target else 0
        return max(0, min(100, self.percent))

    @property
    def mark(self) -> str:
        return TARGET_STATES[self.state]


@dataclass(frozen=True)
class WorkflowStep:
    label: str
    state: str
    """``done``, ``current``, ``todo``, ``warning`` (限期整改, current) or ``stopped`` (已取消)."""
    note: str = ""

    @property
    def state_text(self) -> str:
        return {"done": "已完成", "current": "当前", "todo": "未到", "warning": "当前，限期整改",
                "stopped": "当前，已取消"}[self.state]


_WORKFLOW_NOTES = {
    "创建中": "推进实施",
    "中期评估通过": "考核评估",
    "限期整改": "考核评估",
    "验收通过": "绩效评价",
    "示范标杆": "总结推广",
    "已取消": "中止",
}
"""Each 创建状态 (``schema.STATUSES``) with the step of 工作流程 it belongs to."""
_REWORK, _CANCELLED = "限期整改", "已取消"
"""The two statuses off the main line: one in place of a step, one that ends it."""
_WORKFLOW = tuple(status for status in schema.STATUSES if status not in (_REWORK, _CANCELLED))
assert set(_WORKFLOW_NOTES) == set(schema.STATUSES), "_WORKFLOW_NOTES must name every status"


def workflow_steps(status: str) -> list[WorkflowStep]:
    """A status as steps of 工作流程: 推进实施 → 考核评估 → 绩效评价 → 总结推广.

    限期整改 takes the place of 中期评估通过 (the case stays at that step until it passes);
    已取消 ends the line after 创建中 (the case was stopped and is no longer a pilot).
    """
    first = _WORKFLOW[0]
    if status == _CANCELLED:
        return [WorkflowStep(first, "done", _WORKFLOW_NOTES[first]),
                WorkflowStep(_CANCELLED, "stopped", _WORKFLOW_NOTES[_CANCELLED])]
    position = 1 if status == _REWORK else _WORKFLOW.index(status)
    steps = []
    for index, step in enumerate(_WORKFLOW):
        if index == 1 and status == _REWORK:
            steps.append(WorkflowStep(_REWORK, "warning", _WORKFLOW_NOTES[_REWORK]))
            continue
        state = "done" if index < position else "current" if index == position else "todo"
        steps.append(WorkflowStep(step, state, _WORKFLOW_NOTES[step]))
    return steps


@dataclass(frozen=True)
class Indicator:
    """One 总体情况 figure across the cases: who reports it and its spread."""

    key: str
    label: str
    unit: str
    """The unit of ``values``: the field's, or the larger one a reader takes in (亿元 for 万元)."""
    values: list[tuple[Case, float]]
    missing: int
    filed_unit: str = ""
    """The unit the figure is filed in (附表1), when ``unit`` differs from it."""

    @property
    def converted(self) -> bool:
        return bool(self.filed_unit) and self.filed_unit != self.unit

    @property
    def numbers(self) -> list[float]:
        return [value for _, value in self.values]

    @property
    def minimum(self) -> float | None:
        return min(self.numbers) if self.values else None

    @property
    def maximum(self) -> float | None:
        return max(self.numbers) if self.values else None

    @property
    def median(self) -> float | None:
        return _round(statistics.median(self.numbers)) if self.values else None

    @property
    def mean(self) -> float | None:
        return _round(statistics.fmean(self.numbers)) if self.values else None

    @property
    def detailed(self) -> bool:
        """Few enough cases to show one bar and one row per county; beyond, a histogram."""
        return len(self.values) <= INDICATOR_DETAIL_MAX

    def bins(self, count: int = 10) -> list[tuple[str, int]]:
        """A histogram: ``count`` equal ranges from the minimum to the maximum, with how many fall in each."""
        low, high = self.minimum, self.maximum
        if low is None or high is None:
            return []
        if high == low:
            return [(f"{_round(low)}", len(self.values))]
        width = (high - low) / count
        tallies = [0] * count
        for value in self.numbers:
            tallies[min(int((value - low) / width), count - 1)] += 1
        return [(f"{_round(low + i * width)}—{_round(low + (i + 1) * width)}", tallies[i])
                for i in range(count)]


def _round(value: float) -> float:
    rounded = round(value, 2)
    return int(rounded) if float(rounded).is_integer() else rounded


_CITY_ORDER = {city: index for index, city in enumerate(schema.CITIES)}


def build_site(cases_data: list[dict[str, Any]], sources: dict[str, str]) -> Site:
    """Make the model. ``sources`` maps a case id to the file it came from."""
    cases = [Case(data, sources[data["id"]]) for data in cases_data]
    cases.sort(key=lambda c: (c.batch, _CITY_ORDER[c.city], c.county, c.id))
    latest = sorted(
        (c for c in cases if c.updated),
        key=lambda c: (c.updated, c.id),
        reverse=True,
    )
    by_system: dict[str, list[ExperienceRef]] = {system: [] for system in schema.SYSTEMS}
    unassigned: list[ExperienceRef] = []
    for case in cases:
        for index, item in enumerate(case.data.get("experiences", [])):
            ref = ExperienceRef(case, index, item)
            if item.get("system"):
                by_system[item["system"]].append(ref)
            else:
                unassigned.append(ref)
    return Site(cases, latest, by_system, unassigned)
