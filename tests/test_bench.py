"""The benchmark's parts on a handful of cases: generated cases, baseline project, measurements.

No big build here: ``make bench`` runs the real sizes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from bench import baseline, cases, run
from generator.build.pipeline import Project, check
from generator.format import schema


@pytest.fixture(scope="module")
def five(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench-cases")
    cases.write_cases(5, root / "cases", seed=0)
    return root


def test_generated_cases_pass_the_check_without_warnings(five: Path) -> None:
    checked = check(Project(five))
    assert checked.case_count == 5
    assert [str(p) for p in checked.problems] == []
    assert checked.site is not None and len(checked.site.cases) == 5


def test_every_key_of_the_format_is_filled() -> None:
    statuses = set()
    for data in cases.make_cases(80):
        statuses.add(data["status"])
        # Before the mid-term evaluation there is nothing to evaluate yet: the only gap.
        assert cases.missing_keys(data) == (cases.NOT_YET_EVALUATED if data["status"] == "创建中" else [])
        assert len(data["targets"]) == 6
        assert {t["dimension"] for t in data["targets"]} == set(schema.DIMENSIONS)
        assert 3 <= len(data["experiences"]) <= 4
        assert {e["system"] for e in data["experiences"]} <= set(schema.SYSTEMS)
        assert all("\n\n- **" in e["body"] for e in data["experiences"])  # Markdown: paragraphs and a list
    assert statuses == set(schema.STATUSES)


def test_missing_keys_notices_a_gap() -> None:
    data = next(d for d in cases.make_cases(10) if d["status"] != "创建中")
    del data["industries"][0]["top_enterprises"][1]["core_technology"]
    del data["overview"]["gdp"]
    assert cases.missing_keys(data) == ["industries.top_enterprises.core_technology", "overview.gdp"]


def test_names_are_distinct_and_spread_over_the_cities() -> None:
    names = cases.county_names(3000)
    assert len({county for county, _ in names}) == 3000
    assert len({slug for _, slug in names}) == 3000
    assert all(county[-1] in "县市区" for county, _ in names)
    data = list(cases.make_cases(26))
    assert {d["city"] for d in data} == set(schema.CITIES)


def test_status_and_evaluations_agree() -> None:
    for data in cases.make_cases(60):
        results = [e["result"] for e in data["evaluations"]]
        status = data["status"]
        if status == "创建中":
            assert results == [] and all("actual" not in t for t in data["targets"])
        elif status == "示范标杆":
            assert results[-1] == "优秀"
        elif status == "已取消":
            assert results[-1] == "中止"
        elif status == "限期整改":
            assert results[-1] == "限期整改"
        else:
            assert results[-1] == "通过"


def test_same_seed_same_files(tmp_path: Path) -> None:
    cases.write_cases(3, tmp_path / "a", seed=7)
    cases.write_cases(3, tmp_path / "b", seed=7)
    cases.write_cases(3, tmp_path / "c", seed=8)
    files = sorted(p.name for p in (tmp_path / "a").glob("*.yaml"))
    assert files == sorted(p.name for p in (tmp_path / "b").glob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert files != sorted(p.name for p in (tmp_path / "c").glob("*.yaml"))


def test_baseline_lists_every_case_in_the_nav(five: Path, tmp_path: Path) -> None:
    ids = baseline.write_project(five / "cases", tmp_path)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False and config["plugins"] == ["search"]
    listed = [page for section in config["nav"][1:]
              for item in next(iter(section.values())) for page in item.values()]
    assert sorted(listed) == sorted(f"cases/{slug}.md" for slug in ids)
    data = yaml.safe_load((five / "cases" / f"{ids[0]}.yaml").read_text(encoding="utf-8"))
    page = (tmp_path / "docs" / "cases" / f"{ids[0]}.md").read_text(encoding="utf-8")
    assert data["summary"] in page and data["experiences"][0]["body"].strip() in page


def test_site_measurements(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<input class="md-search__input">' + "案例" * 1000, encoding="utf-8")
    (site / "a" / "index.html").write_text("<p>no search</p>", encoding="utf-8")
    (site / "a" / "data.json").write_bytes(b"x" * 5000)
    total, files = run.site_size(site)
    assert files == 3 and total == sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert run.pages_without_search_box(site) == (2, ["a/index.html"])
    sizes = run.file_sizes(site / "a" / "data.json")
    assert sizes["raw"] == 5000 and 0 < sizes["gzip"] < 200
    with run.serve_site(site) as (base, served):
        with urllib.request.urlopen(base + "/a/data.json") as response:
            assert len(response.read()) == 5000
        with urllib.request.urlopen(base + "/") as response:
            response.read()
    index = (site / "index.html").stat().st_size
    assert [(s.path, s.size) for s in served] == [("/a/data.json", 5000), ("/", index)]


def test_build_measurement_sees_the_memory_of_child_processes(tmp_path: Path) -> None:
    child = "b = b'x' * (80 * 1024 * 1024); import time; time.sleep(0.6)"
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    result = run.run_measured([sys.executable, "-c", parent], tmp_path, tmp_path / "log.txt")
    assert result.ok and result.wall_s >= 0.6
    assert result.peak_rss_tree_mb >= 80
    if os.access(run.TIME_BIN, os.X_OK):
        assert result.max_rss_process_mb is not None and result.max_rss_process_mb >= 80


def test_report_marks_goals(tmp_path: Path) -> None:
    def size(wall: float, site: int, page: int, found: bool) -> dict:
        search = {"query": "新材料", "found": found, "raw_bytes": 400_000, "gzip_bytes": 90_000, "seconds": 1.0,
                  "search_bytes": 150_000}
        more = [{**search, "query": "附表1", "search_bytes": 280_000}]
        return {"build": {"wall_s": wall, "peak_rss_tree_mb": 300.0, "max_rss_process_mb": 250.0},
                "site_bytes": site, "case_page_bytes": page, "html_pages": 10, "pages_without_search_box": 0,
                "search_library": search, "search_case": search, "search_more": more, "index_s": 12.0}

    results = {"sizes": {"1000": {"ours": size(20, 100 * run.MB, 30_000, True),
                                  "baseline": size(40, 400 * run.MB, 35_000, True)},
                         "3000": {"ours": size(70, 300 * run.MB, 30_000, True),
                                  "baseline": size(250, 3000 * run.MB, 35_000, True)}},
               "serve": {"n": 300, "ours": {"ok": True, "seconds": 2.0, "startup_s": 5.0},
                         "baseline": {"ok": True, "seconds": 1.5, "startup_s": 4.0}}}
    marks = {goal: ok for goal, _, ok in run.goals(results)}
    assert marks["N=3,000 完整生成 ≤ 60 秒"] is False
    assert marks["生成用时线性：N=3,000 ≤ 3.3 × N=1,000"] is False  # 70 / 20 = 3.5
    assert marks["网站大小线性：N=3,000 ≤ 3.3 × N=1,000"] is True
    assert marks["N=3,000 搜索索引 ≤ 20 秒"] is True
    assert marks["N=3,000 搜索本身在首个结果前下载 ≤ 300 KB（从开始输入算起）"] is True
    assert all(ok for goal, ok in marks.items() if "60 秒" not in goal and "用时线性" not in goal)
    text = run.report(results)
    assert "| 生成用时（秒） | 20.0 | 40.0 | 0.50× | 70.0 | 250.0 | 0.28× |" in text
    svg = run.chart(results)
    assert svg.startswith("<svg") and svg.count("<polyline") == 4
    run.write_results(results, tmp_path)
    assert {p.name for p in tmp_path.iterdir()} == {"results.json", "results.md", "chart.svg"}


def test_a_run_keeps_no_figure_of_an_earlier_run(tmp_path: Path) -> None:
    """`make bench BENCH_ARGS="--sizes 100"` must not show the 1,000 and 3,000 columns, nor the
    profile, of an older run under its own header."""
    out = tmp_path / "results"
    (out / "logs").mkdir(parents=True)
    (out / "first-run-abc1234").mkdir()
    for name in ("results.json", "results.md", "chart.svg", "profile-3000.txt", "profile-3000.prof",
                 "logs/build-3000.log", "README.md"):
        (out / name).write_text("an older run", encoding="utf-8")
    logs = run.start_results(out)
    assert logs == out / "logs" and not any(logs.iterdir())
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "first-run-abc1234", "logs"]


@pytest.mark.skipif(not os.access(run.CHROMIUM, os.X_OK), reason="needs Chromium (make browser-deps)")
def test_first_search_result_is_measured_on_a_built_baseline(five: Path, tmp_path: Path) -> None:
    pytest.importorskip("playwright")
    ids = baseline.write_project(five / "cases", tmp_path / "project")
    site = tmp_path / "site"
    built = subprocess.run(run.baseline_command(tmp_path / "project", site), cwd=tmp_path / "project",
                           env=run.build_env(), capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    with run.serve_site(site) as (base, served):
        result = run.first_result(base, served, f"/cases/{ids[0]}/", "研发投入", timeout_ms=60_000)
    assert result.found, result.error
    index = (site / "search" / "search_index.json").stat().st_size
    assert result.raw_bytes > index  # the page, Material's assets and the whole index
    assert ("/search/search_index.json", index) in result.largest
    assert 0 < result.gzip_bytes < result.raw_bytes
    shutil.rmtree(site)
