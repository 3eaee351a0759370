"""The one place MkDocs meets the generator: a hook listed in ``mkdocs.yml``.

``on_config`` runs the pipeline (so ``mkdocs serve`` regenerates on every
change to ``cases/`` or ``templates/``) and feeds the case names to the Chinese
search segmenter; ``on_files`` adds the generated pages and attachments from
memory, refusing any that would hide a hand-written page. Nothing is written
into ``docs/``.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import time
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from generator.build.links import check_site
from generator.build.pipeline import Generated, Project, generate
from generator.problems import CaseErrors, SettingsErrors, print_problems, report, summary
from generator.site.render import search_dictionary
from generator.build.search_index import PAGE_TYPE, SearchIndexError, index_site, page_type
from generator.site.settings import from_config

log = logging.getLogger("mkdocs.hooks.generator")

_generated: Generated | None = None
_progress: _Progress | None = None


class _Progress:
    """A one-line progress bar on a terminal; nothing anywhere else."""

    def __init__(self, total: int) -> None:
        self.total = max(total, 1)
        self.done = 0
        self.started = time.monotonic()
        self.shown = sys.stderr.isatty()

    def tick(self) -> None:
        self.done += 1
        if self.shown and (self.done == self.total or self.done % 20 == 0):
            filled = self.done * 30 // self.total
            sys.stderr.write(f"\r  渲染页面 [{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
        log.info("生成：渲染 %d 个页面（%.1f 秒）", self.done, time.monotonic() - self.started)


class _OnlyOurInfo(logging.Filter):
    """With SFX_CONCISE set, MkDocs' own INFO lines are left out; warnings and errors stay."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or record.name == log.name


_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"
    if os.environ.get("SFX_CONCISE"):
        for handler in logging.getLogger("mkdocs").handlers:
            handler.addFilter(_OnlyOurInfo())


@event_priority(100)  # before the search plugin reads its configuration
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _generated
    started = time.monotonic()
    project = Project(Path(config.config_file_path).resolve().parent)
    concise = bool(os.environ.get("SFX_CONCISE"))  # run by `python -m generator build`
    try:
        settings = from_config(config.extra, config.site_url, Path(config.config_file_path))
    except SettingsErrors as errors:
        raise PluginError("mkdocs.yml 中的设置有错误，未生成网站：\n" + report(errors.problems)) from None
    try:
        _generated = generate(project, settings, _nav_pages(config.nav or []))
    except CaseErrors as errors:
        if concise:  # the same list and summary as `python -m generator check`
            print_problems(errors.problems, "错误：")
            print(errors.summary, flush=True)
            raise PluginError("案例文件有错误，请先改正上面列出的各处。") from None
        raise PluginError("案例文件有错误，未生成网站：\n" + report(errors.problems)) from None
    if concise:
        warnings = _generated.warnings
        print(summary(len(_generated.site.cases), warnings)
              + ("（运行 make check 查看提醒）" if warnings else ""), flush=True)
    else:
        for warning in _generated.warnings:
            log.info("提醒：%s", warning)
    if any(name.endswith("search") for name in config.plugins):  # Material's search (offline edition)
        _load_search_dictionary(search_dictionary(_generated.site), project.cache_dir)
    log.info("生成：读取 %d 个案例，生成 %d 个页面和文件（%.1f 秒）", len(_generated.site.cases),
             len(_generated.outputs), time.monotonic() - started)
    return config


def _nav_pages(nav: list) -> list[tuple[str, str]]:
    """(title, source path) of every page in the navigation of ``mkdocs.yml``."""
    pages = []
    for item in nav:
        for title, value in (item.items() if isinstance(item, dict) else []):
            if isinstance(value, str) and value.endswith(".md"):
                pages.append((title, value))
            elif isinstance(value, list):
                pages += _nav_pages(value)
    return pages


def _load_search_dictionary(dictionary: str, cache_dir: Path) -> None:
    try:
        import jieba  # Material's search segments Chinese with jieba when it is installed
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)
    cache_dir.mkdir(exist_ok=True)
    jieba.dt.tmp_dir = str(cache_dir)  # its dictionary cache, inside the project, not in /tmp
    jieba.load_userdict(io.BytesIO(dictionary.encode("utf-8")))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _generated is not None
    for output in _generated.outputs:
        if files.get_file_from_path(output.path) is not None:
            raise PluginError(f"生成的文件 {output.path} 与 docs/ 中手写的文件同名，请改名其中之一")
        if output.content is not None:
            file = File.generated(config, output.path, content=output.content)
        else:
            file = File.generated(config, output.path, abs_src_path=str(output.source))
        files.append(file)
    global _progress
    _progress = _Progress(len(files.documentation_pages()))
    return files


def _index_with_pagefind(site_dir: Path, project_root: Path) -> None:
    started = time.monotonic()
    try:
        indexed = index_site(site_dir, project_root)
    except SearchIndexError as error:
        raise PluginError(f"生成搜索索引（Pagefind）失败：\n{error}") from None
    log.info("生成：搜索索引（Pagefind %s）%d 个页面、%d 个模板，%.1f MB（%.1f 秒）", indexed.version,
             indexed.pages, indexed.records, indexed.size / 1024 / 1024, time.monotonic() - started)


_LEAD = re.compile(r"\A\s*<h1[^>]*>.*?</h1>\s*(?:<p>.*?</p>)?", re.S)


_PERMALINK = '<a class="headerlink" href='


def on_page_content(html: str, page, config, files):  # type: ignore[no-untyped-def]
    """Every page carries its type as a search filter. Of a page that lists every case
    (``search: exclude`` in its front matter) only the heading and the first paragraph are
    indexed: its name finds it, while a county's or an industry's own pages come first.

    Each heading's ¶ (a link to the section) is kept for the mouse but out of the Tab order: a
    keyboard user would otherwise meet one before every heading."""
    html = html.replace(_PERMALINK, '<a class="headerlink" tabindex="-1" href=')
    search = page.meta.get("search") or {}
    listing = isinstance(search, dict) and bool(search.get("exclude"))
    kind = f'<span hidden data-pagefind-filter="{PAGE_TYPE}:{page_type(page.file.src_uri, listing)}"></span>'
    if listing:
        lead = _LEAD.match(html)
        head, rest = (html[:lead.end()], html[lead.end():]) if lead else ("", html)
        html = f'{head}\n<div data-pagefind-ignore="all">\n{rest}\n</div>'
    return kind + "\n" + html


def on_page_context(context, page, config, nav):  # type: ignore[no-untyped-def]
    if _progress is not None:
        _progress.tick()
    return context


@event_priority(-100)  # after the search index is written
def on_post_build(config: MkDocsConfig) -> None:
    if _progress is not None:
        _progress.finish()
    site_dir = Path(config.site_dir)
    if _serving:  # a preview shows changes fast; `make site` indexes and checks every link
        log.info("生成：预览时不建搜索索引、不检查链接（make site 时进行）")
        return
    if config.extra.get("pagefind"):
        _index_with_pagefind(site_dir, Path(config.config_file_path).resolve().parent)
    broken = check_site(site_dir)
    if broken:
        raise PluginError("网站中有断开的链接：\n" + "\n".join(str(b) for b in broken))
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        log.info("生成：搜索索引（Material）%.1f KB", index.stat().st_size / 1024)
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    log.info("生成：检查了全部链接；网站共 %d 个文件，%.1f MB", len(files),
             sum(p.stat().st_size for p in files) / 1024 / 1024)
