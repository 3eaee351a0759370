"""A project's case files checked: load → validate → model, and nothing that writes a file.

``check``, ``new`` and ``import`` need only this (not the writers of pages and Office files,
which :mod:`generator.build.pipeline` adds for a build).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.format import load, validate
from generator.format.kinds import Data
from generator.problems import Problem
from generator.site import model


@dataclass(frozen=True)
class Project:
    """Where a project keeps its parts. Messages name files relative to ``root``."""

    root: Path
    cases: Path | None = None
    """The case folder, if not ``root/cases``."""
    templates: Path | None = None
    """The template folder, if not ``root/templates``."""

    @property
    def cases_dir(self) -> Path:
        return self.cases or self.root / "cases"

    @property
    def templates_dir(self) -> Path:
        return self.templates or self.root / "templates"

    @property
    def cache_dir(self) -> Path:
        """Derived files kept between builds (never needed: deleting it only slows the next build)."""
        return self.root / ".cache"


@dataclass
class Checked:
    """The result of checking the cases: the model, or the problems that prevent it."""

    case_count: int
    problems: list[Problem] = field(default_factory=list)
    site: model.Site | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def check(project: Project) -> Checked:
    """Load and validate every case file; build the model only if there is no error."""
    with _no_cycle_collection():
        sources, problems = load.read_all(project.cases_dir, project.root)
        cases, found = validate.validate_all(sources, project.cases_dir)
        problems = sorted(problems + found)
        checked = Checked(len(sources), problems)
        if not checked.errors:
            origins = {data["id"]: source.name for data, source in _pairs(cases, sources)}
            checked.site = model.build_site(cases, origins)
    return checked


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Reading thousands of files makes millions of small objects that hold no cycles: Python's
    cycle collector, run again and again as they accumulate, would walk them all each time (half
    the time of checking 3,000 cases). Reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_text(project: Project, case_id: str, text: str) -> tuple[Data | None, list[Problem]]:
    """Check what ``cases/<id>.yaml`` would hold, before it is written, as :func:`check` checks the
    file (its attachments in ``cases/<id>/`` included): the data (None on an error) and the problems.

    ``new`` and ``import`` use it, so that a file they write gets the same verdict from ``make check``.
    """
    path = project.cases_dir / f"{case_id}.yaml"
    source, problems = load.from_bytes(text.encode("utf-8"), load.display_name(path, project.root), path)
    data, found = validate.validate_file(source, project.cases_dir)
    problems = sorted(problems + found)
    if any(p.severity == "error" for p in problems):
        data = None
    return data, problems


def _pairs(cases: list[Data], sources: list[load.Source]) -> list[tuple[Data, load.Source]]:
    by_stem = {source.path.stem: source for source in sources}
    return [(data, by_stem[data["id"]]) for data in cases]
