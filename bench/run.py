"""Build our site and a plain Material baseline from N generated cases and measure both.

``python -m bench.run [--sizes 100 1000 3000] [--out bench/results]`` (``make bench``). For each N:

1. ``bench.cases`` writes N cases into a temporary copy of the project's site sources
   (``docs/``, ``templates/``, ``generator/``, ``mkdocs.yml``); ``bench.baseline`` writes the same
   cases as a plain Material project.
2. Each is built by the real command (``python -m generator build``; ``python -m mkdocs build``
   for the baseline) in a subprocess. Wall time; peak memory of the whole process tree, by polling
   ``/proc`` every 0.1 s and summing the resident set of every process in the tree, and, when
   ``/usr/bin/time`` exists, its ``%M`` (the largest single process, exact); site size (sum of file
   sizes); bytes of one case page's HTML; the search index, raw and gzip.
3. The built site is served by ``http.server`` on 127.0.0.1; headless Chromium (Playwright) opens
   the case-library page, types a query (fill, then End, as an input method does) and waits for
   the first search result. Every response the server sends from the page load until then is
   summed (raw bytes, and the gzip size of the same bodies). The same on one case page.
4. Once per run, at ``--serve-n`` cases (300): ``mkdocs serve`` on each project, edit one case
   file, and time until the served page shows the change (HTTP polling every 50 ms).

Writes ``results.json`` (every figure), ``results.md`` (the table with the ratios to the
baseline, and the goals with ✔/✘) and ``chart.svg`` (time and size against N) into ``--out``.
Every run starts from an empty results folder (:func:`start_results`): the files hold only the
figures of the run that wrote them, under its own commit and date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import pstats
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench import baseline, cases

ROOT = Path(__file__).resolve().parents[1]
SITE_SOURCES = ("docs", "templates", "overrides", "generator", "mkdocs.yml", "package.json")
TIME_BIN = "/usr/bin/time"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BUILD_TIMEOUT = 1800
SEARCH_TIMEOUT_MS = 600_000
MB = 1024 * 1024

SEARCH_UIS: tuple[tuple[str, str, str], ...] = (
    # name, the search input, one search result
    ("Material", "input.md-search__input", ".md-search-result__item"),
    ("Pagefind (docs/assets/js/search.js)", "input.sfx-search__input", ".sfx-search__hit"),
)
"""The search boxes the benchmark knows: Material's own, and the site's Pagefind box."""
SEARCH_BOX_MARKERS = (b"md-search__input", b"assets/js/search.js")
"""In a page's HTML: Material's search input, or the script that adds the Pagefind box."""

GOALS = {
    "build_s": 60.0,
    "linear": 3.3,
    "rss_mb": 1024.0,
    "page_kb": 100.0,
    "first_result_kb": 500.0,
    "search_kb": 300.0,
    "index_s": 20.0,
    "serve_s": 3.0,
}

# --- Projects ------------------------------------------------------------------------------------


def make_project(dest: Path, n: int, source: Path = ROOT, seed: int = 0) -> list[str]:
    """A copy of the site sources of ``source`` in ``dest`` with ``n`` generated cases."""
    snapshot(source, dest)
    return cases.write_cases(n, dest / "cases", seed)


def snapshot(source: Path, dest: Path) -> Path:
    """The site sources of ``source`` as they are now, so that every size builds the same code."""
    for name in SITE_SOURCES:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    modules = source / "node_modules"  # the installed search engine, linked (see make bench)
    if modules.is_dir() and not (dest / "node_modules").exists():
        (dest / "node_modules").symlink_to(modules.resolve(), target_is_directory=True)
    return dest


def _git_state(source: Path) -> str:
    try:
        commit = subprocess.run(["git", "-C", str(source), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(source), "status", "--porcelain", "--", *SITE_SOURCES],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return commit + (" + uncommitted changes" if dirty else "")


def make_baseline(cases_dir: Path, dest: Path) -> list[str]:
    return baseline.write_project(cases_dir, dest)


def build_env() -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1",
                PYTHONDONTWRITEBYTECODE="1")


def ours_command(root: Path, site: Path) -> list[str]:
    """The real build, as ``make site`` runs it."""
    return [sys.executable, "-m", "generator", "--root", str(root), "build", "--site-dir", str(site)]


def baseline_command(root: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(root / "mkdocs.yml"),
            "--site-dir", str(site)]


# --- Measuring a build -----------------------------------------------------------------------------


@dataclass
class BuildResult:
    ok: bool
    returncode: int
    wall_s: float
    peak_rss_tree_mb: float
    """Largest sum of the resident sets of every process in the tree, polled every 0.1 s."""
    max_rss_process_mb: float | None
    """``/usr/bin/time -f %M``: the largest resident set of any single process (exact)."""
    mkdocs_started_s: float | None
    """When the ``mkdocs`` child appeared: the time of the checks before MkDocs runs."""
    load_avg: float | None = None
    """The machine's highest 1-minute load average during the build: above the core count,
    other work was competing for the CPU and the time is inflated."""
    log_tail: str = ""


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    children = _children()
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def tree_rss(pid: int) -> tuple[int, list[str]]:
    """Bytes resident in ``pid`` and its descendants, and their command lines."""
    page = os.sysconf("SC_PAGE_SIZE")
    total, commands = 0, []
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/statm") as f:
                total += int(f.read().split()[1]) * page
            with open(f"/proc/{member}/cmdline", "rb") as f:
                commands.append(f.read().replace(b"\0", b" ").decode(errors="replace"))
        except (OSError, IndexError, ValueError):
            continue
    return total, commands


def run_measured(command: list[str], cwd: Path, log: Path, timeout: float = BUILD_TIMEOUT) -> BuildResult:
    """Run ``command`` and measure wall time and the peak memory of its process tree."""
    time_out = log.with_suffix(".maxrss")
    use_time = os.access(TIME_BIN, os.X_OK)
    full = [TIME_BIN, "-f", "%M", "-o", str(time_out), *command] if use_time else command
    peak = 0
    load = 0.0
    mkdocs_at: float | None = None
    done = threading.Event()
    with open(log, "wb") as out:
        started = time.monotonic()
        proc = subprocess.Popen(full, cwd=cwd, env=build_env(), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)

        def poll() -> None:
            nonlocal peak, mkdocs_at, load
            while not done.is_set():
                rss, commands = tree_rss(proc.pid)
                peak = max(peak, rss)
                load = max(load, os.getloadavg()[0])
                if mkdocs_at is None and any(" -m mkdocs " in c for c in commands[1:]):
                    mkdocs_at = time.monotonic() - started
                done.wait(0.1)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            returncode = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # the group of the process started here, and only it
            returncode = proc.wait()
        wall = time.monotonic() - started
        done.set()
        poller.join()
    max_rss = None
    if use_time and time_out.exists():
        figures = re.findall(r"^\d+$", time_out.read_text(), re.M)
        max_rss = int(figures[-1]) / 1024 if figures else None
    tail = "\n".join(log.read_text("utf-8", errors="replace").splitlines()[-30:])
    return BuildResult(returncode == 0, returncode, round(wall, 2), round(peak / MB, 1),
                       round(max_rss, 1) if max_rss else None,
                       round(mkdocs_at, 2) if mkdocs_at is not None else None, round(load, 1), tail)


# --- Measuring a site ------------------------------------------------------------------------------


def site_size(site: Path) -> tuple[int, int]:
    """Bytes on disk (sum of file sizes) and number of files."""
    total = files = 0
    for dirpath, _, names in os.walk(site):
        for name in names:
            total += os.stat(os.path.join(dirpath, name)).st_size
            files += 1
    return total, files


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def file_sizes(path: Path) -> dict[str, int]:
    if not path.is_file():
        return {"raw": 0, "gzip": 0}
    data = path.read_bytes()
    return {"raw": len(data), "gzip": gzip_size(data)}


def search_index_sizes(site: Path) -> dict[str, Any]:
    """Material's ``search/search_index.json``, or all of Pagefind's ``pagefind/`` folder."""
    material = site / "search" / "search_index.json"
    if material.is_file():
        return {"kind": "Material", "files": 1, **file_sizes(material)}
    raw = gz = files = 0
    for path in (site / "pagefind").rglob("*") if (site / "pagefind").is_dir() else []:
        if path.is_file():
            sizes = file_sizes(path)
            raw, gz, files = raw + sizes["raw"], gz + sizes["gzip"], files + 1
    return {"kind": "Pagefind" if files else "", "files": files, "raw": raw, "gzip": gz}


def pages_without_search_box(site: Path) -> tuple[int, list[str]]:
    """HTML pages, and those with neither Material's search input nor the Pagefind box's script."""
    pages, missing = 0, []
    for path in site.rglob("*.html"):
        pages += 1
        data = path.read_bytes()
        if not any(marker in data for marker in SEARCH_BOX_MARKERS):
            missing.append(path.relative_to(site).as_posix())
    return pages, sorted(missing)


@dataclass
class Served:
    path: str
    size: int
    data: bytes = field(repr=False)


class _CountingHandler(SimpleHTTPRequestHandler):
    """Serves files and records every response body it sends."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        try:
            outputfile.write(data)
        finally:
            self.server.served.append(Served(self.path, len(data), data))  # type: ignore[attr-defined]


@contextmanager
def serve_site(site: Path) -> Iterator[tuple[str, list[Served]]]:
    """Serve ``site`` on 127.0.0.1: the base URL and the list of responses sent."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_CountingHandler, directory=str(site)))
    server.daemon_threads = True
    server.served = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.served  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class SearchResult:
    page: str
    query: str
    ui: str
    found: bool
    seconds: float
    raw_bytes: int
    gzip_bytes: int
    requests: int
    largest: list[tuple[str, int]]
    error: str = ""
    search_bytes: int = 0
    """What the search itself fetched: from the moment the reader starts typing (the page loaded)."""
    search_seconds: float = 0.0
    search_requests: int = 0


def first_result(base: str, served: list[Served], page_path: str, query: str,
                 timeout_ms: int = SEARCH_TIMEOUT_MS) -> SearchResult:
    """Open ``page_path`` in a fresh browser, search ``query``; the bytes sent until a result shows."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
            page = context.new_page()
            served.clear()
            started = time.monotonic()
            error, found, ui, mark, typed = "", False, "", 0, started
            try:
                page.goto(base + page_path, wait_until="domcontentloaded", timeout=timeout_ms)
                page.wait_for_selector(", ".join(box for _, box, _ in SEARCH_UIS), state="attached",
                                       timeout=timeout_ms)
                ui, box_selector, hit = next(u for u in SEARCH_UIS if page.locator(u[1]).count())
                box = page.locator(box_selector)
                page.wait_for_load_state("load", timeout=timeout_ms)
                mark, typed = len(served), time.monotonic()
                box.fill(query, timeout=timeout_ms)
                box.press("End")
                page.locator(hit).first.wait_for(state="visible", timeout=timeout_ms)
                found = True
            except Exception as exc:  # a site without a working search box is a result, not a crash
                error = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
            seconds = time.monotonic() - started
            responses = list(served)
            searched = responses[mark:] if found else []
            search_seconds = time.monotonic() - typed if found else 0.0
        finally:
            browser.close()
    gz: dict[str, int] = {}
    for r in responses:
        if r.path not in gz:
            gz[r.path] = gzip_size(r.data)
    largest = sorted(((r.path, r.size) for r in responses), key=lambda x: -x[1])[:5]
    return SearchResult(page_path, query, ui, found, round(seconds, 2), sum(r.size for r in responses),
                        sum(gz[r.path] for r in responses), len(responses), largest, error,
                        sum(r.size for r in searched), round(search_seconds, 2), len(searched))


# --- mkdocs serve ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def measure_serve(root: Path, page_path: str, edit: Callable[[str], None], log: Path,
                  timeout: float = 600) -> dict[str, Any]:
    """``mkdocs serve`` as ``make serve`` runs it; seconds from an edit until the page shows it."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{page_path}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    marker = f"基准测试修改标记{random.randrange(10**8, 10**9)}"
    result: dict[str, Any] = {"page": page_path, "ok": False}
    with open(log, "wb") as out:
        started = time.monotonic()
        proc = subprocess.Popen(command, cwd=root, env=build_env(), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            status, body = 0, ""
            while time.monotonic() - started < timeout and proc.poll() is None:
                status, body = _get(url)
                if status == 200:
                    break
                time.sleep(0.2)
            if status != 200:
                result["error"] = "mkdocs serve did not serve the page"
                return result
            result["startup_s"] = round(time.monotonic() - started, 2)
            time.sleep(1.0)  # let the watcher settle after the first build
            edited = time.monotonic()
            edit(marker)
            while time.monotonic() - edited < timeout and proc.poll() is None:
                status, body = _get(url)
                if status == 200 and marker in body:
                    result["ok"] = True
                    result["seconds"] = round(time.monotonic() - edited, 2)
                    break
                time.sleep(0.05)
            else:
                result["error"] = "the change did not appear"
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, 2)  # SIGINT to the group started here, as Ctrl-C would
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, 9)
                    proc.wait()
    return result


def _replace_line(path: Path, prefix: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(k for k, line in enumerate(lines) if line.startswith(prefix))
    lines[index] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def serve_test(n: int, work: Path, source: Path, seed: int, logs: Path,
               with_baseline: bool) -> dict[str, Any]:
    root = work / f"serve-{n}"
    ids = make_project(root, n, source, seed)
    slug = ids[len(ids) // 2]
    result: dict[str, Any] = {"n": n, "case": slug}
    result["ours"] = measure_serve(
        root, f"/cases/{slug}/",
        lambda marker: _replace_line(root / "cases" / f"{slug}.yaml", "summary:",
                                     f"summary: {marker}，修改后的一句话经验。"),
        logs / f"serve-ours-{n}.log")
    if with_baseline:
        broot = work / f"serve-baseline-{n}"
        make_baseline(root / "cases", broot)
        result["baseline"] = measure_serve(
            broot, f"/cases/{slug}/",
            lambda marker: _replace_line(broot / "docs" / "cases" / f"{slug}.md", "> ",
                                         f"> {marker}，修改后的一句话经验。"),
            logs / f"serve-baseline-{n}.log")
    shutil.rmtree(root, ignore_errors=True)
    return result


# --- One size --------------------------------------------------------------------------------------


INDEX_LOG = re.compile(r"搜索索引（Pagefind [^）]*）.*?（([\d.]+) 秒）")
"""The hook's log line for the Pagefind index, with its wall time."""


def measure_site(kind: str, command: list[str], cwd: Path, site: Path, library_page: str, case_page: str,
                 query: str, logs: Path, n: int, more_queries: tuple[str, ...] = ()) -> dict[str, Any]:
    print(f"  [{kind}] building …", flush=True)
    build = run_measured(command, cwd, logs / f"build-{kind}-{n}.log")
    if kind == "baseline":
        build.mkdocs_started_s = None  # the baseline is MkDocs alone: nothing runs before it
    result: dict[str, Any] = {"build": asdict(build)}
    if not build.ok:
        print(f"  [{kind}] build FAILED (exit {build.returncode}):\n{build.log_tail}", flush=True)
        return result
    size, files = site_size(site)
    pages, missing = pages_without_search_box(site)
    result.update(
        site_bytes=size,
        site_files=files,
        html_pages=pages,
        pages_without_search_box=len(missing),
        pages_without_search_box_sample=missing[:5],
        case_page=case_page,
        case_page_bytes=(site / case_page.strip("/") / "index.html").stat().st_size,
        library_page=library_page,
        library_page_bytes=(site / library_page.strip("/") / "index.html").stat().st_size,
        search_index=search_index_sizes(site),
    )
    indexed = INDEX_LOG.search((logs / f"build-{kind}-{n}.log").read_text("utf-8", errors="replace"))
    if indexed:
        result["index_s"] = float(indexed.group(1))
    print(f"  [{kind}] {build.wall_s:.1f} s, {build.peak_rss_tree_mb:.0f} MB peak, "
          f"site {size / MB:.1f} MB; searching …", flush=True)
    with serve_site(site) as (base, served):
        result["search_library"] = asdict(first_result(base, served, library_page, query))
        result["search_case"] = asdict(first_result(base, served, case_page, query))
        result["search_more"] = [asdict(first_result(base, served, case_page, q)) for q in more_queries]
    for key in ("search_library", "search_case"):
        s = result[key]
        print(f"  [{kind}] first result on {s['page']}: {'found' if s['found'] else 'NOT FOUND'} "
              f"after {s['seconds']} s, {s['raw_bytes'] / 1024:.0f} KB "
              f"({s['gzip_bytes'] / 1024:.0f} KB gzip), "
              f"of which the search {s['search_bytes'] / 1024:.0f} KB in {s['search_seconds']} s"
              + (f" {s['error']}" if s["error"] else ""), flush=True)
    for s in result["search_more"]:
        print(f"  [{kind}] {s['query']}: search {s['search_bytes'] / 1024:.0f} KB, {s['search_seconds']} s"
              + ("" if s["found"] else " NOT FOUND"), flush=True)
    return result


def more_queries(cases_dir: Path, ids: list[str]) -> tuple[str, ...]:
    """Beside the main query: a county name, an enterprise name, a form's name (from the cases)."""
    import yaml

    data = yaml.safe_load((cases_dir / f"{ids[-1]}.yaml").read_text("utf-8"))
    enterprise = data["industries"][0]["top_enterprises"][0]["name"]
    return (str(data["county"]), str(enterprise), "附表1")


def measure_size(n: int, work: Path, source: Path, seed: int, query: str, logs: Path,
                 with_baseline: bool, keep: bool) -> dict[str, Any]:
    print(f"N = {n}", flush=True)
    root = work / f"ours-{n}"
    started = time.monotonic()
    ids = make_project(root, n, source, seed)
    case_page = f"/cases/{ids[0]}/"
    result: dict[str, Any] = {"n": n, "generate_cases_s": round(time.monotonic() - started, 2),
                              "cases_bytes": site_size(root / "cases")[0]}
    result["ours"] = measure_site("ours", ours_command(root, work / f"site-ours-{n}"), root,
                                  work / f"site-ours-{n}", "/cases/", case_page, query, logs, n,
                                  more_queries(root / "cases", ids))
    if not keep:
        shutil.rmtree(work / f"site-ours-{n}", ignore_errors=True)
    if with_baseline:
        broot = work / f"baseline-{n}"
        make_baseline(root / "cases", broot)
        bsite = work / f"site-baseline-{n}"
        result["baseline"] = measure_site("baseline", baseline_command(broot, bsite), broot, bsite, "/",
                                          case_page, query, logs, n)
        if not keep:
            shutil.rmtree(work / f"site-baseline-{n}", ignore_errors=True)
            shutil.rmtree(broot, ignore_errors=True)
    if not keep:
        shutil.rmtree(root, ignore_errors=True)
    return result


# --- Profile ---------------------------------------------------------------------------------------

PHASES: tuple[tuple[str, str, str, str | None], ...] = (
    # label, file suffix, function, only calls from this caller function (or None)
    ("MkDocs build() total", "mkdocs/commands/build.py", "build", None),
    ("our generator: hook on_config (load, validate, model, render templates)", "mkdocs_hook.py",
     "on_config", None),
    ("  of which load + validate (check)", "generator/build/pipeline.py", "check", None),
    ("  of which render_site (Jinja templates)", "generator/site/render.py", "render_site", None),
    ("  of which downloads (each case's 附表 as .xlsx; worker processes not profiled)",
     "generator/site/downloads.py", "files", None),
    ("  of which jieba user dictionary", "mkdocs_hook.py", "_load_search_dictionary", None),
    ("MkDocs: Markdown → HTML of every page (page.render)", "mkdocs/structure/pages.py", "render", None),
    ("MkDocs: theme template of every page (Jinja)", "jinja2/environment.py", "render", "_build_page"),
    ("Material search: index every page (on_page_context)", "material/plugins/search/plugin.py",
     "on_page_context", None),
    ("  of which jieba segmentation", "material/plugins/search/plugin.py", "_segment_chinese", None),
    ("Material search: write the index (on_post_build)", "material/plugins/search/plugin.py", "on_post_build",
     None),
    ("Pagefind index (hook on_post_build → pagefind subprocess, wall time)", "mkdocs_hook.py",
     "_index_with_pagefind", None),
    ("our link checker (hook on_post_build → check_site)", "generator/build/links.py", "check_site", None),
    ("MkDocs: write files", "mkdocs/utils/__init__.py", "write_file", None),
    ("MkDocs: copy static files (theme assets, attachments)", "mkdocs/structure/files.py", "copy_file", None),
)


def profile_phases(prof: Path) -> list[dict[str, Any]]:
    stats = pstats.Stats(str(prof)).stats  # type: ignore[attr-defined]
    rows = []
    for label, suffix, func, caller in PHASES:
        seconds = 0.0
        for (filename, _, name), (_, _, _, ct, callers) in stats.items():
            if name != func or not filename.replace("\\", "/").endswith(suffix):
                continue
            if caller is None:
                seconds += ct
            else:
                seconds += sum(v[3] for (_, _, cname), v in callers.items() if cname == caller)
        rows.append({"phase": label, "seconds": round(seconds, 2)})
    return rows


def profile_build(n: int, work: Path, source: Path, seed: int, out: Path, logs: Path) -> dict[str, Any]:
    """Our build at ``n`` cases with the MkDocs process under cProfile (slower than a normal build)."""
    print(f"profile: N = {n}", flush=True)
    root = work / f"profile-{n}"
    make_project(root, n, source, seed)
    prof = out / f"profile-{n}.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "--strict",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(work / f"site-profile-{n}")]
    env = build_env()
    started = time.monotonic()
    with open(logs / f"profile-{n}.log", "wb") as log:
        proc = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            returncode = proc.wait(timeout=BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)  # the group of the process started here, and only it
            returncode = proc.wait()
    wall = time.monotonic() - started
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(work / f"site-profile-{n}", ignore_errors=True)
    if returncode != 0 or not prof.exists():
        return {"n": n, "ok": False, "returncode": returncode}
    phases = profile_phases(prof)
    top = out / f"profile-{n}.txt"
    with open(top, "w") as f:
        stream_stats = pstats.Stats(str(prof), stream=f)
        stream_stats.sort_stats("cumulative").print_stats(60)
        stream_stats.sort_stats("tottime").print_stats(40)
    return {"n": n, "ok": True, "wall_s_under_profiler": round(wall, 1), "phases": phases,
            "prof": prof.name, "top": top.name}


# --- Report ----------------------------------------------------------------------------------------


def _get_path(data: dict[str, Any] | None, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


METRICS: tuple[tuple[str, tuple[str, ...], Callable[[float], str]], ...] = (
    ("生成用时（秒）", ("build", "wall_s"), lambda v: f"{v:.1f}"),
    ("其中 MkDocs 启动前的检查（秒）", ("build", "mkdocs_started_s"), lambda v: f"{v:.1f}"),
    ("生成期间最高系统负载（1 分钟平均）", ("build", "load_avg"), lambda v: f"{v:.1f}"),
    ("峰值内存，进程树合计（MB）", ("build", "peak_rss_tree_mb"), lambda v: f"{v:.0f}"),
    ("峰值内存，最大单个进程（MB，/usr/bin/time）", ("build", "max_rss_process_mb"), lambda v: f"{v:.0f}"),
    ("网站大小（MB）", ("site_bytes",), lambda v: f"{v / MB:.1f}"),
    ("文件数", ("site_files",), lambda v: f"{v:.0f}"),
    ("一个案例页 HTML（KB）", ("case_page_bytes",), lambda v: f"{v / 1024:.1f}"),
    ("案例库页 HTML（KB）", ("library_page_bytes",), lambda v: f"{v / 1024:.1f}"),
    ("搜索索引，全部文件（KB）", ("search_index", "raw"), lambda v: f"{v / 1024:.0f}"),
    ("搜索索引 gzip（KB）", ("search_index", "gzip"), lambda v: f"{v / 1024:.0f}"),
    ("首个搜索结果前下载，案例库页（KB）", ("search_library", "raw_bytes"), lambda v: f"{v / 1024:.0f}"),
    ("同上，gzip（KB）", ("search_library", "gzip_bytes"), lambda v: f"{v / 1024:.0f}"),
    ("首个搜索结果用时，案例库页（秒）", ("search_library", "seconds"), lambda v: f"{v:.1f}"),
    ("首个搜索结果前下载，案例页（KB）", ("search_case", "raw_bytes"), lambda v: f"{v / 1024:.0f}"),
    ("同上，gzip（KB）", ("search_case", "gzip_bytes"), lambda v: f"{v / 1024:.0f}"),
    ("首个搜索结果用时，案例页（秒）", ("search_case", "seconds"), lambda v: f"{v:.1f}"),
    ("搜索索引用时（秒）", ("index_s",), lambda v: f"{v:.1f}"),
    ("其中搜索本身下载，案例库页（KB）", ("search_library", "search_bytes"), lambda v: f"{v / 1024:.0f}"),
    ("其中搜索本身下载，案例页（KB）", ("search_case", "search_bytes"), lambda v: f"{v / 1024:.0f}"),
    ("输入到首个结果，案例页（秒）", ("search_case", "search_seconds"), lambda v: f"{v:.1f}"),
)


def _ratio(ours: Any, base: Any) -> str:
    if not isinstance(ours, (int, float)) or not isinstance(base, (int, float)) or not base:
        return "—"
    return f"{ours / base:.2f}×"


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("✔" if ok else "✘")


def goals(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for each goal of the issue, at N = 3,000 where it applies."""
    sizes = results.get("sizes", {})
    big, mid = sizes.get("3000", {}).get("ours"), sizes.get("1000", {}).get("ours")
    rows: list[tuple[str, str, bool | None]] = []

    def value(data: Any, *keys: str) -> Any:
        return _get_path(data, *keys)

    wall = value(big, "build", "wall_s")
    rows.append(("N=3,000 完整生成 ≤ 60 秒", f"{wall:.1f} 秒" if wall else "未测",
                 wall <= GOALS["build_s"] if wall else None))
    for label, keys in (("生成用时", ("build", "wall_s")), ("网站大小", ("site_bytes",))):
        a, b = value(big, *keys), value(mid, *keys)
        ratio = a / b if a and b else None
        rows.append((f"{label}线性：N=3,000 ≤ 3.3 × N=1,000", f"{ratio:.2f}×" if ratio else "未测",
                     ratio <= GOALS["linear"] if ratio else None))
    peaks = [max(filter(None, [value(s.get("ours"), "build", "peak_rss_tree_mb"),
                               value(s.get("ours"), "build", "max_rss_process_mb")]), default=0)
             for s in sizes.values()]
    peak = max(peaks, default=0)
    rows.append(("峰值内存 < 1 GB", f"{peak:.0f} MB" if peak else "未测",
                 peak < GOALS["rss_mb"] if peak else None))
    page = value(big, "case_page_bytes")
    rows.append(("N=3,000 一个案例页 ≤ 100 KB HTML", f"{page / 1024:.1f} KB" if page else "未测",
                 page <= GOALS["page_kb"] * 1024 if page else None))
    lib, case = value(big, "search_library"), value(big, "search_case")
    if lib and case:
        worst = max(lib["raw_bytes"], case["raw_bytes"])
        ok = lib["found"] and case["found"] and worst <= GOALS["first_result_kb"] * 1024
        rows.append(("N=3,000 首个搜索结果前下载 ≤ 500 KB",
                     f"案例库页 {lib['raw_bytes'] / 1024:.0f} KB，"
                     f"案例页 {case['raw_bytes'] / 1024:.0f} KB"
                     f"（未压缩；gzip {lib['gzip_bytes'] / 1024:.0f} / "
                     f"{case['gzip_bytes'] / 1024:.0f} KB）", ok))
    else:
        rows.append(("N=3,000 首个搜索结果前下载 ≤ 500 KB", "未测", None))
    if lib and case:
        searched = [lib, case, *(value(big, "search_more") or [])]
        worst = max(s.get("search_bytes", 0) for s in searched)
        ok = all(s["found"] for s in searched) and worst <= GOALS["search_kb"] * 1024
        rows.append(("N=3,000 搜索本身在首个结果前下载 ≤ 300 KB（从开始输入算起）",
                     "；".join(f"{s['query']} {s.get('search_bytes', 0) / 1024:.0f} KB" for s in searched[1:])
                     + f"（案例库页 {lib.get('search_bytes', 0) / 1024:.0f} KB）", ok))
    else:
        rows.append(("N=3,000 搜索本身在首个结果前下载 ≤ 300 KB（从开始输入算起）", "未测", None))
    index_s = value(big, "index_s")
    rows.append(("N=3,000 搜索索引 ≤ 20 秒", f"{index_s:.1f} 秒" if index_s is not None else "未测",
                 index_s <= GOALS["index_s"] if index_s is not None else None))
    missing = value(big, "pages_without_search_box")
    if big and missing is not None and lib and case:
        rows.append(("每页都有可用的搜索框", f"{big['html_pages']} 页中 {missing} 页缺搜索框；"
                     f"案例库页、案例页搜索{'有' if lib['found'] and case['found'] else '无'}结果",
                     missing == 0 and lib["found"] and case["found"]))
    serve = results.get("serve") or {}
    seconds = value(serve, "ours", "seconds")
    rows.append((f"make serve（{serve.get('n', 300)} 个案例）改一个案例后 ≤ 3 秒显示",
                 f"{seconds:.1f} 秒" if seconds is not None else ("失败" if serve.get("ours") else "未测"),
                 seconds <= GOALS["serve_s"] if seconds is not None
                 else (False if serve.get("ours") else None)))
    return rows


def report(results: dict[str, Any]) -> str:
    sizes = sorted(results.get("sizes", {}), key=int)
    meta = results.get("meta", {})
    out = ["# 性能测试结果", "",
           f"测于 {meta.get('date', '')}，{meta.get('machine', '')}；"
           f"{meta.get('versions', '')}；所测代码 {meta.get('source_git') or meta.get('source', '')}。"
           f"由 `make bench`（`python -m bench.run`）生成，查询词“{meta.get('query', '')}”。", "",
           "“本站”为 `python -m generator build`（检查案例 + `mkdocs build --strict`，含生成器、链接检查）；"
           "“基线”为同样的案例页写成普通 Markdown，放在普通 Material 网站中，每页都列在导航里，"
           "用 Material 默认搜索（`language: zh`，jieba 分词）。比值为本站 ÷ 基线。", "",
           "峰值内存：每 0.1 秒读取 `/proc`，把进程树中所有进程的常驻内存相加，取最大值；"
           "另列 `/usr/bin/time -f %M`（单个进程的最大常驻内存，精确）。"
           "首个搜索结果前下载：用 Chromium 打开页面，输入查询词，从打开页面到出现第一条结果期间"
           "本地服务器发出的全部响应正文字节数（未压缩），以及同样响应 gzip 后的大小。", ""]
    if sizes:
        header = ["指标"]
        for n in sizes:
            header += [f"N={int(n):,} 本站", "基线", "比值"]
        out += ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        for label, keys, fmt in METRICS:
            row = [label]
            for n in sizes:
                ours = _get_path(results["sizes"][n].get("ours"), *keys)
                base = _get_path(results["sizes"][n].get("baseline"), *keys)
                row += [fmt(ours) if isinstance(ours, (int, float)) else "—",
                        fmt(base) if isinstance(base, (int, float)) else "—", _ratio(ours, base)]
            out.append("| " + " | ".join(row) + " |")
        found = ["搜索有结果（案例库页 / 案例页）"]
        for n in sizes:
            for kind in ("ours", "baseline"):
                s = results["sizes"][n].get(kind) or {}
                ui = _get_path(s, "search_library", "ui") or _get_path(s, "search_index", "kind") or ""
                found.append(" / ".join("是" if _get_path(s, k, "found") else "否"
                                        for k in ("search_library", "search_case"))
                             + (f"（{ui.split(' ')[0]}）" if ui else "") if s.get("search_library") else "—")
            found.append("")
        out.append("| " + " | ".join(found) + " |")
        out.append("")
        if len(sizes) >= 2:
            out += ["扩展性（相邻两个 N 的比值；线性时等于 N 的比值）：", ""]
            out += ["| 从 | 到 | N 之比 | 本站用时之比 | 本站大小之比 | 基线用时之比 | 基线大小之比 |",
                    "| --- | --- | --- | --- | --- | --- | --- |"]
            for a, b in zip(sizes, sizes[1:], strict=False):
                ra, rb = results["sizes"][a], results["sizes"][b]
                cells = [f"{int(a):,}", f"{int(b):,}", f"{int(b) / int(a):.1f}"]
                for kind in ("ours", "baseline"):
                    for keys in (("build", "wall_s"), ("site_bytes",)):
                        va, vb = _get_path(ra.get(kind), *keys), _get_path(rb.get(kind), *keys)
                        cells.append(f"{vb / va:.2f}×" if va and vb else "—")
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    serve = results.get("serve")
    if serve:
        ours, base = serve.get("ours", {}), serve.get("baseline", {})
        out += [f"`make serve`（`mkdocs serve --livereload`，{serve['n']} 个案例）：修改一个案例文件后，"
                "到页面（HTTP 轮询，每 50 毫秒）显示修改用时：", "",
                "| | 本站 | 基线 | 比值 |", "| --- | --- | --- | --- |",
                f"| 启动到页面可访问（秒） | {ours.get('startup_s', '—')} | {base.get('startup_s', '—')} | "
                f"{_ratio(ours.get('startup_s'), base.get('startup_s'))} |",
                f"| 修改后显示（秒） | {ours.get('seconds', ours.get('error', '—'))} | "
                f"{base.get('seconds', base.get('error', '—'))} | "
                f"{_ratio(ours.get('seconds'), base.get('seconds'))} |",
                ""]
    out += ["## 目标", "", "| 目标 | 实测 | 达到 |", "| --- | --- | --- |"]
    out += [f"| {goal} | {measured} | {_mark(ok)} |" for goal, measured, ok in goals(results)]
    out.append("")
    profile = results.get("profile")
    if profile and profile.get("ok"):
        total = profile["phases"][0]["seconds"] or 1
        out += [f"## 用时构成（N={profile['n']:,}，cProfile 下的 mkdocs 进程，共 "
                f"{profile['wall_s_under_profiler']} 秒，比正常生成慢）", "",
                "| 阶段 | 秒 | 占 build() |", "| --- | --- | --- |"]
        out += [f"| {p['phase']} | {p['seconds']:.1f} | {p['seconds'] / total:.0%} |"
                for p in profile["phases"]]
        out += ["", f"明细见 `{profile['top']}`。", ""]
    out += ["![用时和网站大小随案例数的变化](chart.svg)", ""]
    return "\n".join(out)


def chart(results: dict[str, Any]) -> str:
    """Two panels, build time and site size against N, ours against the baseline; plain SVG."""
    sizes = sorted(results.get("sizes", {}), key=int)
    panels = (("生成用时（秒）", ("build", "wall_s"), 1.0), ("网站大小（MB）", ("site_bytes",), 1 / MB))
    width, height, pad = 460, 320, 60
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * 2}" height="{height + 40}" '
           f'viewBox="0 0 {width * 2} {height + 40}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width * 2}" height="{height + 40}" fill="white"/>']
    series = (("ours", "本站", "#c62828", ""), ("baseline", "基线（普通 Material）", "#546e7a", "6 4"))
    xmax = max((int(n) for n in sizes), default=1) * 1.05
    for index, (title, keys, scale) in enumerate(panels):
        x0 = index * width
        points = {kind: [(int(n), _get_path(results["sizes"][n].get(kind), *keys)) for n in sizes]
                  for kind, *_ in series}
        values = [v * scale for pts in points.values() for _, v in pts if isinstance(v, (int, float))]
        ymax = _nice(max(values, default=1) * 1.1)

        def sx(n: float, x0: int = x0) -> float:
            return x0 + pad + n / xmax * (width - pad - 20)

        def sy(v: float, ymax: float = ymax) -> float:
            return height - 40 - v / ymax * (height - 80)

        svg.append(f'<text x="{x0 + width / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>')
        svg.append(f'<line x1="{sx(0)}" y1="{sy(0)}" x2="{sx(xmax)}" y2="{sy(0)}" stroke="#333"/>')
        svg.append(f'<line x1="{sx(0)}" y1="{sy(0)}" x2="{sx(0)}" y2="{sy(ymax)}" stroke="#333"/>')
        for k in range(5):
            v = ymax * k / 4
            svg.append(f'<line x1="{sx(0)}" y1="{sy(v):.1f}" x2="{sx(xmax)}" y2="{sy(v):.1f}" '
                       'stroke="#eee"/>')
            svg.append(f'<text x="{sx(0) - 6}" y="{sy(v) + 4:.1f}" text-anchor="end">{v:g}</text>')
        for n in sizes:
            svg.append(f'<text x="{sx(int(n)):.1f}" y="{sy(0) + 16}" text-anchor="middle">{int(n):,}</text>')
        svg.append(f'<text x="{x0 + width / 2}" y="{height - 6}" text-anchor="middle">案例数 N</text>')
        for row, (kind, name, color, dash) in enumerate(series):
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            pts = [(n, v * scale) for n, v in points[kind] if isinstance(v, (int, float))]
            if pts:
                path = " ".join(f"{sx(n):.1f},{sy(v):.1f}" for n, v in pts)
                svg.append(f'<polyline points="{path}" fill="none" stroke="{color}" '
                           f'stroke-width="2"{dashes}/>')
                for n, v in pts:
                    svg.append(f'<circle cx="{sx(n):.1f}" cy="{sy(v):.1f}" r="3.5" fill="{color}"/>')
                    svg.append(f'<text x="{sx(n) - 6:.1f}" y="{sy(v) - 8:.1f}" text-anchor="end" '
                               f'fill="{color}">{v:.0f}</text>')
            ly = 40 + row * 18
            svg.append(f'<line x1="{x0 + pad + 10}" y1="{ly}" x2="{x0 + pad + 40}" y2="{ly}" '
                       f'stroke="{color}" stroke-width="2"{dashes}/>')
            svg.append(f'<text x="{x0 + pad + 46}" y="{ly + 4}">{name}</text>')
    svg.append("</svg>")
    return "\n".join(svg) + "\n"


def _nice(value: float) -> float:
    """The smallest round number (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) not below ``value``."""
    if value <= 0:
        return 1.0
    exponent = 10 ** int(f"{value:e}".split("e")[1])
    return next(m * exponent for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * exponent >= value)


def start_results(out: Path) -> Path:
    """Empty ``out`` of what an earlier run wrote (results, profiles, logs), so that the results
    folder holds only figures of the run that writes it; returns the folder for this run's logs.
    Folders of recorded runs (``first-run-…``) and the README stay."""
    out.mkdir(parents=True, exist_ok=True)
    for name in ("results.json", "results.md", "chart.svg"):
        (out / name).unlink(missing_ok=True)
    for stale in (*out.glob("profile-*.txt"), *out.glob("profile-*.prof")):
        stale.unlink()
    shutil.rmtree(out / "logs", ignore_errors=True)
    (out / "logs").mkdir()
    return out / "logs"


def write_results(results: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    (out / "results.json").write_text(text, encoding="utf-8")
    (out / "results.md").write_text(report(results), encoding="utf-8")
    (out / "chart.svg").write_text(chart(results), encoding="utf-8")


def _versions() -> str:
    from importlib.metadata import version

    names = ("mkdocs", "mkdocs-material", "jieba", "Markdown", "Jinja2", "playwright")
    return f"Python {platform.python_version()}，" + "，".join(f"{n} {version(n)}" for n in names)


def _machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo") as f:
            memory = f"，内存 {int(f.readline().split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}，{os.cpu_count()} 核{memory}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 3000], help="numbers of cases")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--query", default="新材料", help="the search query (default: 新材料)")
    parser.add_argument("--serve-n", type=int, default=300,
                        help="cases for the mkdocs serve test; 0: skip it")
    parser.add_argument("--no-baseline", action="store_true", help="measure our site only")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="also profile our build at N cases (cProfile)")
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="project folder whose docs/, templates/, generator/, mkdocs.yml are built "
                        "(default: this one)")
    parser.add_argument("--work", type=Path, default=None,
                        help="folder for the temporary projects (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument("--search-only", action="store_true",
                        help="our site only, no serve test: build once per size and measure the search")
    args = parser.parse_args(argv)
    if args.search_only:
        args.no_baseline, args.serve_n, args.profile = True, 0, None

    out = args.out.resolve()
    logs = start_results(out)
    results: dict[str, Any] = {}
    results["meta"] = {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": _machine(),
        "versions": _versions(),
        "source": str(args.source.resolve()),
        "source_git": _git_state(args.source.resolve()),
        "seed": args.seed,
        "query": args.query,
        "rss_method": "/proc polling every 0.1 s, sum over the process tree; /usr/bin/time -f %M per process"
        if os.access(TIME_BIN, os.X_OK) else "/proc polling every 0.1 s, sum over the process tree",
    }
    results.setdefault("sizes", {})
    work = Path(tempfile.mkdtemp(prefix="sfx-bench-", dir=args.work))
    try:
        source = snapshot(args.source.resolve(), work / "source")
        for n in args.sizes:
            results["sizes"][str(n)] = measure_size(n, work, source, args.seed, args.query, logs,
                                                    not args.no_baseline, args.keep)
            write_results(results, out)
        if args.serve_n:
            print(f"serve test: N = {args.serve_n}", flush=True)
            results["serve"] = serve_test(args.serve_n, work, source, args.seed, logs,
                                          not args.no_baseline)
            print(f"  ours: {results['serve']['ours']}\n  baseline: {results['serve'].get('baseline')}",
                  flush=True)
            write_results(results, out)
        if args.profile:
            results["profile"] = profile_build(args.profile, work, source, args.seed, out, logs)
            write_results(results, out)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    write_results(results, out)
    print(report(results))
    print(f"written: {out / 'results.md'}, {out / 'results.json'}, {out / 'chart.svg'}")
    ok = all(s.get("ours", {}).get("build", {}).get("ok") for s in results["sizes"].values())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
