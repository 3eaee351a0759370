"""The form definitions: the notice's labels, built from the one definition of the case format."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.format import schema
from generator.forms import layouts as forms
from generator.forms.layouts import Pairs
from generator.site import opendata
from tests.notice_seed import annexes, ocr_corrected

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "tests" / "fixtures" / "notice-seed.txt").read_text("utf-8")


def _drawn(form: forms.Form, data: dict | None = None) -> list[list[str]]:
    """The form as :func:`forms.layout` draws it, line by line: each row's filled cells."""
    rows = ([str(cell.value) for cell in row.cells if cell.value not in (None, "")]
            for row in forms.layout(form, data))
    return [[form.name], [form.title], *(row for row in rows if row)]


def test_blank_forms_are_the_notices_forms() -> None:
    """Sections, columns, rows (with the "....." row) and labels, modulo the listed OCR corrections."""
    annex = annexes()
    assert [form.name for form in forms.FORMS] == list(annex)
    for form in forms.FORMS:
        assert _drawn(form) == annex[form.name].lines()


def test_ocr_corrections_are_exactly_the_two_listed_kinds() -> None:
    assert ocr_corrected("地区 GDP（万元）") == "地区GDP（万元）"
    assert ocr_corrected("[主导产业 1 名称] (表自续)") == "[主导产业1名称]（表自续）"
    assert ocr_corrected("内部研发支出占主营业务收入比重 (%)") == "内部研发支出占主营业务收入比重（%）"
    assert ocr_corrected("附表 1") == "附表1"
    assert ocr_corrected("GDP and R&D") == "GDP and R&D"  # nothing else changes
    assert ocr_corrected(".....") == "....." and ocr_corrected("其中：出口额") == "其中：出口额"


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
        for table in form.tables():
            headings = table.headings()
            if table.side:
                assert headings.pop(0) == table.field.label
            for column, heading in zip(table.columns, headings, strict=True):
                fld = table.column_field(column)
                if column is table.columns[0] and table.first_heading:
                    assert heading == table.first_heading
                else:
                    assert heading == fld.label_with_unit


def test_a_label_changed_in_the_schema_changes_the_form() -> None:
    gdp = schema.OVERVIEW.child("gdp")
    assert gdp is not None
    changed = schema.Field(gdp.key, "地区生产总值", gdp.kind, gdp.unit)
    fields = tuple(changed if f.key == "gdp" else f for f in schema.OVERVIEW.fields)
    object.__setattr__(schema.OVERVIEW, "fields", fields)  # the schema is frozen: change it for this test
    try:
        assert "地区生产总值（万元）" in _drawn(forms.FUBIAO1)[3]
        assert any(e.field.label == "地区生产总值" for g in forms.dictionary() for e in g.entries)
    finally:
        object.__setattr__(schema.OVERVIEW, "fields", tuple(gdp if f.key == "gdp" else f for f in fields))
    assert "地区GDP（万元）" in _drawn(forms.FUBIAO1)[3]


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
    assert placed["innovation.provincial_centers[].direction"] == "附表1 四、创新资源情况"
    assert placed["policies[].title"] == "附表2"
    assert placed["county"] == "附表1 表格上方（本站所加，供导入）"


SAMPLE = {"industries": [{"name": f"产业{i}", "top_enterprises": [{"name": "企业"}] * 3} for i in range(6)],
          "innovation": {"national_centers": [{"name": "甲"}] * 5, "provincial_centers": [{"name": "乙"}]},
          "policies": [{"title": "政策"}] * 7}


@pytest.mark.parametrize("data", [None, {}, SAMPLE], ids=["blank", "empty", "filled"])
def test_every_row_covers_the_grid_once(data) -> None:
    for form in forms.FORMS:
        below: dict[int, int] = {}  # column → rows still covered by a cell from above
        for row in forms.layout(form, data):
            covered = [c for c, left in below.items() if left > 0]
            below = {c: left - 1 for c, left in below.items() if left > 1}
            for cell in row.cells:
                first, last = cell.span
                assert 1 <= first <= last <= form.columns
                covered += range(first, last + 1)
                for column in range(first, last + 1):
                    if cell.down:
                        below[column] = cell.down
            assert sorted(covered) == list(range(1, form.columns + 1)), (form.name, row)
        assert not below


def test_a_filled_form_keeps_the_notices_rows_and_adds_what_it_needs() -> None:
    rows = forms.layout(forms.FUBIAO1, SAMPLE)
    blocks = [r.cells[0].value for r in rows if r.role == "block"]
    assert blocks == [f"[产业{i}]（表自续）" for i in range(6)]
    numbers = [[c.value for c in r.cells if c.role == "number"] for r in rows if r.role in ("item", "more")]
    assert numbers[:7] == [[1], [2], [3], [4], [5], [6], ["....."]]  # 二: six records, then "....."
    assert numbers[-6:] == [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [".....", "....."]]  # 四
    empty = forms.layout(forms.FUBIAO1, {})
    assert [r.cells[0].value for r in empty if r.role == "block"] == ["[主导产业1名称]（表自续）"]


def test_a_block_label_names_its_industry_however_a_county_writes_it() -> None:
    block = forms.ENTERPRISE_BLOCKS
    assert block.label() == "[主导产业1名称]（表自续）" and block.label("装备制造") == "[装备制造]（表自续）"
    for text in ("[装备制造]（表自续）", "[装备制造] (表自续)", "装备制造（表自续）", "【装备制造】", " 装备制造 "):
        assert block.name_in(text) == "装备制造", text
    for text in ("[主导产业1名称]（表自续）", "[主导产业 1 名称] (表自续)", "（表自续）", ""):
        assert block.name_in(text) is None, text


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
    paths = [d.path for d in forms.TEMPLATES + opendata.OPEN_DATA + forms.case_downloads("yunze")]
    assert len(set(paths)) == len(paths)
    assert all(p.isascii() and " " not in p for p in paths)
    assert forms.case_downloads("yunze")[0].href_from("cases") == "yunze/fubiao1-yunze.xlsx"
