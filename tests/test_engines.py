"""The site on the engines besides MkDocs 1.6.1 that README.md (引擎) names: ProperDocs and Zensical.

Both run in an environment of their own, ``.cache/engines/venv``, made here once from
``requirements-engines.txt`` (which includes ``requirements.txt``) and made again when either
file changes. The ``mkdocs`` package is removed from it: Material and the hook import
``mkdocs.*``, and ProperDocs answers those imports itself, so a site built there was built by
ProperDocs alone. Each build is compared with the samples as ``make site`` builds them
(``sample_site_dir``): the same pages with the same text, the same downloads.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pagetext import page, text, words
from tests.sitebuild import ROOT, copy_project

ENGINES = ROOT / ".cache" / "engines"
VENV = ENGINES / "venv"
BIN = VENV / "bin"
REQUIREMENTS = ROOT / "requirements-engines.txt"
README = (ROOT / "README.md").read_text("utf-8")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
CASES = sorted((ROOT / "cases").glob("*.yaml"))
GENERATOR_META = re.compile(r'^\s*<meta name="generator" content="[^"]*">\n', re.M)


def _pinned(name: str) -> str:
    return re.search(rf"^{name}==(\S+)$", REQUIREMENTS.read_text("utf-8"), re.M).group(1)  # type: ignore[union-attr]


def _run(command: list[str], cwd: Path = ROOT, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="session")
def engines() -> Path:
    """The bin folder of ``.cache/engines/venv``, installed as ``requirements-engines.txt`` says."""
    key = hashlib.sha256(sys.version.encode() + (ROOT / "requirements.txt").read_bytes()
                         + REQUIREMENTS.read_bytes()).hexdigest()
    stamp = VENV / ".installed"
    if stamp.is_file() and stamp.read_text() == key:
        return BIN
    shutil.rmtree(VENV, ignore_errors=True)
    ENGINES.mkdir(parents=True, exist_ok=True)
    _ok(_run([sys.executable, "-m", "venv", str(VENV)]))
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check", "--quiet"]
    _ok(_run([*pip, "install", "-r", str(REQUIREMENTS)]))
    _ok(_run([*pip, "install", "--no-deps", "-e", str(ROOT)]))  # as the Makefile installs .venv
    _ok(_run([*pip, "uninstall", "--yes", "mkdocs"]))
    stamp.write_text(key)
    return BIN


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _page_names(site: Path) -> list[str]:
    """Every page of a built site, as :func:`tests.pagetext.page` names it ("" is the home page)."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix()
                  for p in site.rglob("index.html") if "assets" not in p.parts)


def _same_text(ours: Path, theirs: Path, name: str) -> None:
    assert words(text(page(theirs, name))) == words(text(page(ours, name))), f"page {name or '首页'}"


def _case_pages_hold_their_cases(site: Path) -> None:
    for case in CASES:
        source = case.read_text("utf-8")
        county = re.search(r"^county: (\S+)$", source, re.M).group(1)  # type: ignore[union-attr]
        summary = re.search(r"^summary: (\S+)$", source, re.M).group(1)  # type: ignore[union-attr]
        shown = text(page(site, f"cases/{case.stem}"))
        assert county in shown and summary in "".join(shown.split()), case.name


# ProperDocs ---------------------------------------------------------------------------------------

SWITCH = [line.split("#")[0].strip() for line in README.splitlines()
          if re.match(r"\.venv/bin/(pip install )?properdocs", line.strip())]
"""The README's commands for switching to ProperDocs (comments left out), the second run here as written."""


def test_readme_switches_to_the_properdocs_tested_here() -> None:
    assert SWITCH == [f".venv/bin/pip install properdocs=={_pinned('properdocs')}",
                      ".venv/bin/properdocs build --strict -f mkdocs.yml"]


@pytest.fixture(scope="session")
def properdocs_site(engines: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples built by the README's ProperDocs command, in a copy of the project."""
    root = copy_project(tmp_path_factory.mktemp("properdocs") / "project")
    program, *arguments = SWITCH[1].split()
    output = _ok(_run([str(engines / Path(program).name), *arguments], cwd=root))
    assert f"生成：读取 {len(CASES)} 个案例" in output, output  # the hook ran
    return root / "site"


def test_properdocs_builds_the_same_site(properdocs_site: Path, sample_site_dir: Path) -> None:
    ours, theirs = _files(sample_site_dir), _files(properdocs_site)
    assert sorted(theirs) == sorted(ours)
    assert len(_page_names(properdocs_site)) > len(CASES) * 2  # case pages and their briefs, at least
    _case_pages_hold_their_cases(properdocs_site)
    for name in ("", "notice", "cases", f"cases/{CASES[0].stem}", "downloads", "stats"):
        _same_text(sample_site_dir, properdocs_site, name)
    # Byte for byte, but for the line naming the engine in every page's head.
    engine = f'content="mkdocs-ProperDocs {_pinned("properdocs")}, mkdocs-material-'
    assert engine in (properdocs_site / "index.html").read_text("utf-8")
    different = []
    for name, path in ours.items():
        mine, other = path.read_bytes(), theirs[name].read_bytes()
        if name.endswith(".html"):
            mine = GENERATOR_META.sub("", mine.decode("utf-8")).encode()
            other = GENERATOR_META.sub("", other.decode("utf-8")).encode()
        if mine != other:
            different.append(name)
    assert not different, f"{len(different)} files differ, e.g. {different[:5]}"


# Zensical -----------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def zensical(engines: Path) -> Path:
    if not (engines / "zensical").exists():
        pytest.skip("Zensical is not installed in .cache/engines/venv (requirements-engines.txt)")
    return engines / "zensical"


@pytest.fixture(scope="session")
def zensical_project(zensical: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose docs/ also holds what ``python -m generator render`` writes,
    built by ``zensical build`` into its site/."""
    root = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    generated = root / "build" / "generated"
    _ok(_run([sys.executable, "-m", "generator", "--root", str(root), "render", "--out", str(generated)]))
    for path in sorted(p for p in generated.rglob("*") if p.is_file()):
        target = root / "docs" / path.relative_to(generated)
        assert not target.exists(), f"{target} is both in docs/ and generated"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    _ok(_run([str(zensical), "build", "-f", "mkdocs.yml"], cwd=root))
    return root


def _breadcrumb(site: Path, name: str) -> list[str]:
    html = (site / name / "index.html").read_text("utf-8")
    nav = re.search(r'<nav class="md-path sfx-path".*?</nav>', html, re.S)
    assert nav is not None, name
    return [" ".join(item.split()) for item in re.findall(r'class="md-path__(?:link|current)"[^>]*>([^<]*)<',
                                                         nav.group(0))]


def test_zensical_builds_our_overrides_as_they_are(zensical_project: Path, sample_site_dir: Path) -> None:
    """overrides/ unchanged, Zensical builds every page; the breadcrumb lacks the parent section:
    Zensical has no template variable ``pages`` to find it in (README.md, 引擎)."""
    site = zensical_project / "site"
    assert _page_names(site) == _page_names(sample_site_dir)
    case = f"cases/{CASES[0].stem}"
    county = _breadcrumb(sample_site_dir, case)[-1]
    assert _breadcrumb(sample_site_dir, case) == ["首页", "案例库", county]
    assert _breadcrumb(site, case) == ["首页", county]
    assert _breadcrumb(site, "notice") == _breadcrumb(sample_site_dir, "notice") == ["首页", "通知全文"]


def test_zensical_builds_the_rendered_pages(zensical_project: Path, sample_site_dir: Path) -> None:
    """``generator render`` plus docs/: every page of the site, the same text, the same downloads."""
    site = zensical_project / "site"
    _case_pages_hold_their_cases(site)
    for name in _page_names(sample_site_dir):
        _same_text(sample_site_dir, site, name)
    generated = _files(zensical_project / "build" / "generated")
    downloads = [name for name in generated if not name.endswith(".md")]
    assert len(downloads) > len(CASES) * 2  # the forms, the open data, each case's 附表 and attachments
    assert any(name.startswith("search/names/") for name in downloads)
    for name in downloads:  # the names the header's search box shows first included: render reads the nav
        assert (site / name).read_bytes() == (sample_site_dir / name).read_bytes(), name
    # What the hook does is not done: no Pagefind index, so the header's search box finds nothing.
    assert not (site / "pagefind").exists()
