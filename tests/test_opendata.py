"""Open data: cases.json with the case format's field names, cases.csv for Excel, both stable."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.build.pipeline import Project, check
from generator.format import schema
from generator.site import opendata
from tests.sitebuild import ROOT

GOLDEN_CASES = ROOT / "tests" / "fixtures" / "golden" / "cases"


@pytest.fixture(scope="module")
def site(sample_model):
    return sample_model


def _keys(fld: schema.Field) -> set[str]:
    return {child.key for child in fld.fields}


def _check_keys(value: dict, fld: schema.Field, where: str) -> None:
    assert list(value) == [f.key for f in fld.fields if f.key in value], f"{where}: not in the format's order"
    assert set(value) <= _keys(fld), (where, set(value) - _keys(fld))
    for key, item in value.items():
        child = fld.child(key)
        assert child is not None
        if child.kind == "record":
            _check_keys(item, child, f"{where}.{key}")
        elif child.kind == "records":
            for index, record in enumerate(item):
                _check_keys(record, child, f"{where}.{key}[{index}]")


def test_json_has_every_case_with_the_formats_field_names(site) -> None:
    document = json.loads(opendata.cases_json(site))
    assert document["count"] == len(site.cases) == len(document["cases"])
    assert document["format_version"] == 1
    for case, item in zip(site.cases, document["cases"], strict=False):
        assert item["id"] == case.id
        _check_keys(item, schema.CASE, case.id)
        for attachment in item.get("attachments", []):
            assert set(attachment) <= {"title", "file"}  # no local paths or sizes leak out
        assert item.get("overview") == case.data.get("overview")
        assert item.get("industries") == case.data.get("industries")
        if case.updated:
            assert item["updated"] == case.updated.isoformat()
    assert str(ROOT) not in opendata.cases_json(site).decode()


def test_csv_opens_in_excel_one_row_per_case(site) -> None:
    raw = opendata.cases_csv(site)
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [c.header for c in opendata.CSV_COLUMNS]
    assert len(rows) == 1 + len(site.cases)
    header = rows[0]
    yunze = dict(zip(header, next(r for r in rows[1:] if r[0] == "yunze"), strict=False))
    assert yunze["县（市、区）"] == "云泽市"
    assert yunze["地区GDP（万元）"] == "9860000"
    assert yunze["规模以上制造业企业数量（家）"] == "186"
    assert yunze["一、二、三产业比重：第二产业（%）"] == "56.1"
    assert yunze["创建期"] == "2019—2021"
    assert yunze["示例数据"] == "是"
    assert yunze["案例页面"] == "cases/yunze/"


def test_text_that_a_spreadsheet_would_run_is_prefixed(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "inject.yaml").write_text(
        "id: inject\ncounty: \"-2+3\"\ncity: 石家庄市\nbatch: 2019\nstatus: 创建中\n"
        "summary: \"=HYPERLINK(\\\"http://evil\\\",\\\"x\\\")\"\ntags: [\"@cmd\", \"+1\"]\n"
        "overview:\n  gdp: 0\n", encoding="utf-8")
    site = check(Project(tmp_path)).site
    assert site is not None
    rows = list(csv.reader(io.StringIO(opendata.cases_csv(site).decode("utf-8-sig"))))
    row = dict(zip(rows[0], rows[1], strict=False))
    assert row["县（市、区）"] == "'-2+3"
    assert row["一句话经验"] == "'=HYPERLINK(\"http://evil\",\"x\")"
    assert row["标签"] == "'@cmd、+1"
    assert row["地区GDP（万元）"] == "0"  # numbers are numbers, never prefixed
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_the_same_cases_give_the_same_bytes(site) -> None:
    again = check(Project(ROOT)).site
    assert opendata.cases_json(site) == opendata.cases_json(again)
    assert opendata.cases_csv(site) == opendata.cases_csv(again)


def test_csv_cells() -> None:
    assert opendata.csv_cell(None) == ""
    assert opendata.csv_cell(1.0) == "1"
    assert opendata.csv_cell(0.00001) == "0.00001"
    assert opendata.csv_cell(-1200.5) == "-1200.5"
    assert opendata.csv_cell("\t1") == "'\t1"
    assert opendata.csv_cell("正常文字") == "正常文字"


def test_golden_fixture_cases_round_trip_through_json() -> None:
    site = check(Project(ROOT, cases=GOLDEN_CASES)).site
    assert site is not None
    document = json.loads(opendata.cases_json(site))
    tricky = next(c for c in document["cases"] if c["id"] == "tricky")
    assert tricky["county"] == "测试县 | 第二列"
    assert tricky["tags"][2:4] == ["010", "NO"]  # text stays text
    assert tricky["industries"][0]["top_enterprises"][1]["name"] == "-某企业"
