"""Part of the MkDocs adapter: the generated pages converted from Markdown in worker processes.

MkDocs converts every page's Markdown in its own process, one page after another, before it puts
any page in the theme. Thousands of generated pages (a case page and a brief for each case, the
parts of a long library) are
instead converted by :class:`Prerender`'s worker processes, with MkDocs' own ``Page.render`` on the
same configuration, Markdown extensions and file list, so the HTML, the table of contents, the
anchors and the link warnings are the ones MkDocs would make. Meanwhile MkDocs goes on: the page
objects of those files are :class:`PrerenderedPage`, whose ``render`` only marks them pending;
the hook fills each one in when MkDocs is about to put it in the theme (``on_page_context``), so the
theme of one page and the Markdown of the next run at the same time on two cores.

Below :data:`PARALLEL_FROM` pages (the sample site, ``mkdocs serve`` of a small project) starting
the workers costs more than it saves, and nothing changes. Anything the workers cannot do (an
exception, a MkDocs whose internals differ) makes the page fall back to MkDocs' own render.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.generator")

PARALLEL_FROM = 200
"""Below this many generated pages, MkDocs converts them itself."""
CHUNK = 16
"""Pages per job: large enough that a job's overhead is small, small enough to start early."""


@dataclass
class Rendered:
    """What ``Page.render`` sets, from a worker."""

    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]] | None
    """By the ``src_uri`` of the file linked to (a File is not sent between processes)."""
    records: list[tuple[str, int, str]]
    """The worker's log messages while rendering: (logger, level, message)."""


class PrerenderedPage(Page):
    """A page whose Markdown a worker converts; MkDocs' ``render`` call only marks it pending."""

    prerender: Prerender | None = None
    waiting = False
    """Rendered by a worker, not yet filled in: the hook's ``on_page_content`` leaves it alone."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.prerender is None or not self.prerender.has(self.file.src_uri):
            super().render(config, files)
            return
        self.content = ""  # filled in by fill(), before the theme sees the page
        self.waiting = True

    def fill(self, config: MkDocsConfig, files: Files) -> bool:
        """Set what ``render`` would have set; False when the worker could not (MkDocs renders it)."""
        assert self.prerender is not None
        self.waiting = False
        rendered = self.prerender.take(self.file.src_uri)
        if rendered is None:
            self.prerender = None
            super().render(config, files)
            return False
        for name, level, message in rendered.records:
            logging.getLogger(name).log(level, message)
        self.content = rendered.content
        self.toc = rendered.toc
        self._title_from_render = rendered.title
        self.present_anchor_ids = rendered.anchors
        if rendered.links_to_anchors is not None:
            self.links_to_anchors = {
                target: links for uri, links in rendered.links_to_anchors.items()
                if (target := files.get_file_from_path(uri)) is not None
            }
        return True


class Prerender:
    """Worker processes converting the Markdown of the given generated pages, in order."""

    def __init__(self, config: MkDocsConfig, files: Files, pages: list[File]) -> None:
        known = [(f.src_uri, f.dest_uri) for f in files]
        self.workers = max(1, min(os.cpu_count() or 1, 4))
        self.pool = ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
            initargs=(config.config_file_path, config.site_dir, list(config.markdown_extensions),
                      dict(config.mdx_configs or {}), known))
        self.futures: dict[str, Future[list[Rendered | None]]] = {}
        self.left: dict[str, int] = {}
        """Per job: how many of its pages are not taken yet."""
        self.index: dict[str, tuple[str, int]] = {}
        for start in range(0, len(pages), CHUNK):
            chunk = pages[start:start + CHUNK]
            key = chunk[0].src_uri
            future = self.pool.submit(_render, [(f.src_uri, f.content_string) for f in chunk])
            self.futures[key] = future
            self.left[key] = len(chunk)
            for position, file in enumerate(chunk):
                self.index[file.src_uri] = (key, position)

    def has(self, src_uri: str) -> bool:
        return src_uri in self.index

    def take(self, src_uri: str) -> Rendered | None:
        key, position = self.index.pop(src_uri)
        try:
            rendered = self.futures[key].result()[position]
        except Exception as error:  # noqa: BLE001 - a worker's failure falls back to MkDocs
            log.debug("生成：页面 %s 在子进程中转换失败（%s），改由 MkDocs 转换", src_uri, error)
            rendered = None
        self.left[key] -= 1
        if not self.left[key]:
            del self.futures[key], self.left[key]  # its results are all taken: free them
        return rendered

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def start(config: MkDocsConfig, files: Files, generated: set[str], dirty: bool = False) -> Prerender | None:
    """Have workers convert the generated Markdown pages ``generated`` (src_uri), if there are many
    (under ``dirty``, of those MkDocs will rebuild)."""
    pages = [f for f in files.documentation_pages()
             if f.src_uri in generated and f.page is None and (not dirty or f.is_modified())]
    if len(pages) < PARALLEL_FROM:
        return None
    prerender = Prerender(config, files, pages)
    log.info("生成：%d 个生成页面的 Markdown 由 %d 个子进程转换", len(pages), prerender.workers)
    for file in pages:
        page = PrerenderedPage(None, file, config)  # sets file.page; the nav uses it
        page.prerender = prerender
    return prerender


# -- in a worker ------------------------------------------------------------------------------

_worker: dict[str, Any] = {}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _start(config_file: str, site_dir: str, extensions: list[str], mdx_configs: dict[str, Any],
           known: list[tuple[str, str]]) -> None:
    from mkdocs.config import load_config

    config = load_config(config_file, site_dir=site_dir)
    config["markdown_extensions"] = extensions
    config["mdx_configs"] = mdx_configs
    files = Files([File(uri, None, site_dir, config.use_directory_urls, dest_uri=dest)
                   for uri, dest in known])
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    _worker.update(config=config, files=files, collect=collect)


def _render(jobs: list[tuple[str, str]]) -> list[Rendered | None]:
    from mkdocs.utils import meta

    config, files, collect = _worker["config"], _worker["files"], _worker["collect"]
    results: list[Rendered | None] = []
    for src_uri, source in jobs:
        collect.records = []
        file = files.get_file_from_path(src_uri)
        try:
            assert file is not None
            page = Page(None, file, config)
            page.markdown, page.meta = meta.get_data(source)
            page.render(config, files)
            assert page.content is not None and page.present_anchor_ids is not None
            links = None if page.links_to_anchors is None else {
                target.src_uri: dict(found) for target, found in page.links_to_anchors.items()}
            results.append(Rendered(page.content, page.toc, page._title_from_render,  # noqa: SLF001
                                    set(page.present_anchor_ids), links, collect.records))
        except Exception:  # noqa: BLE001 - the main process renders it instead, and reports
            results.append(None)
    return results
