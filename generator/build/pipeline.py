"""The whole pipeline in one place: load → validate → model → render."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import search_index
from generator.format import load, validate
from generator.format.kinds import Data
from generator.problems import CaseErrors, Problem
from generator.site import compilation, downloads, feed, model, render
from generator.site.settings import Settings

log = logging.getLogger(__name__)


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


@dataclass
class Generated:
    site: model.Site
    outputs: list[render.Output]
    warnings: list[Problem]


def check(project: Project) -> Checked:
    """Load and validate every case file; build the model only if there is no error."""
    sources, problems = load.read_all(project.cases_dir, project.root)
    cases, found = validate.validate_all(sources, project.cases_dir)
    problems = sorted(problems + found)
    checked = Checked(len(sources), problems)
    if not checked.errors:
        origins = {data["id"]: source.name for data, source in _pairs(cases, sources)}
        checked.site = model.build_site(cases, origins)
    return checked


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


def generate(project: Project, settings: Settings | None = None,
             pages: Sequence[tuple[str, str]] = ()) -> Generated:
    """Everything the site needs from the cases, in memory. Raises :class:`CaseErrors`.

    ``settings`` are what ``mkdocs.yml`` sets for the generator (:mod:`generator.site.settings`);
    ``pages`` the site's pages as (title, source path), for the search box's list of names.
    """
    settings = settings or Settings()
    # Gather: read and check every file before anything is rendered.
    checked = check(project)
    if checked.site is None:
        raise CaseErrors(checked.problems, checked.case_count)
    log.info("已读取 %d 个案例", len(checked.site.cases))
    outputs = render_all(checked.site, project, settings, pages)
    log.info("已生成 %d 个页面和文件", len(outputs))
    return Generated(checked.site, outputs, checked.warnings)


def nav_pages(nav: object) -> list[tuple[str, str]]:
    """(title, source path) of every page in the ``nav`` of ``mkdocs.yml`` (as MkDocs or YAML gives it)."""
    pages: list[tuple[str, str]] = []
    for item in nav if isinstance(nav, list) else []:
        for title, value in (item.items() if isinstance(item, dict) else []):
            if isinstance(value, str) and value.endswith(".md"):
                pages.append((title, value))
            elif isinstance(value, list):
                pages += nav_pages(value)
    return pages


def render_all(site: model.Site, project: Project, settings: Settings | None = None,
               pages: Sequence[tuple[str, str]] = ()) -> list[render.Output]:
    """Every generated page and file of a checked site, in memory; nothing is written here."""
    settings = settings or Settings()
    files = [render.Output(feed.FEED_PATH, feed.atom_feed(site))]
    files += [render.Output(path, data) for path, data in search_index.search_names(site, pages)]
    files += downloads.files(site, project.cache_dir / "xlsx")  # templates, 附表, open data
    book = compilation.select(site, settings.statuses)
    files.append(compilation.output(book, project.cache_dir / "compilation"))  # 典型经验汇编
    return render.render_site(site, project.templates_dir, files, book=book, site_url=settings.site_url)
