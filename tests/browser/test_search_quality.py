"""Search finds the right page: a query set over the sample cases and a generated library of 1,000.

Every county name must find its case among the first three results; of all queries, at
least 90 % must. Pagefind segments Chinese text in context and a query on its own, so a
long compound term (e.g. 玻璃深加工重点项目投产数) can be split differently and miss: the
misses are written to test-artifacts/ and reported, not hidden.

Queries are county names, industry terms of two to six characters, enterprise names and
indicator names, taken from the cases themselves. For each, the expected case (or, for a
term several cases share, one of the cases that have it) must be among the first three
results of the site's search box (county names from its name list, then Pagefind).
"""

from __future__ import annotations

import json
import random
import re
import shutil

import pytest

from generator.model import Case
from generator.pipeline import Project, check
from tests.browser.conftest import _serve, artifact
from tests.sitebuild import ROOT, build, copy_project

TOP = 3

def _terms(case: Case) -> dict[str, list[str]]:
    """What a reader would type to find this case, by kind of query."""
    industries = [n for n in case.industry_names if 2 <= len(n) <= 6]
    enterprises = [e["name"] for i in case.data.get("industries", []) for e in i.get("top_enterprises", [])]
    indicators = [t["indicator"] for t in case.data.get("targets", [])]
    return {"county": [case.county], "industry": industries, "enterprise": enterprises,
            "indicator": indicators}


def _text(case: Case) -> str:
    return json.dumps(case.data, ensure_ascii=False, default=str)


GENERAL_PAGES = ("notice.md", "guide.md", "faq.md")


def query_set(cases: list[Case], per_kind: int, seed: int = 0) -> list[tuple[str, str, set[str]]]:
    """(kind, query, ids of the cases whose page has it); a shared query expects any of them.

    Indicator names that the notice, the guide or the FAQ also use (the six headline indicators of
    创建标准) are left out: for those, the notice and the guide are rightly the first results.
    """
    general = "".join((ROOT / "docs" / name).read_text("utf-8") for name in GENERAL_PAGES)
    texts = {case.id: _text(case) for case in cases}
    holders: dict[tuple[str, str], set[str]] = {}
    for case in cases:
        for kind, terms in _terms(case).items():
            for term in terms:
                if kind == "indicator" and term in general:
                    continue
                holders.setdefault((kind, term), {cid for cid, text in texts.items() if term in text})
    chosen: list[tuple[str, str, set[str]]] = []
    rng = random.Random(seed)
    for kind in ("county", "industry", "enterprise", "indicator"):
        items = sorted((term, ids) for (k, term), ids in holders.items() if k == kind)
        # Indicators named in 创建标准 appear in many cases; the shared ones test ranking least.
        items = [(t, ids) for t, ids in items if kind != "indicator" or len(ids) <= max(3, len(cases) // 10)]
        rng.shuffle(items)
        chosen += [(kind, term, ids) for term, ids in items[:per_kind]]
    return chosen


def _run(page, base: str, queries: list[tuple[str, str, set[str]]]) -> list[str]:
    """Type each query into the search box, as a reader does; compare its first results."""
    page.goto(base)
    box = page.locator("#sfx-search-input")
    misses = []
    for kind, query, ids in queries:
        box.fill(query)
        box.press("End")
        page.wait_for_function(
            "q => document.querySelector('#sfx-search-status').textContent.includes(q)", arg=query)
        urls = page.locator(".sfx-search__hit").evaluate_all(
            "links => links.slice(0, %d).map(a => a.getAttribute('href'))" % TOP)
        found = {m.group(1) for u in urls if (m := re.search(r"cases/([^/.]+)", u))}
        if not found & ids:
            misses.append(f"{kind} {query!r}: expected one of {sorted(ids)[:5]}, top {TOP}: {urls}")
    return misses


def _check(name: str, queries: list[tuple[str, str, set[str]]], misses: list[str]) -> None:
    artifact(f"search-misses-{name}.txt", "\n".join(misses) or "（全部命中）")
    assert not [m for m in misses if m.startswith("county ")], misses
    assert len(misses) <= len(queries) // 10, "\n".join(misses)


def test_query_set_on_the_sample_cases(page, at_root) -> None:
    checked = check(Project(ROOT))
    assert checked.site is not None
    queries = query_set(checked.site.cases, per_kind=40)
    assert len(queries) >= 40
    assert {kind for kind, _, _ in queries} == {"county", "industry", "enterprise", "indicator"}
    _check("samples", queries, _run(page, at_root.base, queries))


@pytest.fixture(scope="module")
def library_1000(tmp_path_factory: pytest.TempPathFactory):
    from bench.cases import write_cases

    project = copy_project(tmp_path_factory.mktemp("library") / "project")
    shutil.rmtree(project / "cases")
    (project / "cases").mkdir()
    write_cases(1000, project / "cases")
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    server = _serve(project / "site", "/")
    checked = check(Project(project))
    assert checked.site is not None
    yield server, checked.site.cases
    server.close()


def test_query_set_on_a_generated_library_of_1000(page, library_1000) -> None:
    server, cases = library_1000
    assert len(cases) == 1000
    queries = query_set(cases, per_kind=25, seed=1)
    _check("library-1000", queries, _run(page, server.base, queries))
