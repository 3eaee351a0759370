"""The whole pipeline in one place: load → validate → model → render.

Checking (load → validate → model) is :mod:`generator.build.project`, which ``check``, ``new`` and
``import`` use alone; this module adds what makes the site's files from a checked model.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from generator.build import search_index
from generator.build.project import Checked, Project, check, check_text
from generator.outputs import Output
from generator.problems import CaseErrors, Problem
from generator.site import compilation, downloads, feed, model, render
from generator.site.settings import Settings

__all__ = ["Checked", "Generated", "Project", "check", "check_text", "generate", "nav_pages", "render_all"]

log = logging.getLogger(__name__)


@dataclass
class Generated:
    site: model.Site
    outputs: list[Output]
    warnings: list[Problem]


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
               pages: Sequence[tuple[str, str]] = ()) -> list[Output]:
    """Every generated page and file of a checked site, in memory; nothing is written here."""
    settings = settings or Settings()
    files = [Output(feed.FEED_PATH, feed.atom_feed(site))]
    files += [Output(path, data) for path, data in search_index.search_names(site, pages)]
    made = downloads.start(site, project.cache_dir / "xlsx")  # templates, 附表 (in workers), open data
    book = compilation.select(site, settings.statuses)
    compiled = compilation.output(book, project.cache_dir / "compilation")  # 典型经验汇编, meanwhile
    files += made.result()
    files.append(compiled)
    return render.render_site(site, project.templates_dir, files, book=book, site_url=settings.site_url)
