"""The field kinds (generator/format/kinds.py): one object per kind, used by every reader and writer."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

from generator.format import kinds, schema


def _fields(fld: schema.Field) -> list[schema.Field]:
    return [fld, *(f for child in fld.fields for f in _fields(child))]


def test_every_kind_name_of_the_format_has_its_class() -> None:
    assert set(typing.get_args(schema.Kind)) == set(kinds.KINDS)
    assert all(f.type is kinds.KINDS[f.kind] for f in _fields(schema.CASE))


def test_no_module_switches_on_a_field_kind() -> None:
    root = Path(__file__).resolve().parent.parent
    sources = [*root.glob("generator/**/*.py"), *root.glob("templates/*.j2")]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert '("number", "int", "percent")' not in text, path
        assert not re.search(r"\b(fld|child|f|current)\.kind (==|in|not in) ", text), path


@pytest.mark.parametrize(("kind", "expected"), [
    (kinds.INT, "应为不小于 0 的整数（家）"),
    (kinds.NUMBER_KIND, "应为不小于 0 的数字（家）"),
    (kinds.PERCENT, "应为 0 到 100 之间的数字（%）"),
])
def test_the_data_dictionary_and_the_messages_share_the_wording(kind: kinds.FieldType, expected: str) -> None:
    fld = schema.Field("x", "数量", kind.name, "家")  # type: ignore[arg-type]
    assert kind.expected(fld) == expected
    if kind is not kinds.PERCENT:
        assert kind.summary(fld) in expected
    check = kind.excel_check(fld)
    assert check is not None and check.error.startswith(expected)


def test_a_cell_is_refused_for_the_validators_control_characters() -> None:
    fld = schema.Field("name", "企业名称", "line")
    for char in ("\u00ad", "\u2060", "\u200b", "\x07"):
        with pytest.raises(kinds.CellError, match=f"U\\+{ord(char):04X}"):
            fld.type.from_cell(fld, f"甲{char}乙", "General")
        assert kinds.CONTROL.search(char)


def test_percent_cells_read_as_the_forms_write_them() -> None:
    share = schema.OVERVIEW.child("mfg_share_of_gdp")
    shares = schema.OVERVIEW.child("industry_structure")
    assert share is not None and shares is not None
    assert share.type.from_cell(share, 0.357, "0.0%") == 35.7
    assert share.type.from_cell(share, "35.7%", "@") == 35.7
    assert shares.type.from_cell(shares, "8.1：45.3：46.6", "@") == [8.1, 45.3, 46.6]
    assert shares.type.cell(shares, [8.1, 45.3, 46.6]) == "8.1:45.3:46.6"
    with pytest.raises(kinds.CellError, match="三个百分数"):
        shares.type.from_cell(shares, "8.1:91.9", "@")
