"""axe-core on every page type: no serious or critical finding.

axe-core is vendored (tests/browser/vendor/, test-only, never shipped with the site) and
injected into each page, so the run needs no network. Every result is kept in
test-artifacts/axe/<page>-<variant>.json and summed up in test-artifacts/axe-summary.json.
"""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import AXE, DESKTOP, PAGES, PHONE, Watch, Where, artifact, open_context

BLOCKING = {"serious", "critical"}
VARIANTS = {
    "desktop": {"viewport": DESKTOP, "settings": None},
    "phone": {"viewport": PHONE, "settings": None},
    "large-contrast": {"viewport": DESKTOP, "settings": {"size": "2", "contrast": True}},
}
_summary: dict[str, dict[str, object]] = {}


def _run_axe(page) -> dict:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {
            runOnly: {type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
            resultTypes: ['violations', 'incomplete'],
        });
        const slim = items => items.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}));
        return {version: axe.version, violations: slim(result.violations),
                incomplete: slim(result.incomplete), passes: result.passes.length};
    }""")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_nothing_serious(browser, at_root: Where, name: str, variant: str) -> None:
    options = VARIANTS[variant]
    watch = Watch()
    context = open_context(browser, watch, viewport=options["viewport"])
    if options["settings"]:
        settings = json.dumps(options["settings"])
        context.add_init_script(
            f"try {{ localStorage.setItem('sfx-reading', '{settings}'); }} catch (e) {{}}")
    page = context.new_page()
    page.goto(at_root.url(name))
    page.wait_for_load_state("networkidle")
    if options["settings"]:
        assert page.get_attribute("html", "data-sfx-contrast") == "high"
    result = _run_axe(page)
    context.close()
    assert not watch.problems(), watch.problems()
    artifact(f"axe/{name}-{variant}.json", result)
    counts: dict[str, int] = {}
    for violation in result["violations"]:
        counts[violation["impact"] or "none"] = counts.get(violation["impact"] or "none", 0) + 1
    _summary[f"{name} ({variant})"] = {
        "axe": result["version"], "rules_passed": result["passes"], "violations_by_impact": counts,
        "violations": [f'{v["impact"]}: {v["id"]} ({len(v["nodes"])})' for v in result["violations"]],
        "needs_review": [v["id"] for v in result["incomplete"]],
    }
    artifact("axe-summary.json", dict(sorted(_summary.items())))
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    assert not blocking, [(v["id"], v["impact"], v["help"], v["nodes"][:3]) for v in blocking]
