"""Command line: ``python -m generator check|new|schema|import|render|build|offline``."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build import offline
from generator.build.project import Project, check, check_text
from generator.build.write import build_beside, write_outputs
from generator.format import load, schema
from generator.format.case_schema import case_schema_text
from generator.format.casefile import OPTIONS, new_case
from generator.problems import CaseErrors, Problem, SettingsErrors, print_problems, summary
from generator.site import settings

if TYPE_CHECKING:
    from generator.forms.casemerge import Plan
    from generator.forms.importer import Imported

ROOT = Path(__file__).resolve().parent.parent


def cmd_check(args: argparse.Namespace) -> int:
    project = Project(args.root)
    checked = check(project)
    print_problems(checked.errors, "错误：")
    print_problems(checked.warnings, "提醒（不影响生成网站）：")
    print(summary(checked.case_count, checked.problems))
    if checked.errors or (args.strict and checked.warnings):
        return 1
    return 0


def _option_message(problem: Problem) -> str:
    """A problem of a value given on the command line, named by its option: the validator's words."""
    if problem.path in OPTIONS:
        return f"{OPTIONS[problem.path]}{problem.message}"
    return str(problem)


def cmd_new(args: argparse.Namespace) -> int:
    """Write ``cases/<id>.yaml`` with every key of the format, refusing to overwrite.

    The text is checked by the validator before it is written, as ``make check`` will check
    the file: a wrong value is reported with the validator's own words, by its option.
    """
    project = Project(args.root)
    text = new_case(args.id, args.county, args.city, args.batch)
    _, problems = check_text(project, args.id, text)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print("未创建：", file=sys.stderr)
        for problem in errors:
            print(f"  {_option_message(problem)}", file=sys.stderr)
        return 2
    target = project.cases_dir / f"{args.id}.yaml"
    shown = load.display_name(target, args.root)
    if target.exists():
        print(f"{shown} 已经存在，未作改动。", file=sys.stderr)
        return 1
    project.cases_dir.mkdir(exist_ok=True)
    with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    print(f"已创建 {shown}。下一步：")
    print("  1. 在编辑器中打开它，把 summary 改为本县的一句话经验，按需要删去行首的“# ”填写其他项目；")
    print("  2. 运行 make check 检查；3. 运行 make serve 预览，或 make site 生成网站。")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Write schema/case.schema.json from the format's definition."""
    target = args.root / "schema" / "case.schema.json"
    target.parent.mkdir(exist_ok=True)
    target.write_text(case_schema_text(), encoding="utf-8")
    print(f"已写入 {target.relative_to(args.root)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Turn a county's filled-in 附表1 (and 附表2) into ``cases/<id>.yaml``, checked like any case.

    A new case is written as the forms make it. Over an existing case only what the forms carry
    changes (:mod:`generator.forms.casemerge`): the changes are shown and written after ``--yes`` or a
    confirmation, and the previous file is kept. ``--replace`` starts afresh from the forms.
    """
    from generator.forms import casemerge, importer  # openpyxl and ruamel.yaml: only for this command

    if args.force:
        print("--force 已不再使用：导入已有的案例时只更新附表中的部分（总体情况、主导产业、创新资源、"
              "配套政策），其他内容保留；确要用附表重新开始整个案例文件时，请改用 --replace"
              "（原文件会备份）。", file=sys.stderr)
        return 2
    project = Project(args.root)
    given = {key: getattr(args, key) for key in ("batch", "status", "summary")
             if getattr(args, key) is not None}
    try:
        result = importer.import_forms(
            args.annex1, args.annex2, case_id=args.id, county=args.county, city=args.city,
            batch=int(given.get("batch", importer.DEFAULT_BATCH)),
            status=given.get("status", importer.DEFAULT_STATUS), summary=given.get("summary"))
        target = project.cases_dir / f"{args.id}.yaml"
        if not target.exists():
            return _import_new(args, project, result)
        if given and not args.replace:
            options = "、".join(OPTIONS[key] for key in given)
            print(f"未导入：{options} 只用于新建案例。{load.display_name(target, args.root)} 已存在，"
                  "导入只更新附表中的部分，其他内容保持原样；"
                  "要改这些项目请直接编辑案例文件，或加 --replace 重新开始。",
                  file=sys.stderr)
            return 2
        plan = casemerge.plan(project, args.id, result, replace=args.replace)
    except importer.FormError as error:
        print("未导入：", file=sys.stderr)
        for message in error.messages:
            print(f"  {message}", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"提醒：{note}", file=sys.stderr)
    return _import_over(args, project, plan)


def _import_new(args: argparse.Namespace, project: Project, result: Imported) -> int:
    from generator.forms import importer

    for note in result.notes + result.warnings:
        print(f"提醒：{note}", file=sys.stderr)
    if args.dry_run:
        sys.stdout.write(result.text)
        return 0
    target = importer.write_case(project.cases_dir, args.id, result.text)
    print(f"已写入 {load.display_name(target, args.root)}")
    return 0


def _import_over(args: argparse.Namespace, project: Project, plan: Plan) -> int:
    from generator.forms import casemerge, importer

    how = "用附表重新开始（--replace）" if args.replace else "只更新附表中的部分"
    if not plan.changes:
        print(f"{plan.shown} 与附表一致，没有需要更新的内容，未作改动。")
        return 0
    print(f"{plan.shown}：{how}，共 {len(plan.changes)} 处改动（原值 → 新值）：")
    for change in plan.changes:
        print(f"  {change}")
    if plan.kept:
        print(f"保持原样：{'、'.join(plan.kept)}，以及文件中的注释和顺序。")
    for warning in plan.warnings:
        print(f"提醒：{warning}", file=sys.stderr)
    if args.dry_run:
        print("（--dry-run：未写入）")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"未写入：需要确认。核对上面的改动后，加 --yes 再运行一次（在终端中运行时会询问是否写入）；"
                  f"{plan.shown} 未作改动。", file=sys.stderr)
            return 1
        answer = input(f"写入 {plan.shown}？原文件会先备份。输入 y 确认，其他任意键取消：").strip().lower()
        if answer not in ("y", "yes", "是"):
            print(f"未写入：{plan.shown} 未作改动。", file=sys.stderr)
            return 1
    try:
        backup = casemerge.apply(project, plan)
    except importer.FormError as error:
        for message in error.messages:
            print(message, file=sys.stderr)
        return 1
    print(f"已更新 {plan.shown}；原文件备份为 {load.display_name(backup, args.root)}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """Write the generated pages to a folder, for engines that cannot run the MkDocs hook."""
    from generator.build.pipeline import generate, nav_pages  # the writers load only to build

    config_file = args.root / "mkdocs.yml"
    try:
        pages = nav_pages(settings.nav(config_file))
        generated = generate(Project(args.root), settings.read(config_file), pages)
    except (CaseErrors, SettingsErrors) as errors:
        print_problems(errors.problems, "错误：")
        return 1
    out = args.out.resolve()
    if out.exists() and any(out.iterdir()) and not args.force:
        print(f"{out} 不是空文件夹；加 --force 覆盖", file=sys.stderr)
        return 1

    def write(folder: Path) -> bool:
        write_outputs(generated.outputs, folder)
        return True

    build_beside(out, write)
    print(f"已写入 {len(generated.outputs)} 个文件到 {out}")
    return 0


def _build_site(root: Path, config: str, dest: Path, finish: Callable[[Path], None] | None = None) -> bool:
    """The cases checked and the site built with ``config`` beside ``dest``, swapped in only on success.

    The cases are checked once, inside the MkDocs run: the hook prints the same list and summary
    as ``check``, and nothing is held here while the site is built."""
    from generator import mkdocs_hook  # MkDocs is loaded only for the commands that build

    def make(folder: Path) -> bool:
        if mkdocs_hook.build(root / config, folder) != 0:
            return False
        if finish is not None:
            finish(folder)
        return True

    sys.stdout.flush()
    return build_beside(dest, make)


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def cmd_build(args: argparse.Namespace) -> int:
    """Check every case, build the site beside ``site/``, and swap it in only on success."""
    started = time.monotonic()
    dest = (args.root / args.site_dir).resolve()
    if not _build_site(args.root, "mkdocs.yml", dest):
        print("网站未更新：site/ 保持原样。", file=sys.stderr)
        return 1
    print(f"网站已生成到 {_shown(dest, args.root)}（用时 {time.monotonic() - started:.1f} 秒）")
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    """The offline edition (:mod:`generator.build.offline`): built as ``build`` builds the site."""
    out = (args.root / args.out).resolve()
    zip_path = None if args.no_zip else (args.root / args.zip).resolve()
    if not _build_site(args.root, offline.CONFIG, out, offline.finish):
        print(f"离线版本未更新：{_shown(out, args.root)} 保持原样。", file=sys.stderr)
        return 1
    if zip_path is not None:
        offline.write_zip(out, zip_path)
    archive = f"，压缩包 {_shown(zip_path, args.root)}" if zip_path else ""
    print(f"离线版本已生成到 {_shown(out, args.root)}{archive}")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    parser = argparse.ArgumentParser(prog="python -m generator", description="试点示范县案例网站生成器")
    parser.add_argument("--root", type=Path, default=ROOT, help="项目文件夹（默认为本项目）")
    commands = parser.add_subparsers(dest="command", required=True)
    p_check = commands.add_parser("check", help="检查所有案例文件，不生成网站")
    p_check.add_argument("--strict", action="store_true", help="有提醒也返回非零")
    p_check.set_defaults(func=cmd_check)
    p_build = commands.add_parser("build", help="检查案例并生成网站到 site/")
    p_build.add_argument("--site-dir", type=Path, default=Path("site"))
    p_build.set_defaults(func=cmd_build)
    p_new = commands.add_parser("new", help="新建一个案例文件 cases/<id>.yaml")
    p_new.add_argument("id", help="网址标识，如 zhengding（也是文件名）")
    p_new.add_argument("--county", required=True, help="县（市、区），如 正定县")
    p_new.add_argument("--city", required=True, help="所属设区市，如 石家庄市")
    p_new.add_argument("--batch", required=True, help="创建批次（年份），如 2019")
    p_new.set_defaults(func=cmd_new)
    p_schema = commands.add_parser("schema", help="重新生成 schema/case.schema.json")
    p_schema.set_defaults(func=cmd_schema)
    p_import = commands.add_parser("import", help="把县里填好的附表1（和附表2）导入为案例文件")
    p_import.add_argument("annex1", type=Path, metavar="附表1.xlsx", help="填好的附表1（本站模板）")
    p_import.add_argument("--annex2", type=Path, metavar="附表2.xlsx", help="填好的附表2（本站模板）")
    p_import.add_argument("--id", required=True, help="网址标识，如 zhengding（也是文件名）")
    p_import.add_argument("--county", help="县（市、区），默认取附表中填写的")
    p_import.add_argument("--city", help="所属设区市，默认取附表中填写的")
    p_import.add_argument("--batch", type=int, help="新建案例的创建批次（年份），默认 2019")
    p_import.add_argument("--status", help=f"新建案例的创建状态，默认“{schema.STATUSES[0]}”")
    p_import.add_argument("--summary", help="新建案例的一句话经验（不填时为占位文字，需在案例文件中改写）")
    p_import.add_argument("--yes", action="store_true", help="已有案例时不再询问，直接写入显示的改动")
    p_import.add_argument("--replace", action="store_true",
                          help="已有案例时用附表重新开始整个文件（附表中没有的内容会删去；原文件会备份）")
    p_import.add_argument("--force", action="store_true", help=argparse.SUPPRESS)
    p_import.add_argument("--dry-run", action="store_true", help="只显示将写入的内容或改动，不写入")
    p_import.set_defaults(func=cmd_import)
    p_render = commands.add_parser("render", help="只把生成的页面写到一个文件夹")
    p_render.add_argument("--out", type=Path, required=True)
    p_render.add_argument("--force", action="store_true")
    p_render.set_defaults(func=cmd_render)
    p_offline = commands.add_parser("offline", help="生成可从本机文件夹打开的离线版本和它的压缩包")
    p_offline.add_argument("--out", type=Path, default=offline.FOLDER, help="输出文件夹")
    p_offline.add_argument("--zip", type=Path, default=offline.ZIP, help="压缩包")
    p_offline.add_argument("--no-zip", action="store_true", help="不生成压缩包")
    p_offline.set_defaults(func=cmd_offline)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    return int(args.func(args))

