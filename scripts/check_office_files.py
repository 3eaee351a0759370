#!/usr/bin/env python3
"""Open every Word and Excel download in LibreOffice (headless) and convert it to PDF.

    .venv/bin/python scripts/check_office_files.py            # the files the site would publish
    .venv/bin/python scripts/check_office_files.py site/      # the .docx/.xlsx files of a built site
    .venv/bin/python scripts/check_office_files.py --keep out/  # and keep the PDFs in out/ to look at

A file fails if LibreOffice reports an error, makes no PDF, or makes one without pages.
Needs LibreOffice: ``apt-get install libreoffice-core libreoffice-writer libreoffice-calc``
(and ``fonts-noto-cjk`` for Chinese glyphs in the PDFs). Exit status 0 when every file converts.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = (".docx", ".xlsx")


def generated_files() -> dict[str, bytes]:
    """The downloads the site would publish, made in memory from the project's cases."""
    sys.path.insert(0, str(ROOT))
    from generator.build.pipeline import Project, generate

    return {o.path: o.content for o in generate(Project(ROOT)).outputs
            if o.content is not None and o.path.endswith(SUFFIXES)}


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.suffix in SUFFIXES and p.is_file()}


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF, counted from its page objects (LibreOffice writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def check(files: dict[str, bytes], soffice: str, keep: Path | None = None) -> list[str]:
    """Convert every file; the problems found (empty when all converted)."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="office-check-") as tmp:
        work = Path(tmp)
        source, out, profile = work / "in", work / "out", work / "profile"
        source.mkdir()
        names: dict[str, str] = {}
        for path, content in files.items():
            # One flat folder, unique names: fubiao1.xlsx and fubiao1.docx must not share a PDF.
            stem = path.replace("/", "__").replace(".", "-")
            name = f"{stem}{Path(path).suffix}"
            (source / name).write_bytes(content)
            names[path] = stem
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nologo", "--convert-to", "pdf", "--outdir", str(out),
                   *[str(source / f"{stem}{Path(path).suffix}") for path, stem in names.items()]]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
        log = result.stdout + result.stderr
        if result.returncode != 0:
            problems.append(f"soffice 退出码 {result.returncode}：{log.strip()[-500:]}")
        for line in log.splitlines():
            if "error" in line.lower() and "Warning" not in line:
                problems.append(f"LibreOffice：{line.strip()}")
        for path, stem in names.items():
            pdf = out / f"{stem}.pdf"
            if not pdf.is_file():
                problems.append(f"{path}：LibreOffice 没有生成 PDF")
                continue
            data = pdf.read_bytes()
            if not data.startswith(b"%PDF") or pdf_pages(data) < 1:
                problems.append(f"{path}：生成的 PDF 没有页面")
                continue
            print(f"ok  {path}（{len(files[path]):,} 字节 → PDF {pdf_pages(data)} 页）")
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(pdf, keep / f"{stem}.pdf")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path,
                        help="检查这个文件夹中的 .docx/.xlsx（默认：生成网站会发布的下载文件）")
    parser.add_argument("--keep", type=Path, help="把生成的 PDF 保存到这个文件夹")
    args = parser.parse_args(argv)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("找不到 LibreOffice（soffice）：apt-get install libreoffice-core libreoffice-writer "
              "libreoffice-calc", file=sys.stderr)
        return 2
    files = files_in(args.folder) if args.folder else generated_files()
    if not files:
        print("没有找到 .docx 或 .xlsx 文件", file=sys.stderr)
        return 2
    problems = check(files, soffice, args.keep)
    for problem in problems:
        print(f"错误：{problem}", file=sys.stderr)
    outcome = f"{len(problems)} 处错误" if problems else "全部在 LibreOffice 中打开并转换为 PDF"
    print(f"共 {len(files)} 个文件，{outcome}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
