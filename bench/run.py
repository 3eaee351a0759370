"""Build our site, the floor and a plain Material baseline from N generated cases; measure all three.

``python -m bench.run [--sizes 100 1000 3000] [--out bench/results]`` (``make bench``). For each N:

1. ``bench.cases`` writes N cases into a temporary copy of the project's site sources
   (``docs/``, ``templates/``, ``generator/``, ``mkdocs.yml``); ``bench.floor`` writes the same
   number of pages of a case's length as plain text in plain MkDocs + Material without search
   (what the stack costs at the least); ``bench.baseline`` writes the same cases as a plain
   Material project.
2. Each is built by the real command (``python -m generator build``; ``python -m mkdocs build``
   for the floor and the baseline) in a subprocess, one after the other. Wall time; peak memory
   of the whole process tree, by polling ``/proc`` every 0.1 s and summing the resident set of
   every process in the tree, and, when ``/usr/bin/time`` exists, its ``%M`` (the largest single
   process, exact); the highest 1-minute load average of the machine meanwhile; site size (sum of
   file sizes); the largest HTML page anywhere in the site and the pages listing every case; the
   search index, raw and gzip.
3. At the largest N, after the cold build: one case's summary is edited and the same build runs
   again in the same project (``.cache/`` and the site kept); its time against the cold build,
   and whether the page shows the edit.
4. The built site is served by ``http.server`` on 127.0.0.1; headless Chromium (Playwright) opens
   the case-library page, types a query (fill, then End, as an input method does) and waits for
   the first search result. Every response the server sends from the page load until then is
   summed (raw bytes, and the gzip size of the same bodies). The same on one case page.
5. Once per run, at ``--serve-n`` cases (300): ``mkdocs serve`` on each project, the time until
   the page is reachable; then one case file is edited, and the time until the served page shows
   the change (HTTP polling every 50 ms).

Writes ``results.json`` (every figure), ``results.md`` (a table per N with ours ÷ floor and
ours ÷ baseline, the growth between sizes, the incremental build, the serve test, issue #14's goals
and issue #12's search goals with ✔/✘) and ``chart.svg`` (time and size against N) into ``--out``.
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
from typing import Any, TypeGuard

from bench import baseline, cases, floor

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

GOAL_N = 3000
"""The size issue #14 sets its goals at (the largest N of a run stands in when it is smaller)."""
GOALS = {
    "floor_ratio": 3.0,  # cold build at N = 3,000 at most 3 × the floor …
    "floor_ratio_stretch": 2.0,  # … the goal beyond: 2 ×
    "linear_slack": 1.1,  # linear: between two sizes, time ratio ≤ N ratio × 1.1 (10 % for noise)
    "process_mb": 1024.0,  # the largest single process at most 1 GB …
    "process_mb_stretch": 500.0,  # … the goal beyond: 500 MB
    "page_kb": 1024.0,  # no HTML page above 1 MB at N = 3,000
    "serve_startup_s": 5.0,  # make serve, 300 cases: startup to page reachable
    "serve_edit_s": 1.5,  # … an edited case on screen …
    "serve_edit_s_stretch": 1.0,  # … the goal beyond: 1 s
    "incremental": 0.25,  # a second build after editing one case: at most 1/4 of the cold build
}
"""Issue #14's goals."""
SEARCH_GOALS = {
    "first_result_kb": 500.0,  # bytes sent from opening a page until the first search result
    "search_kb": 300.0,  # bytes the search itself fetches, from the first keystroke
    "index_s": 20.0,  # the Pagefind index
}
"""Issue #12's goals for the search, at N = 3,000: still measured, reported apart."""
LISTING_PAGES = (("案例库页", "cases/index.html"), ("典型经验页", "experiences/index.html"),
                 ("对比页", "compare/index.html"))
"""Our pages that list every case: their sizes are reported (the largest page counts for the goal)."""

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


def make_floor(cases_dir: Path, dest: Path) -> list[str]:
    return floor.write_project(cases_dir, dest)


def build_env() -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1",
                PYTHONDONTWRITEBYTECODE="1")


def ours_command(root: Path, site: Path) -> list[str]:
    """The real build, as ``make site`` runs it."""
    return [sys.executable, "-m", "generator", "--root", str(root), "build", "--site-dir", str(site)]


def mkdocs_command(root: Path, site: Path) -> list[str]:
    """Plain ``mkdocs build``: the baseline's and the floor's build."""
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


def largest_html(site: Path, top: int = 5) -> list[tuple[str, int]]:
    """The ``top`` largest HTML pages anywhere in ``site``: (path in the site, bytes), largest first."""
    pages = ((path.relative_to(site).as_posix(), path.stat().st_size) for path in site.rglob("*.html"))
    return sorted(pages, key=lambda page: (-page[1], page[0]))[:top]


def listing_pages(site: Path) -> dict[str, int]:
    """Bytes of each of :data:`LISTING_PAGES` the site has."""
    return {path: (site / path).stat().st_size for _, path in LISTING_PAGES if (site / path).is_file()}


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


OURS_SERVE_FLAGS = ("--dirty",)
"""What ``make serve`` adds to ``mkdocs serve --livereload`` (the Makefile; tests/test_bench.py checks
they agree): rebuild only the pages whose source changed."""


def measure_serve(root: Path, page_path: str, edit: Callable[[str], None], log: Path,
                  timeout: float = 600, flags: tuple[str, ...] = ()) -> dict[str, Any]:
    """``mkdocs serve`` as ``make serve`` runs it; seconds from an edit until the page shows it."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{page_path}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", *flags, "-a", f"127.0.0.1:{port}"]
    marker = f"基准测试修改标记{random.randrange(10**8, 10**9)}"
    result: dict[str, Any] = {"page": page_path, "ok": False}
    load = os.getloadavg()[0]
    with open(log, "wb") as out:
        started = time.monotonic()
        proc = subprocess.Popen(command, cwd=root, env=build_env(), stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            status, body = 0, ""
            while time.monotonic() - started < timeout and proc.poll() is None:
                status, body = _get(url)
                load = max(load, os.getloadavg()[0])
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
                load = max(load, os.getloadavg()[0])
                if status == 200 and marker in body:
                    result["ok"] = True
                    result["seconds"] = round(time.monotonic() - edited, 2)
                    break
                time.sleep(0.05)
            else:
                result["error"] = "the change did not appear"
        finally:
            result["load_avg"] = round(load, 1)
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
               with_baseline: bool, with_floor: bool = True) -> dict[str, Any]:
    """``make serve`` at ``n`` cases: ours, and the floor and the baseline from the same cases."""
    root = work / f"serve-{n}"
    ids = make_project(root, n, source, seed)
    slug = ids[len(ids) // 2]
    result: dict[str, Any] = {"n": n, "case": slug}
    result["ours"] = measure_serve(
        root, f"/cases/{slug}/",
        lambda marker: _replace_line(root / "cases" / f"{slug}.yaml", "summary:",
                                     f"summary: {marker}，修改后的一句话经验。"),
        logs / f"serve-ours-{n}.log", flags=OURS_SERVE_FLAGS)
    if with_floor:
        froot = work / f"serve-floor-{n}"
        make_floor(root / "cases", froot)
        result["floor"] = measure_serve(
            froot, f"/cases/{slug}/",
            lambda marker: _replace_line(froot / "docs" / "cases" / f"{slug}.md", "# ", f"# {marker}"),
            logs / f"serve-floor-{n}.log")
        shutil.rmtree(froot, ignore_errors=True)
    if with_baseline:
        broot = work / f"serve-baseline-{n}"
        make_baseline(root / "cases", broot)
        result["baseline"] = measure_serve(
            broot, f"/cases/{slug}/",
            lambda marker: _replace_line(broot / "docs" / "cases" / f"{slug}.md", "> ",
                                         f"> {marker}，修改后的一句话经验。"),
            logs / f"serve-baseline-{n}.log")
        shutil.rmtree(broot, ignore_errors=True)
    shutil.rmtree(root, ignore_errors=True)
    return result


# --- One size --------------------------------------------------------------------------------------


INDEX_LOG = re.compile(r"搜索索引（Pagefind [^）]*）.*?（([\d.]+) 秒）")
"""The hook's log line for the Pagefind index, with its wall time."""


def measure_site(kind: str, command: list[str], cwd: Path, site: Path, library_page: str | None,
                 case_page: str, query: str, logs: Path, n: int, more_queries: tuple[str, ...] = (),
                 search: bool = True) -> dict[str, Any]:
    """Build with ``command`` and measure the build and the site; with ``search``, also the first
    search result in Chromium on ``library_page`` and ``case_page``."""
    print(f"  [{kind}] building …", flush=True)
    build = run_measured(command, cwd, logs / f"build-{kind}-{n}.log")
    if kind != "ours":
        build.mkdocs_started_s = None  # MkDocs alone: nothing runs before it
    result: dict[str, Any] = {"build": asdict(build)}
    if not build.ok:
        print(f"  [{kind}] build FAILED (exit {build.returncode}):\n{build.log_tail}", flush=True)
        return result
    size, files = site_size(site)
    largest = largest_html(site)
    result.update(
        site_bytes=size,
        site_files=files,
        html_pages=sum(1 for _ in site.rglob("*.html")),
        largest_html={"path": largest[0][0], "bytes": largest[0][1]} if largest else None,
        largest_html_top=largest,
        pages=listing_pages(site),
        case_page=case_page,
        case_page_bytes=(site / case_page.strip("/") / "index.html").stat().st_size,
    )
    if library_page is not None:
        result.update(library_page=library_page,
                      library_page_bytes=(site / library_page.strip("/") / "index.html").stat().st_size)
    print(f"  [{kind}] {build.wall_s:.1f} s, {build.max_rss_process_mb or build.peak_rss_tree_mb:.0f} MB "
          f"peak, load {build.load_avg}, site {size / MB:.1f} MB, largest page "
          f"{largest[0][0] if largest else '—'} {largest[0][1] / 1024 if largest else 0:.0f} KB", flush=True)
    if not search:
        return result
    _, missing = pages_without_search_box(site)
    result.update(pages_without_search_box=len(missing), pages_without_search_box_sample=missing[:5],
                  search_index=search_index_sizes(site))
    indexed = INDEX_LOG.search((logs / f"build-{kind}-{n}.log").read_text("utf-8", errors="replace"))
    if indexed:
        result["index_s"] = float(indexed.group(1))
    print(f"  [{kind}] searching …", flush=True)
    with serve_site(site) as (base, served):
        result["search_library"] = asdict(first_result(base, served, library_page or "/", query))
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


def incremental_build(root: Path, site: Path, slug: str, cold: dict[str, Any], logs: Path,
                      n: int) -> dict[str, Any]:
    """After the cold build: edit the summary of case ``slug`` and run the same build again in the
    same project (its ``.cache/`` kept) into the same site folder; whether the page shows the edit."""
    marker = f"基准测试再次生成标记{random.randrange(10**8, 10**9)}"
    _replace_line(root / "cases" / f"{slug}.yaml", "summary:", f"summary: {marker}，修改后的一句话经验。")
    print(f"  [ours] incremental build after editing cases/{slug}.yaml …", flush=True)
    build = run_measured(ours_command(root, site), root, logs / f"build-incremental-{n}.log")
    page = site / "cases" / slug / "index.html"
    seen = build.ok and page.is_file() and marker in page.read_text("utf-8", errors="replace")
    cold_s = _get_path(cold, "build", "wall_s")
    result = {"n": n, "case": slug, "build": asdict(build), "change_seen": seen, "cold_s": cold_s,
              "ratio_to_cold": round(build.wall_s / cold_s, 3) if cold_s else None}
    print(f"  [ours] incremental: {build.wall_s:.1f} s ({result['ratio_to_cold']} of the cold build), "
          f"load {build.load_avg}, change {'on the page' if seen else 'NOT on the page'}", flush=True)
    return result


def more_queries(cases_dir: Path, ids: list[str]) -> tuple[str, ...]:
    """Beside the main query: a county name, an enterprise name, a form's name (from the cases)."""
    import yaml

    data = yaml.safe_load((cases_dir / f"{ids[-1]}.yaml").read_text("utf-8"))
    enterprise = data["industries"][0]["top_enterprises"][0]["name"]
    return (str(data["county"]), str(enterprise), "附表1")


def measure_size(n: int, work: Path, source: Path, seed: int, query: str, logs: Path,
                 with_baseline: bool, keep: bool, with_floor: bool = True, search: bool = True,
                 incremental: bool = False) -> dict[str, Any]:
    """Our site, the floor and the baseline from the same ``n`` cases, one after the other; with
    ``incremental``, also a second build of ours after editing one case."""
    print(f"N = {n}", flush=True)
    root = work / f"ours-{n}"
    started = time.monotonic()
    ids = make_project(root, n, source, seed)
    case_page = f"/cases/{ids[0]}/"
    result: dict[str, Any] = {"n": n, "generate_cases_s": round(time.monotonic() - started, 2),
                              "cases_bytes": site_size(root / "cases")[0]}
    others = [(kind, work / f"{kind}-{n}", work / f"site-{kind}-{n}")
              for kind, wanted in (("floor", with_floor), ("baseline", with_baseline)) if wanted]
    for kind, kroot, _ in others:  # from the cases as generated, before the incremental build edits one
        (make_floor if kind == "floor" else make_baseline)(root / "cases", kroot)
    site = work / f"site-ours-{n}"
    result["ours"] = measure_site("ours", ours_command(root, site), root, site, "/cases/", case_page, query,
                                  logs, n, more_queries(root / "cases", ids), search)
    if incremental and _get_path(result["ours"], "build", "ok"):
        result["incremental"] = incremental_build(root, site, ids[len(ids) // 2], result["ours"], logs, n)
    if not keep:
        shutil.rmtree(site, ignore_errors=True)
    for kind, kroot, ksite in others:
        result[kind] = measure_site(kind, mkdocs_command(kroot, ksite), kroot, ksite,
                                    "/" if kind == "baseline" else None, case_page, query, logs, n,
                                    search=search and kind == "baseline")
        if not keep:
            shutil.rmtree(ksite, ignore_errors=True)
            shutil.rmtree(kroot, ignore_errors=True)
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


def _num(value: Any) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _s(v: float) -> str:
    return f"{v:.1f}"


def _mb(v: float) -> str:
    return f"{v:.0f}"


def _kb(v: float) -> str:
    return f"{v / 1024:.1f}"


def _kb0(v: float) -> str:
    return f"{v / 1024:.0f}"


@dataclass(frozen=True)
class Metric:
    label: str
    keys: tuple[str, ...]
    fmt: Callable[[float], str]
    detail: tuple[str, ...] = ()
    """Keys of a text shown beside the value (the path of the largest page)."""
    ratio: bool = True
    """False for figures whose ratio means nothing (the system load)."""


METRICS: tuple[Metric, ...] = (
    Metric("生成用时（秒）", ("build", "wall_s"), _s),
    Metric("其中 MkDocs 启动前的检查（秒）", ("build", "mkdocs_started_s"), _s),
    Metric("生成期间最高系统负载（1 分钟平均）", ("build", "load_avg"), _s, ratio=False),
    Metric("峰值内存，最大单个进程（MB，/usr/bin/time）", ("build", "max_rss_process_mb"), _mb),
    Metric("峰值内存，进程树合计（MB）", ("build", "peak_rss_tree_mb"), _mb),
    Metric("网站大小（MB）", ("site_bytes",), lambda v: f"{v / MB:.1f}"),
    Metric("文件数", ("site_files",), lambda v: f"{v:.0f}"),
    Metric("HTML 页数", ("html_pages",), lambda v: f"{v:.0f}"),
    Metric("最大 HTML 页（KB）", ("largest_html", "bytes"), _kb, ("largest_html", "path")),
    Metric("一个案例页 HTML（KB）", ("case_page_bytes",), _kb),
    Metric("案例库页 HTML（KB）", ("library_page_bytes",), _kb),
    *(Metric(f"{label} HTML（KB，{path}）", ("pages", path), _kb) for label, path in LISTING_PAGES[1:]),
    Metric("搜索索引，全部文件（KB）", ("search_index", "raw"), _kb0),
    Metric("搜索索引 gzip（KB）", ("search_index", "gzip"), _kb0),
    Metric("搜索索引用时（秒）", ("index_s",), _s),
    Metric("首个搜索结果前下载，案例库页（KB）", ("search_library", "raw_bytes"), _kb0),
    Metric("同上，gzip（KB）", ("search_library", "gzip_bytes"), _kb0),
    Metric("首个搜索结果用时，案例库页（秒）", ("search_library", "seconds"), _s),
    Metric("首个搜索结果前下载，案例页（KB）", ("search_case", "raw_bytes"), _kb0),
    Metric("同上，gzip（KB）", ("search_case", "gzip_bytes"), _kb0),
    Metric("首个搜索结果用时，案例页（秒）", ("search_case", "seconds"), _s),
    Metric("其中搜索本身下载，案例库页（KB）", ("search_library", "search_bytes"), _kb0),
    Metric("其中搜索本身下载，案例页（KB）", ("search_case", "search_bytes"), _kb0),
    Metric("输入到首个结果，案例页（秒）", ("search_case", "search_seconds"), _s),
)
PROCESS_PEAK = next(m for m in METRICS if m.keys == ("build", "max_rss_process_mb"))
KINDS = (("ours", "本站"), ("floor", "下限"), ("baseline", "基线"))


def ratio(ours: Any, other: Any) -> str:
    """``ours ÷ other`` as ``2.50×``; ``—`` when either is missing or ``other`` is zero."""
    if not _num(ours) or not _num(other) or not other:
        return "—"
    return f"{ours / other:.2f}×"


def _mark(ok: bool | None) -> str:
    return "—" if ok is None else ("✔" if ok else "✘")


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_row(header), "|" + " --- |" * len(header), *(_row(r) for r in rows), ""]


def _ordered(results: dict[str, Any]) -> list[str]:
    return sorted(results.get("sizes", {}), key=int)


def goal_size(results: dict[str, Any]) -> str | None:
    """The size the goals are read at: N = 3,000 when measured, else the largest N of the run."""
    sizes = _ordered(results)
    return str(GOAL_N) if str(GOAL_N) in sizes else (sizes[-1] if sizes else None)


def _at(n: str | None) -> str:
    """Said before a figure measured at another size than the goal's."""
    return "" if n is None or int(n) == GOAL_N else f"N={int(n):,}（目标指 N={GOAL_N:,}）："


def growth(results: dict[str, Any], kind: str = "ours",
           keys: tuple[str, ...] = ("build", "wall_s")) -> list[tuple[int, int, float, float | None]]:
    """Between consecutive sizes: (N, next N, N ratio, ratio of the figure or None)."""
    sizes = _ordered(results)
    rows = []
    for a, b in zip(sizes, sizes[1:], strict=False):
        va = _get_path(results["sizes"][a].get(kind), *keys)
        vb = _get_path(results["sizes"][b].get(kind), *keys)
        rows.append((int(a), int(b), int(b) / int(a), vb / va if _num(va) and _num(vb) and va else None))
    return rows


def _size_label(mb: float) -> str:
    """``1 GB`` for 1024 MB, ``500 MB`` for 500."""
    return f"{mb / 1024:g} GB" if mb >= 1024 else f"{mb:g} MB"


def goals(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for each goal of issue #14."""
    sizes = results.get("sizes", {})
    key = goal_size(results)
    big = sizes.get(key, {}) if key else {}
    at = _at(key)
    rows: list[tuple[str, str, bool | None]] = []

    wall = _get_path(big, "ours", "build", "wall_s")
    floor_wall = _get_path(big, "floor", "build", "wall_s")
    times = wall / floor_wall if _num(wall) and _num(floor_wall) and floor_wall else None
    for limit, prefix in ((GOALS["floor_ratio"], ""), (GOALS["floor_ratio_stretch"], "更高目标：")):
        rows.append((f"{prefix}N={GOAL_N:,} 完整生成 ≤ {limit:g} × 下限",
                     f"{at}{wall:.1f} 秒 = {times:.2f} × 下限（{floor_wall:.1f} 秒）" if times else "未测",
                     times <= limit if times else None))

    pairs = growth(results)
    measured = [(a, b, rn, rt) for a, b, rn, rt in pairs if rt is not None]
    rows.append((f"生成用时线性增长（相邻两个 N：用时之比 ≤ N 之比 × {GOALS['linear_slack']:g}）",
                 "；".join(f"{a:,}→{b:,}：{rt:.2f}×（N {rn:.1f}×）" for a, b, rn, rt in measured)
                 or "未测（至少要两个 N）",
                 all(rt <= rn * GOALS["linear_slack"] for _, _, rn, rt in measured) if measured else None))

    peaks: list[tuple[float, str]] = []
    exact = any(_num(_get_path(s, "ours", "build", "max_rss_process_mb")) for s in sizes.values())
    which = "max_rss_process_mb" if exact else "peak_rss_tree_mb"
    for n, s in sizes.items():
        for name, build in (("完整生成", _get_path(s, "ours", "build")),
                            ("再次生成", _get_path(s, "incremental", "build"))):
            value = _get_path(build, which)
            if _num(value):
                peaks.append((value, f"N={int(n):,} {name}"))
    peak = max(peaks, default=None)
    how = "" if exact else "（无 /usr/bin/time：按进程树合计，偏高）"
    for limit, prefix in ((GOALS["process_mb"], ""), (GOALS["process_mb_stretch"], "更高目标：")):
        rows.append((f"{prefix}最大单个进程峰值内存 ≤ {_size_label(limit)}",
                     f"{peak[0]:.0f} MB（{peak[1]}）{how}" if peak else "未测",
                     peak[0] <= limit if peak else None))

    largest = _get_path(big, "ours", "largest_html")
    listed = _get_path(big, "ours", "pages") or {}
    names = dict((path, label) for label, path in LISTING_PAGES)
    page_limit = f"{_size_label(GOALS['page_kb'] / 1024)}（{GOALS['page_kb']:g} KB）"
    rows.append((f"N={GOAL_N:,} 没有超过 {page_limit}的 HTML 页",
                 f"{at}最大 {largest['path']} {largest['bytes'] / 1024:.0f} KB；"
                 + "，".join(f"{names[p]} {b / 1024:.0f} KB" for p, b in listed.items())
                 if largest else "未测",
                 largest["bytes"] <= GOALS["page_kb"] * 1024 if largest else None))

    serve = results.get("serve") or {}
    ours = serve.get("ours") or {}
    serve_at = "" if not serve or serve.get("n") == 300 else f"{serve['n']} 个案例（目标指 300 个）："
    failed = "失败" if ours else "未测"
    startup: float | None = ours.get("startup_s")
    edit: float | None = ours.get("seconds")
    rows.append((f"make serve（300 个案例）启动到页面可访问 ≤ {GOALS['serve_startup_s']:g} 秒",
                 f"{serve_at}{startup:.1f} 秒" if _num(startup) else failed,
                 startup <= GOALS["serve_startup_s"] if _num(startup) else (False if ours else None)))
    for limit, prefix in ((GOALS["serve_edit_s"], ""), (GOALS["serve_edit_s_stretch"], "更高目标：")):
        rows.append((f"{prefix}make serve（300 个案例）改一个案例后 ≤ {limit:g} 秒显示",
                     f"{serve_at}{edit:.2f} 秒" if _num(edit) else (ours.get("error") or failed),
                     edit <= limit if _num(edit) else (False if ours else None)))

    again = big.get("incremental") or {}
    again_s, cold_s = _get_path(again, "build", "wall_s"), again.get("cold_s")
    share = again_s / cold_s if _num(again_s) and _num(cold_s) and cold_s else None
    ok = again.get("change_seen") and _get_path(again, "build", "ok")
    rows.append((f"N={GOAL_N:,} 改一个案例后再次生成 ≤ 1/4 完整生成（同一项目，保留 .cache/）",
                 (f"{at}{again_s:.1f} 秒 = {share:.2f} × 完整生成（{cold_s:.1f} 秒）"
                  + ("" if again.get("change_seen") else "；改动没有出现在页面上")) if share is not None
                 else ("失败" if again else "未测"),
                 bool(ok) and share <= GOALS["incremental"] if share is not None
                 else (False if again else None)))
    return rows


def search_goals(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for issue #12's search goals, at N = 3,000."""
    key = goal_size(results)
    big = results.get("sizes", {}).get(key, {}).get("ours") if key else None
    at = _at(key)
    rows: list[tuple[str, str, bool | None]] = []
    lib, case = _get_path(big, "search_library"), _get_path(big, "search_case")
    label = f"N={GOAL_N:,} 首个搜索结果前下载 ≤ {SEARCH_GOALS['first_result_kb']:g} KB（从打开页面算起）"
    typed = f"N={GOAL_N:,} 搜索本身在首个结果前下载 ≤ {SEARCH_GOALS['search_kb']:g} KB（从开始输入算起）"
    if lib and case:
        worst = max(lib["raw_bytes"], case["raw_bytes"])
        rows.append((label, f"{at}案例库页 {lib['raw_bytes'] / 1024:.0f} KB，"
                     f"案例页 {case['raw_bytes'] / 1024:.0f} KB（未压缩；"
                     f"gzip {lib['gzip_bytes'] / 1024:.0f} / {case['gzip_bytes'] / 1024:.0f} KB）",
                     lib["found"] and case["found"] and worst <= SEARCH_GOALS["first_result_kb"] * 1024))
        searched = [lib, case, *(_get_path(big, "search_more") or [])]
        worst = max(s.get("search_bytes", 0) for s in searched)
        rows.append((typed, at + "；".join(f"{s['query']} {s.get('search_bytes', 0) / 1024:.0f} KB"
                                          for s in searched[1:])
                     + f"（案例库页 {lib.get('search_bytes', 0) / 1024:.0f} KB）",
                     all(s["found"] for s in searched) and worst <= SEARCH_GOALS["search_kb"] * 1024))
    else:
        rows.append((label, "未测", None))
        rows.append((typed, "未测", None))
    index_s = _get_path(big, "index_s")
    rows.append((f"N={GOAL_N:,} 搜索索引 ≤ {SEARCH_GOALS['index_s']:g} 秒",
                 f"{at}{index_s:.1f} 秒" if _num(index_s) else "未测",
                 index_s <= SEARCH_GOALS["index_s"] if _num(index_s) else None))
    missing = _get_path(big, "pages_without_search_box")
    if big and missing is not None and lib and case:
        rows.append(("每页都有可用的搜索框", f"{at}{big['html_pages']} 页中 {missing} 页缺搜索框；"
                     f"案例库页、案例页搜索{'有' if lib['found'] and case['found'] else '无'}结果",
                     missing == 0 and lib["found"] and case["found"]))
    else:
        rows.append(("每页都有可用的搜索框", "未测", None))
    return rows


def _cell(data: Any, metric: Metric) -> str:
    value = _get_path(data, *metric.keys)
    if not _num(value):
        return "—"
    detail = _get_path(data, *metric.detail) if metric.detail else None
    return metric.fmt(value) + (f"（{detail}）" if detail else "")


def size_table(size: dict[str, Any]) -> list[str]:
    """One size: every figure of ours, the floor and the baseline, and ours ÷ each."""
    rows = []
    for metric in METRICS:
        values = {kind: _get_path(size.get(kind), *metric.keys) for kind, _ in KINDS}
        if not any(_num(v) for v in values.values()):
            continue
        rows.append([metric.label, _cell(size.get("ours"), metric), _cell(size.get("floor"), metric),
                     ratio(values["ours"], values["floor"]) if metric.ratio else "",
                     _cell(size.get("baseline"), metric),
                     ratio(values["ours"], values["baseline"]) if metric.ratio else ""])
    found = []
    for kind in ("ours", "baseline"):
        s = size.get(kind) or {}
        ui = _get_path(s, "search_library", "ui") or _get_path(s, "search_index", "kind") or ""
        found.append(" / ".join("是" if _get_path(s, k, "found") else "否"
                                for k in ("search_library", "search_case"))
                     + (f"（{ui.split(' ')[0]}）" if ui else "") if s.get("search_library") else "—")
    if found != ["—", "—"]:
        rows.append(["搜索有结果（案例库页 / 案例页）", found[0], "—（无搜索）", "", found[1], ""])
    return _table(["指标", "本站", "下限", "本站 ÷ 下限", "基线", "本站 ÷ 基线"], rows)


def report(results: dict[str, Any]) -> str:
    sizes = _ordered(results)
    meta = results.get("meta", {})
    cores = meta.get("cores") or os.cpu_count() or 1
    out = ["# 性能测试结果", "",
           f"测于 {meta.get('date', '')}，{meta.get('machine', '')}；"
           f"{meta.get('versions', '')}；所测代码 {meta.get('source_git') or meta.get('source', '')}。"
           f"由 `make bench`（`python -m bench.run`）生成，查询词“{meta.get('query', '')}”。"
           f"开始时系统负载（1 分钟平均）{meta.get('load_at_start', '—')}。"
           "本文件中的数字全部来自这一次运行。", "",
           "三种网站用同一批案例、在同一次运行中依次生成：", "",
           "- **本站**：`python -m generator build`（检查案例 + `mkdocs build --strict`，含生成器、下载文件、"
           "Pagefind 搜索索引、链接检查），即 `make site`；",
           "- **下限**：普通 MkDocs + Material，每个案例一页约 2,500 个汉字的纯文字"
           "（取自该案例的一句话经验和典型经验，重复到这一长度），导航只有首页，"
           "不用任何插件（无搜索），`font: false`（`bench/floor.py`）："
           "这套工具生成同样多的页面至少要花的时间；",
           "- **基线**：同样的案例页写成普通 Markdown，放在普通 Material 网站中，每页都列在导航里，"
           "用 Material 默认搜索（`language: zh`，jieba 分词）（`bench/baseline.py`）。", "",
           "比值为本站 ÷ 下限、本站 ÷ 基线。"
           "峰值内存：`/usr/bin/time -f %M` 给出最大单个进程的常驻内存（精确）；"
           "另每 0.1 秒读取 `/proc`，把进程树中所有进程的常驻内存相加，取最大值。系统负载为每次生成期间 "
           f"1 分钟平均负载的最高值：高于核数（{cores}）时有其他工作在争用 CPU，用时偏高。"
           "首个搜索结果前下载：用 Chromium 打开页面，输入查询词，从打开页面到出现第一条结果期间"
           "本地服务器发出的全部响应正文字节数（未压缩），以及同样响应 gzip 后的大小。", ""]
    loads = [(f"N={int(n):,} {name}", load) for n in sizes for kind, name in KINDS
             if _num(load := _get_path(results["sizes"][n].get(kind), "build", "load_avg")) and load > cores]
    if loads:
        out += ["**注意**：以下生成期间系统负载高于核数，用时偏高："
                + "，".join(f"{w} {v:.1f}" for w, v in loads) + "。", ""]
    for n in sizes:
        size = results["sizes"][n]
        out += [f"## N = {int(n):,}", ""] + size_table(size)
    if len(sizes) >= 2:
        out += ["## 增长", "", "相邻两个 N 的比值；线性增长时用时之比等于 N 之比。", ""]
        rows = []
        series = [(kind, ("build", "wall_s")) for kind, _ in KINDS] + [
            ("ours", ("build", "max_rss_process_mb")), ("ours", ("site_bytes",))]
        columns = [growth(results, kind, keys) for kind, keys in series]
        for k, (a, b, rn, _) in enumerate(columns[0]):
            rows.append([f"{a:,}", f"{b:,}", f"{rn:.1f}×"]
                        + [f"{col[k][3]:.2f}×" if col[k][3] is not None else "—" for col in columns])
        out += _table(["从", "到", "N 之比", "本站用时之比", "下限用时之比", "基线用时之比",
                       "本站最大进程内存之比", "本站网站大小之比"], rows)
    for n in sizes:
        again = results["sizes"][n].get("incremental")
        if not again:
            continue
        size = results["sizes"][n]
        wall = _get_path(again, "build", "wall_s")
        out += [f"## 改一个案例后再次生成（N = {int(n):,}）", "",
                f"完整生成之后，在同一项目中（保留 `.cache/` 和 `site/`）把 `cases/{again['case']}.yaml` 的"
                "一句话经验改一句，再运行同一条生成命令。", ""]
        out += _table(["", "秒", "最高系统负载", "最大单个进程（MB）", "÷ 本站完整生成", "÷ 下限", "÷ 基线",
                       "页面已显示修改"],
                      [["再次生成", f"{wall:.1f}" if _num(wall) else "失败",
                        str(_get_path(again, "build", "load_avg") or "—"),
                        _cell(again, PROCESS_PEAK),
                        ratio(wall, again.get("cold_s")),
                        ratio(wall, _get_path(size, "floor", "build", "wall_s")),
                        ratio(wall, _get_path(size, "baseline", "build", "wall_s")),
                        "是" if again.get("change_seen") else "否"]])
    serve = results.get("serve")
    if serve:
        out += [f"## make serve（{serve['n']} 个案例）", "",
                "`mkdocs serve --livereload`：从启动到页面可访问，以及修改一个案例文件后到页面显示修改"
                "（HTTP 轮询，每 50 毫秒）的用时。", ""]
        kinds = {kind: serve.get(kind) or {} for kind, _ in KINDS}
        rows = []
        for label, key in (("启动到页面可访问（秒）", "startup_s"), ("修改后显示（秒）", "seconds")):
            values = {kind: kinds[kind].get(key) for kind in kinds}
            cells = [f"{v:.2f}" if _num(v) else (kinds[kind].get("error", "—") if kinds[kind] else "—")
                     for kind, v in values.items()]
            rows.append([label, cells[0], cells[1], ratio(values["ours"], values["floor"]),
                         cells[2], ratio(values["ours"], values["baseline"])])
        rows.append(["期间最高系统负载（1 分钟平均）",
                     *(str(kinds[kind].get("load_avg", "—")) for kind in ("ours", "floor")), "",
                     str(kinds["baseline"].get("load_avg", "—")), ""])
        out += _table(["", "本站", "下限", "本站 ÷ 下限", "基线", "本站 ÷ 基线"], rows)
    out += ["## 目标（#14）", ""]
    out += _table(["目标", "实测", "达到"], [[g, m, _mark(ok)] for g, m, ok in goals(results)])
    out += ["## 搜索（#12 的目标，仍在测量）", ""]
    out += _table(["目标", "实测", "达到"], [[g, m, _mark(ok)] for g, m, ok in search_goals(results)])
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
    """Two panels, build time and site size against N: ours, the floor and the baseline; plain SVG."""
    sizes = sorted(results.get("sizes", {}), key=int)
    panels = (("生成用时（秒）", ("build", "wall_s"), 1.0), ("网站大小（MB）", ("site_bytes",), 1 / MB))
    width, height, pad = 460, 320, 60
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width * 2}" height="{height + 40}" '
           f'viewBox="0 0 {width * 2} {height + 40}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width * 2}" height="{height + 40}" fill="white"/>']
    series = (("ours", "本站", "#c62828", ""),
              ("floor", "下限（MkDocs + Material，无搜索）", "#2e7d32", "2 3"),
              ("baseline", "基线（普通 Material）", "#546e7a", "6 4"))
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
    return float(next(m * exponent for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * exponent >= value))


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
    parser.add_argument("--no-baseline", action="store_true", help="no plain-Material baseline")
    parser.add_argument("--no-floor", action="store_true",
                        help="no floor (plain MkDocs + Material, no search): "
                        "the #14 goals are then not measured")
    parser.add_argument("--no-search", action="store_true",
                        help="no search measurements in Chromium (the #12 goals are then not measured)")
    parser.add_argument("--no-incremental", action="store_true",
                        help="no second build after editing one case at the largest N")
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
        args.no_baseline, args.no_floor, args.no_incremental = True, True, True
        args.serve_n, args.profile = 0, None

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
        "cores": os.cpu_count(),
        "load_at_start": round(os.getloadavg()[0], 1),
        "argv": sys.argv[1:] if argv is None else argv,
        "rss_method": "/proc polling every 0.1 s, sum over the process tree; /usr/bin/time -f %M per process"
        if os.access(TIME_BIN, os.X_OK) else "/proc polling every 0.1 s, sum over the process tree",
    }
    results.setdefault("sizes", {})
    work = Path(tempfile.mkdtemp(prefix="sfx-bench-", dir=args.work))
    try:
        source = snapshot(args.source.resolve(), work / "source")
        for n in args.sizes:
            results["sizes"][str(n)] = measure_size(
                n, work, source, args.seed, args.query, logs, not args.no_baseline, args.keep,
                with_floor=not args.no_floor, search=not args.no_search,
                incremental=not args.no_incremental and n == max(args.sizes))
            write_results(results, out)
        if args.serve_n:
            print(f"serve test: N = {args.serve_n}", flush=True)
            results["serve"] = serve_test(args.serve_n, work, source, args.seed, logs,
                                          not args.no_baseline, not args.no_floor)
            for kind, _ in KINDS:
                if kind in results["serve"]:
                    print(f"  {kind}: {results['serve'][kind]}", flush=True)
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
    ok = all(_get_path(s, kind, "build", "ok") for s in results["sizes"].values()
             for kind, _ in KINDS if kind in s)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
