"""The generated Markdown of fixture cases, compared with files in tests/golden/.

After an intended change to a template, run
``.venv/bin/python -m pytest tests/test_render_golden.py --update-goldens``
and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.pipeline import Project, generate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "golden"
GOLDEN = ROOT / "tests" / "golden"


def _generated() -> dict[str, bytes]:
    project = Project(ROOT, cases=FIXTURES / "cases")
    return {o.path: o.content for o in generate(project).outputs
            if o.content is not None and o.path.endswith(".md")}  # pages, not downloads


PAGES = sorted(_generated())


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_golden(path: str, update_goldens: bool) -> None:
    actual = _generated()[path].decode("utf-8")
    golden = GOLDEN / path
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file for {path}: run pytest --update-goldens"
    assert actual == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_still_generated() -> None:
    stale = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")} - set(PAGES)
    assert not stale, f"golden files for pages no longer generated: {sorted(stale)}"
