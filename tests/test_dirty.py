"""``make serve`` runs ``mkdocs serve --dirty``: after an edit to one case, only what changed is
rebuilt. The generator keeps each generated page in ``.cache/serve/`` and rewrites it only when
its content changes (``generator.build.write.keep_changed``), so MkDocs' own rule (rebuild a page
whose source is newer than what it built) picks out the edited case's pages and the lists."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from generator.build.write import keep_changed
from generator.outputs import Output
from tests.sitebuild import copy_project


def test_only_changed_outputs_are_rewritten_and_stale_ones_removed(tmp_path: Path) -> None:
    folder = tmp_path / "serve"
    where = keep_changed([Output("a.md", b"one"), Output("cases/b.md", b"two"), Output("old.md", b"x")], folder)
    assert where["cases/b.md"].read_bytes() == b"two"
    past = time.time() - 100
    for path in where.values():
        os.utime(path, (past, past))
    where = keep_changed([Output("a.md", b"one"), Output("cases/b.md", b"changed")], folder)
    assert where["a.md"].stat().st_mtime == past  # the same content: not touched
    assert where["cases/b.md"].stat().st_mtime > past and where["cases/b.md"].read_bytes() == b"changed"
    assert not (folder / "old.md").exists()


def _build_dirty(root: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "--site-dir", str(root / "site")],
                            cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_dirty_rebuild_rebuilds_the_edited_case_and_the_lists_only(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    _build_dirty(root)
    site = root / "site"
    pages = {p: p.stat().st_mtime_ns for p in site.rglob("index.html")}
    time.sleep(1.1)  # a rebuilt page gets a later time than any of the first build
    edited, other = sorted(p.stem for p in (root / "cases").glob("*.yaml"))[:2]
    case_file = root / "cases" / f"{edited}.yaml"
    text = case_file.read_text("utf-8")
    line = next(line for line in text.splitlines() if line.startswith("summary:"))
    case_file.write_text(text.replace(line, "summary: 修改后的一句话经验，用于检查局部重建。"), "utf-8")
    _build_dirty(root)
    changed = {p.relative_to(site).as_posix() for p, built in pages.items() if p.stat().st_mtime_ns != built}
    assert f"cases/{edited}/index.html" in changed
    assert "修改后的一句话经验" in (site / "cases" / edited / "index.html").read_text("utf-8")
    assert "cases/index.html" in changed  # the library lists the summary
    assert f"cases/{other}/index.html" not in changed  # another case: not rebuilt
    assert "notice/index.html" not in changed  # a hand-written page: not rebuilt
    assert len(changed) < len(pages) / 2, sorted(changed)
