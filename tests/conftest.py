from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output instead of comparing with it",
    )


@pytest.fixture(scope="session")
def sample_site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped samples built once, as `make site` builds them, for every test that reads it."""
    from tests.sitebuild import build

    out = tmp_path_factory.mktemp("built") / "site"
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def sample_model():
    """The model of the shipped samples (no build)."""
    from generator.build.pipeline import Project, check

    checked = check(Project(ROOT))
    assert checked.site is not None, [str(p) for p in checked.errors]
    return checked.site


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


SITE_URL = "https://www.example.org/zt/sfx/"
"""The published address of the site built by :func:`site_with_url_dir` (the briefs' QR codes)."""


LONGEST_BRIEF = "longest-brief"
"""A case of :func:`site_with_url_dir` with the longest texts a brief may hold."""


def _longest_brief_case() -> str:
    from generator.format import schema
    from generator.site import brief

    experiences = "".join(
        f"  - title: 以龙头企业带动产业链上下游协同创新并推动中小企业数字化转型和绿色化改造第{n}项\n"
        f"    system: {schema.SYSTEMS[n % 4]}\n    body: 一段文字。\n"
        for n in range(1, brief.EXPERIENCES_MAX + 3))
    return (f"id: {LONGEST_BRIEF}\ncounty: 示例长文县\ncity: {schema.CITIES[0]}\nbatch: 2019\n"
            "status: 示范标杆\n"
            f"summary: {'以数字化改造提升装备制造，' * 23}\nsample: true\n"
            f"industries:\n" + "".join(f"  - name: 示例产业{n}号\n" for n in range(1, 9))
            + f"experiences:\n{experiences}")


@pytest.fixture(scope="session")
def site_with_url_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples built with ``site_url`` set in mkdocs.yml (the briefs then carry a QR code),
    and one more case whose brief holds the longest texts (:data:`LONGEST_BRIEF`)."""
    from tests.sitebuild import build, copy_project

    base = tmp_path_factory.mktemp("with-url")
    root = copy_project(base / "project")
    config = root / "mkdocs.yml"
    config.write_text(f"site_url: {SITE_URL}\n" + config.read_text("utf-8"), "utf-8")
    (root / "cases" / f"{LONGEST_BRIEF}.yaml").write_text(_longest_brief_case(), "utf-8")
    result = build(root, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"
