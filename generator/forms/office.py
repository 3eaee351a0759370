"""Word and Excel files made from the form definitions, byte for byte the same on every build.

python-docx writes the ``.docx`` files and openpyxl the ``.xlsx`` files; nothing
here writes Office XML by hand beyond the few properties those libraries have no
API for (a table's repeated header row, East Asian font names, the document
language), which are set on the libraries' own elements.

Both writers draw the same rows and merged cells, :func:`generator.forms.layouts.layout`; what the
site adds to the notice's form (the county line above the table, the 填表说明 sheet) is kept
outside the table and starts with :data:`generator.forms.layouts.ADDED_MARK`. Values are written as the
case page shows them (``46.0`` stays ``46.0``), the unit only once, in the label.

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
from copy import copy
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
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from generator.format import schema
from generator.format.kinds import FORMULA_START, SHARES_EXAMPLE, fill_notes, shares_text
from generator.format.schema import Field
from generator.forms import layouts as forms
from generator.forms.layouts import Form, Row

NOTICE_DATE = dt.datetime(2018, 8, 24, tzinfo=dt.UTC)
"""The document date when ``SOURCE_DATE_EPOCH`` is not set: the notice's date."""

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

LANGUAGE = "zh-CN"
"""The language of every document: its text, styles and properties."""

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


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line_count(text: str, width: float) -> int:
    usable = max(width - 1.5, 2)
    return sum(max(1, math.ceil(_display_width(line) / usable)) for line in str(text).split("\n"))


# -- xlsx --------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
_PART_FILL = PatternFill("solid", fgColor="D9D9D9")
_ADDED_FILL = PatternFill("solid", fgColor="FFF2CC")
"""Pale yellow: what the site adds, above the notice's form."""
_BODY = Font(name=SONG, sz=11, charset=134)
_BOLD = Font(name=SONG, sz=11, b=True, charset=134)
_TITLE = Font(name=SONG, sz=16, b=True, charset=134)
_MARK = Font(name=HEI, sz=12, charset=134)
_NOTE = Font(name=SONG, sz=10, color="595959", charset=134)
_LINE_HEIGHT = 14.5

_LOOK: dict[str, dict[str, Any]] = {
    "part": {"font": _BOLD, "fill": _PART_FILL},
    "label": {"fill": _LABEL_FILL},
    "heading": {"font": _BOLD, "fill": _LABEL_FILL, "align": "center"},
    "block": {"font": _BOLD, "number_format": "@"},
    "number": {"align": "center"},
}
"""How each kind of cell of :func:`generator.forms.layouts.layout` looks (value cells: by their field)."""


def added_note(form: Form) -> str:
    """The line above the county line: what it is, that it is not the notice's, that it is not printed."""
    return (f"{forms.ADDED_MARK}请在下面填写本表所属的县（市、区）和设区市，供{forms.ISSUER}导入案例库；"
            f"这几行不打印。从“{form.name}”起是通知附件中的表格。")


class _Sheet:
    """Writes one form onto a worksheet, row by row."""

    def __init__(self, ws: Any, form: Form, blank: bool) -> None:
        self.ws = ws
        self.form = form
        self.blank = blank
        self.row = 0
        self.heights: dict[int, float] = {}
        self.validations: dict[str, DataValidation] = {}
        self.validated: dict[str, dict[int, list[int]]] = {}
        """Validation key → column → the rows of its cells."""
        self.title_rows = (1, 1)
        """The form's mark and title: the print area starts here; printed on every page."""
        self.header_row = 0
        """The first table header written (附表2's is repeated on every printed page)."""
        self.groups: list[tuple[int, int]] = []
        """Rows that belong together on a printed page: a part with its first block, a block."""
        self.styles: dict[tuple[Any, ...], Any] = {}
        """Style index arrays of this workbook by the arguments of :meth:`put`."""
        self.merged_styles: dict[tuple[Any, ...], Any] = {}
        """The style of a merged range's first cell, by the style of its cells (:meth:`_merge`)."""

    # cells

    def put(self, span: tuple[int, int], value: Any, *, font: Font = _BODY, fill: PatternFill | None = None,
            border: Border | None = _BORDER, align: str = "left", number_format: str = "General",
            wrap: bool = True, min_lines: int = 1, down: int = 0) -> Any:
        first, last = span
        row = self.row
        # Setting a style through openpyxl's descriptors hashes it against every style of the
        # workbook; doing it once per distinct style and copying the indexes is many times faster.
        key = (id(font), id(fill), id(border), align, number_format, wrap)
        for r in range(row, row + down + 1):
            for column in range(first, last + 1):
                cell = self.ws.cell(row=r, column=column)
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
        if last > first or down:
            # Every cell of the range is styled above, as Excel keeps them; openpyxl's merge_cells()
            # would restyle the edges through its slow style descriptors.
            ref = f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row + down}"
            self._merge(ref, key)
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
        if not down:  # a cell down several rows (四's side labels) has their height
            width = sum(self.form.widths[c - 1] for c in range(first, last + 1))
            text = "" if value is None else str(value)
            lines = max(min_lines, _line_count(text, width) if text else 1)
            size = font.sz or 11
            self.heights[row] = max(self.heights.get(row, 0), lines * _LINE_HEIGHT * size / 11 + 4)
        return cell

    def _merge(self, ref: str, key: tuple[Any, ...]) -> None:
        """Merge ``ref``, whose cells all have the style ``key``, as ``merged_cells.add`` would.

        openpyxl's MergedCellRange gives the first cell the right and bottom border of the last
        (here the same style: the result depends on the style alone, so it is worked out once per
        style), and ``add`` compares the range with every range already merged (the ranges of a
        form never overlap, so that check is skipped)."""
        merged = self.merged_styles.get(key)
        cells: Any
        if merged is None:
            cells = MergedCellRange(self.ws, ref)
            self.merged_styles[key] = copy(cells.start_cell._style)
        else:
            cells = MergedCellRange.__new__(MergedCellRange)
            cells.ws = self.ws
            CellRange.__init__(cells, range_string=ref)
            cells.start_cell = self.ws._cells[(cells.min_row, cells.min_col)]
            cells.start_cell._style = copy(merged)
        self.ws.merged_cells.ranges.add(cells)

    def next(self) -> None:
        self.row += 1

    def validate(self, fld: Field, column: int) -> None:
        """A data validation (warning only) and an input prompt for a number cell."""
        key = f"{fld.kind}:{fld.signed}:{fld.unit}:{fld.label}"
        if key not in self.validations:
            validation = _validation(fld)
            if validation is None:
                return
            self.validations[key] = validation
            self.ws.add_data_validation(validation)
        self.validated.setdefault(key, {}).setdefault(column, []).append(self.row)

    def close_validations(self) -> None:
        """Each validation's cells, as runs of rows per column."""
        for key, columns in self.validated.items():
            for column, rows in columns.items():
                start = previous = rows[0]
                for row in [*rows[1:], None]:
                    if row is not None and row == previous + 1:
                        previous = row
                        continue
                    letter = get_column_letter(column)
                    self.validations[key].add(f"{letter}{start}:{letter}{previous}" if previous > start
                                              else f"{letter}{start}")
                    if row is not None:
                        start = previous = row

    # layout

    def write(self, data: dict[str, Any] | None) -> None:
        form = self.form
        last = form.columns
        self.next()
        self.put((1, last), added_note(form), font=_NOTE, fill=_ADDED_FILL, border=None)
        for pairs in form.head.rows:
            self.next()
            for pair in pairs:
                self.put(pair.label_span, pair.label + "：", font=_BOLD, fill=_ADDED_FILL, border=None,
                         align="right")
                self.put(pair.value_span, (data or {}).get(pair.path[0]), number_format="@")
                if pair.path == ("city",):
                    self.ws.add_data_validation(_city_validation(f"{get_column_letter(pair.value_span[0])}"
                                                                 f"{self.row}"))
        self.next()  # a blank row between what the site adds and the notice's form
        self.next()
        self.put((1, 2), form.name, font=_MARK, border=None, wrap=False)
        first = self.row
        self.next()
        self.put((1, last), form.title, font=_TITLE, border=None, align="center")
        self.heights[self.row] = 30
        self.title_rows = (first, self.row)
        start: int | None = None
        previous = ""
        for row in forms.layout(form, data):
            self.next()
            if row.role == "part" or (row.role == "block" and previous != "part"):
                if start is not None:
                    self.groups.append((start, self.row - 1))
                start = self.row
            previous = row.role
            self.table_row(row)
        if start is not None:
            self.groups.append((start, self.row))
        self.close_validations()

    def table_row(self, row: Row) -> None:
        if row.role == "header" and not self.header_row:
            self.header_row = self.row
        for cell in row.cells:
            if cell.role != "value":
                look = dict(_LOOK[cell.role], align="center") if cell.down else _LOOK[cell.role]
                self.put(cell.span, cell.value, down=cell.down, **look,
                         min_lines=2 if self.blank and row.role in ("item", "more") else 1)
                continue
            fld = cell.field
            assert fld is not None
            value = fld.type.cell(fld, cell.value)
            numeric = fld.type.numeric
            self.put(cell.span, value, align="right" if numeric else "left",
                     number_format=fld.type.number_format(fld, None if self.blank else value),
                     min_lines=2 if self.blank else 1)
            if numeric:
                self.validate(fld, cell.span[0])
            if fld.type.parts:
                self.ws.add_data_validation(_shares_prompt(f"{get_column_letter(cell.span[0])}{self.row}"))

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

        def height(row: int) -> float:
            return self.heights.get(row, 15)

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


def _validation(fld: Field) -> DataValidation | None:
    check = fld.type.excel_check(fld)
    if check is None:
        return None
    validation = DataValidation(type=check.type, operator=check.operator, formula1=check.formula1,
                                formula2=check.formula2)
    validation.errorStyle = "warning"
    validation.showErrorMessage = True
    validation.showInputMessage = True
    validation.allow_blank = True
    validation.errorTitle = fld.heading[:32]
    validation.error = check.error
    validation.promptTitle = fld.heading[:32]
    validation.prompt = check.prompt
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
    validation.prompt = ("依次填第一、二、三产业比重（%），用冒号分隔，合计 100，"
                         f"如 {shares_text(SHARES_EXAMPLE)}")
    validation.add(ref)
    return validation


def _workbook() -> Workbook:
    wb = Workbook()
    # The default font (blank cells, column width units) is 宋体 instead of Calibri.
    wb._fonts = IndexedList([_BODY])  # type: ignore[attr-defined]  # noqa: SLF001 - no public setter
    wb._named_styles["Normal"].font = _BODY  # type: ignore[attr-defined]  # noqa: SLF001
    when = document_date().replace(tzinfo=None)
    props = wb.properties
    props.creator = forms.ISSUER
    props.lastModifiedBy = forms.ISSUER
    props.created = when
    props.modified = when
    props.language = LANGUAGE
    return wb


_INSTRUCTIONS_WIDTH = 80
"""The 填表说明 column: as wide as an A4 portrait page holds."""


def _instructions(wb: Workbook, form: Form) -> None:
    ws = wb.create_sheet("填表说明")
    ws.column_dimensions["A"].width = _INSTRUCTIONS_WIDTH
    lines = [f"{form.name} {form.title} 填表说明",
             f"{forms.ADDED_MARK}本工作表是本站为方便填写和导入所加的说明，不是通知附件的内容。",
             *(f"{number}. {line}" for number, line in enumerate(form_instructions(form), start=1))]
    for index, line in enumerate(lines, start=1):
        cell = ws.cell(row=index, column=1, value=clean(line))
        cell.data_type = "s"
        cell.font = _BOLD if index == 1 else _NOTE if index == 2 else _BODY
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[index].height = _line_count(line, _INSTRUCTIONS_WIDTH) * _LINE_HEIGHT + 4
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def form_instructions(form: Form) -> list[str]:
    """How to fill in a form, shown on its 填表说明 sheet: only what applies to this form's fields."""
    fields = form.fields()
    head = "”“".join(pair.label for pair in form.head.pairs)
    lines = [
        f"请在“{form.name}”工作表中填写，不要改动表中的文字、列的顺序和工作表的名称。",
        f"表格上方标有“{forms.ADDED_MARK}”的“{head}”不属于通知的附表，也不打印；"
        f"请填写，{forms.ISSUER}导入案例库时使用。",
        f"每行前面的 1、2、3……是行号，不用改动；行数不够时，接着在“{forms.MORE}”一行填写，"
        "还不够可以在表中插入整行；用不完的行留空。",
        "不要使用公式，请直接填写内容（复制来的内容请“选择性粘贴→数值”）。",
    ]
    lines += fill_notes(fields)
    for part in form.parts:
        for section in part.sections:
            if isinstance(section, forms.Blocks):
                parent = schema.field_at(section.parent)
                assert parent is not None
                listed = next(p.title for p in form.parts if any(
                    isinstance(s, forms.Table) and s.path == section.parent for s in p.sections))
                lines.append(
                    f"{part.title}：每个{parent.label}一张表（表自续）。把“{section.label()}”中的"
                    f"“{section.placeholder}”改为产业名称，与“{listed}”中的一致，如“{section.label('装备制造')}”；"
                    f"有几个{parent.label}，就把这张表（连同名称行和表头）复制几份，依次粘贴在下面。")
    if any(f.key in ("capacity", "output") and not f.type.numeric for f in fields):
        lines.append("产能、产量请连同单位填写，如“年产冷轧板材300万吨”。")
    return lines


def xlsx(form: Form, data: dict[str, Any] | None = None) -> bytes:
    """A form as an Excel workbook: blank (``data=None``) or filled with a case's data."""
    wb = _workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
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
    # Printing: A4, one page wide, the notice's form only (not the county line the site adds),
    # its mark and title (or 附表2's column headings) on every page.
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if form.landscape else "portrait"
    setup = ws.sheet_properties.pageSetUpPr
    assert setup is not None
    setup.fitToPage = True
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
    ws.print_area = f"A{sheet.title_rows[0]}:{get_column_letter(form.columns)}{sheet.row}"
    assert ws.oddFooter is not None and ws.oddFooter.center is not None
    footer = ws.oddFooter.center
    footer.text = "第 &P 页，共 &N 页"
    footer.size = 9
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


def _chinese(doc: Any) -> None:
    """Chinese (zh-CN) as the language of all text: the defaults, every style, the theme fonts.

    python-docx's template says en-US (and ja-JP for the theme's East Asian fonts); Word would
    check spelling and pick fonts for the wrong language.
    """
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_default)
    rpr = run_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_default.append(rpr)
    if rpr.find(qn("w:lang")) is None:
        rpr.append(OxmlElement("w:lang"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
    settings = doc.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
        theme.set(qn("w:eastAsia"), LANGUAGE)


def _drop_template_styles(doc: Any) -> None:
    """Remove the template's own (non-built-in) character styles, "Heading 1 Char" and the like.

    Word translates the names of its built-in styles, never those of a template's own: they
    would show in English in the style list. Nothing uses them; links to them go too.
    """
    styles = doc.styles.element
    dropped = set()
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:customStyle")) in ("1", "true"):
            dropped.add(style.get(qn("w:styleId")))
            styles.remove(style)
    for link in list(styles.iter(qn("w:link"))):
        if link.get(qn("w:val")) in dropped:
            link.getparent().remove(link)


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
    _chinese(doc)
    _drop_template_styles(doc)
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
    core.language = LANGUAGE
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
    """Writes one form into a Word document: its mark, its title and its table, as in the notice."""

    def __init__(self, doc: Any, form: Form, blank: bool) -> None:
        self.doc = doc
        self.form = form
        self.blank = blank
        section = doc.sections[0]
        self.usable = section.page_width - section.left_margin - section.right_margin

    def fill(self, cell: Any, value: Any, *, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT,
             shade: str = "", narrow: bool = False, keep: bool = False) -> None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = align
        if keep:  # a heading row stays on the page of the rows below it
            paragraph.paragraph_format.keep_with_next = True
        if value is not None and value != "":
            lines = str(value).split("\n")
            for index, line in enumerate(lines):
                run = _run(paragraph, line, bold=bold or None)
                if index < len(lines) - 1:
                    run.add_break(WD_BREAK.LINE)
        tc_pr = cell._tc.get_or_add_tcPr()  # noqa: SLF001
        if shade:
            _child(tc_pr, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": shade}, _TC_AFTER_SHD)
        if narrow:  # a number cell: "....." fits without Word's default cell margins
            margins = _child(tc_pr, "w:tcMar", {}, _TC_AFTER_MAR)
            for side in ("left", "right"):
                _child(margins, f"w:{side}", {"w:w": "28", "w:type": "dxa"}, ())

    @staticmethod
    def keep_row(row: Any, height: float | None = None, *, header: bool = False) -> None:
        """Rows never split across pages; a repeated header row; a blank form's rows leave room."""
        if height:
            row.height = Cm(height)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        tr_pr = row._tr.get_or_add_trPr()  # noqa: SLF001
        _child(tr_pr, "w:cantSplit", {"w:val": "true"}, _TR_AFTER_CANT_SPLIT)
        if header:
            _child(tr_pr, "w:tblHeader", {"w:val": "true"}, _TR_AFTER_HEADER)

    def write(self, data: dict[str, Any] | None) -> None:
        doc, form = self.doc, self.form
        _paragraph(doc, form.name, font=HEI, size=14)
        _paragraph(doc, form.title, align=WD_ALIGN_PARAGRAPH.CENTER, font=SONG, size=18, bold=True,
                   before=6, after=12)
        rows = forms.layout(form, data)
        table = doc.add_table(rows=len(rows), cols=form.columns)
        table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        total = sum(form.widths)
        for index, width in enumerate(form.widths):
            share = int(self.usable * width / total)
            table.columns[index].width = share
            for cell in table.columns[index].cells:
                cell.width = share
        heights = {"pairs": 1.0, "item": 0.9, "more": 0.9}
        for index, row in enumerate(rows):
            # 附表2's column headings, its first row, are repeated on every printed page.
            self.keep_row(table.rows[index], heights.get(row.role) if self.blank else None,
                          header=index == 0 and row.role == "header")
            keep = row.role in ("part", "block", "header")
            for cell in row.cells:
                target = table.cell(index, cell.span[0] - 1)
                if cell.span[1] > cell.span[0] or cell.down:
                    target = target.merge(table.cell(index + cell.down, cell.span[1] - 1))
                self.cell(target, cell, keep)

    def cell(self, target: Any, cell: forms.Cell, keep: bool) -> None:
        center, left = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
        if cell.role == "value":
            fld = cell.field
            assert fld is not None
            self.fill(target, fld.type.shown(fld, cell.value),
                      align=WD_ALIGN_PARAGRAPH.RIGHT if fld.type.numeric else left)
        elif cell.role == "number":
            self.fill(target, cell.value, align=center, narrow=True)
        elif cell.role == "part":
            self.fill(target, cell.value, bold=True, shade="D9D9D9", keep=keep)
        elif cell.role == "heading":
            self.fill(target, cell.value, bold=True, align=center, shade="F2F2F2", keep=keep)
        elif cell.role == "block":
            self.fill(target, cell.value, bold=True, keep=keep)
        else:
            self.fill(target, cell.value, shade="F2F2F2", align=center if cell.down else left, keep=keep)


_TC_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                 "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
_TC_AFTER_MAR = _TC_AFTER_SHD[2:]
_TR_AFTER_CANT_SPLIT = ("w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins",
                        "w:del", "w:trPrChange")
_TR_AFTER_HEADER = _TR_AFTER_CANT_SPLIT[2:]
"""The elements that follow, in the schema's order (Word refuses a file with them out of order)."""


def _child(parent: Any, tag: str, attributes: dict[str, str], successors: tuple[str, ...]) -> Any:
    """Add a property element to ``parent`` in its place in the schema's sequence."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    later = {qn(name) for name in successors}
    following = next((child for child in parent if child.tag in later), None)
    if following is None:
        parent.append(element)
    else:
        following.addprevious(element)
    return element


def form_docx(form: Form, data: dict[str, Any] | None = None) -> bytes:
    """A form as a Word document, for printing or filling in by hand: the notice's form only."""
    doc = _document(form.heading, landscape=form.landscape, body_font=SONG, body_size=10.5,
                    margins=(2.0, 2.0, 2.0, 2.0))
    _WordForm(doc, form, blank=data is None).write(data)
    return _save(doc)
