"""Import: a county's filled-in 附表1 (and 附表2) → ``cases/<id>.yaml``.

The spreadsheets are read with the same form definitions (:mod:`generator.forms.layouts`)
that made the templates, so a form that left this site comes back the same way.
Nothing in a spreadsheet is trusted:

- the file's size, and the unpacked size of every part of the zip, are checked
  before openpyxl sees it (a 300 KB ``.xlsx`` can unpack to gigabytes);
- the sheet's declared dimension is ignored; at most :data:`MAX_ROWS` rows and
  :data:`MAX_COLUMNS` columns are read;
- a formula is refused (its stored result may be stale or forged): the county is
  asked to paste values instead;
- numbers typed as text (``3,456,789``, ``35.7%``, full-width digits, the unit
  after the number) are read; anything else is reported by sheet and cell, e.g.
  ``附表1!C7（地区GDP）应为不小于 0 的数字（万元），实际为 "三百万"``.

The result is written as YAML the way a person writes a case file, then read
back with :func:`generator.format.load.parse` and checked by :mod:`generator.format.validate`
like any case; a problem the validator finds is reported at the cell it came from.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.format import casefile, schema
from generator.format.kinds import CONTROL, SLUG, CellError, plain_number
from generator.format.schema import Field
from generator.forms import layouts as forms
from generator.forms.layouts import Beside, Blocks, Form, Pairs, Table

MAX_FILE_BYTES = 10 * 1024 * 1024
"""A filled form is tens of kilobytes; a file over 10 MB is not one."""

MAX_UNPACKED_BYTES = 20 * 1024 * 1024
"""The sum of the zip entries' unpacked sizes, checked before the workbook is opened."""

MAX_ZIP_ENTRIES = 1000
MAX_ROWS = 2000
MAX_COLUMNS = 26

DEFAULT_BATCH = 2019
"""The notice is for the 2019 batch."""

DEFAULT_STATUS = schema.STATUSES[0]

SUMMARY_PLACEHOLDER = casefile.PLACEHOLDER_SUMMARY
"""The placeholder ``new`` uses too; ``check`` warns until it is replaced."""


class FormError(Exception):
    """The spreadsheets cannot become a case; ``messages`` says where and why, in Chinese."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))


# -- YAML text, as a person writes it ---------------------------------------------------

_PLAIN_UNSAFE_START = tuple("-?:,[]{}#&*!|>'\"%@`")
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


def _plain_ok(text: str, flow: bool) -> bool:
    if text in _NULL_WORDS or text != text.strip() or "\n" in text or "\r" in text:
        return False
    if text.startswith(_PLAIN_UNSAFE_START) or ": " in text or " #" in text or text.endswith(":"):
        return False
    if "\t" in text or (flow and any(ch in text for ch in ",[]{}")):
        return False
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return bool(loaded == text)  # YAML 1.1 readers would not turn it into a number, date or boolean


def scalar(value: Any, *, flow: bool = False) -> str:
    """One value as YAML: plain where that reads back the same everywhere, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return plain_number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value)
    if _plain_ok(text, flow):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _block_ok(text: str) -> bool:
    return "\n" in text and "\r" not in text and not text[:1].isspace() and text == text.strip("\n") \
        and not CONTROL.search(text)


def _dump_record(fld: Field, data: dict[str, Any], indent: int, out: list[str], *,
                 dash: bool = False, comments: dict[str, str] | None = None) -> None:
    first = True
    for child in fld.fields:
        if child.key not in data or data[child.key] is None:
            continue
        value = data[child.key]
        if comments and child.key in comments:
            out.append("")
            out.append(" " * indent + f"# {comments[child.key]}")
        prefix = " " * (indent - 2) + "- " if dash and first else " " * indent
        first = False
        key = f"{prefix}{child.key}:"
        if child.type.record:
            out.append(key)
            _dump_record(child, value, indent + 2, out)
        elif child.type.records:
            out.append(key if value else f"{key} []")
            for item in value:
                _dump_record(child, item, indent + 4, out, dash=True)
        elif child.type.sequence:
            out.append(f"{key} [{', '.join(scalar(v, flow=True) for v in value)}]")
        elif isinstance(value, str) and "\n" in value and _block_ok(value):
            out.append(f"{key} |-")
            out.extend((" " * (indent + 2) + line) if line else "" for line in value.split("\n"))
        else:
            out.append(f"{key} {scalar(value)}")


SECTION_COMMENTS = {
    "overview": f"{forms.FUBIAO1.name} {forms.FUBIAO1.parts[0].title}",
    "industries": f"{forms.FUBIAO1.name} {forms.FUBIAO1.parts[1].title}；{forms.FUBIAO1.parts[2].title}",
    "innovation": f"{forms.FUBIAO1.name} {forms.FUBIAO1.parts[3].title}",
    "policies": f"{forms.FUBIAO2.name} {forms.FUBIAO2.title}",
}


def case_yaml(data: dict[str, Any], header: list[str] | None = None) -> str:
    """A case as a YAML file: the format's key order, comments naming the forms' parts."""
    out = [f"# {line}" if line else "#" for line in header or []]
    _dump_record(schema.CASE, data, 0, out, comments=SECTION_COMMENTS)
    return "\n".join(out).rstrip("\n") + "\n"


def blank_case_yaml() -> str:
    """The blank case file offered for download: every key of the format, each with a comment.

    The same lines as ``python -m generator new`` writes (:mod:`generator.format.casefile`), with the
    required keys left empty: optional keys are commented out, so a file with the required
    keys filled in is already valid.
    """
    out = [
        casefile.SCHEMA_COMMENT,
        "# 试点示范县（市、区）案例文件模板（案例格式第 1 版）",
        "#",
        "# 一个县（市、区）一个文件，保存为 cases/<网址标识>.yaml，UTF-8 编码；",
        "# 附件放在 cases/<网址标识>/ 中。",
        "# 每个键后的注释是它的名称、单位和应填什么。标“必填”的键必须填写；",
        "# 以“# ”开头的行是未填写的项目：要填写某项，删去行首的“# ”（保留后面的空格缩进）再填值。",
        "# 文字以 - [ { # 等符号开头，或含有“: ”时，请用英文双引号括起来。",
        "# 附表1、附表2 可直接从 Excel 导入：",
        "#   python -m generator import 附表1.xlsx --annex2 附表2.xlsx --id <网址标识>",
        "",
    ]
    for fld in schema.CASE.fields:
        if fld.required:
            out.append(casefile.comment_line(f"{fld.key}:", casefile.describe(fld)))
        else:
            if fld.fields:
                out.append("")
            out.extend(casefile.commented(fld, ""))
    return "\n".join(out) + "\n"


# -- reading a workbook safely ------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    value: Any
    data_type: str
    number_format: str


@dataclass
class Grid:
    """The cells of one worksheet that the import reads, by (row, column), 1-based."""

    sheet: str
    cells: dict[tuple[int, int], Cell]
    max_row: int

    def ref(self, row: int, column: int) -> str:
        return f"{self.sheet}!{_letter(column)}{row}"

    def get(self, row: int, column: int) -> Cell | None:
        return self.cells.get((row, column))

    def text(self, row: int, column: int) -> str:
        """The cell as a label is compared: normalized, empty for numbers and blanks."""
        cell = self.get(row, column)
        return forms.normalize(cell.value) if cell and isinstance(cell.value, str) else ""

    def empty(self, row: int, column: int) -> bool:
        cell = self.get(row, column)
        return cell is None or cell.value is None or (isinstance(cell.value, str) and not cell.value.strip())


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_package(path: Path) -> None:
    """Refuse what is not a small, sane .xlsx before any XML in it is parsed."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as error:
        raise FormError([f"{name}：无法读取文件（{error.strerror}）"]) from None
    if size > MAX_FILE_BYTES:
        raise FormError([f"{name}：文件过大（{size:,} 字节），填好的附表应小于 {MAX_FILE_BYTES // 2**20} MB"])
    if magic == _OLE_MAGIC:
        raise FormError([f"{name}：是旧版 Excel（.xls）文件或设置了打开密码，"
                         "请在 Excel 或 WPS 中取消密码并“另存为”Excel 工作簿（.xlsx）"])
    if not zipfile.is_zipfile(path):
        raise FormError([f"{name}：不是 Excel 工作簿（.xlsx），请使用本站下载的模板填写后保存为 .xlsx"])
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise FormError([f"{name}：文件已损坏，无法打开（{error}）"]) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise FormError([f"{name}：工作簿包含 {len(entries):,} 个部件，不像填好的附表，已拒绝"])
    unpacked = sum(info.file_size for info in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise FormError([f"{name}：工作簿解压后有 {unpacked:,} 字节，超过上限 {MAX_UNPACKED_BYTES:,} 字节"
                         "（填好的附表通常不到 1 MB），已拒绝；请只保留附表的工作表后重新保存"])
    names = {info.filename for info in entries}
    if "word/document.xml" in names:
        raise FormError([f"{name}：是 Word 文件，不能导入；请在本站下载的 Excel（.xlsx）模板中填写附表"])
    if "xl/workbook.xml" not in names:
        raise FormError([f"{name}：不是 Excel 工作簿（.xlsx）：缺少 xl/workbook.xml"])


def read_grid(path: Path, form: Form) -> Grid:
    """The form's worksheet, as cells, read within the row and column caps."""
    check_package(path)
    import openpyxl  # after the checks: nothing parses the package before them

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        reason = f"{type(error).__name__}：{error}"
        raise FormError([f"{path.name}：无法作为 Excel 工作簿打开（{reason}）"]) from None
    try:
        worksheet = _pick_sheet(workbook, form, path.name)
        cells: dict[tuple[int, int], Cell] = {}
        max_row = 0
        for row in worksheet.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS):
            for cell in row:
                number = getattr(cell, "row", None)
                if number is None or cell.value is None:
                    continue
                if number > MAX_ROWS:
                    raise FormError([f"{worksheet.title}：超过 {MAX_ROWS} 行，不像填好的{form.name}，已拒绝"])
                cells[(number, cell.column)] = Cell(cell.value, cell.data_type,
                                                    cell.number_format or "General")
                max_row = max(max_row, number)
    finally:
        workbook.close()
    return Grid(worksheet.title, cells, max_row)


def _pick_sheet(workbook: Any, form: Form, file_name: str) -> Any:
    if form.name in workbook.sheetnames:
        return workbook[form.name]
    title = forms.normalize(form.title)
    for worksheet in workbook.worksheets:
        for row in worksheet.iter_rows(min_row=1, max_row=10, max_col=MAX_COLUMNS, values_only=True):
            if any(isinstance(v, str) and title in forms.normalize(v) for v in row):
                return worksheet
    sheets = "、".join(workbook.sheetnames)
    raise FormError([f"{file_name}：不是{form.name}（{form.title}）：找不到名为“{form.name}”的工作表"
                     f"（这个文件的工作表有：{sheets}）。请使用本站“模板下载”中的{form.name}模板填写"])


def has_sheet(path: Path, name: str) -> bool:
    check_package(path)
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return name in workbook.sheetnames
    finally:
        workbook.close()


# -- cells to values ---------------------------------------------------------------------

def _quote(value: Any) -> str:
    if isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        text = value.isoformat()
    elif isinstance(value, (int, float)):
        text = plain_number(value)
    else:
        text = str(value)
    text = text.replace("\n", "\\n")
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


# -- the forms, read ---------------------------------------------------------------------


@dataclass
class _Reader:
    grid: Grid
    form: Form
    errors: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    """Case key path → the cell it came from, to report the validator's problems there."""

    def error(self, row: int, column: int, fld: Field | None, expected: str, *, actual: bool = True) -> None:
        label = f"（{fld.label}）" if fld else ""
        message = f"{self.grid.ref(row, column)}{label}{expected}"
        cell = self.grid.get(row, column)
        if actual and cell is not None:
            message += f"，实际为 {_quote(cell.value)}"
        self.errors.append(message)

    def value(self, row: int, column: int, fld: Field, path: str) -> Any:
        """The value of one cell for one field, or None (blank or wrong: wrong is reported)."""
        cell = self.grid.get(row, column)
        if cell is None or cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            return None
        self.cells[path] = self.grid.ref(row, column)
        if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")
                                     and cell.data_type != "s"):
            formula = str(cell.value)
            shown = formula if len(formula) <= 40 else formula[:40] + "…"
            self.errors.append(f"{self.grid.ref(row, column)}（{fld.label}）是公式（{shown}），"
                               "导入时不采用公式的结果：请改为直接填写数值（复制后“选择性粘贴→数值”）")
            return None
        if cell.data_type == "e":
            self.error(row, column, fld, "是错误值，请改为直接填写数值")
            return None
        try:
            return fld.type.from_cell(fld, cell.value, cell.number_format)
        except CellError as problem:
            self.error(row, column, fld, problem.expected)
            return None

    # layout

    def part_rows(self) -> list[tuple[int, int]]:
        """The rows (first, last) of each part's content, found by the parts' headings in column A."""
        titled = [part for part in self.form.parts if part.title]
        if not titled:
            return [(1, self.grid.max_row)]
        starts: list[int] = []
        after = 0
        for part in titled:
            wanted = forms.normalize(part.title)
            found = next((r for r in range(after + 1, self.grid.max_row + 1)
                          if self.grid.text(r, 1) == wanted), None)
            if found is None:
                self.errors.append(f"{self.grid.sheet}：找不到“{part.title}”这一行（应在 A 列）。"
                                   f"请使用本站“模板下载”中的{self.form.name}模板，不要删改各部分的标题")
                return []
            starts.append(found)
            after = found
        ends = [s - 1 for s in starts[1:]] + [self.grid.max_row]
        return [(s + 1, e) for s, e in zip(starts, ends, strict=False)]

    def head(self, last_row: int) -> dict[str, Any]:
        """The county line the site adds above the form: in any row before ``last_row``."""
        found: dict[str, Any] = {}
        for pair in self.form.head.pairs:
            fld = pair.field
            labels = {forms.normalize(pair.label), forms.normalize(pair.label + "：")}
            for row in range(1, last_row):
                if self.grid.text(row, pair.label_span[0]) in labels:
                    self.cells[pair.path[0]] = self.grid.ref(row, pair.value_span[0])
                    value = self.value(row, pair.value_span[0], fld, pair.path[0])
                    if value is not None:
                        found[pair.path[0]] = value
                    break
        return found

    def pairs(self, section: Pairs, rows: tuple[int, int], target: dict[str, Any]) -> None:
        first, last = rows
        for pair in section.pairs:
            fld = pair.field
            wanted = {forms.normalize(pair.label), forms.normalize(fld.label)}
            row = next((r for r in range(first, last + 1)
                        if self.grid.text(r, pair.label_span[0]) in wanted), None)
            if row is None:
                self.errors.append(f"{self.grid.sheet}：找不到“{pair.label}”（应在 "
                                   f"{_letter(pair.label_span[0])} 列，第 {first}—{last} 行之间），"
                                   "请不要删改表中的文字")
                continue
            path = ".".join(pair.path)
            value = self.value(row, pair.value_span[0], fld, path)
            if value is not None:
                target[pair.path[-1]] = value

    def find_header(self, tables: tuple[Table, ...], first: int, last: int) -> int | None:
        """The row of the tables' column headings, found by the first heading; every heading is checked."""
        span, text = tables[0].header_cells()[0]
        wanted = forms.normalize(text)
        row = next((r for r in range(first, last + 1) if self.grid.text(r, span[0]) == wanted), None)
        if row is None:
            self.errors.append(f"{self.grid.sheet}：第 {first}—{last} 行找不到表头“{text}”（应在 "
                               f"{_letter(span[0])} 列）。请使用本站“模板下载”中的{self.form.name}模板填写")
            return None
        wrong = []
        for table in tables:
            for (column, _), heading in table.header_cells():
                if self.grid.text(row, column) != forms.normalize(heading):
                    cell = self.grid.get(row, column)
                    wrong.append(f"{self.grid.ref(row, column)} 应为表头“{heading}”，"
                                 f"实际为 {_quote(cell.value if cell else '')}")
        if wrong:
            self.errors.extend(wrong)
            self.errors.append(f"{self.grid.sheet}：表头与本站的{self.form.name}模板不同，"
                               "请使用本站“模板下载”中的模板，不要增删或调换列")
            return None
        return row

    def items(self, table: Table, header: int, last: int, base: str) -> list[dict[str, Any]]:
        """The records in the rows below ``header`` up to ``last``; empty rows are skipped.

        The row number cells (1, 2, …, "…..") are not read: a county may fill the "….." row,
        insert rows and number them, or not.
        """
        found: list[dict[str, Any]] = []
        fld = table.field
        columns = [(column, table.column_field(column)) for column in table.columns]
        name_column = next((c for c, child in columns if child.required), columns[0][0])
        for row in range(header + 1, last + 1):
            if all(self.grid.empty(row, column.span[0]) for column, _ in columns):
                continue
            path = f"{base}[{len(found)}]"
            item: dict[str, Any] = {}
            for column, child in columns:
                value = self.value(row, column.span[0], child, f"{path}.{child.key}")
                if value is not None:
                    item[child.key] = value
            self.cells.setdefault(path, self.grid.ref(row, name_column.span[0]))
            for _, child in columns:
                if child.required and child.key not in item and self.grid.empty(row, name_column.span[0]):
                    self.error(row, name_column.span[0], child,
                               f"为必填项：这一行填了{fld.label}的其他内容，请填写{child.label}或删除这一行",
                               actual=False)
            found.append(item)
        return found

    def table(self, table: Table, first: int, last: int) -> list[dict[str, Any]]:
        header = self.find_header((table,), first, last)
        if header is None:
            return []
        self.cells.setdefault(".".join(table.path), self.grid.ref(header, table.number[0]))
        return self.items(table, header, last, ".".join(table.path))

    def beside(self, section: Beside, first: int, last: int, target: dict[str, Any]) -> None:
        header = self.find_header(section.tables, first, last)
        if header is None:
            return
        for table in section.tables:
            items = self.items(table, header, last, ".".join(table.path))
            if items:
                target[table.path[-1]] = items

    def blocks(self, section: Blocks, first: int, last: int, parents: list[dict[str, Any]]) -> None:
        """One block per 主导产业: its label row, the table's header, its rows."""
        span, text = section.table.header_cells()[0]
        wanted = forms.normalize(text)
        headers = [r for r in range(first, last + 1) if self.grid.text(r, span[0]) == wanted]
        if not headers:
            if any(not self.grid.empty(r, c) for r in range(first, last + 1)
                   for c in range(1, self.form.columns + 1)):
                self.errors.append(f"{self.grid.sheet}：第 {first}—{last} 行找不到表头“{text}”，"
                                   f"请按模板的格式填写{self.part_of(section)}")
            return
        labels: list[int] = []
        for index, header in enumerate(headers):
            above = headers[index - 1] + 1 if index else first
            row = next((r for r in range(header - 1, above - 1, -1) if not self._blank_row(r)), None)
            if row is None or not self._label_row(row, section.span[0]):
                if header - 1 < above or not self._blank_row(header - 1):
                    self.errors.append(f"{self.grid.sheet}：第 {header} 行的表头上面应是“{section.label()}”"
                                       f"这样的名称行：复制{self.part_of(section)}的表时，请连同名称行一起复制")
                    return
                row = header - 1  # the label cleared: its name is reported below as not filled in
            labels.append(row)
        by_name = {forms.normalize(p.get(section.name_key)): index for index, p in enumerate(parents)}
        parent_field = schema.field_at(section.parent)
        assert parent_field is not None
        listed = self.part_of(next(s for p in self.form.parts for s in p.sections
                                   if isinstance(s, Table) and s.path == section.parent))
        seen: dict[str, int] = {}
        base = ".".join(section.parent)
        child_key = section.table.path[0]
        ends = [row - 1 for row in labels[1:]] + [last]
        for label_row, header, end in zip(labels, headers, ends, strict=True):
            self._drop(f"{base}[?]")  # what an earlier block that failed left behind
            ref = self.grid.ref(label_row, section.span[0])
            if self.find_header((section.table,), header, header) is None:
                continue
            items = self.items(section.table, header, end, f"{base}[?].{child_key}")
            raw = self.value(label_row, section.span[0], section.name_field, f"{base}[?].{section.name_key}")
            name = section.name_in(raw) if raw else None
            if not name:
                if items:
                    self.errors.append(f"{ref}（{section.placeholder}）为必填项：下面的企业属于哪个"
                                       f"{parent_field.label}？请把“{section.placeholder}”改为"
                                       f"与“{listed}”中一致的名称，如“{section.label('装备制造')}”")
                continue
            key = forms.normalize(name)
            if key in seen:
                self.errors.append(f"{ref}（{section.placeholder}）“{name}”与第 {seen[key]} 行重复："
                                   f"一个{parent_field.label}只填一张表")
                continue
            seen[key] = label_row
            if key not in by_name:
                self.errors.append(f"{ref}（{section.placeholder}）“{name}”不在“{listed}”中，"
                                   "请填写与那里一致的名称")
                continue
            index = by_name[key]
            self._rebase(f"{base}[?].{child_key}", f"{base}[{index}].{child_key}")
            self.cells[f"{base}[{index}].{child_key}"] = ref
            if items:
                parents[index][child_key] = items

    def part_of(self, section: Any) -> str:
        """The title of the part a section is in: ``二、主导产业情况``."""
        return next(part.title for part in self.form.parts if section in part.sections)

    def _label_row(self, row: int, column: int) -> bool:
        """Text in ``column`` only, and not a row number: a block's label row."""
        cell = self.grid.get(row, column)
        if cell is None or not isinstance(cell.value, str) or re.fullmatch(r"\s*(\d+|\.+)\s*", cell.value):
            return False
        return all(self.grid.empty(row, c) for c in range(1, self.form.columns + 1) if c != column)

    def _blank_row(self, row: int) -> bool:
        return all(self.grid.empty(row, c) for c in range(1, self.form.columns + 1))

    def _drop(self, prefix: str) -> None:
        for path in [p for p in self.cells if p.startswith(prefix)]:
            del self.cells[path]

    def _rebase(self, old: str, new: str) -> None:
        for path in [p for p in self.cells if p.startswith(old)]:
            self.cells[new + path[len(old):]] = self.cells.pop(path)


def read_annex1(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """附表1 → ``{county, city, overview, industries, innovation}`` and the cell of each value."""
    form = forms.FUBIAO1
    reader = _Reader(read_grid(path, form), form)
    regions = reader.part_rows()
    if not regions:
        raise FormError(reader.errors)
    data: dict[str, Any] = reader.head(regions[0][0] - 1)
    parts = ("overview", "industries", "industries[?]", "innovation")
    for key, (first, _) in zip(parts, regions, strict=True):
        reader.cells[key] = reader.grid.ref(first - 1, 1)  # the part's heading
    (overview_pairs,), (industry_table,), (blocks,), (innovation_pairs, centers) = \
        (part.sections for part in form.parts)
    assert isinstance(overview_pairs, Pairs) and isinstance(industry_table, Table)
    assert isinstance(blocks, Blocks) and isinstance(innovation_pairs, Pairs) and isinstance(centers, Beside)
    overview: dict[str, Any] = {}
    reader.pairs(overview_pairs, regions[0], overview)
    industries = reader.table(industry_table, *regions[1])
    reader.blocks(blocks, *regions[2], industries)
    innovation: dict[str, Any] = {}
    reader.pairs(innovation_pairs, regions[3], innovation)
    reader.beside(centers, *regions[3], innovation)
    if reader.errors:
        raise FormError(reader.errors)
    for key, value in (("overview", overview), ("industries", industries), ("innovation", innovation)):
        if value:
            data[key] = value
    return data, reader.cells


def read_annex2(path: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """附表2 → ``{county, city, policies}`` and the cell of each value."""
    form = forms.FUBIAO2
    reader = _Reader(read_grid(path, form), form)
    (table,) = form.parts[0].sections
    assert isinstance(table, Table)
    header = reader.find_header((table,), 1, reader.grid.max_row)
    if header is None:
        raise FormError(reader.errors)
    data: dict[str, Any] = reader.head(header)
    reader.cells["policies"] = reader.grid.ref(header, table.number[0])
    policies = reader.items(table, header, reader.grid.max_row, "policies")
    if reader.errors:
        raise FormError(reader.errors)
    if policies:
        data["policies"] = policies
    return data, reader.cells


# -- the whole import ----------------------------------------------------------------------


@dataclass
class Imported:
    data: dict[str, Any]
    text: str
    """The case file the forms make on their own (for a new case, or ``--replace``)."""
    notes: list[str]
    """What the import noticed about the forms (a form not given, an option over a cell)."""
    warnings: list[str] = field(default_factory=list)
    """The validator's warnings on :attr:`text` (e.g. the placeholder summary), at their cells."""
    sections: tuple[str, ...] = ()
    """The parts of a case the given forms carry: ``overview``, ``industries``, ``innovation``,
    ``policies``."""
    cells: dict[str, str] = field(default_factory=dict)
    """Case key path → the cell it came from."""


def _lookup(cells: dict[str, str], path: str) -> str | None:
    while path:
        if path in cells:
            return cells[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


_OPTIONS = casefile.OPTIONS


def import_forms(annex1: Path, annex2: Path | None = None, *, case_id: str, county: str | None = None,
                 city: str | None = None, batch: int = DEFAULT_BATCH, status: str = DEFAULT_STATUS,
                 summary: str | None = None) -> Imported:
    """Read the filled forms and make a checked case file's text. Raises :class:`FormError`."""
    if not SLUG.fullmatch(case_id or ""):
        raise FormError([f"--id（网址标识）应只含小写字母、数字和连字符，如 zhengding，"
                         f"实际为 {_quote(case_id)}"])
    data, cells = read_annex1(annex1)
    notes: list[str] = []
    second = annex2
    if second is None and has_sheet(annex1, forms.FUBIAO2.name):
        second = annex1
    if second is not None:
        data2, cells2 = read_annex2(second)
        for key in ("county", "city"):
            if key in data2 and key in data and data2[key] != data[key]:
                raise FormError([f"{cells2[key]}（{schema.CASE.child(key).label}）“{data2[key]}”与"  # type: ignore[union-attr]
                                 f"{cells[key]} 的“{data[key]}”不一致：两张表应是同一个县填写的"])
            if key in data2 and key not in data:
                data[key] = data2[key]
                cells[key] = cells2[key]
        if "policies" in data2:
            data["policies"] = data2["policies"]
        cells.update({k: v for k, v in cells2.items() if k.startswith("policies")})
    else:
        notes.append(f"未提供{forms.FUBIAO2.name}，没有导入配套政策（policies）")
    for key, given in (("county", county), ("city", city)):
        if given:
            if key in data and data[key] != given:
                notes.append(f"{_OPTIONS[key]} “{given}”代替了表中的“{data[key]}”")
            data[key] = given
            cells.pop(key, None)
    case = {"id": case_id, "county": data.get("county"), "city": data.get("city"), "batch": batch,
            "status": status, "summary": summary or SUMMARY_PLACEHOLDER}
    case.update({k: v for k, v in data.items() if k not in case})
    sources = [annex1.name] + ([second.name] if second is not None and second != annex1 else [])
    header = [f"由 {' 和 '.join(sources)} 导入（python -m generator import）。",
              "请核对后补充创建目标、典型经验等其他内容；格式见 downloads/case-template.yaml。"]
    text = case_yaml(case, header)
    checked, problems = check_text(text, case_id)

    def message(problem: Any) -> str:
        where = _lookup(cells, problem.path) if problem.path else None
        if where:
            return f"{where}{problem.message}"
        hint = f"（请用 {_OPTIONS[problem.path]} 指定）" if problem.path in _OPTIONS else ""
        return f"{problem.path}{problem.message}{hint}"

    errors = [p for p in problems if p.severity == "error"]
    if errors or checked is None:
        raise FormError([message(p) for p in errors])
    warnings = [message(p) for p in problems if p.severity == "warning"]
    sections = ("overview", "industries", "innovation") + (("policies",) if second is not None else ())
    return Imported(checked, text, notes, warnings, sections, cells)


def check_text(text: str, case_id: str) -> tuple[dict[str, Any] | None, list[Any]]:
    """Check a case file's text exactly as the build checks a file: its data (None on an error)
    and its problems (:func:`generator.build.pipeline.check_text`)."""
    from generator.build.pipeline import Project
    from generator.build.pipeline import check_text as check

    return check(Project(Path(".")), case_id, text)


def write_case(cases_dir: Path, case_id: str, text: str) -> Path:
    """Write a new ``cases/<id>.yaml``; never over an existing file (see :mod:`generator.forms.casemerge`)."""
    target = cases_dir / f"{case_id}.yaml"
    cases_dir.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise FormError([f"{target.name} 已存在，未覆盖"]) from None
    return target
