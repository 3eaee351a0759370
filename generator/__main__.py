"""Command line: ``python -m generator check|build|render``."""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.pipeline import Project, check, generate
from generator.problems import CaseErrors, summary
from generator.write import replace_folder, write_outputs

ROOT = Path(__file__).resolve().parent.parent


def _print_problems(problems, title: str) -> None:
    if problems:
        print(title, file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    project = Project(args.root)
    checked = check(project)
    _print_problems(checked.errors, "错误：")
    _print_problems(checked.warnings, "提醒（不影响生成网站）：")
    print(summary(checked.case_count, checked.problems))
    if checked.errors or (args.strict and checked.warnings):
        return 1
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """Write the generated pages to a folder, for engines that cannot run the MkDocs hook."""
    try:
        generated = generate(Project(args.root))
    except CaseErrors as errors:
        _print_problems(errors.problems, "错误：")
        return 1
    out = args.out.resolve()
    if out.exists() and any(out.iterdir()) and not args.force:
        print(f"{out} 不是空文件夹；加 --force 覆盖", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix=".render-", dir=out.parent))
    write_outputs(generated.outputs, tmp)
    replace_folder(tmp, out)
    print(f"已写入 {len(generated.outputs)} 个文件到 {out}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Check every case, build the site beside ``site/``, and swap it in only on success."""
    started = time.monotonic()
    status = cmd_check(argparse.Namespace(root=args.root, strict=False))
    if status:
        print("网站未更新：请先改正上面的错误。", file=sys.stderr)
        return status
    dest = (args.root / args.site_dir).resolve()
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-building-", dir=dest.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(args.root / "mkdocs.yml"), "--site-dir", str(tmp)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SFX_CONCISE="1")
    result = subprocess.run(command, cwd=args.root, env=env)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print("生成失败，site/ 保持原样。", file=sys.stderr)
        return result.returncode
    replace_folder(tmp, dest)
    print(f"网站已生成到 {dest.relative_to(args.root) if dest.is_relative_to(args.root) else dest}"
          f"（用时 {time.monotonic() - started:.1f} 秒）")
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
    p_render = commands.add_parser("render", help="只把生成的页面写到一个文件夹")
    p_render.add_argument("--out", type=Path, required=True)
    p_render.add_argument("--force", action="store_true")
    p_render.set_defaults(func=cmd_render)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
