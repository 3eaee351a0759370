"""The command line a maintainer uses: check, new, render, offline (build is in test_site.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build.pipeline import Project, check
from generator.build.write import build_beside
from tests.sitebuild import ROOT, build, copy_project


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=120)


def test_check_shipped_cases() -> None:
    result = run(ROOT, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"共 {len(list((ROOT / 'cases').glob('*.yaml')))} 个案例，没有错误")


def test_check_reports_every_error_and_a_summary(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "a.yaml").write_text("id: a\ncounty: 甲县\ncity: 石家庄市\nbatch: 2019\nstatus: 创建中\n"
                                  "summary: 一句话。\noverview:\n  gdp: 三百万\n  area: -1\n", "utf-8")
    (cases / "b.yaml").write_text("id: b\ncounty: 乙县\ncity: 北京市\nbatch: 2019\nstatus: 创建中\n"
                                  "summary: 一句话。\n", "utf-8")
    (cases / "c.yaml").write_text("id: c\ncounty: 丙县\ncity: 石家庄市\nbatch: 2019\nstatus: 创建中\n"
                                  "summary: 一句话。\nperiod: [2019, 2022]\n", "utf-8")
    result = run(tmp_path, "check")
    assert result.returncode == 1
    assert result.stdout.strip() == "共 3 个案例，2 个文件有 3 处错误，1 处提醒"
    assert result.stderr.splitlines() == [
        "错误：",
        '  cases/a.yaml:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "三百万"',
        '  cases/a.yaml:9: overview.area（国土面积）应为不小于 0 的数字（平方公里），实际为 "-1"',
        "  cases/b.yaml:3: city（所属设区市）应为以下之一：石家庄市、唐山市、秦皇岛市、邯郸市、邢台市、"
        '保定市、张家口市、承德市、沧州市、廊坊市、衡水市、定州市、辛集市，实际为 "北京市"',
        "提醒（不影响生成网站）：",
        "  cases/c.yaml:7: period（创建期）通知规定创建目标以 3 年为期（如 [2019, 2021]），这里是 4 年",
    ]


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "c.yaml").write_text("id: c\ncounty: 丙县\ncity: 石家庄市\nbatch: 2019\nstatus: 创建中\n"
                                  "summary: 一句话。\nperiod: [2019, 2022]\n", "utf-8")
    assert run(tmp_path, "check").returncode == 0
    assert run(tmp_path, "check", "--strict").returncode == 1


def test_new_writes_a_case_that_checks_and_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = run(project, "new", "zhengding", "--county", "正定县", "--city", "石家庄市", "--batch", "2019")
    assert result.returncode == 0, result.stderr
    text = (project / "cases" / "zhengding.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/case.schema.json\n")
    for key in ("overview:", "top_enterprises:", "core_technology:", "experiences:", "attachments:"):
        assert key in text
    checked = run(project, "check")
    assert checked.returncode == 0
    assert "summary（一句话经验）仍是新建文件中的占位文字" in checked.stderr
    built = build(project, project / "site")
    assert built.returncode == 0, built.stderr
    assert "正定县" in (project / "site" / "cases" / "zhengding" / "index.html").read_text("utf-8")


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "zhengding.yaml").write_text("原来的内容\n", "utf-8")
    result = run(tmp_path, "new", "zhengding", "--county", "正定县", "--city", "石家庄市", "--batch", "2019")
    assert result.returncode == 1
    assert "cases/zhengding.yaml 已经存在，未作改动。" in result.stderr
    assert (cases / "zhengding.yaml").read_text("utf-8") == "原来的内容\n"


CITIES = ("石家庄市、唐山市、秦皇岛市、邯郸市、邢台市、保定市、张家口市、"
          "承德市、沧州市、廊坊市、衡水市、定州市、辛集市")


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        pytest.param(("Zheng_ding", "--county", "正定县", "--city", "北京市", "--batch", "19"), [
            '--id（网址标识）应只含小写字母、数字和连字符，如 zhengding，实际为 "Zheng_ding"',
            f'--city（所属设区市）应为以下之一：{CITIES}，实际为 "北京市"',
            '--batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 "19"'], id="three-wrong"),
        pytest.param(("../evil", "--county", "正定县", "--city", "石家庄市", "--batch", "2019"), [
            '--id（网址标识）应只含小写字母、数字和连字符，如 zhengding，实际为 "../evil"'], id="path-as-id"),
        pytest.param(("index", "--county", "正定县", "--city", "石家庄市", "--batch", "2019"), [
            "--id（网址标识）不能是 index：网站的案例库页面已用了这个网址，"
            "请换一个（文件名也要一起改），实际为 \"index\""],
            id="reserved-id"),
        pytest.param(("zhengding", "--county", " ", "--city", "“石家庄市”", "--batch", "2019年"), [
            "--county（县（市、区））为必填项，不能为空",
            '--city（所属设区市）不能用中文引号括起来：请删去引号，写成 city: 石家庄市，实际为 "“石家庄市”"',
            '--batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 "2019年"'], id="blank-and-quoted"),
        pytest.param(("zhengding", "--county", "正定\n县", "--city", "[石家庄市]", "--batch", "2019: x"), [
            '--county（县（市、区））应为一行文字，不能换行，实际为 "正定\\n县"',
            f'--city（所属设区市）应为以下之一：{CITIES}，实际为 "[石家庄市]"',
            '--batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 "2019: x"'],
            id="yaml-in-the-values"),
    ],
)
def test_new_refuses_what_check_would_refuse_with_the_validators_words(
        tmp_path: Path, arguments: tuple[str, ...], expected: list[str]) -> None:
    result = run(tmp_path, "new", *arguments)
    assert result.returncode == 2
    assert result.stderr.splitlines() == ["未创建：", *(f"  {line}" for line in expected)]
    assert not (tmp_path / "cases").exists() or not list((tmp_path / "cases").iterdir())


def test_new_writes_what_was_given_even_with_yaml_characters(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "zhengding", "--county", "正定县 #1 [试点]", "--city", "石家庄市",
                 "--batch", "2019")
    assert result.returncode == 0, result.stderr
    assert 'county: "正定县 #1 [试点]"' in (tmp_path / "cases" / "zhengding.yaml").read_text("utf-8")
    checked = check(Project(tmp_path))
    assert checked.site is not None and checked.site.cases[0].county == "正定县 #1 [试点]"


def _clashing_project(tmp_path: Path) -> Path:
    """A copy of the project with one more case, whose attachment is named like its generated 附表1."""
    project = copy_project(tmp_path / "project")
    (project / "cases" / "chongming").mkdir()
    (project / "cases" / "chongming" / "fubiao1-chongming.xlsx").write_bytes(
        (ROOT / "tests" / "fixtures" / "xlsx" / "tricky-fubiao1-libreoffice.xlsx").read_bytes())
    (project / "cases" / "chongming.yaml").write_text(
        "id: chongming\ncounty: 崇明县\ncity: 石家庄市\nbatch: 2019\nstatus: 创建中\nsummary: 一句话。\n"
        "attachments:\n  - title: 附表1\n    file: fubiao1-chongming.xlsx\n", "utf-8")
    return project


def test_check_and_build_give_one_verdict_with_the_true_case_count(tmp_path: Path) -> None:
    project = _clashing_project(tmp_path)
    message = ("  cases/chongming.yaml:9: attachments[0].file（文件）与网站为本案例自动生成的附表1同名，"
               '请给附件改个名字，实际为 "fubiao1-chongming.xlsx"')
    count = len(list((ROOT / "cases").glob("*.yaml"))) + 1
    checked = run(project, "check")
    assert checked.returncode == 1
    errors = checked.stderr.split("提醒（不影响生成网站）：")[0].splitlines()
    assert errors == ["错误：", message]
    verdict = checked.stdout.splitlines()[-1]
    assert verdict.startswith(f"共 {count} 个案例，1 个文件有 1 处错误")
    built = build(project, project / "site")
    assert built.returncode != 0
    assert built.stderr.splitlines()[:2] == errors
    assert verdict in built.stdout.splitlines()
    assert not (project / "site").exists()


def test_render_writes_the_generated_pages_to_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    result = run(ROOT, "render", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "index.md").is_file() and (out / "cases" / "yunze.md").is_file()
    assert (out / "cases" / "yunze" / "plan-summary.pdf").is_file()
    assert not list((ROOT / "docs").glob("cases"))


def test_build_says_what_it_does_in_a_few_lines(tmp_path: Path) -> None:
    result = build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) <= 12, lines
    text = "\n".join(lines)
    for words in ("个案例", "渲染", "搜索索引", "链接", "网站已生成到"):
        assert words in text, words


def test_render_names_the_sections_of_the_nav(tmp_path: Path, sample_site_dir: Path) -> None:
    """The search box's list of names from ``render`` holds the site's sections, as the hook's does."""
    out = tmp_path / "generated"
    assert run(ROOT, "render", "--out", str(out)).returncode == 0
    names = sorted(p.relative_to(out).as_posix() for p in (out / "search" / "names").glob("*.json"))
    assert len(names) > 100
    for name in names:
        assert (out / name).read_bytes() == (sample_site_dir / name).read_bytes(), name
    sections = [n for p in (out / "search" / "names").glob("*.json")
                for n in json.loads(p.read_text("utf-8")) if n.get("d", "").startswith("本站栏目：")]
    assert {n["t"] for n in sections} >= {"通知全文", "申报指南", "统计"}


def test_offline_with_an_error_reports_it_once_and_keeps_the_edition(tmp_path: Path) -> None:
    project = _clashing_project(tmp_path)
    shutil.copy2(ROOT / "mkdocs.offline.yml", project)
    edition = project / "build" / "offline"
    edition.mkdir(parents=True)
    (edition / "index.html").write_text("上一版", "utf-8")
    result = run(project, "offline")
    assert result.returncode == 1
    assert result.stderr.count("chongming.yaml:9:") == 1, result.stderr  # the cases are checked once
    assert result.stderr.splitlines()[:2] == ["错误：", result.stderr.splitlines()[1]]
    assert "1 个文件有 1 处错误" in result.stdout
    assert "离线版本未更新：build/offline 保持原样。" in result.stderr
    assert [p.name for p in edition.iterdir()] == ["index.html"]
    assert (edition / "index.html").read_text("utf-8") == "上一版"
    assert not (project / "build" / "sfx-offline.zip").exists()
    assert [p.name for p in (project / "build").iterdir()] == ["offline"]  # nothing left beside it


def test_a_build_stopped_midway_leaves_the_old_one_and_nothing_else(tmp_path: Path) -> None:
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "index.html").write_text("上一版", "utf-8")

    def make(folder: Path) -> bool:
        (folder / "index.html").write_text("一半", "utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_beside(dest, make)
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    assert (dest / "index.html").read_text("utf-8") == "上一版"
    assert build_beside(dest, lambda folder: False) is False
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_check_loads_no_writer_of_pages_or_office_files() -> None:
    """`make check`, `new` and `import` check cases without loading what a build writes with."""
    probe = ("import sys, generator.cli; "
             "print(sorted(m for m in ('openpyxl', 'docx', 'jinja2', 'mkdocs', 'generator.site.render') "
             "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
