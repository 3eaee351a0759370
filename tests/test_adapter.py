"""The MkDocs adapter (generator/mkdocs_hook.py): edit links, and how it reports."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build, copy_project

REPO = "https://git.example.org/hebei/sfx"
CASE = sorted((ROOT / "cases").glob("*.yaml"))[0].stem
EDIT = re.compile(r'<a href="([^"]+)" title="编辑此页" class="md-content__button md-icon" rel="edit">')


def _edit_links(site: Path, page: str) -> list[str]:
    return EDIT.findall((site / page / "index.html").read_text("utf-8"))


def test_the_published_site_has_no_edit_button(sample_site_dir: Path) -> None:
    """mkdocs.yml names no repository: the public is not sent to edit a page, generated or not."""
    assert not re.search(r"^(repo_url|edit_uri):", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    pages = [p for p in sample_site_dir.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 30
    assert not [p for p in pages if 'rel="edit"' in p.read_text("utf-8")]


@pytest.fixture(scope="module")
def site_with_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples built with a repository and Material's edit button, as a staff edition might."""
    base = tmp_path_factory.mktemp("edit")
    root = copy_project(base / "project")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("    - navigation.tabs\n",
                                             "    - navigation.tabs\n    - content.action.edit\n", 1)
    config.write_text(f"repo_url: {REPO}\nedit_uri: -/edit/main/docs/\n" + text, "utf-8")
    result = build(root, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def test_a_generated_page_is_edited_in_its_case_file(site_with_repository: Path) -> None:
    case_file = f"{REPO}/-/edit/main/cases/{CASE}.yaml"
    assert _edit_links(site_with_repository, f"cases/{CASE}") == [case_file]
    assert _edit_links(site_with_repository, f"cases/{CASE}/brief") == [case_file]


def test_a_hand_written_page_keeps_its_own(site_with_repository: Path) -> None:
    assert _edit_links(site_with_repository, "notice") == [f"{REPO}/-/edit/main/docs/notice.md"]


def test_a_page_made_from_every_case_has_no_edit_button(site_with_repository: Path) -> None:
    """No single file to edit: the case library comes from the template and all the cases."""
    assert _edit_links(site_with_repository, "cases") == []
    assert _edit_links(site_with_repository, "stats") == []


def test_mkdocs_itself_reports_as_mkdocs_does(tmp_path: Path) -> None:
    """Without ``extra.generator_output`` (plain ``mkdocs build``): MkDocs' own lines, each 提醒 as a
    line of its log; ``python -m generator build`` sets it and reports as ``check`` (test_cli.py)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "INFO    -  Building documentation to directory" in result.stderr
    assert "INFO    -  提醒：cases/" in result.stderr
    assert "没有错误" not in result.stdout + result.stderr  # the summary line of `check` is not printed
