"""Search finds what the cases contain: the query set of tests/search_queries.py, run through the
site's own search (``window.sfxSearch``, the ranking the header box and the search page show),
on the sample cases and on a generated library of 1,000.

Every query is derived from the cases (see tests/search_queries.py); all of them run in one
browser page, four at a time. Required: the expected cases among the first three results for
at least 99 % of the queries and for every county name and tag; no query returns nothing.
The figures and every miss go to test-artifacts/search-<library>.txt.
"""

from __future__ import annotations

import re
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

from generator.build.pipeline import Project, check
from tests.browser.conftest import _serve, artifact
from tests.search_queries import ENTITY_KINDS, TOP, Query, query_set
from tests.sitebuild import ROOT, build, copy_project

ALWAYS = ("county", "tag")
"""Kinds of query that must always find their cases."""
SHARE = 0.99

RUN = """async (queries) => {
  const out = new Array(queries.length);
  let next = 0;
  async function worker() {
    while (next < queries.length) {
      const k = next++;
      const found = await window.sfxSearch.search(queries[k]);
      const hits = await found.more(__TOP__);
      out[k] = {total: found.total(), urls: hits.slice(0, __TOP__).map((h) => h.url)};
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
  return out;
}""".replace("__TOP__", str(TOP))


def run_queries(page, base: str, queries: list[Query]) -> list[dict]:
    page.goto(base)
    page.wait_for_function("() => window.sfxSearch")
    page.set_default_timeout(0)
    return page.evaluate(RUN, [q.text for q in queries])


def case_id(url: str) -> str | None:
    match = re.search(r"/cases/([^/.]+)/$", url)
    return match.group(1) if match else None


def judge(name: str, queries: list[Query], answers: list[dict], seconds: float) -> list[str]:
    """Writes the figures and misses; returns the failures of the requirements."""
    kinds: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    misses, empty = [], []
    for query, answer in zip(queries, answers, strict=True):
        found = {case_id(u) for u in answer["urls"]} & query.holders
        kinds[query.kind] += 1
        if answer["total"] == 0:
            empty.append(query.text)
        if len(found) >= query.expected and answer["total"]:
            hits[query.kind] += 1
        else:
            misses.append(f"{query.kind} {query.text!r}: {answer['total']} results; cases that have it: "
                          f"{sorted(query.holders)[:5]}; first {TOP}: {answer['urls']}")
    total = sum(hits.values())
    lines = [f"{name}: {len(queries)} queries in {seconds:.0f} s; expected cases among the first {TOP}: "
             f"{total} ({total / len(queries):.2%})"]
    lines += [f"  {kind}: {hits[kind]} of {kinds[kind]}" for kind in (*ENTITY_KINDS, "word") if kinds[kind]]
    lines += [f"  no result: {len(empty)}", "misses:"] + [f"  {m}" for m in misses]
    artifact(f"search-{name}.txt", ("\n".join(lines) + "\n").encode("utf-8"))
    print("\n".join(lines[:8]))
    failures = [m for m in misses if m.split(" ", 1)[0] in ALWAYS]
    if total < SHARE * len(queries):
        failures.append(f"only {total / len(queries):.2%} of the queries find their cases "
                        f"(at least {SHARE:.0%})")
    failures += [f"no result for {text!r}, which a case page contains" for text in empty]
    return failures


def _check(name: str, site: Path, root: Path, page, base: str) -> None:
    checked = check(Project(root))
    assert checked.site is not None
    queries = query_set(site, checked.site.cases)
    assert {q.kind for q in queries} >= {"county", "tag", "industry", "enterprise", "word"}
    assert not [q.text for q in queries if not q.holders], "queries that no case page shows as typed"
    started = time.monotonic()
    answers = run_queries(page, base, queries)
    failures = judge(name, queries, answers, time.monotonic() - started)
    assert not failures, "\n".join(failures[:40])


def test_query_set_on_the_sample_cases(page, built_site, at_root) -> None:
    _check("samples", built_site, ROOT, page, at_root.base)


@pytest.fixture(scope="module")
def library_1000(tmp_path_factory: pytest.TempPathFactory):
    from bench.cases import write_cases

    project = copy_project(tmp_path_factory.mktemp("library") / "project")
    shutil.rmtree(project / "cases")
    (project / "cases").mkdir()
    write_cases(1000, project / "cases")
    result = build(project, project / "site", timeout=1200)  # minutes on a busy 2-core machine
    assert result.returncode == 0, result.stderr[-3000:]
    server = _serve(project / "site", "/")
    yield project, server
    server.close()


def test_query_set_on_a_generated_library_of_1000(page, library_1000) -> None:
    project, server = library_1000
    _check("library-1000", project / "site", project, page, server.base)


# --- the offline edition: Material's search from file://, measured with the same query set ----

OFFLINE_RUN = """async (queries) => {
  const box = document.querySelector(".md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  const idle = ["键入以开始搜索", "正在初始化搜索引擎"];
  const settle = () => new Promise((done) => setTimeout(done, 30));
  const out = [];
  for (const query of queries) {
    box.value = "";
    box.dispatchEvent(new Event("input", {bubbles: true}));
    box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}));
    for (let k = 0; k < 100 && !idle.includes(meta.textContent.trim()); k++) await settle();
    box.value = query;
    box.dispatchEvent(new Event("input", {bubbles: true}));
    box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}));
    for (let k = 0; k < 200 && idle.includes(meta.textContent.trim()); k++) await settle();
    await settle();
    const urls = [];  // one per page: an item's first link is its page, the others its sections
    for (const item of document.querySelectorAll(".md-search-result__item")) {
      const link = item.querySelector("a");
      const page = link && link.href.split(/[?#]/)[0];
      if (page && !urls.includes(page)) urls.push(page);
    }
    out.push({total: urls.length, urls: urls.slice(0, __TOP__)});
  }
  return out;
}""".replace("__TOP__", str(TOP))


def test_offline_edition_query_set_measured(page, from_file) -> None:
    """Measured and reported (test-artifacts/search-offline.txt); required: every county name."""
    checked = check(Project(ROOT))
    assert checked.site is not None
    queries = query_set(from_file.folder, checked.site.cases, served=False)
    page.goto(from_file.url("home"))
    page.locator(".md-search__input").click()
    page.wait_for_function("() => !document.querySelector('.md-search-result__meta').textContent"
                           ".includes('正在初始化')")
    page.set_default_timeout(0)
    started = time.monotonic()
    answers = page.evaluate(OFFLINE_RUN, [q.text for q in queries])
    for answer in answers:
        answer["urls"] = [re.sub(r"cases/([^/.]+)\.html.*$", r"cases/\1/", u) for u in answer["urls"]]
    failures = judge("offline", queries, answers, time.monotonic() - started)
    assert not [f for f in failures if f.startswith("county ")], failures
