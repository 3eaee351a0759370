"""The notice's forms as data: 附表1, 附表2, the 申报书 cover and the 参考大纲.

Every label and unit comes from :mod:`generator.format.schema`; this module adds only
layout, as the notice draws the forms: which sections a form has and in what
order, which field goes in which cell of the grid, how many numbered rows a table
has and whether the notice ends it with a "....." row. The blank templates, the
per-case exports (.xlsx and .docx alike, both drawn from :func:`layout`), the
import, the case page download list and the data dictionary are all made from
these definitions, so a label changed in ``schema.py`` changes everywhere.

The grid: columns are 1-based spans ``(first, last)`` of one grid per form; a span
of more than one column is a merged cell. The notice prints each row's number
inside the table's first column (附表2's "1" sits under 政策文件名称, 附表1 四's under
名称). The forms keep that look and clean data with a narrow number cell: the first
column's heading is merged across the number cell and the cell beside it, where
the name is written. The number cells hold 1, 2, … and, where the notice has it,
the continuation row's "....."; the import never reads them.

Anything the site adds for convenience (the line naming the county, which the
import needs, and the filling instructions) is not part of these tables:
:mod:`generator.forms.office` writes it outside the form, marked :data:`ADDED_MARK`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

from generator.format import schema
from generator.format.schema import Field

Span = tuple[int, int]

ISSUER = "河北省工业和信息化厅"
NOTICE_NUMBER = "冀工信明传〔2018〕118号"
NOTICE_DATE = "2018年8月24日"

MORE = "....."
"""The notice's continuation row: five full stops where the row number goes."""

ADDED_MARK = "【本站所加，不属于通知附表】"
"""Starts everything a download adds to the notice's form (the county line, the instructions)."""


@dataclass(frozen=True)
class Pair:
    """A label cell and the value cell beside it (附表1 一、总体情况, the county line)."""

    path: tuple[str, ...]
    """The key path in a case, e.g. ``("overview", "gdp")`` or ``("county",)``."""
    label_span: Span
    value_span: Span

    @property
    def field(self) -> Field:
        fld = schema.field_at(self.path)
        if fld is None:
            raise KeyError(".".join(self.path))
        return fld

    @property
    def label(self) -> str:
        return self.field.heading


@dataclass(frozen=True)
class Pairs:
    """Rows of label/value pairs."""

    rows: tuple[tuple[Pair, ...], ...]

    @property
    def pairs(self) -> tuple[Pair, ...]:
        return tuple(p for row in self.rows for p in row)


@dataclass(frozen=True)
class Column:
    """One column of a table: a field of the rows' records."""

    key: str
    span: Span


@dataclass(frozen=True)
class Table:
    """A list of records under a header row, one numbered row per record."""

    path: tuple[str, ...]
    """Where the list is: from the case root, or (inside :class:`Blocks`) from the parent record."""
    number: Span
    """The row number's cell; the first column's heading spans it and that column."""
    columns: tuple[Column, ...]
    rows: int
    """The notice's numbered rows (a filled form has more when there are more records)."""
    more: bool = True
    """The notice ends the table with a "....." row (附表1 三's blocks have none)."""
    first_heading: str = ""
    """The first column's heading, when it is not the field's label (销售收入排名前三位的企业名称)."""
    side: Span | None = None
    """A cell left of the table holding the list's label, down the header and every row (附表1 四)."""
    schema_path: tuple[str, ...] = ()
    """The records' field path in the schema, when it differs from ``path`` (inside blocks)."""

    @property
    def field(self) -> Field:
        fld = schema.field_at(self.schema_path or self.path)
        if fld is None:
            raise KeyError(".".join(self.path))
        return fld

    def column_field(self, column: Column) -> Field:
        fld = self.field.child(column.key)
        if fld is None:
            raise KeyError(column.key)
        return fld

    def header_cells(self) -> list[tuple[Span, str]]:
        """The header row's cells, left to right: (span, text)."""
        first, *rest = self.columns
        cells = [(self.side, self.field.label)] if self.side else []
        first_heading = self.first_heading or self.column_field(first).heading
        cells.append(((self.number[0], first.span[1]), first_heading))
        cells += [(column.span, self.column_field(column).heading) for column in rest]
        return cells

    def headings(self) -> list[str]:
        return [text for _, text in self.header_cells()]


@dataclass(frozen=True)
class Beside:
    """Tables side by side in the same rows (附表1 四: 国家级 | 省级企业技术中心或研发机构)."""

    tables: tuple[Table, ...]


@dataclass(frozen=True)
class Blocks:
    """One table per record of a parent list: 附表1 三、分产业情况, ``[主导产业1名称]（表自续）``.

    The blank form has one block, as the notice; a filled form has one per 主导产业, its label
    naming the industry: ``[装备制造]（表自续）``.
    """

    parent: tuple[str, ...]
    """The parent list, e.g. ``("industries",)``; each block is one of its records."""
    name_key: str
    span: Span
    """The block's label row."""
    table: Table
    note: str = "（表自续）"

    @property
    def name_field(self) -> Field:
        parent = schema.field_at(self.parent)
        child = parent.child(self.name_key) if parent else None
        if child is None:
            raise KeyError(self.name_key)
        return child

    @property
    def placeholder(self) -> str:
        """``主导产业1名称``: the name field's label with the notice's number in it."""
        return self.name_field.label.replace("名称", "1名称")

    def label(self, name: str | None = None) -> str:
        """``[主导产业1名称]（表自续）`` as the notice writes it, or with a filled form's name."""
        return f"[{name or self.placeholder}]{self.note}"

    def name_in(self, text: str) -> str | None:
        """The industry named in a block's label cell as a county fills it, None for the placeholder.

        ``[装备制造]（表自续）``, ``装备制造(表自续)``, ``【装备制造】`` and ``装备制造`` all name 装备制造.
        """
        name = re.sub(r"[(（]\s*表\s*自\s*续\s*[)）]\s*$", "", text.strip()).strip()
        if len(name) >= 2 and name[0] + name[-1] in ("[]", "［］", "【】", "〔〕"):
            name = name[1:-1].strip()
        if not name or normalize(name) == normalize(self.placeholder):
            return None
        return name


Section = Pairs | Table | Beside | Blocks


@dataclass(frozen=True)
class Part:
    title: str
    """The part's heading row, e.g. ``一、总体情况``; empty for a form with one table."""
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Form:
    code: str
    """ASCII name used in file names: ``fubiao1``."""
    name: str
    """``附表1``; also the worksheet's name."""
    title: str
    widths: tuple[float, ...]
    """Column widths of the grid, in Excel's character units (the Word table's proportions too)."""
    head: Pairs
    """The county line the site adds above the form (the import reads it); not the notice's."""
    parts: tuple[Part, ...]
    landscape: bool = True

    @property
    def columns(self) -> int:
        return len(self.widths)

    @property
    def heading(self) -> str:
        return f"{self.name} {self.title}"

    def tables(self) -> list[Table]:
        """Every table of the form, block and side-by-side tables included."""
        found: list[Table] = []
        for part in self.parts:
            for section in part.sections:
                if isinstance(section, Table):
                    found.append(section)
                elif isinstance(section, Beside):
                    found += section.tables
                elif isinstance(section, Blocks):
                    found.append(section.table)
        return found

    def fields(self) -> list[Field]:
        """Every field the form's table holds."""
        found = [pair.field for part in self.parts for section in part.sections
                 if isinstance(section, Pairs) for pair in section.pairs]
        found += [table.column_field(column) for table in self.tables() for column in table.columns]
        return found


def normalize(text: object) -> str:
    """Compare labels the way a reader does: full/half-width and spaces do not matter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def get(data: dict[str, Any] | None, path: tuple[str, ...]) -> Any:
    """The value at a key path of a case, None where any step is missing."""
    current: Any = data
    for key in path:
        if not isinstance(current, dict):
            return None
        current = current.get(key)
    return current


def _pairs(prefix: tuple[str, ...], keys: list[str], layout: list[tuple[Span, Span]]) -> Pairs:
    rows = []
    for start in range(0, len(keys), len(layout)):
        chunk = keys[start:start + len(layout)]
        rows.append(tuple(Pair((*prefix, key), label, value)
                          for key, (label, value) in zip(chunk, layout, strict=False)))
    return Pairs(tuple(rows))


# -- 附表1 -----------------------------------------------------------------------
# Twelve grid columns, A–L, so that every section's cells line up as in the notice:
#   二  A number | B 主导产业名称 | C:D | E | F | G | H | I:J | K:L 主要承载园区
#   三  A number | B 企业名称 | C:D 销售收入 | E | F | G | H 主要产品 | I:J 产能 | K | L
#   四  A:B 国家级… (down the rows) | C number | D:E 名称 | F:G 方向 | H 省级… | I number | J:K | L
# C and I are narrow: they are 四's number cells.

FUBIAO1_WIDTHS = (7, 22, 7, 8, 12, 14, 12, 20, 7, 11, 16, 20)

_OVERVIEW_LAYOUT = [((1, 2), (3, 5)), ((6, 7), (8, 8)), ((9, 11), (12, 12))]
"""Three label/value pairs a row, as in the notice."""

OVERVIEW_PAIRS = _pairs(("overview",), [f.key for f in schema.OVERVIEW.fields], _OVERVIEW_LAYOUT)

INDUSTRY_TABLE = Table(
    path=("industries",),
    number=(1, 1),
    columns=(
        Column("name", (2, 2)),
        Column("output", (3, 4)),
        Column("output_share", (5, 5)),
        Column("revenue", (6, 6)),
        Column("chain_links", (7, 7)),
        Column("rd_institutions", (8, 8)),
        Column("brands", (9, 10)),
        Column("parks", (11, 12)),
    ),
    rows=4,
)

ENTERPRISE_TABLE = Table(
    path=("top_enterprises",),
    schema_path=("industries", "top_enterprises"),
    number=(1, 1),
    columns=(
        Column("name", (2, 2)),
        Column("revenue", (3, 4)),
        Column("net_profit", (5, 5)),
        Column("rd_share", (6, 6)),
        Column("employees", (7, 7)),
        Column("products", (8, 8)),
        Column("capacity", (9, 10)),
        Column("output", (11, 11)),
        Column("core_technology", (12, 12)),
    ),
    rows=schema.TOP_ENTERPRISES_MAX,
    more=False,
    first_heading=schema.INDUSTRIES.child("top_enterprises").label + "名称",  # type: ignore[union-attr]
)

ENTERPRISE_BLOCKS = Blocks(parent=("industries",), name_key="name", span=(1, 12), table=ENTERPRISE_TABLE)

INNOVATION_PAIRS = _pairs(("innovation",), ["rd_investment", "rd_share_of_revenue"],
                          [((1, 2), (3, 5)), ((6, 8), (9, 12))])

CENTERS = Beside((
    Table(path=("innovation", "national_centers"), number=(3, 3), side=(1, 2),
          columns=(Column("name", (4, 5)), Column("direction", (6, 7))), rows=3),
    Table(path=("innovation", "provincial_centers"), number=(9, 9), side=(8, 8),
          columns=(Column("name", (10, 11)), Column("direction", (12, 12))), rows=3),
))

FUBIAO1 = Form(
    code="fubiao1",
    name="附表1",
    title="申报县（市、区）制造业基本情况",
    widths=FUBIAO1_WIDTHS,
    head=Pairs(((Pair(("county",), (1, 2), (3, 5)), Pair(("city",), (6, 7), (8, 8))),)),
    parts=(
        Part("一、总体情况", (OVERVIEW_PAIRS,)),
        Part("二、主导产业情况", (INDUSTRY_TABLE,)),
        Part("三、分产业情况", (ENTERPRISE_BLOCKS,)),
        Part("四、创新资源情况", (INNOVATION_PAIRS, CENTERS)),
    ),
)

# -- 附表2 -----------------------------------------------------------------------

POLICY_TABLE = Table(
    path=("policies",),
    number=(1, 1),
    columns=(Column("title", (2, 2)), Column("points", (3, 3)), Column("period", (4, 4))),
    rows=5,
)

FUBIAO2 = Form(
    code="fubiao2",
    name="附表2",
    title="申报县（市）主要产业配套政策",
    widths=(7, 40, 60, 18),
    head=Pairs(((Pair(("county",), (1, 2), (3, 3)),), (Pair(("city",), (1, 2), (3, 3)),))),
    parts=(Part("", (POLICY_TABLE,)),),
)

FORMS: tuple[Form, ...] = (FUBIAO1, FUBIAO2)

FORM_KEYS: tuple[str, ...] = ("county", "city", "overview", "industries", "innovation", "policies")
"""The case keys the two forms hold between them."""

# -- the form's table, row by row ------------------------------------------------------

Role = Literal["part", "label", "heading", "block", "number", "value"]


@dataclass(frozen=True)
class Cell:
    """One cell of a form's table as a download draws it."""

    span: Span
    value: Any
    role: Role
    field: Field | None = None
    """The field of a value cell."""
    down: int = 0
    """Further rows the cell covers (附表1 四's 国家级/省级 label)."""


@dataclass(frozen=True)
class Row:
    role: Literal["part", "pairs", "header", "item", "more", "block"]
    cells: tuple[Cell, ...]


def layout(form: Form, data: dict[str, Any] | None = None) -> list[Row]:
    """The form's table, row by row: blank (``data=None``) as the notice draws it, or filled.

    A filled table has a numbered row per record, at least the notice's number of rows, and
    still ends with the notice's "....." row; 三 has a block per 主导产业 (one, blank, if none).
    """
    rows: list[Row] = []
    for part in form.parts:
        if part.title:
            rows.append(Row("part", (Cell((1, form.columns), part.title, "part"),)))
        for section in part.sections:
            if isinstance(section, Pairs):
                rows += _pair_rows(section, data)
            elif isinstance(section, Table):
                rows += _table_rows((section,), (get(data, section.path),))
            elif isinstance(section, Beside):
                rows += _table_rows(section.tables, tuple(get(data, t.path) for t in section.tables))
            else:
                for parent in get(data, section.parent) or [None]:
                    name = (parent or {}).get(section.name_key)
                    rows.append(Row("block", (Cell(section.span, section.label(name), "block"),)))
                    rows += _table_rows((section.table,), (get(parent, section.table.path),))
    return rows


def _pair_rows(section: Pairs, data: dict[str, Any] | None) -> list[Row]:
    return [Row("pairs", tuple(cell for pair in row for cell in (
        Cell(pair.label_span, pair.label, "label"),
        Cell(pair.value_span, get(data, pair.path), "value", pair.field))))
        for row in section.rows]


def _table_rows(tables: tuple[Table, ...], lists: tuple[list[dict[str, Any]] | None, ...]) -> list[Row]:
    items = [list(found or []) for found in lists]
    count = max(max(table.rows for table in tables), *(len(found) for found in items))
    more = tables[0].more
    below = count + (1 if more else 0)
    header: list[Cell] = []
    for table in tables:
        for span, text in table.header_cells():
            side = span == table.side
            header.append(Cell(span, text, "label" if side else "heading", down=below if side else 0))
    rows = [Row("header", tuple(header))]
    for index in range(count + (1 if more else 0)):
        cells: list[Cell] = []
        for table, found in zip(tables, items, strict=True):
            record = found[index] if index < len(found) else {}
            cells.append(Cell(table.number, index + 1 if index < count else MORE, "number"))
            cells += [Cell(column.span, record.get(column.key), "value", table.column_field(column))
                      for column in table.columns]
        rows.append(Row("item" if index < count else "more", tuple(cells)))
    return rows


# -- 申报书 cover and 参考大纲 -------------------------------------------------------

COVER_TITLE = ("河北省工业转型升级", "试点示范县（市、区）")
COVER_NAME = "申报书"
COVER_LINES = (("申报单位", "（加盖政府公章）"), ("填报日期", ""))
COVER_ISSUER = f"{ISSUER}制"

OUTLINE_TITLE = "河北省工业转型升级试点示范县（市）实施方案"
OUTLINE_SUBTITLE = "（参考大纲）"
OUTLINE: tuple[tuple[str, str], ...] = (
    ("前言（申报理由）", ""),
    ("第一章 基础条件",
     "重点阐述以下内容：一是申报县（市）的经济社会发展概况；二是制造业发展总体情况（规模、结构、创新、"
     "主导产业、龙头企业、主要园区等）；三是试点示范县（市）创建条件分析，现有工作基础、制约因素、问题及分析；"
     "四是试点示范县（市）的优势特色和示范意义。"),
    ("第二章 总体思路和目标",
     "重点阐述以下内容：一是创建试点县（市）的总体思路；二是创建目标，围绕创新能力、质量效益、优化结构、"
     "可持续发展、两化融合等，提出量化可考核的目标体系。（创建目标以3年为期，如2016年申报，"
     "则目标期限为2017-2019年。三年期满，该目标将接受考核）"),
    ("第三章 打造新型制造业体系",
     "重点阐述以下内容：一是建设新型制造业体系的总体思路；二是新型制造业体系的总体架构及重点产业发展方向；"
     "三是推进制造业高端、智能、绿色、服务化发展和促进互联网与制造业融合创新的任务和路径；"
     "四是重点产业布局、主要承载园区和核心企业。"),
    ("第四章 构建区域协同创新体系",
     "重点阐述以下内容：一是建设区域协同创新体系的总体思路；二是支持企业提升创新能力的举措；"
     "三是创建高水平创新载体（包括制造业创新中心、企业技术中心、技术创新联盟等）；四是创新公共服务平台建设，"
     "五是建设有利于创新创业的环境。"),
    ("第五章 健全人才培养体系",
     "重点阐述以下内容：一是健全人才培养体系的总体思路；二是吸引“高精尖缺”人才集聚的举措；"
     "三是适应制造业智能化、绿色化等重大发展需求，提升制造业工人整体素质的举措，如职业教育、在职培训等。"),
    ("第六章 完善政策保障体系",
     "重点阐述以下内容：围绕制造业提质增效、由大做强的目标，加快有关政策在试点县（市）的率先落实和落地，"
     "在创新、产业、财政、投融资、税收、小微企业、土地等方面设计具有针对性的政策措施，促进制造业健康发展。"),
    ("第七章 试点工作组织和实施", "创建试点县（市）的组织实施机制、任务分工、评价考核机制等。"),
    ("第八章 其他需要说明的内容", "注明联系人和联系方式。"),
)
"""The eight chapters (and the preface) of the reference outline, with what each must cover."""

# -- downloads ---------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """One file a reader can download: where it is in the site and how the site describes it."""

    path: str
    title: str
    format: str
    description: str
    save_as: str = ""
    """The name a browser saves it under (Chinese), when it differs from the path's."""
    build: Callable[..., bytes] | None = field(default=None, compare=False, repr=False)
    """What makes the file: no arguments for a template, the site's model for open data; none for
    a case's 附表, which :mod:`generator.site.downloads` makes (cached, on every core)."""

    @property
    def suffix(self) -> str:
        return self.path.rsplit(".", 1)[-1].upper()

    def href_from(self, folder: str) -> str:
        """The link from a page in ``folder`` (e.g. ``cases``) to this file."""
        prefix = folder.rstrip("/") + "/"
        return self.path[len(prefix):] if folder and self.path.startswith(prefix) else self.path


WORD = "Word（.docx）"
EXCEL = "Excel（.xlsx）"


def _office() -> ModuleType:
    """The writers, loaded when a template is made (they import this module, and python-docx and
    openpyxl, which checking cases does not need)."""
    from generator.forms import office
    return office


def _blank_case() -> bytes:
    from generator.forms import importer
    return importer.blank_case_yaml().encode("utf-8")


TEMPLATES: tuple[Download, ...] = (
    Download("downloads/shenbaoshu-fengmian.docx", "申报书封面", WORD,
             "河北省工业转型升级试点示范县（市、区）申报书封面：申报单位（加盖政府公章）、填报日期。",
             "申报书封面.docx",
             build=lambda: _office().cover_docx()),
    Download("downloads/shishi-fangan-dagang.docx", "实施方案参考大纲", WORD,
             "前言和八章的标题及每章应阐述的内容；标题使用 Word 标题样式，可直接生成目录。",
             "实施方案参考大纲.docx",
             build=lambda: _office().outline_docx()),
    Download("downloads/fubiao1.xlsx", f"{FUBIAO1.name} {FUBIAO1.title}", EXCEL,
             "通知附件的表样：总体情况、主导产业情况、分产业情况（每个主导产业一张表）、创新资源情况；"
             "可直接填写。",
             f"{FUBIAO1.name}.xlsx",
             build=lambda: _office().xlsx(FUBIAO1)),
    Download("downloads/fubiao1.docx", f"{FUBIAO1.name} {FUBIAO1.title}", WORD,
             "同一表样，供打印或在 Word 中填写。", f"{FUBIAO1.name}.docx",
             build=lambda: _office().form_docx(FUBIAO1)),
    Download("downloads/fubiao2.xlsx", f"{FUBIAO2.name} {FUBIAO2.title}", EXCEL,
             "通知附件的表样：政策文件名称、主要政策点、实施期限；可直接填写。", f"{FUBIAO2.name}.xlsx",
             build=lambda: _office().xlsx(FUBIAO2)),
    Download("downloads/fubiao2.docx", f"{FUBIAO2.name} {FUBIAO2.title}", WORD,
             "同一表样，供打印或在 Word 中填写。", f"{FUBIAO2.name}.docx",
             build=lambda: _office().form_docx(FUBIAO2)),
    Download("downloads/case-template.yaml", "空白案例文件", "YAML（.yaml）",
             "案例格式第 1 版的全部字段，每个字段都有注释；省厅录入案例时使用。", "案例文件模板.yaml",
             build=_blank_case),
)
"""The blank templates, in the order the downloads page lists them."""



def case_downloads(case_id: str) -> tuple[Download, ...]:
    """A case's filled 附表1 and 附表2, in its folder beside its attachments.

    The names use only the (validated, ASCII) id, so they are safe in a link's ``download``.
    """
    return tuple(
        Download(f"cases/{case_id}/{form.code}-{case_id}.xlsx", f"{form.name} {form.title}", EXCEL,
                 f"本案例填写的{form.name}，与案例文件中的数据一致。", f"{form.name}-{case_id}.xlsx")
        for form in FORMS
    )


# -- the data dictionary -------------------------------------------------------------

def kind_text(fld: Field) -> str:
    """What a field accepts, in the data dictionary's words."""
    return fld.type.summary(fld)


def notes(fld: Field) -> str:
    """What else a reader must know about a field: choices, limits, the notice's wording."""
    found = []
    if fld.choices:
        found.append("可选：" + "、".join(fld.choices))
    if fld.max_items is not None:
        found.append(f"最多 {fld.max_items} 项")
    if fld.max_chars is not None:
        found.append(f"最多 {fld.max_chars} 个字")
    if fld.doc:
        found.append(fld.doc)
    return "；".join(found)


@dataclass(frozen=True)
class Entry:
    """One row of the data dictionary."""

    path: str
    field: Field
    where: str

    @property
    def depth(self) -> int:
        return self.path.count(".")


@dataclass
class Group:
    title: str
    path: str
    entries: list[Entry] = field(default_factory=list)


def placements() -> dict[str, str]:
    """Where each field is in the forms: ``overview.gdp`` → ``附表1 一、总体情况``."""
    where: dict[str, str] = {}
    for form in FORMS:
        for pair in form.head.pairs:
            where.setdefault(".".join(pair.path), f"{form.name} 表格上方（本站所加，供导入）")
        for part in form.parts:
            place = f"{form.name} {part.title}".strip()
            for section in part.sections:
                if isinstance(section, Pairs):
                    for pair in section.pairs:
                        where[".".join(pair.path)] = place
                    continue
                if isinstance(section, Blocks):
                    tables = [(section.table, section.parent + section.table.path)]
                else:
                    tables = [(t, t.path)
                              for t in (section.tables if isinstance(section, Beside) else (section,))]
                for table, path in tables:
                    base = _path_text(path)
                    where[base] = place
                    for column in table.columns:
                        where[f"{base}[].{column.key}"] = place
    return where


def _path_text(path: tuple[str, ...]) -> str:
    """``("industries", "top_enterprises")`` → ``industries[].top_enterprises``."""
    parts = []
    current: Field | None = schema.CASE
    for index, key in enumerate(path):
        current = current.child(key) if current else None
        last = index == len(path) - 1
        parts.append(key + ("[]" if current and current.type.records and not last else ""))
    return ".".join(parts)


def dictionary() -> list[Group]:
    """Every field of the case format, grouped by where it sits, for the data dictionary page."""
    where = placements()
    groups: list[Group] = []

    def walk(fld: Field, path: str, group: Group) -> None:
        for child in fld.fields:
            child_path = f"{path}.{child.key}" if path else child.key
            group.entries.append(Entry(child_path, child, where.get(child_path, "")))
            if child.type.records and child.fields:
                nested = Group(child.label, f"{child_path}[]")
                groups.append(nested)
                walk(child, f"{child_path}[]", nested)
            elif child.type.record:
                nested = Group(child.label, child_path)
                groups.append(nested)
                walk(child, child_path, nested)

    top = Group("案例（文件顶层）", "")
    groups.append(top)
    walk(schema.CASE, "", top)
    return groups


def form_subset(data: dict[str, Any]) -> dict[str, Any]:
    """The part of a case's data that 附表1 and 附表2 hold, without empty values."""
    pruned = _prune({key: data[key] for key in FORM_KEYS if key in data})
    assert isinstance(pruned, dict)
    return pruned


def _prune(value: object) -> object:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value
