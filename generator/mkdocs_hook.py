"""The one place MkDocs meets the generator: a hook listed in ``mkdocs.yml``, and :func:`build`.

MkDocs events in, calls into the core out. ``on_config`` runs the pipeline (so ``mkdocs serve``
regenerates on every change to ``cases/`` or ``templates/``) and feeds the case names to the
Chinese search segmenter; ``on_files`` adds the generated pages and attachments from memory,
refusing any that would hide a hand-written page, and points a generated page's edit link at its
case file; ``on_post_build`` indexes the site with Pagefind and checks every link. Nothing is
written into ``docs/``. What one run keeps between its events lives on a :class:`Hook`.

How the hook reports is a setting, ``extra.generator_output``: MkDocs' usual lines with each 提醒
(``mkdocs build``, ``mkdocs serve``), or ``concise``, the list and summary of ``python -m generator
check`` (:func:`build` sets it for ``python -m generator build`` and ``offline``).
"""

from __future__ import annotations

import gc
import io
import logging
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from generator import mkdocs_pages
from generator.build.links import check_site, site_pages
from generator.build.pipeline import Generated, Project, generate, nav_pages
from generator.build.search_index import PAGE_TYPE, SearchIndexError, index_site, page_type
from generator.build.write import keep_changed
from generator.problems import CaseErrors, SettingsErrors, print_problems, report, summary
from generator.site.render import search_dictionary
from generator.site.settings import from_config

log = logging.getLogger("mkdocs.hooks.generator")

OUTPUT = "generator_output"
"""The key under ``extra`` that says how the hook reports; :data:`CONCISE` or absent."""
CONCISE = "concise"


class Hook:
    """The generator inside one MkDocs run: what its events need from each other."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        """``mkdocs serve --dirty`` (``make serve``): only the pages whose source changed are rebuilt."""
        self.project: Project | None = None
        self.generated: Generated | None = None
        self.progress: _Progress | None = None
        self.files: Files | None = None
        self.prerender: mkdocs_pages.Prerender | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    @event_priority(100)  # before the search plugin reads its configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        started = time.monotonic()
        config_file = Path(config.config_file_path)
        self.project = project = Project(config_file.resolve().parent)
        concise = config.extra.get(OUTPUT) == CONCISE
        try:
            settings = from_config(config.extra, config.site_url, config_file)
        except SettingsErrors as errors:
            raise PluginError("mkdocs.yml 中的设置有错误，未生成网站：\n" + report(errors.problems)) from None
        gc.unfreeze()  # what the previous run of `mkdocs serve` froze can be collected again
        try:
            self.generated = generated = generate(project, settings, nav_pages(config.nav))
        except CaseErrors as errors:
            if concise:  # the same list and summary as `python -m generator check`
                print_problems(errors.problems, "错误：")
                print(errors.summary, flush=True)
                raise PluginError("案例文件有错误，请先改正上面列出的各处。") from None
            raise PluginError("案例文件有错误，未生成网站：\n" + report(errors.problems)) from None
        if concise:
            warnings = generated.warnings
            print(summary(len(generated.site.cases), warnings)
                  + ("（运行 make check 查看提醒）" if warnings else ""), flush=True)
        else:
            for warning in generated.warnings:
                log.info("提醒：%s", warning)
        if any(name.endswith("search") for name in config.plugins):  # Material's search (offline edition)
            _load_search_dictionary(search_dictionary(generated.site), project.cache_dir)
        gc.collect()
        gc.freeze()  # they live until the site is written: MkDocs' collections need not walk them
        log.info("生成：读取 %d 个案例，生成 %d 个页面和文件（%.1f 秒）", len(generated.site.cases),
                 len(generated.outputs), time.monotonic() - started)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.generated is not None and self.project is not None
        docs_dir = Path(config.docs_dir).resolve()
        for output in self.generated.outputs:
            if files.get_file_from_path(output.path) is not None:
                raise PluginError(f"生成的文件 {output.path} 与 docs/ 中手写的文件同名，请改名其中之一")
        # A dirty preview needs each generated file on disk, kept as it is while it does not change.
        on_disk = keep_changed(self.generated.outputs, self.project.cache_dir / "serve") if self.dirty else {}
        for output in self.generated.outputs:
            if output.path in on_disk:
                file = File.generated(config, output.path, abs_src_path=str(on_disk[output.path]))
            elif output.content is not None:
                file = File.generated(config, output.path, content=output.content)
            else:
                file = File.generated(config, output.path, abs_src_path=str(output.source))
            if output.origin:  # edit_uri points at docs/ in the repository; the case file is beside it
                file.edit_uri = Path(os.path.relpath(self.project.root / output.origin, docs_dir)).as_posix()
            files.append(file)
        self.progress = _Progress(len(files.documentation_pages()))
        self.files = files
        self._stop_prerender()
        in_nav = {path for _, path in nav_pages(config.nav)}  # a page of the nav keeps MkDocs' own Page
        self.prerender = mkdocs_pages.start(config, files, {  # case pages, briefs, parts of long lists
            output.path for output in self.generated.outputs
            if output.content is not None and output.path.endswith(".md") and output.path not in in_nav},
            self.dirty)
        return files

    def on_page_content(self, html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
        """Every page carries its type as a search filter. Of a page that lists every case
        (``search: exclude`` in its front matter) only the heading and the first paragraph are
        indexed: its name finds it, while a county's or an industry's own pages come first.

        Each heading's ¶ (a link to the section) is kept for the mouse but out of the Tab order: a
        keyboard user would otherwise meet one before every heading."""
        if isinstance(page, mkdocs_pages.PrerenderedPage) and page.waiting:
            return html  # a worker converts it; on_page_context fills it in and comes here again
        html = html.replace(_PERMALINK, '<a class="headerlink" tabindex="-1" href=')
        search = page.meta.get("search") or {}
        listing = isinstance(search, dict) and bool(search.get("exclude"))
        kind = page_type(page.file.src_uri, listing)
        kind = f'<span hidden data-pagefind-filter="{PAGE_TYPE}:{kind}"></span>'
        if listing:
            lead = _LEAD.match(html)
            head, rest = (html[:lead.end()], html[lead.end():]) if lead else ("", html)
            html = f'{head}\n<div data-pagefind-ignore="all">\n{rest}\n</div>'
        return kind + "\n" + html

    @event_priority(100)  # before the search plugin indexes the page's content
    def on_page_context(self, context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        if isinstance(page, mkdocs_pages.PrerenderedPage) and page.waiting:
            assert self.files is not None
            page.fill(config, self.files)  # what page.render() would have set, from a worker
            page.content = self.on_page_content(page.content or "", page, config, self.files)
        parents = page.meta.get("parents") if page.meta else None
        if parents and self.files is not None:  # the breadcrumb's (overrides/partials/path.html)
            context["parent_files"] = [file for source in parents if isinstance(source, str)
                                       and (file := self.files.get_file_from_path(source)) is not None]
        if self.progress is not None:
            self.progress.tick()
        return context

    def on_post_page(self, output: str, page: Any, config: MkDocsConfig) -> str:
        """The page is written: its HTML is not needed again (at 3,000 cases they would all be
        kept until the end, hundreds of megabytes)."""
        page.content = None
        return output

    @event_priority(-100)  # after the search index is written
    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.project is not None
        self._stop_prerender()
        if self.progress is not None:
            self.progress.finish()
        site_dir = Path(config.site_dir)
        if self.serving:  # a preview shows changes fast; `make site` indexes and checks every link
            log.info("生成：预览时不建搜索索引、不检查链接（make site 时进行）")
            return
        with ThreadPoolExecutor(1) as thread:  # the links are read while Pagefind indexes (another process)
            links = thread.submit(check_site, site_dir, site_pages(site_dir))
            if config.extra.get("pagefind"):
                _index_with_pagefind(site_dir, self.project.root)
            broken = links.result()
        if broken:
            raise PluginError("网站中有断开的链接：\n" + "\n".join(str(b) for b in broken))
        index = site_dir / "search" / "search_index.json"
        if index.exists():
            log.info("生成：搜索索引（Material）%.1f KB", index.stat().st_size / 1024)
        built = [p for p in site_dir.rglob("*") if p.is_file()]
        log.info("生成：检查了全部链接；网站共 %d 个文件，%.1f MB", len(built),
                 sum(p.stat().st_size for p in built) / 1024 / 1024)

    def on_build_error(self, error: Exception) -> None:
        self._stop_prerender()

    def _stop_prerender(self) -> None:
        if self.prerender is not None:
            self.prerender.close()
            self.prerender = None


_hook = Hook()
on_startup = _hook.on_startup
on_config = _hook.on_config
on_files = _hook.on_files
on_page_content = _hook.on_page_content
on_page_context = _hook.on_page_context
on_post_page = _hook.on_post_page
on_post_build = _hook.on_post_build
on_build_error = _hook.on_build_error


def build(config_file: Path, site_dir: Path) -> int:
    """``mkdocs build --strict`` in this process, reporting concisely: MkDocs' own INFO lines are
    left out (its warnings and errors stay), the hook reports as ``check`` does. The exit status."""
    from mkdocs.__main__ import State, _enable_warnings  # what `mkdocs build` sets up (pinned 1.6.1)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    state = State()  # type: ignore[no-untyped-call]  # MkDocs' log format, as its command line sets it
    if not sys.stdout.isatty() or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        state.stream.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))  # as MkDocs does
    state.stream.addFilter(_OnlyOurInfo())
    _enable_warnings()  # type: ignore[no-untyped-call]
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        config.extra[OUTPUT] = CONCISE
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:  # as MkDocs' command line shows it
        error.show()
        return error.exit_code
    finally:
        state.logger.removeHandler(state.stream)
    return 0


class _OnlyOurInfo(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.INFO or record.name == log.name


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


def _load_search_dictionary(dictionary: str, cache_dir: Path) -> None:
    try:
        import jieba  # Material's search segments Chinese with jieba when it is installed
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)
    cache_dir.mkdir(exist_ok=True)
    jieba.dt.tmp_dir = str(cache_dir)  # its dictionary cache, inside the project, not in /tmp
    jieba.load_userdict(io.BytesIO(dictionary.encode("utf-8")))


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
