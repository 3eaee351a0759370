"""The offline edition: the site as a folder that works from ``file://``, and a .zip of it.

``python -m generator.build.offline`` (``make offline``) checks the cases, builds the site with
``mkdocs.offline.yml`` (links ending in ``.html``, the search index inlined as a script, the
iframe-worker shim shipped with the site) beside ``build/offline/``, swaps it in only on
success, adds a short 使用说明, and packs the folder as ``build/sfx-offline.zip``. The zip
is deterministic: files in name order, every timestamp set from ``SOURCE_DATE_EPOCH`` (or
1980-01-01).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from generator.build.pipeline import Project, check
from generator.problems import summary
from generator.build.write import replace_folder

ROOT = Path(__file__).resolve().parents[2]
CONFIG = "mkdocs.offline.yml"
ZIP_FOLDER = "sfx-offline"
"""The folder name inside the zip: unpacking it gives ``sfx-offline/index.html``."""

README = """河北省工业转型升级试点示范县（市、区）案例网站 · 离线版本

使用方法：用浏览器（Chrome、Edge、Firefox、360 浏览器极速模式等）打开本文件夹中的 index.html。
不需要联网，也不需要安装任何软件；搜索、案例筛选、案例对比和附件下载都可使用。
可复制到内网服务器、U 盘或光盘上使用；请保持文件夹结构不变。
"""


def build_offline(root: Path, out: Path, zip_path: Path | None) -> int:
    checked = check(Project(root))
    if checked.errors:
        for problem in checked.errors:
            print(f"  {problem}", file=sys.stderr)
        print(summary(checked.case_count, checked.problems), file=sys.stderr)
        print("离线版本未更新：请先改正上面的错误。", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / CONFIG),
               "--site-dir", str(tmp)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(result.stdout + result.stderr, file=sys.stderr)
        print("生成离线版本失败，原有文件保持不变。", file=sys.stderr)
        return result.returncode
    # A server shows 404.html for a missing address; on a disc there is no server, and its links
    # start at the host's root (/assets/…), which on a disc is the root of the file system.
    (tmp / "404.html").unlink(missing_ok=True)
    (tmp / "使用说明.txt").write_text(README, encoding="utf-8")
    tmp.chmod(0o755)  # mkdtemp makes it private; a copy on an intranet server must be readable
    replace_folder(tmp, out)
    if zip_path is not None:
        write_zip(out, zip_path)
    archive = f"，压缩包 {_shown(zip_path, root)}" if zip_path else ""
    print(f"离线版本已生成到 {_shown(out, root)}{archive}")
    return 0


def write_zip(folder: Path, zip_path: Path) -> None:
    """Pack ``folder`` as ``ZIP_FOLDER/…``, the same bytes for the same files."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    tmp = zip_path.with_name(zip_path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{ZIP_FOLDER}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.flag_bits |= 0x800  # names are UTF-8 (使用说明.txt)
            archive.writestr(info, path.read_bytes())
    os.replace(tmp, zip_path)


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.build.offline",
                                     description="生成可从本机文件夹打开的离线版本")
    parser.add_argument("--root", type=Path, default=ROOT, help="项目文件夹（默认为本项目）")
    parser.add_argument("--out", type=Path, default=Path("build/offline"), help="输出文件夹")
    parser.add_argument("--zip", type=Path, default=Path("build/sfx-offline.zip"), help="压缩包")
    parser.add_argument("--no-zip", action="store_true", help="不生成压缩包")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = (root / args.out).resolve()
    zip_path = None if args.no_zip else (root / args.zip).resolve()
    return build_offline(root, out, zip_path)


if __name__ == "__main__":
    sys.exit(main())
