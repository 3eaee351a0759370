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
    from generator.pipeline import Project, check

    checked = check(Project(ROOT))
    assert checked.site is not None, [str(p) for p in checked.errors]
    return checked.site


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


SITE_URL = "https://www.example.org/zt/sfx/"
"""The published address of the site built by :func:`site_with_url_dir` (the briefs' QR codes)."""


@pytest.fixture(scope="session")
def site_with_url_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples built with ``site_url`` set in mkdocs.yml: the briefs then carry a QR code."""
    from tests.sitebuild import build, copy_project

    base = tmp_path_factory.mktemp("with-url")
    root = copy_project(base / "project")
    config = root / "mkdocs.yml"
    config.write_text(f"site_url: {SITE_URL}\n" + config.read_text("utf-8"), "utf-8")
    result = build(root, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"
