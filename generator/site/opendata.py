"""Open data: every case as JSON with the case format's field names, and a CSV of headline figures.

Both are made from the validated data and :mod:`generator.format.schema`, in the schema's
key order, so the same cases give the same bytes. The CSV is UTF-8 with a BOM
(Excel otherwise reads it as GBK) and text that a spreadsheet would run as a
formula is prefixed with an apostrophe, as OWASP recommends.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.format import kinds, schema
from generator.format.kinds import FORMULA_START, plain_number
from generator.format.schema import Field
from generator.forms import layouts as forms
from generator.site.model import Case, Site

FORMAT_VERSION = 1


def canonical(data: dict[str, Any], fld: Field = schema.CASE) -> dict[str, Any]:
    """A case's data with only the format's keys, in the format's order, dates as text."""
    return kinds.canonical(data, fld)


def cases_json(site: Site) -> bytes:
    """``data/cases.json``: the whole library, one object per case."""
    document = {
        "format": "河北省工业转型升级试点示范县（市、区）案例格式",
        "format_version": FORMAT_VERSION,
        "source": forms.NOTICE_NUMBER,
        "count": len(site.cases),
        "cases": [canonical(case.data) for case in site.cases],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class CsvColumn:
    header: str
    source: str
    """Where the value comes from, for the data dictionary (a key path or a description)."""
    get: Callable[[Case], Any]


def _field_column(*path: str) -> CsvColumn:
    fld = schema.field_at(path)
    assert fld is not None, path

    def get(case: Case) -> Any:
        current: Any = case.data
        for key in path:
            current = current.get(key) if isinstance(current, dict) else None
        return current

    return CsvColumn(fld.heading, ".".join(path), get)


def _share_column(index: int, name: str) -> CsvColumn:
    fld = schema.OVERVIEW.child("industry_structure")
    assert fld is not None

    def get(case: Case) -> Any:
        shares = (case.data.get("overview") or {}).get("industry_structure")
        return shares[index] if shares else None

    return CsvColumn(f"{fld.label}：{name}（%）", f"overview.industry_structure[{index}]", get)


def _count_column(header: str, source: str, get: Callable[[Case], list[Any] | None]) -> CsvColumn:
    return CsvColumn(header, source, lambda case: len(get(case) or []))


def _label(*path: str) -> str:
    fld = schema.field_at(path)
    assert fld is not None, path
    return fld.label


CSV_COLUMNS: tuple[CsvColumn, ...] = (
    _field_column("id"),
    _field_column("county"),
    _field_column("city"),
    _field_column("batch"),
    CsvColumn(_label("period"), "period（未填时为创建批次起三年）",
              lambda c: f"{c.period[0]}—{c.period[1]}"),
    _field_column("status"),
    CsvColumn(_label("sample"), "sample（是/否）", lambda c: "是" if c.sample else "否"),
    CsvColumn(_label("updated"), "updated", lambda c: c.updated.isoformat() if c.updated else None),
    _field_column("summary"),
    CsvColumn(_label("tags"), "tags（以“、”分隔）", lambda c: "、".join(c.tags)),
    CsvColumn(_label("industries"), "industries[].name（以“、”分隔）",
              lambda c: "、".join(c.industry_names)),
    *[
        column
        for fld in schema.OVERVIEW.fields
        for column in (
            [_share_column(i, n) for i, n in enumerate(fld.type.parts)]
            if fld.type.parts else [_field_column("overview", fld.key)]
        )
    ],
    _field_column("innovation", "rd_investment"),
    _field_column("innovation", "rd_share_of_revenue"),
    _count_column(f"{_label('innovation', 'national_centers')}数量", "innovation.national_centers 的项数",
                  lambda c: (c.data.get("innovation") or {}).get("national_centers")),
    _count_column(f"{_label('innovation', 'provincial_centers')}数量",
                  "innovation.provincial_centers 的项数",
                  lambda c: (c.data.get("innovation") or {}).get("provincial_centers")),
    _count_column(f"{_label('policies')}数量", "policies 的项数", lambda c: c.data.get("policies")),
    _count_column(f"{_label('targets')}数量", "targets 的项数", lambda c: c.data.get("targets")),
    _count_column(f"{_label('experiences')}数量", "experiences 的项数", lambda c: c.data.get("experiences")),
    CsvColumn("案例页面", "网站中的地址（相对于网站根目录）", lambda c: f"cases/{c.id}/"),
)
"""The columns of ``data/cases.csv``, in order; the data dictionary lists them too."""


def csv_cell(value: Any) -> str:
    """A value as CSV text: numbers plain, text never a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return plain_number(value)
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def cases_csv(site: Site) -> bytes:
    """``data/cases.csv``: one row per case, UTF-8 with BOM, CRLF line ends (RFC 4180)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(column.header) for column in CSV_COLUMNS])
    for case in site.cases:
        writer.writerow([csv_cell(column.get(case)) for column in CSV_COLUMNS])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


OPEN_DATA: tuple[forms.Download, ...] = (
    forms.Download("data/cases.json", "全部案例（JSON）", "JSON（.json）",
                   "每个案例的全部字段，字段名与案例格式相同。", build=cases_json),
    forms.Download("data/cases.csv", "案例主要指标（CSV）", "CSV（.csv，UTF-8）",
                   "一个案例一行，含总体情况等主要指标；带 BOM，可直接用 Excel 打开。", build=cases_csv),
)
"""The open data, in the order the pages list it, each with what makes it from the site."""
