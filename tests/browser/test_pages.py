"""Every page type as a person sees it: at phone and desktop widths, at the root, in a
sub-folder and from file://, without requests to other hosts; screenshots and page weights
are kept in test-artifacts/."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PAGES, PHONE, Watch, Where, artifact, open_context, screenshot

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen(browser, at_root: Where, name: str, width: str) -> None:
    watch = Watch()
    context = open_context(browser, watch, viewport=WIDTHS[width])
    page = context.new_page()
    page.goto(at_root.url(name))
    page.wait_for_load_state("networkidle")
    heading = page.locator("article h1").first
    assert heading.is_visible()
    # Nothing sticks out sideways: wide tables scroll inside their own box, not the page.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name} is {overflow}px wider than the {width} screen"
    screenshot(page, f"{name}-{width}")
    context.close()
    assert not watch.problems(), watch.problems()


def test_every_page_type_in_subfolder_and_from_file(browser, in_subfolder: Where, from_file: Where) -> None:
    for where in (in_subfolder, from_file):
        watch = Watch()
        context = open_context(browser, watch)
        page = context.new_page()
        for name in PAGES:
            page.goto(where.url(name))
            page.wait_for_load_state("networkidle" if not where.offline else "load")
            assert page.locator("article h1").first.is_visible(), (where.name, name)
            # The site's own stylesheet and scripts loaded (relative URLs resolved correctly).
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") \
                == "rgb(142, 27, 23)", (where.name, name)
            assert page.locator("#reading-toggle").count() == 1, (where.name, name)
        if not where.offline:
            prefix = where.base.split("127.0.0.1", 1)[1].split("/", 1)[1]
            own = [u for u in watch.requests if u.startswith("http")]
            assert own and all(u.split("/", 3)[3].startswith(prefix) for u in own), own
        screenshot(page, f"accessibility-{where.name}", full_page=False)
        context.close()
        assert not watch.problems(), (where.name, watch.problems())


def test_links_follow_without_a_server(from_file: Where) -> None:
    """In the offline edition every link to a page names its .html file (no folder links)."""
    import re

    folder = from_file.folder
    assert folder is not None
    bad = []
    for html in folder.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]*)[^"]*"', html.read_text("utf-8")):
            if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href):
                continue
            target = (html.parent / href).resolve()
            if href.endswith("/") or not target.exists():
                bad.append((html.relative_to(folder).as_posix(), href))
    assert not bad, bad[:20]


def test_page_weights(browser, at_root: Where, built_site) -> None:
    """Bytes of HTML, CSS and JS each page type loads, as the browser counts them (decoded), in
    test-artifacts/page-weights.json. The search index is fetched once by the search worker
    and cached; it is reported on its own."""
    weights: dict[str, dict[str, int]] = {}
    watch = Watch()
    context = open_context(browser, watch)
    page = context.new_page()
    for name in PAGES:
        page.goto(at_root.url(name))
        page.wait_for_load_state("networkidle")
        sizes = page.evaluate(r"""() => {
            const sizes = {html: performance.getEntriesByType('navigation')[0].decodedBodySize,
                           css: 0, js: 0, images: 0, of_which_site_css: 0, of_which_site_js: 0};
            for (const entry of performance.getEntriesByType('resource')) {
                const path = new URL(entry.name).pathname;
                const kind = path.endsWith('.css') ? 'css' : path.endsWith('.js') ? 'js'
                    : /\.(png|svg|jpe?g|gif|ico|webp)$/.test(path) ? 'images' : null;
                if (kind) sizes[kind] += entry.decodedBodySize;
                if (path.endsWith('/assets/site.css')) sizes.of_which_site_css += entry.decodedBodySize;
                if (path.includes('/assets/js/')) sizes.of_which_site_js += entry.decodedBodySize;
            }
            return sizes;
        }""")
        sizes["total"] = sizes["html"] + sizes["css"] + sizes["js"] + sizes["images"]
        weights[name] = sizes
    context.close()
    assert not watch.problems(), watch.problems()
    material = built_site / "search" / "search_index.json"
    if material.exists():
        weights["search index: search_index.json, fetched once by the search worker"] = {
            "bytes": material.stat().st_size}
    pagefind = built_site / "pagefind"
    if pagefind.is_dir():
        weights["search index: pagefind/ in all (a query fetches only some fragments)"] = {
            "bytes": sum(f.stat().st_size for f in pagefind.rglob("*") if f.is_file())}
    artifact("page-weights.json", weights)
    for name in PAGES:
        sizes = weights[name]
        assert sizes["html"] and sizes["css"] and sizes["js"], (name, sizes)
        assert sizes["html"] < 200_000, (name, sizes)
        assert sizes["js"] < 200_000, (name, sizes)
