"""Word and Excel files made from the form definitions, byte for byte the same on every build.

python-docx writes the ``.docx`` files and openpyxl the ``.xlsx`` files; nothing
here writes Office XML by hand beyond the few properties those libraries have no
API for (a table's repeated header row, East Asian font names, the document
language), which are set on the libraries' own elements.

Determinism: document dates are fixed (``SOURCE_DATE_EPOCH`` when set, else the
notice's date, 2018-08-24) and every file is re-zipped with fixed entry times
and a fixed entry order, so the same input gives the same bytes.

Case text is never trusted: a string that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is written as a text cell (and marked with Excel's
quote prefix), never as a formula; characters XML cannot hold are replaced.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from copy import copy
from decimal import Decimal
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.writer.excel import ExcelWriter

from generator import forms, schema
from generator.forms import Blocks, Form, Pair, Pairs, Table
from generator.schema import Field

NOTICE_DATE = dt.datetime(2018, 8, 24, tzinfo=dt.UTC)
"""The document date when ``SOURCE_DATE_EPOCH`` is not set: the notice's date."""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The OWASP CSV-injection set: text starting with these is never a formula."""

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

SONG = "宋体"
FANGSONG = "仿宋"
HEI = "黑体"
KAI = "楷体"


def document_date() -> dt.datetime:
    """The date written into every document and zip entry."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        when = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        return max(when, dt.datetime(1980, 1, 1, tzinfo=dt.UTC))  # zip starts at 1980
    return NOTICE_DATE


def clean(text: object) -> str:
    """Text safe for XML: characters a document cannot hold become U+FFFD."""
    return _ILLEGAL_XML.sub("\ufffd", str(text))


def rezip(raw: bytes, when: dt.datetime | None = None) -> bytes:
    """The same package with fixed entry times, ``[Content_Types].xml`` first, the rest sorted."""
    when = when or document_date()
    stamp = when.astimezone(dt.UTC).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(raw)) as source:
        names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for name in names:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0
                target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


# -- values ------------------------------------------------------------------------


def plain_number(value: int | float) -> str:
    """``3456789``, ``1.42``, never ``1e-05``: how a number is written in a case file or a CSV."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)


def _decimals(value: int | float) -> int:
    text = plain_number(value)
    return min(len(text.split(".")[1]), 6) if "." in text else 0


LIST_SEPARATORS = "、，,；;"


def join_lines(items: Iterable[str]) -> str:
    """A list of names in one cell: ``甲、乙``; one a line when a name holds a separator itself."""
    items = list(items)
    if any(ch in item for item in items for ch in LIST_SEPARATORS + "\n"):
        return "\n".join(items)
    return "、".join(items)


def shares_text(values: Iterable[int | float]) -> str:
    return " : ".join(plain_number(v) for v in values)


def cell_value(fld: Field, value: Any) -> Any:
    """A case value as a form cell holds it."""
    if value is None:
        return None
    if fld.kind in ("number", "int", "percent"):
        return value
    if fld.kind == "lines":
        return join_lines(value)
    if fld.kind == "shares":
        return shares_text(value)
    return str(value)


def number_format(fld: Field, value: Any = None) -> str:
    """The cell format: thousands separators, the value's decimals, the unit after the number."""
    unit = f'"{fld.unit}"' if fld.unit else ""
    if fld.kind in ("number", "int", "percent"):
        if value is None:
            return f"General{unit}"
        places = _decimals(value)
        return ("#,##0" + ("." + "0" * places if places else "")) + unit
    return "@"


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line_count(text: str, width: float) -> int:
    usable = max(width - 1.5, 2)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in str(text).split("\n"))


# -- xlsx --------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_UNDERLINE = Border(bottom=_THIN)
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_PART_FILL = PatternFill("solid", fgColor="D9D9D9")
_BODY = Font(name=SONG, sz=11, charset=134)
_BOLD = Font(name=SONG, sz=11, b=True, charset=134)
_TITLE = Font(name=SONG, sz=16, b=True, charset=134)
_MARK = Font(name=HEI, sz=12, charset=134)
_NOTE = Font(name=SONG, sz=10, color="595959", charset=134)
_LINE_HEIGHT = 14.5


class _Sheet:
    """Writes one form onto a worksheet, row by row."""

    def __init__(self, ws: Any, form: Form, blank: bool) -> None:
        self.ws = ws
        self.form = form
        self.blank = blank
        self.row = 0
        self.heights: dict[int, float] = {}
        self.validations: dict[str, DataValidation] = {}
        self.title_rows = (1, 1)
        """The form's title and county line, printed at the top of every page."""
        self.header_row = 0
        """The last table header written (附表2's is repeated on every printed page)."""
        self.groups: list[tuple[int, int]] = []
        """Rows that belong together on a printed page: a part's heading with its first table, a block."""
        self.pending: int | None = None
        self.styles: dict[tuple[Any, ...], Any] = {}
        """Style index arrays of this workbook by the arguments of :meth:`put`."""

    def group(self, first: int) -> None:
        """Close a group that began at ``first`` (or at the part heading before it)."""
        start = self.pending if self.pending is not None else first
        self.pending = None
        if self.row >= start:
            self.groups.append((start, self.row))

    # cells

    def put(self, span: tuple[int, int], value: Any, *, font: Font = _BODY, fill: PatternFill | None = None,
            border: Border | None = _BORDER, align: str = "left", number_format: str = "General",
            wrap: bool = True, min_lines: int = 1) -> Any:
        first, last = span
        row = self.row
        # Setting a style through openpyxl's descriptors hashes it against every style of the
        # workbook; doing it once per distinct style and copying the indexes is many times faster.
        key = (id(font), id(fill), id(border), align, number_format, wrap)
        for column in range(first, last + 1):
            cell = self.ws.cell(row=row, column=column)
            known = self.styles.get(key)
            if known is not None:
                cell._style = copy(known[0])
                continue
            if border is not None:
                cell.border = border
            if fill is not None:
                cell.fill = fill
            cell.font = font
            cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap)
            cell.number_format = number_format
            self.styles[key] = (copy(cell._style), font, fill, border)  # keeps the ids in the key alive
        if last > first:
            # Every cell of the range is styled above, as Excel keeps them; openpyxl's merge_cells()
            # would restyle the edges through its slow style descriptors.
            ref = f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}"
            self.ws.merged_cells.add(MergedCellRange(self.ws, ref))
        cell = self.ws.cell(row=row, column=first)
        if value is not None and value != "":
            if isinstance(value, str):
                value = clean(value)
                cell.value = value
                cell.data_type = "s"  # never a formula, whatever the text starts with
                if value.startswith(FORMULA_START):
                    cell.quotePrefix = True
            else:
                cell.value = value
        width = sum(self.form.widths[c - 1] for c in range(first, last + 1))
        text = "" if value is None else str(value)
        lines = max(min_lines, _line_count(text, width) if text else 1)
        size = font.sz or 11
        self.heights[row] = max(self.heights.get(row, 0), lines * _LINE_HEIGHT * size / 11 + 4)
        return cell

    def next(self) -> None:
        self.row += 1

    def validate(self, fld: Field, span: tuple[int, int], rows: range) -> None:
        """A data validation (warning only) and an input prompt for a number column or cell."""
        if not rows:
            return
        ref = f"{get_column_letter(span[0])}{rows.start}:{get_column_letter(span[0])}{rows.stop - 1}"
        key = f"{fld.kind}:{fld.signed}:{fld.unit}:{fld.label}"
        validation = self.validations.get(key)
        if validation is None:
            validation = _validation(fld)
            if validation is None:
                return
            self.validations[key] = validation
            self.ws.add_data_validation(validation)
        validation.add(ref)

    # layout

    def write(self, data: dict[str, Any] | None) -> None:
        form = self.form
        last = form.columns
        self.next()
        self.put((1, 2), form.name, font=_MARK, border=None, wrap=False)
        self.next()
        self.put((1, last), form.title, font=_TITLE, border=None, align="center")
        self.heights[self.row] = 30
        for row in form.head.rows:
            self.next()
            for pair in row:
                value = (data or {}).get(pair.path[0])
                self.put(pair.label_span, pair.label + "：", font=_BOLD, border=None, align="right")
                self.put(pair.value_span, value, border=_UNDERLINE, number_format="@")
                if pair.path == ("city",):
                    self.ws.add_data_validation(_city_validation(self._ref(pair.value_span)))
        self.title_rows = (1, self.row)
        for part in form.parts:
            if part.title:
                self.next()
                self.put((1, last), part.title, font=_BOLD, fill=_PART_FILL)
                self.pending = self.row
            for section in part.sections:
                if isinstance(section, Pairs):
                    first = self.row + 1
                    self.pairs(section, data)
                    self.group(first)
                elif isinstance(section, Table):
                    first = self.row + 1
                    self.table(section, _get(data, section.path))
                    self.group(first)
                else:
                    self.blocks(section, data)
            if self.pending is not None:  # a part with nothing under it
                self.group(self.pending)

    def _ref(self, span: tuple[int, int]) -> str:
        return f"{get_column_letter(span[0])}{self.row}"

    def pairs(self, section: Pairs, data: dict[str, Any] | None) -> None:
        for row in section.rows:
            self.next()
            for pair in row:
                fld = pair.field
                value = cell_value(fld, _get(data, pair.path))
                self.put(pair.label_span, pair.label, fill=_LABEL_FILL)
                numeric = bool(fld.unit) and fld.kind != "shares"
                self.put(pair.value_span, value, align="right" if numeric else "left",
                         number_format=number_format(fld, value if not self.blank else None),
                         min_lines=2 if self.blank else 1)
                self.validate(fld, pair.value_span, range(self.row, self.row + 1))
                if fld.kind == "shares":
                    self.ws.add_data_validation(_shares_prompt(self._ref(pair.value_span)))

    def table(self, table: Table, items: list[dict[str, Any]] | None) -> None:
        last = self.form.columns
        if table.title:
            self.next()
            self.put((1, last), table.title, font=_BOLD, fill=_LABEL_FILL)
        self.next()
        self.header_row = self.row
        for column, heading in zip(table.columns, table.headings(), strict=False):
            self.put(column.span, heading, font=_BOLD, fill=_LABEL_FILL, align="center")
        rows = list(items or []) if not self.blank else [None] * table.blank_rows
        first_row = self.row + 1
        for number, item in enumerate(rows, start=1):
            self.next()
            for column in table.columns:
                fld = table.column_field(column)
                if fld is None:
                    self.put(column.span, number, align="center")
                    continue
                value = cell_value(fld, (item or {}).get(fld.key))
                numeric = fld.kind in ("number", "int", "percent")
                self.put(column.span, value, align="right" if numeric else "left",
                         number_format=number_format(fld, value if not self.blank else None),
                         min_lines=2 if self.blank else 1)
        for column in table.columns:
            fld = table.column_field(column)
            if fld is not None:
                self.validate(fld, column.span, range(first_row, self.row + 1))

    def blocks(self, section: Blocks, data: dict[str, Any] | None) -> None:
        parents = _get(data, section.parent) or []
        if self.blank:
            entries: list[dict[str, Any] | None] = [None] * section.blank_blocks
        else:
            entries = [p for p in parents if p.get(section.table.path[0])]
        for number, parent in enumerate(entries, start=1):
            self.next()
            first = self.row
            self.put(section.label_span, section.label(number), font=_BOLD, fill=_LABEL_FILL)
            self.put(section.name_span, (parent or {}).get(section.name_key), font=_BOLD, number_format="@")
            if self.blank:
                self.put(section.note_span, section.note, font=_NOTE, border=None)
            self.table(section.table, _get(parent, section.table.path))
            self.group(first)

    def paginate(self) -> list[int]:
        """Rows before which a printed page should break so that no group is split, if it fits.

        Estimated from the row heights and the scale at which one page holds the sheet's width.
        """
        sheet_width = sum(w * 7.5 + 5 for w in self.form.widths) * 0.75  # points
        page_width, page_height = (842, 595) if self.form.landscape else (595, 842)
        printable_width = page_width - 2 * 0.5 * 72
        printable_height = page_height - 2 * 0.6 * 72 - 24  # less the footer
        scale = min(1.0, printable_width / sheet_width)
        capacity = printable_height / scale * 0.98
        height = lambda row: self.heights.get(row, 15)  # noqa: E731
        titles = sum(height(r) for r in range(self.title_rows[0], self.title_rows[1] + 1))
        breaks: list[int] = []
        used = titles
        for first, last in self.groups:
            size = sum(height(r) for r in range(first, last + 1))
            if used + size > capacity and used > titles:
                breaks.append(first)
                used = titles
            used += size
        return breaks


def _get(data: dict[str, Any] | None, path: tuple[str, ...]) -> Any:
    current: Any = data
    for key in path:
        if not isinstance(current, dict):
            return None
        current = current.get(key)
    return current


def _validation(fld: Field) -> DataValidation | None:
    unit = f"（{fld.unit}）" if fld.unit else ""
    if fld.kind == "int":
        validation = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
        error = f"应为不小于 0 的整数{unit}"
    elif fld.kind == "percent":
        validation = DataValidation(type="decimal", operator="between", formula1="0", formula2="100")
        error = "应为 0 到 100 之间的数字（%），如 35.7"
    elif fld.kind == "number":
        if fld.signed:
            validation = DataValidation(type="decimal", operator="between",
                                        formula1="-1E+15", formula2="1E+15")
            error = f"应为数字{unit}"
        else:
            validation = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            error = f"应为不小于 0 的数字{unit}"
    else:
        return None
    validation.errorStyle = "warning"
    validation.showErrorMessage = True
    validation.showInputMessage = True
    validation.allow_blank = True
    validation.errorTitle = forms.header(fld)[:32]
    validation.error = error
    validation.promptTitle = forms.header(fld)[:32]
    validation.prompt = "只填数值，单位见表头；不要使用公式" if fld.kind != "percent" else \
        "填百分数的数值，如 35.7 表示 35.7%"
    return validation


def _city_validation(ref: str) -> DataValidation:
    validation = DataValidation(type="list", formula1='"' + ",".join(schema.CITIES) + '"',
                                allow_blank=True)
    validation.errorStyle = "warning"
    validation.showErrorMessage = True
    validation.errorTitle = "所属设区市"
    validation.error = "应为河北省的设区市，或定州市、辛集市"
    validation.add(ref)
    return validation


def _shares_prompt(ref: str) -> DataValidation:
    validation = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="60",
                                allow_blank=True)
    validation.showInputMessage = True
    validation.promptTitle = "一、二、三产业比重"
    validation.prompt = "依次填第一、二、三产业比重（%），用冒号分隔，合计 100，如 8.1:45.3:46.6"
    validation.add(ref)
    return validation


def _workbook() -> Workbook:
    wb = Workbook()
    # The default font (blank cells, column width units) is 宋体 instead of Calibri.
    wb._fonts = IndexedList([_BODY])  # noqa: SLF001 - openpyxl has no public setter
    wb._named_styles["Normal"].font = _BODY  # noqa: SLF001
    when = document_date().replace(tzinfo=None)
    props = wb.properties
    props.creator = forms.ISSUER
    props.lastModifiedBy = forms.ISSUER
    props.created = when
    props.modified = when
    props.language = "zh-CN"
    return wb


def _instructions(wb: Workbook, form: Form) -> None:
    ws = wb.create_sheet("填表说明")
    ws.column_dimensions["A"].width = 100
    lines = [f"{form.name} {form.title} 填表说明", *form_instructions(form)]
    for index, line in enumerate(lines, start=1):
        cell = ws.cell(row=index, column=1, value=clean(line))
        cell.data_type = "s"
        cell.font = _BOLD if index == 1 else _BODY
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[index].height = _line_count(line, 100) * _LINE_HEIGHT + 4
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def form_instructions(form: Form) -> list[str]:
    """How to fill in a form, shown on its 填表说明 sheet."""
    lines = [
        f"1. 请在“{form.name}”工作表中填写，不要改动表头文字、列的顺序和工作表名称。",
        "2. 数字只填数值，不带单位（单位见表头）；比重填百分数的数值，如 35.7 表示 35.7%。",
        "3. 不要使用公式：请填写计算结果（复制后“选择性粘贴→数值”）。",
        "4. 一个单元格中有多项（如品牌、园区）时，用顿号“、”分隔，或一项一行。",
        "5. 行数不够时，可在表中插入整行；多余的空行可以留空。",
    ]
    if form is forms.FUBIAO1:
        lines += [
            "6. 一、二、三产业比重：依次填三个百分数，用冒号分隔，合计 100，如 8.1:45.3:46.6。",
            "7. 三、分产业情况：每个主导产业一张表，产业名称与“二、主导产业情况”中的一致，"
            "填销售收入排名前三位的企业；主导产业多于表数时，复制一张表（连同名称行和表头）粘贴在下面。",
            "8. 净利润可以是负数；产能、产量请连同单位填写，如“年产冷轧板材300万吨”。",
        ]
    return lines


def xlsx(form: Form, data: dict[str, Any] | None = None) -> bytes:
    """A form as an Excel workbook: blank (``data=None``) or filled with a case's data."""
    wb = _workbook()
    ws = wb.active
    ws.title = form.name
    props = wb.properties
    props.title = form.heading if data is None else clean(f"{form.heading}（{data.get('county', '')}）")
    props.subject = forms.NOTICE_NUMBER
    for index, width in enumerate(form.widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    sheet = _Sheet(ws, form, blank=data is None)
    sheet.write(data)
    for row, height in sheet.heights.items():
        ws.row_dimensions[row].height = round(height, 1)
    # Printing: A4, one page wide, the form's title (or 附表2's column headings) on every page.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if form.landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if len(form.tables()) == 1:
        ws.print_title_rows = f"{sheet.header_row}:{sheet.header_row}"
        ws.freeze_panes = f"A{sheet.header_row + 1}"
    else:
        ws.print_title_rows = f"{sheet.title_rows[0]}:{sheet.title_rows[1]}"
        for row in sheet.paginate():
            ws.row_breaks.append(Break(id=row - 1))
    ws.print_area = f"A1:{get_column_letter(form.columns)}{sheet.row}"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.oddFooter.center.size = 9
    ws.sheet_view.zoomScale = 100
    _instructions(wb, form)
    wb.active = 0
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not openpyxl.save_workbook, which stamps the time
    return rezip(buffer.getvalue())


# -- docx --------------------------------------------------------------------------

_A4 = (Cm(21.0), Cm(29.7))


def _east_asian(element: Any, name: str) -> None:
    """Set a run's or style's font for Chinese text (w:eastAsia), dropping theme fonts."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attribute)) is not None:
            del fonts.attrib[qn(attribute)]
    fonts.set(qn("w:ascii"), name)
    fonts.set(qn("w:hAnsi"), name)
    fonts.set(qn("w:eastAsia"), name)


BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x59, 0x59, 0x59)


def _style_font(style: Any, name: str, size: float, bold: bool = False, color: RGBColor = BLACK) -> None:
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = color
    _east_asian(style.element, name)


def _language(style: Any) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _document(title: str, *, landscape: bool, body_font: str, body_size: float,
              margins: tuple[float, float, float, float]) -> Any:
    doc = docx.Document()
    # Parts of python-docx's template that a new document does not need: the preview picture of
    # a blank page, and Word 2010's copy of the styles (400 KB that Word rebuilds when it saves).
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rel_id]
    section = doc.sections[0]
    width, height = _A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    top, right, bottom, left = margins
    section.top_margin, section.right_margin = Cm(top), Cm(right)
    section.bottom_margin, section.left_margin = Cm(bottom), Cm(left)
    styles = doc.styles
    normal = styles["Normal"]
    _style_font(normal, body_font, body_size)
    _language(normal)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15 if body_size < 12 else 1.25
    for name, font, size in (("Heading 1", HEI, 16), ("Heading 2", HEI, 12), ("Title", SONG, 18),
                             ("Subtitle", KAI, 16)):
        style = styles[name]
        _style_font(style, font, size, bold=name == "Title")
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER if name in ("Title", "Subtitle") \
            else WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.space_before = Pt(12 if name != "Subtitle" else 0)
        style.paragraph_format.space_after = Pt(6 if name != "Title" else 0)
    # The template's Title has a bottom border; an official document's title does not.
    title_ppr = styles["Title"].element.pPr
    if title_ppr is not None:
        for border in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(border)
    table_style = styles["Table Grid"]
    _style_font(table_style, body_font, body_size)
    core = doc.core_properties
    when = document_date()
    core.author = forms.ISSUER
    core.last_modified_by = forms.ISSUER
    core.title = title
    core.subject = forms.NOTICE_NUMBER
    core.comments = ""
    core.keywords = "工业转型升级 试点示范"
    core.language = "zh-CN"
    core.created = when
    core.modified = when
    core.last_printed = when
    core.revision = 1
    return doc


def _save(doc: Any) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return rezip(buffer.getvalue())


def _run(paragraph: Any, text: str, *, font: str | None = None, size: float | None = None,
         bold: bool | None = None, underline: bool = False) -> Any:
    run = paragraph.add_run(clean(text))
    if font:
        _east_asian(run._element, font)  # noqa: SLF001
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if underline:
        run.font.underline = True
    return run


def _paragraph(doc: Any, text: str = "", *, align: Any = None, font: str | None = None,
               size: float | None = None, bold: bool | None = None, before: float = 0,
               after: float = 0, style: str | None = None) -> Any:
    paragraph = doc.add_paragraph(style=style)
    if text:
        _run(paragraph, text, font=font, size=size, bold=bold)
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


BLANK_LINE = "\u3000" * 12
"""Full-width spaces, underlined: the line a paper form leaves for writing."""


def cover_docx() -> bytes:
    """申报书 cover, as in the notice's attachment."""
    doc = _document(f"{''.join(forms.COVER_TITLE)}{forms.COVER_NAME}", landscape=False,
                    body_font=FANGSONG, body_size=16, margins=(3.7, 2.6, 3.5, 2.8))
    _paragraph(doc, before=60)
    for line in forms.COVER_TITLE:
        _paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER, font=SONG, size=26, bold=True, after=6)
    _paragraph(doc, forms.COVER_NAME, align=WD_ALIGN_PARAGRAPH.CENTER, font=SONG, size=36, bold=True,
               before=36, after=100)
    for label, note in forms.COVER_LINES:
        paragraph = _paragraph(doc, after=18)
        paragraph.paragraph_format.left_indent = Cm(1.5)
        _run(paragraph, f"{label}：", font=FANGSONG, size=16)
        _run(paragraph, BLANK_LINE[:10], font=FANGSONG, size=16, underline=True)
        if note:
            _run(paragraph, note, font=FANGSONG, size=16)
    _paragraph(doc, forms.COVER_ISSUER, align=WD_ALIGN_PARAGRAPH.CENTER, font=FANGSONG, size=16,
               before=110)
    return _save(doc)


def outline_docx() -> bytes:
    """实施方案参考大纲: the preface and eight chapters as Heading 1, what each must cover below."""
    doc = _document(forms.OUTLINE_TITLE + forms.OUTLINE_SUBTITLE, landscape=False,
                    body_font=FANGSONG, body_size=16, margins=(3.7, 2.6, 3.5, 2.8))
    hint = doc.styles.add_style("编写提示", WD_STYLE_TYPE.PARAGRAPH)
    hint.element.styleId = "WritingHint"  # an ASCII id, as Word's own styles have
    hint.base_style = doc.styles["Normal"]
    _style_font(hint, KAI, 16, color=GREY)
    hint.paragraph_format.first_line_indent = Pt(32)
    hint.paragraph_format.space_after = Pt(6)
    doc.add_paragraph(forms.OUTLINE_TITLE, style="Title")
    doc.add_paragraph(forms.OUTLINE_SUBTITLE, style="Subtitle")
    note = doc.add_paragraph("（灰色楷体为大纲要求，撰写时请删除；各章标题已设为 Word 标题样式，"
                             "可在“引用→目录”中自动生成目录。）", style="编写提示")
    note.paragraph_format.first_line_indent = Pt(0)
    for heading, guidance in forms.OUTLINE:
        doc.add_heading(heading, level=1)
        if guidance:
            doc.add_paragraph(guidance, style="编写提示")
        body = doc.add_paragraph()
        body.paragraph_format.first_line_indent = Pt(32)
    return _save(doc)


class _WordForm:
    """Writes one form into a Word document: each part's sections as tables."""

    def __init__(self, doc: Any, form: Form, blank: bool) -> None:
        self.doc = doc
        self.form = form
        self.blank = blank
        section = doc.sections[0]
        self.usable = section.page_width - section.left_margin - section.right_margin

    def widths(self, spans: list[tuple[int, int]]) -> list[int]:
        units = [sum(self.form.widths[c - 1] for c in range(a, b + 1)) for a, b in spans]
        total = sum(units)
        return [int(self.usable * u / total) for u in units]

    def new_table(self, rows: int, spans: list[tuple[int, int]]) -> Any:
        table = self.doc.add_table(rows=rows, cols=len(spans))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, width in enumerate(self.widths(spans)):
            table.columns[index].width = width
            for cell in table.columns[index].cells:
                cell.width = width
        return table

    def fill(self, cell: Any, value: Any, *, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT,
             shade: bool = False) -> None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = align
        if value is not None and value != "":
            lines = str(value).split("\n")
            for index, line in enumerate(lines):
                run = _run(paragraph, line, bold=bold or None)
                if index < len(lines) - 1:
                    run.add_break(WD_BREAK.LINE)
        if shade:
            tc_pr = cell._tc.get_or_add_tcPr()  # noqa: SLF001
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), "F2F2F2")
            tc_pr.append(shading)

    @staticmethod
    def repeat_header(row: Any) -> None:
        tr_pr = row._tr.get_or_add_trPr()  # noqa: SLF001
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)

    @staticmethod
    def keep_row(row: Any, height: float | None = None) -> None:
        tr_pr = row._tr.get_or_add_trPr()  # noqa: SLF001
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        tr_pr.append(cant_split)
        if height:
            row.height = Cm(height)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST

    def write(self, data: dict[str, Any] | None) -> None:
        doc, form = self.doc, self.form
        _paragraph(doc, form.name, font=HEI, size=14)
        _paragraph(doc, form.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=SONG, size=18, bold=True,
                   before=6, after=12)
        head = _paragraph(doc, after=6)
        for index, pair in enumerate(form.head.pairs):
            if index:
                _run(head, "\u3000\u3000")
            _run(head, pair.label + "：", bold=True)
            value = (data or {}).get(pair.path[0])
            _run(head, clean(value) if value else BLANK_LINE[:8], underline=not value)
        for part in form.parts:
            if part.title:
                doc.add_heading(part.title, level=2)
            for section in part.sections:
                if isinstance(section, Pairs):
                    self.pairs(section, data)
                elif isinstance(section, Table):
                    self.table(section, _get(data, section.path))
                else:
                    self.blocks(section, data)

    def pairs(self, section: Pairs, data: dict[str, Any] | None) -> None:
        layout: list[Pair] = list(section.rows[0])
        spans = [s for pair in layout for s in (pair.label_span, pair.value_span)]
        table = self.new_table(len(section.rows), spans)
        for row, pairs in zip(table.rows, section.rows, strict=False):
            self.keep_row(row, 1.0 if self.blank else None)
            for index, pair in enumerate(pairs):
                fld = pair.field
                self.fill(row.cells[2 * index], pair.label, shade=True)
                value = _get(data, pair.path)
                shown = _shown(fld, value)
                self.fill(row.cells[2 * index + 1], shown,
                          align=WD_ALIGN_PARAGRAPH.RIGHT if fld.unit and fld.kind != "shares"
                          else WD_ALIGN_PARAGRAPH.LEFT)
        _paragraph(self.doc, after=4)

    def table(self, table: Table, items: list[dict[str, Any]] | None) -> None:
        if table.title:
            _paragraph(self.doc, table.title, bold=True, before=4, after=2)
        rows = [None] * table.blank_rows if self.blank else list(items or [])
        word = self.new_table(1 + len(rows), [c.span for c in table.columns])
        header = word.rows[0]
        self.repeat_header(header)
        self.keep_row(header)
        for cell, heading in zip(header.cells, table.headings(), strict=False):
            self.fill(cell, heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, shade=True)
        for number, (row, item) in enumerate(zip(word.rows[1:], rows, strict=False), start=1):
            self.keep_row(row, 0.9 if self.blank else None)
            for cell, column in zip(row.cells, table.columns, strict=False):
                fld = table.column_field(column)
                if fld is None:
                    self.fill(cell, number, align=WD_ALIGN_PARAGRAPH.CENTER)
                    continue
                numeric = fld.kind in ("number", "int", "percent")
                self.fill(cell, _shown(fld, (item or {}).get(fld.key)),
                          align=WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT)
        _paragraph(self.doc, after=4)

    def blocks(self, section: Blocks, data: dict[str, Any] | None) -> None:
        parents = _get(data, section.parent) or []
        entries = [None] * section.blank_blocks if self.blank else \
            [p for p in parents if p.get(section.table.path[0])]
        for number, parent in enumerate(entries, start=1):
            paragraph = _paragraph(self.doc, before=4, after=2)
            _run(paragraph, section.label(number) + "：", bold=True)
            name = (parent or {}).get(section.name_key)
            _run(paragraph, clean(name) if name else BLANK_LINE[:10], underline=not name)
            if self.blank:
                _run(paragraph, section.note)
            self.table(section.table, _get(parent, section.table.path))


def _shown(fld: Field, value: Any) -> str:
    """A value as a printed form shows it: ``3,456,789``, ``8.1 : 45.3 : 46.6``, ``甲、乙``."""
    if value is None:
        return ""
    if fld.kind in ("number", "int", "percent"):
        places = _decimals(value)
        return f"{value:,.{places}f}"
    return str(cell_value(fld, value))


def form_docx(form: Form, data: dict[str, Any] | None = None) -> bytes:
    """A form as a Word document, for printing or filling in by hand."""
    doc = _document(form.heading, landscape=form.landscape, body_font=SONG, body_size=10.5,
                    margins=(2.0, 2.0, 2.0, 2.0))
    _WordForm(doc, form, blank=data is None).write(data)
    return _save(doc)
