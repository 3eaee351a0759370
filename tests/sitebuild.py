"""Build real sites for tests: the project itself, or a copy of it with other cases."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy_project(dest: Path, cases: Path | None = None) -> Path:
    """A copy of the project's site sources in ``dest``, with the cases from ``cases``; the
    installed search engine (``node_modules/``) is linked, not copied."""
    for name in ("docs", "templates", "overrides", "generator"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "package.json"):
        shutil.copy2(ROOT / name, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    shutil.copytree(cases or ROOT / "cases", dest / "cases")
    return dest


def fresh_clone(dest: Path) -> Path:
    """What a fresh clone of the project holds (the files git tracks, and new ones it does not
    ignore), without .venv, build/, site/ or .cache/; ``.venv`` links to the one running the tests."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    (dest / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return dest


def build(root: Path, site_dir: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m generator build`` as `make site` runs it."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), "build", "--site-dir", str(site_dir)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes, for before/after comparisons."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
