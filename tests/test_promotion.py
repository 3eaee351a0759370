"""Promotion pages without a browser: the model's aggregates, the 达成 rule, the charts (safe,
deterministic, the same numbers as their tables) and the offline configuration."""

from __future__ import annotations

import datetime as dt
import re
import time
from html import unescape

import pytest
import yaml

from generator.build.pipeline import Project, check, generate
from generator.format import schema
from generator.site import charts, compilation
from generator.site.model import TARGET_STATES, Case, Measured, TargetProgress, workflow_steps
from generator.site.render import render_site
from tests.sitebuild import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "golden" / "cases"


@pytest.fixture(scope="module")
def site(sample_model):
    return sample_model


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {o.path: o.content.decode("utf-8") for o in generate(Project(ROOT)).outputs
            if o.content is not None and o.path.endswith(".md")}


# --- model ----------------------------------------------------------------------------------


def test_counts_add_up(site) -> None:
    total = len(site.cases)
    assert sum(n for _, n in site.city_counts) == total
    assert [c for c, _ in site.city_counts] == list(schema.CITIES)
    assert sum(n for _, n in site.batch_counts) == total
    assert sum(n for _, n in site.status_counts_all) == total
    assert [s for s, _ in site.status_counts_all] == list(schema.STATUSES)
    assert sum(n for _, n in site.industry_counts) == sum(len(set(c.industry_names)) for c in site.cases)
    assert sum(total for _, _, total in site.experience_matrix) == site.experience_count
    assert sum(len(r) for r in site.experiences_by_dimension.values()) + len(
        site.experiences_without_dimension) == site.experience_count


def test_every_filter_value_counts_its_cases(site) -> None:
    for key, _, values in site.facets:
        for value, _, count in values:
            assert count == len(site.cases_in(key, value)) > 0, (key, value)


def test_indicator_distribution(site) -> None:
    indicator = site.indicator("rd_share_of_gdp")
    reported = [c for c in site.cases if (c.section("overview") or {}).get("rd_share_of_gdp") is not None]
    assert len(indicator.values) == len(reported)
    assert indicator.missing == len(site.cases) - len(reported)
    numbers = indicator.numbers
    assert numbers == sorted(numbers, reverse=True)
    assert indicator.minimum == min(numbers) and indicator.maximum == max(numbers)


@pytest.mark.parametrize("baseline, target, actual, achieved, percent", [
    (1.2, 2.0, 1.8, False, 75),
    (1.2, 2.0, 2.0, True, 100),
    (1.05, 1.6, 1.65, True, 109),
    (0, 15, 17.3, True, 115),
    (100, 80, 78, True, 110),  # lower is better: energy use, target below the baseline
    (100, 80, 90, False, 50),
    (100, 80, 110, False, -50),
    (5, 5, 5, True, None),  # keep a level: no progress to measure
    (1.2, 2.0, None, None, None),
])
def test_achievement_rule(baseline, target, actual, achieved, percent) -> None:
    item = {"indicator": "某指标", "baseline": baseline, "target": target}
    if actual is not None:
        item["actual"] = actual
    judged = TargetProgress(item, final=True)
    assert judged.achieved is achieved
    assert judged.state == {True: "met", False: "missed", None: "unreported"}[achieved]
    assert judged.mark == {True: "达成", False: "未达成", None: "未填实际值"}[achieved]
    # Before 绩效评价 the same figures are progress only: never 达成 or 未达成.
    before = TargetProgress(item, final=False)
    assert before.achieved is None and before.state == "pending" and before.mark == "待绩效评价"
    for progress in (judged, before):
        assert progress.percent == percent
        assert 0 <= progress.bar <= 100


_MIDTERM = {"stage": "中期评估", "date": dt.date(2020, 10, 20), "result": "通过"}
_REVIEW = {"stage": "整改复查", "date": dt.date(2021, 6, 22), "result": "中止"}
_FINAL = {"stage": "绩效评价", "date": dt.date(2022, 5, 16), "result": "优秀"}
_UPDATED = dt.date(2023, 6, 20)


@pytest.mark.parametrize("status, evaluations, updated, final, source, date", [
    ("创建中", [], _UPDATED, False, "更新日期", _UPDATED),
    ("创建中", [], None, False, "", None),
    ("中期评估通过", [_MIDTERM], _UPDATED, False, "中期评估", _MIDTERM["date"]),
    ("限期整改", [{**_MIDTERM, "result": "限期整改"}], None, False, "中期评估", _MIDTERM["date"]),
    ("已取消", [_MIDTERM, _REVIEW], _UPDATED, False, "整改复查", _REVIEW["date"]),
    ("已取消", [_REVIEW, _MIDTERM], _UPDATED, False, "整改复查", _REVIEW["date"]),  # by date, not order
    ("中期评估通过", [{"stage": "中期评估"}], _UPDATED, False, "中期评估", None),
    ("验收通过", [_MIDTERM, _FINAL], _UPDATED, True, "绩效评价", _FINAL["date"]),
    ("示范标杆", [_FINAL, _MIDTERM], None, True, "绩效评价", _FINAL["date"]),
    # A status after 绩效评价 without its record: judged, the figures as of 更新日期.
    ("验收通过", [_MIDTERM], _UPDATED, True, "更新日期", _UPDATED),
    ("示范标杆", [], None, True, "", None),
    # A 绩效评价 on record is the final evaluation whatever the status says.
    ("中期评估通过", [_MIDTERM, _FINAL], None, True, "绩效评价", _FINAL["date"]),
])
def test_targets_are_judged_only_after_the_final_evaluation(status, evaluations, updated, final, source,
                                                            date) -> None:
    data = {"id": "mouxian", "county": "某县", "city": "石家庄市", "batch": 2019, "status": status,
            "summary": "x", "evaluations": evaluations,
            "targets": [{"indicator": "甲", "baseline": 1.0, "target": 2.0, "actual": 2.5},
                        {"indicator": "乙", "baseline": 1.0, "target": 2.0, "actual": 1.5},
                        {"indicator": "丙", "baseline": 1.0, "target": 2.0}]}
    if updated:
        data["updated"] = updated
    case = Case(data, "cases/mouxian.yaml")
    assert case.measured == Measured(final, source, date)
    states = [t.state for t in case.targets_progress]
    assert states == (["met", "missed", "unreported"] if final else ["pending"] * 3)
    assert [t.percent for t in case.targets_progress] == [150, 50, None]


def test_the_rule_does_not_depend_on_the_day_of_the_build(monkeypatch) -> None:
    """The model and pages made as if on another day (long after every 创建期) are the same."""
    project = Project(ROOT)
    files = [o for o in generate(project).outputs if not o.path.endswith(".md")]  # downloads, made today

    def pages_of_the_day() -> dict[str, bytes | None]:
        site = check(project).site
        assert site is not None
        pages = render_site(site, project.templates_dir, files, book=compilation.select(site))
        return {o.path: o.content for o in pages if o.path.endswith(".md")}

    today = pages_of_the_day()

    class Later(dt.date):
        @classmethod
        def today(cls):
            return cls(2099, 1, 1)

    class LaterTime(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2099, 1, 1, tzinfo=tz)

        @classmethod
        def today(cls):
            return cls(2099, 1, 1)

    monkeypatch.setattr(dt, "date", Later)
    monkeypatch.setattr(dt, "datetime", LaterTime)
    monkeypatch.setattr(time, "time", lambda: 4070908800.0)
    assert dt.date.today().year == 2099
    assert pages_of_the_day() == today


def test_pages_agree_on_each_case_s_targets(pages, site) -> None:
    """Case page, library, compare and statistics say the same of every case (the shipped
    samples have cases before, at and after 绩效评价)."""
    statuses = {case.status: case.measured.final for case in site.cases if case.targets_progress}
    assert {False, True} <= set(statuses.values()) and len(statuses) >= 5
    library, compare = pages["cases/index.md"], pages["compare.md"]
    for case in site.cases:
        page = pages[case.page]
        count = case.targets_count
        total = len(case.targets_progress)
        if not total:
            continue
        short = f"达成 {count['met']} / {total} 项" if case.measured.final else "待绩效评价"
        row = library.split(f'<tr data-case="{case.id}"')[1].split("</tr>")[0]
        assert short in row, case.id
        cell = compare.split('<th scope="row">创建目标</th>')[1].split(f'<td data-case="{case.id}">')[1]
        assert cell.startswith(short), case.id
        if case.measured.final:
            assert f"{total} 项目标中，达成 {count['met']} 项" in page, case.id
            assert "待绩效评价" not in page, case.id
        else:
            section = page.split("## 创建目标")[1].split('<p class="case-note">')[0]
            assert "尚未进行绩效评价" in section, case.id
            assert not re.search(r"未达成|达成 \d|target-mark--(met|missed)|✓|✗", section), case.id
    # Statistics count the same states over all targets.
    totals = {state: sum(case.targets_count[state] for case in site.cases) for state in TARGET_STATES}
    rows = site.targets_by_dimension
    assert [sum(counts[i] for _, counts in rows) for i in range(len(TARGET_STATES))] == list(totals.values())
    assert totals["pending"] and totals["met"]
    # No mid-term figure is judged anywhere: 冶溪市 (中期评估通过) has no 达成 and no 未达成.
    midterm = next(case for case in site.cases if case.status == "中期评估通过" and case.targets_progress)
    assert all(t.achieved is None for t in midterm.targets_progress)


def test_workflow_places_every_status() -> None:
    for status in schema.STATUSES:
        steps = workflow_steps(status)
        current = [s for s in steps if s.state in ("current", "warning", "stopped")]
        assert len(current) == 1 and current[0].label == status, status
    assert [s.state for s in workflow_steps("验收通过")] == ["done", "done", "current", "todo"]
    assert [s.state for s in workflow_steps("限期整改")] == ["done", "warning", "todo", "todo"]
    assert [s.label for s in workflow_steps("已取消")] == ["创建中", "已取消"]


# --- charts ---------------------------------------------------------------------------------


def test_chart_is_self_contained_accessible_and_escaped() -> None:
    svg = charts.counts_chart("x", '标题 <b>"&', [('<script>alert(1)</script>', 3), ("某县", 0)])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and 'aria-labelledby="chart-x-title chart-x-desc"' in svg
    assert '<title id="chart-x-title">' in svg and '<desc id="chart-x-desc">' in svg
    assert "<script" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;&quot;&amp;" in svg
    links = re.findall(r'(?:href|src)\s*=|url\(|https?://(?!www\.w3\.org/2000/svg)', svg)
    assert not links
    assert "\n\n" not in svg  # one raw HTML block in Markdown
    assert svg == charts.counts_chart("x", '标题 <b>"&', [('<script>alert(1)</script>', 3), ("某县", 0)])


_LABEL_AND_VALUE = re.compile(
    r'<text class="chart-text"[^>]*>(.*?)</text>.*?<text class="chart-value"[^>]*>(.*?)</text>')


def _pairs(stats: str) -> list[tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    """For each chart on the statistics page: (label, value) from the SVG and from its table."""
    found = []
    for block in stats.split('<div class="chart-pair" markdown="1">')[1:]:
        svg = block.split("</svg>")[0]
        if "chart-series-" in svg:
            continue  # the stacked chart is checked separately
        drawn = [(unescape(re.sub(r"<title>.*?</title>", "", label)), unescape(value)) for label, value in
                 re.findall(_LABEL_AND_VALUE, svg)]
        table = block.split("</figure>")[1].split("</div>")[0]
        rows = [line.split("|")[1:3] for line in table.splitlines() if line.startswith("| ")][2:]
        listed = [(unescape(re.sub(r"\[(.*?)\]\(.*?\)", r"\1", a).strip()), unescape(b.strip()))
                  for a, b in rows if "合计" not in a]
        found.append((drawn, listed))
    return found


def test_charts_carry_the_same_numbers_as_their_tables(pages) -> None:
    pairs = _pairs(pages["stats.md"])
    assert len(pairs) >= 8
    for drawn, listed in pairs:
        assert drawn and [v for _, v in drawn] == [v for _, v in listed]
        assert all(listed_label.startswith(label.rstrip("…")) for (label, _), (listed_label, _)
                   in zip(drawn, listed, strict=True))


def test_stacked_chart_matches_its_table(pages, site) -> None:
    stats = pages["stats.md"]
    block = stats.split("## 创建目标完成情况")[1]
    words = list(TARGET_STATES.values())
    assert f"| 方面 | {' | '.join(words)} | 合计 |" in block
    for dimension, counts in site.targets_by_dimension:
        name = dimension or "未标方面"
        assert f"| {name} | {' | '.join(map(str, counts))} | {sum(counts)} |" in block
        assert f"{name} " + "、".join(f"{w} {n}" for w, n in zip(words, counts, strict=True)) in block


# --- pages ----------------------------------------------------------------------------------


def test_library_rows_carry_their_filter_values_safely() -> None:
    outputs = {o.path: o.content.decode("utf-8") for o in
               generate(Project(ROOT, cases=FIXTURES)).outputs if o.path == "cases/index.md"}
    page = outputs["cases/index.md"]
    attributes = re.findall(r'data-facets="([^"]*)"', page)
    assert len(attributes) == 2
    for value in attributes:
        assert "<" not in value and ">" not in value and "'" not in value
    tricky = next(a for a in attributes if "&#60;b&#62;" in a)
    assert "&#34;tag&#34;" in tricky  # JSON, entity-escaped; a browser reads the JSON back


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !!python/name:… and !ENV


def _load_config(path):
    return yaml.load(path.read_text("utf-8"), Loader=_Loader)


def _name(plugin) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def test_every_new_page_is_in_the_nav() -> None:
    nav = _load_config(ROOT / "mkdocs.yml")["nav"]
    targets = {next(iter(item.values())) for item in nav}
    assert {"stats.md", "compare.md", "accessibility.md"} <= targets
    assert (ROOT / "docs" / "accessibility.md").is_file()


def test_offline_configuration() -> None:
    config = (ROOT / "mkdocs.offline.yml").read_text("utf-8")
    assert config.startswith("#") and "INHERIT: mkdocs.yml" in config
    loaded = yaml.safe_load(config)
    assert loaded["use_directory_urls"] is False
    assert "offline" in loaded["plugins"]
    base = _load_config(ROOT / "mkdocs.yml")
    assert {_name(p) for p in base.get("plugins", [])} <= {_name(p) for p in loaded["plugins"]}
    shim = loaded["extra"]["polyfills"][0]
    assert "iframe-worker" in shim  # so Material's offline plugin does not add unpkg.com
    assert (ROOT / "docs" / shim).is_file()
    assert "\noffline:" in (ROOT / "Makefile").read_text("utf-8")


def test_scripts_are_small_and_dependency_free() -> None:
    for name in ("filters.js", "compare.js", "fontsize.js", "drawer.js", "print.js"):
        script = ROOT / "docs" / "assets" / "js" / name
        source = script.read_text("utf-8")
        assert len(source.encode()) < 12_000, script.name
        assert not re.search(r"\b(import|require)\s*\(|https?://|fetch\(|XMLHttpRequest", source), script.name


def test_stylesheet_loads_nothing() -> None:
    css = (ROOT / "docs" / "assets" / "site.css").read_text("utf-8")
    assert "@import" not in css and "url(" not in css
