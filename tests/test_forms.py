"""The form definitions: the notice's labels, built from the one definition of the case format."""

from __future__ import annotations

import re
from pathlib import Path

from generator import forms, schema
from generator.forms import Blocks, Pairs, Table

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "tests" / "fixtures" / "notice-seed.txt").read_text("utf-8")


def _annex_cells() -> set[str]:
    """Every cell of the notice's 附表1 and 附表2, normalized (row numbers and ..... left out)."""
    annex = SEED[SEED.index("附表 1"):]
    cells = set()
    for line in annex.splitlines():
        for cell in line.split("\t"):
            cell = cell.strip().lstrip("#").strip()
            if cell and not re.fullmatch(r"[0-9]+|\.+", cell):
                cells.add(forms.normalize(cell))
    return cells


def test_form_labels_are_the_notices_labels() -> None:
    labels = set()
    for form in forms.FORMS:
        labels.add(forms.normalize(form.name))
        for label in form.labels():
            labels.add(forms.normalize(label))
    block = forms.ENTERPRISE_BLOCKS
    labels.discard(forms.normalize(block.label(1)))
    labels.add(forms.normalize(f"[{block.label(1)}]{block.note}"))  # the notice: [主导产业 1 名称] (表自续)
    assert labels == _annex_cells()


def test_labels_and_units_come_from_the_schema() -> None:
    for form in forms.FORMS:
        for part in form.parts:
            for section in part.sections:
                if isinstance(section, Pairs):
                    for pair in section.pairs:
                        fld = schema.field_at(pair.path)
                        assert fld is not None
                        assert pair.label in (fld.label_with_unit, fld.label)
                        if fld.unit and fld.kind != "shares":
                            assert pair.label.endswith(f"（{fld.unit}）")
                tables = [section] if isinstance(section, Table) else \
                    [section.table] if isinstance(section, Blocks) else []
                for table in tables:
                    for column, heading in zip(table.columns, table.headings(), strict=False):
                        fld = table.column_field(column)
                        if fld is not None and not column.heading:
                            assert heading == fld.label_with_unit


def test_a_label_changed_in_the_schema_changes_the_form() -> None:
    gdp = schema.OVERVIEW.child("gdp")
    assert gdp is not None
    changed = schema.Field(gdp.key, "地区生产总值", gdp.kind, gdp.unit)
    fields = tuple(changed if f.key == "gdp" else f for f in schema.OVERVIEW.fields)
    object.__setattr__(schema.OVERVIEW, "fields", fields)  # the schema is frozen: change it for this test
    try:
        assert "地区生产总值（万元）" in forms.FUBIAO1.labels()
        assert any(e.field.label == "地区生产总值" for g in forms.dictionary() for e in g.entries)
    finally:
        object.__setattr__(schema.OVERVIEW, "fields", tuple(gdp if f.key == "gdp" else f for f in fields))
    assert "地区GDP（万元）" in forms.FUBIAO1.labels()


def test_every_field_of_the_forms_sections_is_in_a_form() -> None:
    placed = forms.placements()
    for key in ("overview", "innovation", "industries", "policies"):
        top = schema.CASE.child(key)
        assert top is not None
        stack = [(top, key + ("[]" if top.kind == "records" else ""))]
        while stack:
            fld, path = stack.pop()
            for child in fld.fields:
                child_path = f"{path}.{child.key}"
                if child.kind == "records":
                    stack.append((child, child_path + "[]"))
                    assert child_path in placed, child_path
                else:
                    assert child_path in placed, child_path
    assert placed["overview.gdp"] == "附表1 一、总体情况"
    assert placed["industries[].top_enterprises[].revenue"] == "附表1 三、分产业情况"
    assert placed["policies[].title"] == "附表2"
    assert placed["county"] == "附表1 表头"


def test_columns_fit_the_grid_without_overlap() -> None:
    for form in forms.FORMS:
        for table in form.tables():
            spans = [c.span for c in table.columns]
            assert spans[0][0] == 1 and spans[-1][1] <= form.columns
            for (a, b), (c, _) in zip(spans, spans[1:], strict=False):
                assert a <= b < c
        for part in form.parts:
            for section in part.sections:
                if isinstance(section, Pairs):
                    for row in section.rows:
                        cells = [s for p in row for s in (p.label_span, p.value_span)]
                        for (a, b), (c, _) in zip(cells, cells[1:], strict=False):
                            assert a <= b < c
                        assert cells[-1][1] <= form.columns


def test_outline_is_the_notices_reference_outline() -> None:
    seed = forms.normalize(SEED.replace("*", "").replace("#", ""))
    assert forms.normalize(forms.OUTLINE_TITLE) in seed
    assert len([h for h, _ in forms.OUTLINE if h.startswith("第")]) == 8
    for heading, guidance in forms.OUTLINE:
        assert forms.normalize(heading) in seed, heading
        assert forms.normalize(guidance) in seed, heading
    for line in forms.COVER_TITLE + (forms.COVER_NAME, forms.COVER_ISSUER):
        assert forms.normalize(line) in seed


def test_data_dictionary_lists_every_field_once() -> None:
    def count(fld: schema.Field) -> int:
        return sum(1 + count(child) for child in fld.fields)

    entries = [e for g in forms.dictionary() for e in g.entries]
    assert len(entries) == count(schema.CASE)
    assert len({e.path for e in entries}) == len(entries)
    by_path = {e.path: e for e in entries}
    assert by_path["overview.gdp"].field.unit == "万元"
    assert by_path["industries[].top_enterprises[].net_profit"].field.signed
    assert forms.kind_text(by_path["industries[].top_enterprises[].net_profit"].field) == "数字（可为负）"


def test_download_paths_are_ascii_and_unique() -> None:
    paths = [d.path for d in forms.TEMPLATES + forms.OPEN_DATA + forms.case_downloads("yunze")]
    assert len(set(paths)) == len(paths)
    assert all(p.isascii() and " " not in p for p in paths)
    assert forms.case_downloads("yunze")[0].href_from("cases") == "yunze/fubiao1-yunze.xlsx"
