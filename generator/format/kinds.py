"""The kinds of value a case file holds, one class each (after Lektor's field types).

A :class:`generator.format.schema.Field` names its kind (``"number"``, ``"lines"`` …) and
``field.type`` is the kind's object here. A kind knows everything that depends on it alone:

- :meth:`FieldType.parse`: check a YAML node and turn it into plain data, reporting each
  problem through the validator (:class:`Checker`) in the validator's words;
- :meth:`~FieldType.summary`, :meth:`~FieldType.hint`, :meth:`~FieldType.expected`: what it
  accepts, in Chinese, for the data dictionary, a case file's comments and the messages;
- :meth:`~FieldType.json_schema`: its JSON Schema fragment;
- :meth:`~FieldType.json_value`: its value in the open data;
- :meth:`~FieldType.cell`, :meth:`~FieldType.number_format`, :meth:`~FieldType.shown`,
  :meth:`~FieldType.excel_check`: how a form's cell holds it and a printed form shows it;
- :meth:`~FieldType.from_cell`: read it back from a filled-in spreadsheet's cell.

What depends on the field too (its label, unit, choices, limits) is read from the field.
Structure (a mapping's keys, a list's items) is walked by the validator, which calls back here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

if TYPE_CHECKING:
    from generator.format.load import Node
    from generator.format.schema import Field
    from generator.problems import Severity

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
YEAR = re.compile(r"(?:19|20)[0-9]{2}")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
"""Characters nobody types on purpose: C0/C1 controls, zero-width and bidirectional marks."""

ONE_LINE = r"^[^\n\r\t]*\S[^\n\r\t]*$"
"""JSON Schema: one line of text, not blank, without Tab."""
NOT_BLANK = r"\S"

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The OWASP CSV-injection set: a spreadsheet cell or CSV text starting with these is never a formula."""

LIST_SEPARATORS = "、，,；;"
"""What parts the names of a list written in one spreadsheet cell."""

SHARES_EXAMPLE = (8.1, 45.3, 46.6)
SHARES_TOLERANCE = 0.5
"""How far from 100 the three shares may sum (they are rounded)."""

Data = dict[str, Any]


def grouped(value: int | float | None) -> str:
    """``3456789`` → ``3,456,789``; ``45.30`` keeps no trailing noise beyond what was written."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e15:
        value = int(value)
    return format(value, ",")


class Checker(Protocol):
    """What a kind needs of the validator: to report, and to walk structure."""

    def error(self, node: Node, path: str, fld: Field | None, expected: str, *, actual: bool = True,
              severity: Severity = "error") -> None: ...

    def chinese_quotes(self, node: Node, fld: Field, path: str) -> bool: ...

    def full_width_comma(self, node: Node, fld: Field, path: str) -> bool: ...

    def record(self, node: Node, fld: Field, path: str) -> Data | None: ...

    def records(self, node: Node, fld: Field, path: str) -> list[Data] | None: ...


class CellError(Exception):
    """A spreadsheet cell a field cannot take; ``expected`` says what it should hold."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


@dataclass(frozen=True)
class ExcelCheck:
    """An Excel data validation (a warning, never a refusal) for a field's cells."""

    type: Literal["whole", "decimal"]
    operator: Literal["between", "greaterThanOrEqual"]
    formula1: str
    formula2: str | None
    error: str
    prompt: str


# -- how numbers and lists are written ------------------------------------------------------


def plain_number(value: int | float) -> str:
    """``3456789``, ``1.42``, never ``1e-05``: how a number is written in a case file or a CSV."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)


def join_lines(items: Iterable[str]) -> str:
    """A list of names in one cell: ``甲、乙``; one a line when a name holds a separator itself."""
    items = list(items)
    if any(ch in item for item in items for ch in LIST_SEPARATORS + "\n"):
        return "\n".join(items)
    return "、".join(items)


def shares_text(values: Iterable[int | float]) -> str:
    """The 产业比重 triple as the forms ask for it: ``8.1:45.3:46.6``."""
    return ":".join(grouped(v) for v in values)


def _decimals(value: int | float) -> int:
    """The decimals the case page shows for a value (``46.0`` has one)."""
    shown = grouped(value)
    if "e" in shown.lower():
        shown = plain_number(value)
    return min(len(shown.split(".")[1]), 6) if "." in shown else 0


def _names(fields: list[Field]) -> str:
    return "、".join(dict.fromkeys(f.label for f in fields))


def _unit(fld: Field) -> str:
    return f"（{fld.unit}）" if fld.unit else ""


# -- the kinds ------------------------------------------------------------------------------


class FieldType:
    """A kind of value. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]
    words: ClassVar[str]
    """What it accepts, in the data dictionary's words."""
    expects: ClassVar[str] = ""
    """The validator's message for a value of the wrong shape."""
    numeric: ClassVar[bool] = False
    """A number: right-aligned, formatted with thousands separators, checked by Excel."""
    sequence: ClassVar[bool] = False
    """A list of plain values, written ``[a, b]``."""
    record: ClassVar[bool] = False
    """A mapping of the field's ``fields``."""
    records: ClassVar[bool] = False
    """A list of such mappings."""
    parts: ClassVar[tuple[str, ...]] = ()
    """The names of the parts of a value shown as its parts (``8.1 : 45.3 : 46.6``)."""
    block: ClassVar[bool] = False
    """Written as a ``|`` block of indented lines in a new case file."""
    unit_in_label: ClassVar[bool] = True
    """Whether a heading names the unit after the label (``地区GDP（万元）``)."""

    # -- in Chinese

    def summary(self, fld: Field) -> str:
        """What it accepts, for the data dictionary."""
        return self.words

    def hint(self, fld: Field) -> str:
        """What it accepts, in a case file's comment on the key; empty when the label says enough."""
        return ""

    def expected(self, fld: Field) -> str:
        """The validator's message when the value has the wrong shape."""
        return self.expects

    # -- YAML

    def parse(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        """The value of ``node`` as plain data, or None after reporting why it is not one."""
        if node.kind != "scalar":
            v.error(node, path, fld, self.expected(fld))
            return None
        if v.chinese_quotes(node, fld, path):
            return None
        return self.scalar(v, node, fld, path)

    def scalar(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        raise NotImplementedError(self.name)

    # -- JSON

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        """Its JSON Schema, without title and description; ``mapping`` gives a record's."""
        raise NotImplementedError(self.name)

    def json_value(self, fld: Field, value: Any) -> Any:
        """Its value in the open data's JSON."""
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, list):
            return list(value)
        return value

    # -- spreadsheets and printed forms

    def cell(self, fld: Field, value: Any) -> Any:
        """The value as a form's cell holds it."""
        return None if value is None else str(value)

    def number_format(self, fld: Field, value: Any = None) -> str:
        """The cell's number format: text, unless a number."""
        return "@"

    def shown(self, fld: Field, value: Any) -> str:
        """The value as a printed form shows it, as the case page does."""
        return "" if value is None else str(self.cell(fld, value))

    def excel_check(self, fld: Field) -> ExcelCheck | None:
        return None

    def fill_note(self, fields: list[Field]) -> str | None:
        """What a form's 填表说明 says about filling in ``fields`` (of this kind), if anything."""
        return None

    def from_cell(self, fld: Field, value: Any, number_format: str) -> Any:
        """The value of a filled-in cell (not blank, not a formula); raises :class:`CellError`."""
        return read_text(value)


def read_text(value: Any) -> str | None:
    """A cell as text: the validator's control characters refused, line ends and spaces tidied."""
    if isinstance(value, bool) or isinstance(value, (dt.datetime, dt.date, dt.time)):
        raise CellError("应为文字（这个单元格被 Excel 识别成了日期或逻辑值："
                        "请把单元格格式设为“文本”后重新填写）")
    if isinstance(value, (int, float)):
        return plain_number(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("_x000D_", "")
    bad = CONTROL.search(text)
    if bad:
        raise CellError(f"含有看不见的控制字符（U+{ord(bad.group()):04X}），请删除")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return text or None


def parse_text(v: Checker, node: Node, fld: Field, path: str, *, single_line: bool) -> str | None:
    """A scalar as text: no control characters, NFC, one line where asked, within ``max_chars``."""
    text = node.text
    bad = CONTROL.search(text)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        v.error(node, path, fld, f"含有看不见的控制字符（{code}），请删除")
        return None
    text = unicodedata.normalize("NFC", text)
    if single_line:
        text = text.strip()
        if "\n" in text or "\r" in text:
            v.error(node, path, fld, "应为一行文字，不能换行")
            return None
        if "\t" in text:
            v.error(node, path, fld, "不能含有 Tab 字符")
            return None
    else:
        text = text.replace("\r\n", "\n").strip("\n")
    if not text.strip():
        if fld.required:
            v.error(node, path, fld, "为必填项，不能为空", actual=False)
        return None
    if fld.max_chars is not None and len(text) > fld.max_chars:
        v.error(node, path, fld, f"最多 {fld.max_chars} 个字，实际为 {len(text)} 个字", actual=False)
        return None
    return text


class Text(FieldType):
    name = "text"
    words = "文字，可换行"
    expects = "应为一段文字"
    single_line: ClassVar[bool] = False

    def parse(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if node.kind != "scalar":
            v.error(node, path, fld, self.expected(fld))
            return None
        return parse_text(v, node, fld, path, single_line=self.single_line)

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        node: dict[str, Any] = {"type": "string", "minLength": 1,
                                "pattern": ONE_LINE if self.single_line else NOT_BLANK}
        if fld.max_chars:
            node["maxLength"] = fld.max_chars
        return node


class Line(Text):
    name = "line"
    words = "一行文字"
    expects = "应为一行文字"
    single_line = True


class Markdown(Text):
    name = "markdown"
    words = "Markdown 正文"
    expects = "应为一段文字（可用 Markdown）"
    block = True

    def hint(self, fld: Field) -> str:
        return "可用 Markdown，写在 | 下面的缩进行中"


class Slug(FieldType):
    name = "slug"
    words = "小写字母、数字和连字符"
    expects = "应只含小写字母、数字和连字符，如 zhengding"

    def scalar(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if not SLUG.fullmatch(node.text):
            v.error(node, path, fld, self.expects)
            return None
        return node.text

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}


class Choice(FieldType):
    name = "choice"
    words = "固定选项之一"
    expects = "应为列表中的一个值"

    def hint(self, fld: Field) -> str:
        return "可选值：" + "、".join(fld.choices)

    def scalar(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if node.text not in fld.choices:
            v.error(node, path, fld, f"应为以下之一：{'、'.join(fld.choices)}")
            return None
        return node.text

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "enum": list(fld.choices)}


class Bool(FieldType):
    name = "bool"
    words = "true 或 false"
    expects = "应为 true 或 false"

    def scalar(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if node.text not in ("true", "false"):
            v.error(node, path, fld, self.expects)
            return None
        return node.text == "true"

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return {"type": "boolean"}


class Date(FieldType):
    name = "date"
    words = "日期（YYYY-MM-DD）"
    expects = "应为日期，格式 YYYY-MM-DD，如 2019-09-07"

    def hint(self, fld: Field) -> str:
        return "日期 YYYY-MM-DD"

    def scalar(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if not DATE.fullmatch(node.text):
            v.error(node, path, fld, self.expects)
            return None
        try:
            return dt.date.fromisoformat(node.text)
        except ValueError:
            v.error(node, path, fld, "应为日历上存在的日期（YYYY-MM-DD）")
            return None

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


YEAR_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": 1900, "maximum": 2099}


class Year(FieldType):
    name = "year"
    words = "四位年份"
    expects = "应为四位年份（1900—2099），如 2019"

    def hint(self, fld: Field) -> str:
        return "年份"

    def scalar(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if not YEAR.fullmatch(node.text):
            v.error(node, path, fld, self.expects)
            return None
        return int(node.text)

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return dict(YEAR_SCHEMA)


# -- numbers

_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_NUMBER_PROMPT = "只填数值，单位见表头；不要使用公式"


def _real_percent(number_format: str) -> bool:
    """Excel's own percent format (``0.0%``) stores 35.7% as 0.357; a quoted "%" is only text."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format or "")
    return "%" in bare


def _round(value: float) -> float:
    return float(f"{value:.15g}")


class Number(FieldType):
    """A decimal number, not negative unless the field is ``signed``."""

    name = "number"
    words = "不小于 0 的数字"
    numeric = True
    whole: ClassVar[bool] = False
    maximum: ClassVar[int | None] = None
    percent_sign: ClassVar[bool] = False
    """A cell may hold it as ``35.7%`` or in Excel's percent format (0.357 shown as 35.7%)."""

    def summary(self, fld: Field) -> str:
        return "数字（可为负）" if fld.signed else self.words

    def expected(self, fld: Field) -> str:
        return f"应为数字{_unit(fld)}" if fld.signed else f"应为{self.words}{_unit(fld)}"

    def convert(self, text: str, fld: Field) -> int | float | None:
        """The number a YAML scalar writes, or None when it is not one this field takes."""
        text = text.strip()
        if not NUMBER.fullmatch(text):
            return None
        value: int | float = int(text) if re.fullmatch(r"-?[0-9]+", text) else float(text)
        if self.whole and not isinstance(value, int):
            return None
        if value < 0 and not fld.signed:
            return None
        if self.maximum is not None and value > self.maximum:
            return None
        return value

    def scalar(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        value = self.convert(node.text, fld)
        if value is None:
            v.error(node, path, fld, self.expected(fld))
        return value

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        node: dict[str, Any] = {"type": "integer" if self.whole else "number"}
        if not fld.signed:
            node["minimum"] = 0
        if self.maximum is not None:
            node["maximum"] = self.maximum
        return node

    def cell(self, fld: Field, value: Any) -> Any:
        return value

    def number_format(self, fld: Field, value: Any = None) -> str:
        """Thousands separators and the value's decimals; the unit is in the label."""
        if value is None:
            return "General"
        places = _decimals(value)
        return "#,##0" + ("." + "0" * places if places else "")

    def shown(self, fld: Field, value: Any) -> str:
        return "" if value is None else grouped(value)

    def excel_check(self, fld: Field) -> ExcelCheck | None:
        if fld.signed:
            return ExcelCheck("decimal", "between", "-1E+15", "1E+15", self.expected(fld), _NUMBER_PROMPT)
        return ExcelCheck("decimal", "greaterThanOrEqual", "0", None, self.expected(fld), _NUMBER_PROMPT)

    def from_cell(self, fld: Field, value: Any, number_format: str) -> Any:
        """Numbers typed as text too: ``3,456,789``, ``35.7%``, full-width digits, the unit after."""
        expected = self.expected(fld)
        if isinstance(value, bool) or isinstance(value, (dt.datetime, dt.date, dt.time)):
            raise CellError(expected)
        if isinstance(value, (int, float)):
            number: int | float = value
            if self.percent_sign and _real_percent(number_format):
                number = _round(number * 100)
        elif isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip().replace("\u2212", "-")
            text = re.sub(r"\s+", "", text)
            unit = unicodedata.normalize("NFKC", fld.unit)
            if unit and text.endswith(unit):
                text = text[: -len(unit)]
            elif self.percent_sign and text.endswith("%"):
                text = text[:-1]
            if not _NUMBER_TEXT.fullmatch(text):
                raise CellError(expected)
            text = text.replace(",", "")
            number = int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else float(text)
        else:
            raise CellError(expected)
        if isinstance(number, float):
            if number != number or number in (float("inf"), float("-inf")):
                raise CellError(expected)
            number = _round(number)
        if self.whole:
            if isinstance(number, float) and not number.is_integer():
                raise CellError(expected)
            number = int(number)
        elif isinstance(number, float) and number.is_integer() and abs(number) < 1e15 \
                and not (isinstance(value, str) and "." in value):
            number = int(number)
        return number


    def fill_note(self, fields: list[Field]) -> str | None:
        signed = [f for f in fields if f.signed]
        return f"{_names(signed)}可以是负数。" if signed else None


class Int(Number):
    name = "int"
    words = "不小于 0 的整数"
    whole = True

    def hint(self, fld: Field) -> str:
        return "整数"

    def expected(self, fld: Field) -> str:
        return f"应为{self.words}{_unit(fld)}"

    def excel_check(self, fld: Field) -> ExcelCheck | None:
        return ExcelCheck("whole", "greaterThanOrEqual", "0", None, self.expected(fld), _NUMBER_PROMPT)


class Percent(Number):
    """A percentage, 0 to 100 (35.7 is 35.7%)."""

    name = "percent"
    words = "0 到 100 的数字"
    maximum = 100
    percent_sign = True

    def hint(self, fld: Field) -> str:
        return "0—100"

    def expected(self, fld: Field) -> str:
        return "应为 0 到 100 之间的数字（%）"

    def excel_check(self, fld: Field) -> ExcelCheck | None:
        return ExcelCheck("decimal", "between", "0", "100", self.expected(fld) + "，如 35.7",
                          "填百分数的数值，如 35.7 表示 35.7%")

    def fill_note(self, fields: list[Field]) -> str | None:
        return "比重填百分数的数值，如 35.7 表示 35.7%。" if fields else None


# -- lists of plain values


class Sequence(FieldType):
    """A list of plain values, written ``[a, b]``; a full-width comma between items is a slip."""

    sequence = True

    def parse(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if v.full_width_comma(node, fld, path):
            return None
        if v.chinese_quotes(node, fld, path):
            return None
        return self.items(v, node, fld, path)

    def items(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        raise NotImplementedError(self.name)


class Lines(Sequence):
    name = "lines"
    words = "文字列表"

    def hint(self, fld: Field) -> str:
        return "文字列表，如 [甲, 乙]"

    def parse(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        # Chinese quotes around an item of free text are the author's.
        if v.full_width_comma(node, fld, path):
            return None
        return self.items(v, node, fld, path)

    def items(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if node.kind == "scalar" and not node.is_null:
            # A single keyword written without brackets: accept it as a list of one.
            text = parse_text(v, node, fld, path, single_line=True)
            return [text] if text is not None else None
        if node.kind != "seq":
            v.error(node, path, fld, "应为文字列表，如 [数字化转型, 绿色制造]")
            return None
        result = []
        for index, item in enumerate(node.items):
            if item.kind != "scalar" or item.is_null:
                v.error(item, f"{path}[{index}]", fld, "应为一段文字")
                continue
            text = parse_text(v, item, fld, f"{path}[{index}]", single_line=True)
            if text is not None:
                result.append(text)
        return result

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        item = {"type": "string", "minLength": 1, "pattern": ONE_LINE}
        return {"anyOf": [item, {"type": "array", "items": item}]}

    def cell(self, fld: Field, value: Any) -> Any:
        return None if value is None else join_lines(value)

    def fill_note(self, fields: list[Field]) -> str | None:
        if not fields:
            return None
        return f"{_names(fields)}有多项时，用顿号“、”分隔，或每项占一行（在单元格内换行）。"

    def from_cell(self, fld: Field, value: Any, number_format: str) -> Any:
        """Names parted by 、 ， , ； ; or one a line."""
        text = read_text(value)
        if text is None:
            return None
        parts = text.split("\n") if "\n" in text else re.split(f"[{LIST_SEPARATORS}]", text)
        items = [part.strip() for part in parts if part.strip()]
        return items or None


class Shares(Sequence):
    """industry_structure: the shares of the three sectors, in percent, summing to 100."""

    name = "shares"
    words = "三个百分数，合计 100"
    expects = "应为三个百分数 [第一产业, 第二产业, 第三产业]，合计 100，如 [8.1, 45.3, 46.6]"
    parts = ("第一产业", "第二产业", "第三产业")
    unit_in_label = False

    def items(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if node.kind != "seq" or len(node.items) != len(self.parts):
            v.error(node, path, fld, self.expects)
            return None
        values = []
        for index, item in enumerate(node.items):
            value = PERCENT.convert(item.text, fld) if item.kind == "scalar" else None
            if value is None:
                v.error(item, f"{path}[{index}]", fld, PERCENT.expected(fld))
                return None
            values.append(value)
        total = sum(values)
        if abs(total - 100) > SHARES_TOLERANCE:
            v.error(node, path, fld, f"三项合计应为 100（允许误差 ±{SHARES_TOLERANCE}），"
                    f"实际合计为 {round(total, 2):g}", actual=False)
            return None
        return values

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return {"type": "array", "minItems": 3, "maxItems": 3,
                "items": {"type": "number", "minimum": 0, "maximum": 100}}

    def cell(self, fld: Field, value: Any) -> Any:
        return None if value is None else shares_text(value)

    def fill_note(self, fields: list[Field]) -> str | None:
        if not fields:
            return None
        return f"{_names(fields)}：依次填三个百分数，用冒号分隔，合计 100，如 {shares_text(SHARES_EXAMPLE)}。"

    def from_cell(self, fld: Field, value: Any, number_format: str) -> Any:
        """``8.1:45.3:46.6``, or the three parted by another separator a person may type."""
        expected = f"应为三个百分数，依次为第一、二、三产业，用冒号分隔，如 {shares_text(SHARES_EXAMPLE)}"
        if not isinstance(value, str):
            if isinstance(value, dt.time):
                expected += "（Excel 把它识别成了时间：请把单元格格式设为“文本”后重新填写）"
            raise CellError(expected)
        text = unicodedata.normalize("NFKC", value).strip()
        parts = [p for p in re.split(r"[:：、,，/;；\s]+", text) if p]
        if len(parts) != len(self.parts):
            raise CellError(expected)
        try:
            return [PERCENT.from_cell(fld, part, "@") for part in parts]
        except CellError:
            raise CellError(expected) from None


class Period(Sequence):
    name = "period"
    words = "[起始年, 结束年]"
    expects = "应为 [起始年, 结束年]，如 [2019, 2021]"

    def items(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        if node.kind != "seq" or len(node.items) != 2 or any(
            i.kind != "scalar" or not YEAR.fullmatch(i.text) for i in node.items
        ):
            v.error(node, path, fld, self.expects)
            return None
        start, end = (int(i.text) for i in node.items)
        if end < start:
            v.error(node, path, fld, "结束年不能早于起始年", actual=False)
            return None
        return [start, end]

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return {"type": "array", "minItems": 2, "maxItems": 2, "items": dict(YEAR_SCHEMA)}


# -- mappings


class Record(FieldType):
    name = "record"
    words = "一组字段"
    record = True

    def parse(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        return v.record(node, fld, path)

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        return mapping(fld)

    def json_value(self, fld: Field, value: Any) -> Any:
        return canonical(value, fld)


class Records(FieldType):
    name = "records"
    words = "列表，每项一组字段"
    records = True

    def parse(self, v: Checker, node: Node, fld: Field, path: str) -> Any:
        return v.records(node, fld, path)

    def json_schema(self, fld: Field, mapping: Callable[[Field], dict[str, Any]]) -> dict[str, Any]:
        node: dict[str, Any] = {"type": "array", "items": mapping(fld)}
        if fld.max_items is not None:
            node["maxItems"] = fld.max_items
        return node

    def json_value(self, fld: Field, value: Any) -> Any:
        return [canonical(item, fld) for item in value]


def canonical(data: Data, fld: Field) -> Data:
    """Data of a record with only the format's keys, in the format's order, dates as text."""
    result: Data = {}
    for child in fld.fields:
        if child.key not in data or data[child.key] is None:
            continue
        result[child.key] = child.type.json_value(child, data[child.key])
    return result


LINE, TEXT, MARKDOWN, SLUG_KIND = Line(), Text(), Markdown(), Slug()
INT, NUMBER_KIND, PERCENT = Int(), Number(), Percent()
YEAR_KIND, DATE_KIND, BOOL, CHOICE = Year(), Date(), Bool(), Choice()
SHARES, PERIOD, LINES = Shares(), Period(), Lines()
RECORD, RECORDS = Record(), Records()

KINDS: dict[str, FieldType] = {kind.name: kind for kind in (
    LINE, TEXT, MARKDOWN, SLUG_KIND, INT, NUMBER_KIND, PERCENT, YEAR_KIND, DATE_KIND, BOOL, CHOICE,
    SHARES, PERIOD, LINES, RECORD, RECORDS,
)}
"""Every kind by the name a field gives (``schema.Kind``)."""

NUMBERS_NOTE = "数字只填数值，不带单位（单位见表头）。"


def fill_notes(fields: list[Field]) -> list[str]:
    """What a form's 填表说明 says about the kinds of its fields, in the sheet's order."""
    notes = [NUMBERS_NOTE] if any(f.type.numeric for f in fields) else []
    for kind in (PERCENT, SHARES, NUMBER_KIND, LINES):
        note = kind.fill_note([f for f in fields if f.type is kind])
        if note:
            notes.append(note)
    return notes
