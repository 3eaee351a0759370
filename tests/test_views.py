"""The view layer: each page's context is made from the model; templates only present it."""

from __future__ import annotations

import re

from generator.format import schema
from generator.site import model, render, views
from tests.sitebuild import ROOT

TEMPLATES = sorted((ROOT / "templates").glob("*.j2"))


def test_every_page_has_its_context(sample_model) -> None:
    contexts = views.site_views(sample_model)
    assert list(contexts) == [template for template, _ in render.PAGES]
    for case in sample_model.cases:
        view = views.case_view(sample_model, case)
        assert view.case is case
        assert [d.path for d in view.downloads] == [
            f"cases/{case.id}/{form.code}-{case.id}.xlsx" for form in views.forms.FORMS]


def test_templates_get_no_modules_and_build_no_lists() -> None:
    """No template reaches into a module, appends to a list or filters one: the views do."""
    banned = re.compile(r"\b(schema|forms|submission|opendata|charts)\.|\.append\(|selectattr|rejectattr")
    found = [f"{path.name}:{number}: {line.strip()}" for path in TEMPLATES
             for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if banned.search(line)]
    assert found == []
    env = render.environment(ROOT / "templates")
    assert not {"schema", "forms", "submission", "opendata", "charts"} & set(env.globals)


def test_filter_labels_are_the_fields_labels() -> None:
    assert dict(model.FACETS)["city"] == schema.field_at(("city",)).label  # type: ignore[union-attr]
    assert dict(model.FACETS)["dimension"] == schema.field_at(("targets", "dimension")).label  # type: ignore[union-attr]
    assert model.STATUSES_AFTER_FINAL == ("验收通过", "示范标杆")
    assert set(model.STATUSES_AFTER_FINAL) <= set(schema.STATUSES)


def test_stats_view_counts_what_the_model_counts(sample_model) -> None:
    stats = views.stats(sample_model)
    assert stats.cities == [(city, n) for city, n in sample_model.city_counts if n]
    assert [row.total for row in stats.targets] == [sum(c) for _, c in sample_model.targets_by_dimension]
    assert len(stats.indicators) == len(model.STATS_INDICATORS)
    compare = views.compare(sample_model)
    for row in compare.targets:
        assert set(row.by_case) == {case.id for case in sample_model.cases}
    assert compare.output_label == "工业总产值（万元）"
