"""Browser tests: the built site in Debian's Chromium, driven by Playwright from PyPI.

The site is built once per session and served by a threaded ``http.server`` on 127.0.0.1
twice: at the root of one port, and under ``/zt/sfx/`` of another (a 专栏 of an existing
portal; that server answers 404 outside the prefix, so an absolute URL cannot pass
unnoticed). The offline edition is built once and opened from ``file://``.

Every page a test opens is watched: a request to any other host is blocked and fails the
test, and so does a request to the site that answers 4xx/5xx, a request that fails, or an
uncaught script error. Screenshots, PDFs, axe results and page weights go to
``test-artifacts/`` (gitignored). Without Chromium (or Playwright) the tests are skipped
with the reason; ``make test`` installs Chromium, so in CI they run.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.sitebuild import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PREFIX = "/zt/sfx/"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Page types: (served path, offline file). The case is one with every section.
PAGES: dict[str, tuple[str, str]] = {
    "home": ("", "index.html"),
    "notice": ("notice/", "notice.html"),
    "guide": ("guide/", "guide.html"),
    "faq": ("faq/", "faq.html"),
    "library": ("cases/", "cases/index.html"),
    "case": ("cases/yunze/", "cases/yunze.html"),
    "experiences": ("experiences/", "experiences.html"),
    "stats": ("stats/", "stats.html"),
    "compare": ("compare/", "compare.html"),
    "downloads": ("downloads/", "downloads.html"),
    "accessibility": ("accessibility/", "accessibility.html"),
}
PAGES["brief"] = (PAGES["case"][0] + "brief/", PAGES["case"][1].removesuffix(".html") + "/brief.html")
"""The case's one-page brief."""
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}


def _skip_reason() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-test.txt, or run make test)"
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return (f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium fonts-noto-cjk` "
                "(make test does), or set CHROMIUM=/path/to/chromium")
    return None


# --- the built site, served -------------------------------------------------------------


@pytest.fixture(scope="session")
def built_site(sample_site_dir: Path) -> Path:
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    return sample_site_dir


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The offline edition, built the way ``make offline`` builds it: (folder, zip)."""
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from generator.cli import main

    base = tmp_path_factory.mktemp("offline")
    folder, archive = base / "offline", base / "sfx-offline.zip"
    # A fixed date for this build only: other tests generate files in this process too.
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        assert main(["--root", str(ROOT), "offline", "--out", str(folder), "--zip", str(archive)]) == 0
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return folder, archive


class _Handler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix`` only; everything else is 404."""

    prefix = "/"
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".txt": "text/plain; charset=utf-8",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    def translate_path(self, path: str) -> str:
        plain = unquote(urlsplit(path).path)
        if not plain.startswith(self.prefix) and plain + "/" != self.prefix:
            return str(Path(self.directory) / ".outside-prefix" / "none")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@dataclass
class Server:
    base: str
    server: ThreadingHTTPServer

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _serve(folder: Path, prefix: str) -> Server:
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(f"http://127.0.0.1:{httpd.server_address[1]}{prefix}", httpd)


@pytest.fixture(scope="session")
def root_server(built_site: Path) -> Iterator[Server]:
    server = _serve(built_site, "/")
    yield server
    server.close()


@pytest.fixture(scope="session")
def sub_server(built_site: Path) -> Iterator[Server]:
    server = _serve(built_site, PREFIX)
    yield server
    server.close()


@dataclass
class Where:
    """One way the site is reached: served at the root, in a sub-folder, or from file://."""

    name: str
    base: str
    offline: bool = False
    folder: Path | None = None

    def url(self, page: str, query: str = "") -> str:
        served, offline = PAGES[page]
        return self.base + (offline if self.offline else served) + query

    def case_url(self, case_id: str) -> str:
        return self.base + (f"cases/{case_id}.html" if self.offline else f"cases/{case_id}/")


@pytest.fixture(scope="session")
def at_root(root_server: Server) -> Where:
    return Where("root", root_server.base)


@pytest.fixture(scope="session")
def in_subfolder(sub_server: Server) -> Where:
    return Where("subfolder", sub_server.base)


@pytest.fixture(scope="session")
def from_file(offline_build: tuple[Path, Path]) -> Where:
    folder = offline_build[0]
    return Where("file", folder.as_uri() + "/", offline=True, folder=folder)


@pytest.fixture(params=["root", "subfolder", "file"])
def where(request: pytest.FixtureRequest) -> Where:
    """Runs a test three times: at the root, under /zt/sfx/ and from file://."""
    return request.getfixturevalue({"root": "at_root", "subfolder": "in_subfolder",
                                    "file": "from_file"}[request.param])


# --- the browser --------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser(built_site: Path) -> Iterator[object]:
    # Package scope: Playwright's sync API runs an event loop while it is open, so it must be
    # closed before tests outside this folder start their own.
    from playwright.sync_api import sync_playwright

    # Fresh screenshots each run, so a stale picture is never mistaken for the current page.
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Watch:
    """What the pages of one test asked for and what went wrong."""

    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    weights: dict[str, dict[str, int]] = field(default_factory=dict)

    def problems(self) -> list[str]:
        return ([f"request to another host: {u}" for u in self.foreign]
                + [f"broken request: {u}" for u in self.broken]
                + [f"script error: {e}" for e in self.errors])


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https") and parts.hostname == "127.0.0.1"


def _kind(url: str, content_type: str) -> str:
    path = urlsplit(url).path
    if "html" in content_type or path.endswith((".html", "/")):
        return "html"
    if path.endswith(".css") or "css" in content_type:
        return "css"
    if path.endswith(".js") or "javascript" in content_type:
        return "js"
    return "other"


def open_context(browser, watch: Watch, **options):
    """A browser context whose every request is checked (see :class:`Watch`)."""
    options.setdefault("viewport", DESKTOP)
    options.setdefault("locale", "zh-CN")
    options.setdefault("accept_downloads", True)
    context = browser.new_context(**options)

    def route(route) -> None:
        url = route.request.url
        if _is_local(url):
            route.continue_()
        else:
            watch.foreign.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)

    def on_request(request) -> None:
        watch.requests.append(request.url)
        if not _is_local(request.url):
            watch.foreign.append(request.url)

    def on_response(response) -> None:
        if response.status >= 400:
            watch.broken.append(f"{response.status} {response.url}")

    def on_failed(request) -> None:
        failure = request.failure or ""
        # Blocked above (already counted), or cancelled because the page moved on or a link
        # became a download: neither is a broken address.
        if "ERR_BLOCKED_BY_CLIENT" in failure or "ERR_ABORTED" in failure:
            return
        watch.broken.append(f"{failure} {request.url}")

    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfailed", on_failed)
    context.on("page", lambda page: page.on("pageerror", lambda error: watch.errors.append(str(error))))
    return context


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def context(browser, watch: Watch) -> Iterator[object]:
    context = open_context(browser, watch)
    yield context
    context.close()
    assert not watch.problems(), watch.problems()


@pytest.fixture
def page(context) -> object:
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {
        tag: el.tagName.toLowerCase(), id: el.id, cls: String(el.className || ''),
        text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30),
        visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
        onScreen: box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
        indicated: outline || shadow,
        inDrawer: !!el.closest('.md-sidebar--primary'),
    };
}"""
"""For ``page.evaluate``: where the keyboard focus is, and whether a reader can see it there."""


def screenshot(page, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def artifact(name: str, data: object) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
