"""The notice's forms as data: 附表1, 附表2, the 申报书 cover and the 参考大纲.

Every label and unit comes from :mod:`generator.schema`; this module adds only
layout: which parts a form has and in what order, which field goes in which
column or cell of the spreadsheet grid, how many blank rows a template offers.
The blank templates, the per-case exports, the import, the case page download
list and the data dictionary are all made from these definitions, so a label
changed in ``schema.py`` changes everywhere.

Columns are 1-based spans ``(first, last)`` of the spreadsheet grid; a span of
more than one column is a merged cell. The Word versions use the same parts and
columns, each part as its own table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from generator import schema
from generator.schema import Field

Span = tuple[int, int]

ISSUER = "河北省工业和信息化厅"
NOTICE_NUMBER = "冀工信明传〔2018〕118号"
NOTICE_DATE = "2018年8月24日"


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
        return header(self.field)


@dataclass(frozen=True)
class Pairs:
    """Rows of label/value pairs."""

    rows: tuple[tuple[Pair, ...], ...]

    @property
    def pairs(self) -> tuple[Pair, ...]:
        return tuple(p for row in self.rows for p in row)


@dataclass(frozen=True)
class Column:
    """One column of a table: a field of the rows' records, or the row number (``key=None``)."""

    key: str | None
    span: Span
    heading: str = ""
    """Only for columns whose heading is not the field's label (序号, composed labels)."""


@dataclass(frozen=True)
class Table:
    """A list of records, one per row, under a header row."""

    path: tuple[str, ...]
    """Where the list is: from the case root, or (inside :class:`Blocks`) from the parent record."""
    columns: tuple[Column, ...]
    blank_rows: int
    """Empty rows the blank template offers (the notice's rows, plus one for its “.....”)."""
    title: str = ""
    """A sub-heading row above the header (附表1 四: 国家级/省级企业技术中心或研发机构)."""
    schema_path: tuple[str, ...] = ()
    """The records' field path in the schema, when it differs from ``path`` (inside blocks)."""

    @property
    def field(self) -> Field:
        fld = schema.field_at(self.schema_path or self.path)
        if fld is None:
            raise KeyError(".".join(self.path))
        return fld

    def column_field(self, column: Column) -> Field | None:
        return self.field.child(column.key) if column.key else None

    def headings(self) -> list[str]:
        result = []
        for column in self.columns:
            fld = self.column_field(column)
            result.append(column.heading or (header(fld) if fld else "序号"))
        return result

    @property
    def max_items(self) -> int | None:
        return self.field.max_items


@dataclass(frozen=True)
class Blocks:
    """One small table per record of a parent list: 附表1 三、分产业情况, one per 主导产业."""

    parent: tuple[str, ...]
    """The parent list, e.g. ``("industries",)``; each block is one of its records."""
    name_key: str
    label_span: Span
    name_span: Span
    note_span: Span
    table: Table
    blank_blocks: int

    def label(self, number: int) -> str:
        """``[主导产业 1 名称]`` in the notice."""
        parent = schema.field_at(self.parent)
        child = parent.child(self.name_key) if parent else None
        assert child is not None
        return child.label.replace("名称", f"{number}名称")

    @property
    def pattern(self) -> re.Pattern[str]:
        """Recognizes a block's label cell, whatever its number."""
        words = normalize(self.label(1)).split("1")
        return re.compile(rf"^{re.escape(words[0])}(\d+){re.escape(words[1])}$")

    note: str = "（表自续）"


Section = Pairs | Table | Blocks


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
    """Column widths of the spreadsheet grid, in Excel's character units."""
    head: Pairs
    """The county line above the table: who filled it in."""
    parts: tuple[Part, ...]
    landscape: bool = True

    @property
    def columns(self) -> int:
        return len(self.widths)

    @property
    def heading(self) -> str:
        return f"{self.name} {self.title}"

    def tables(self) -> list[Table]:
        """Every table of the form, block tables included."""
        found: list[Table] = []
        for part in self.parts:
            for section in part.sections:
                if isinstance(section, Table):
                    found.append(section)
                elif isinstance(section, Blocks):
                    found.append(section.table)
        return found

    def labels(self) -> list[str]:
        """Every label, heading and title the form shows, in order (for the notice check)."""
        found = [self.title]
        for part in self.parts:
            if part.title:
                found.append(part.title)
            for section in part.sections:
                if isinstance(section, Pairs):
                    found += [p.label for p in section.pairs]
                elif isinstance(section, Table):
                    found += ([section.title] if section.title else []) + section.headings()
                else:
                    found += [section.label(1)] + section.table.headings()
        return [label for label in found if label != "序号"]


def header(fld: Field) -> str:
    """A field's label as the forms show it: with its unit, except the 产业比重 triple."""
    return fld.label if fld.kind == "shares" else fld.label_with_unit


def normalize(text: object) -> str:
    """Compare labels the way a reader does: full/half-width and spaces do not matter."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def _pairs(prefix: tuple[str, ...], keys: list[str], layout: list[tuple[Span, Span]]) -> Pairs:
    rows = []
    for start in range(0, len(keys), len(layout)):
        chunk = keys[start:start + len(layout)]
        rows.append(tuple(Pair((*prefix, key), label, value)
                          for key, (label, value) in zip(chunk, layout, strict=False)))
    return Pairs(tuple(rows))


# -- 附表1 -----------------------------------------------------------------------
# The grid has ten columns, A–J: A holds the row number, B the names, the rest the
# figures and texts. 分产业情况 needs all ten (序号 + nine fields).

_OVERVIEW_LAYOUT = [((1, 2), (3, 3)), ((4, 5), (6, 6)), ((7, 8), (9, 10))]
"""Three label/value pairs a row, as in the notice."""

OVERVIEW_PAIRS = _pairs(("overview",), [f.key for f in schema.OVERVIEW.fields], _OVERVIEW_LAYOUT)

INDUSTRY_TABLE = Table(
    path=("industries",),
    columns=(
        Column(None, (1, 1)),
        Column("name", (2, 2)),
        Column("output", (3, 3)),
        Column("output_share", (4, 4)),
        Column("revenue", (5, 5)),
        Column("chain_links", (6, 6)),
        Column("rd_institutions", (7, 7)),
        Column("brands", (8, 8)),
        Column("parks", (9, 10)),
    ),
    blank_rows=5,
)

ENTERPRISE_TABLE = Table(
    path=("top_enterprises",),
    schema_path=("industries", "top_enterprises"),
    columns=(
        Column(None, (1, 1)),
        Column("name", (2, 2), heading=schema.INDUSTRIES.child("top_enterprises").label + "名称"),  # type: ignore[union-attr]
        Column("revenue", (3, 3)),
        Column("net_profit", (4, 4)),
        Column("rd_share", (5, 5)),
        Column("employees", (6, 6)),
        Column("products", (7, 7)),
        Column("capacity", (8, 8)),
        Column("output", (9, 9)),
        Column("core_technology", (10, 10)),
    ),
    blank_rows=schema.TOP_ENTERPRISES_MAX,
)

ENTERPRISE_BLOCKS = Blocks(
    parent=("industries",),
    name_key="name",
    label_span=(1, 2),
    name_span=(3, 6),
    note_span=(7, 10),
    table=ENTERPRISE_TABLE,
    blank_blocks=INDUSTRY_TABLE.blank_rows,
)

INNOVATION_PAIRS = _pairs(("innovation",), ["rd_investment", "rd_share_of_revenue"],
                          [((1, 2), (3, 4)), ((5, 7), (8, 10))])


def _center_table(key: str) -> Table:
    fld = schema.INNOVATION.child(key)
    assert fld is not None
    return Table(
        path=("innovation", key),
        columns=(Column(None, (1, 1)), Column("name", (2, 5)), Column("direction", (6, 10))),
        blank_rows=4,
        title=fld.label,
    )


FUBIAO1 = Form(
    code="fubiao1",
    name="附表1",
    title="申报县（市、区）制造业基本情况",
    widths=(7, 24, 14, 14, 16, 18, 18, 14, 14, 20),
    head=Pairs(((Pair(("county",), (1, 2), (3, 5)), Pair(("city",), (6, 7), (8, 10))),)),
    parts=(
        Part("一、总体情况", (OVERVIEW_PAIRS,)),
        Part("二、主导产业情况", (INDUSTRY_TABLE,)),
        Part("三、分产业情况", (ENTERPRISE_BLOCKS,)),
        Part("四、创新资源情况", (INNOVATION_PAIRS, _center_table("national_centers"),
                                 _center_table("provincial_centers"))),
    ),
)

# -- 附表2 -----------------------------------------------------------------------

POLICY_TABLE = Table(
    path=("policies",),
    columns=(Column(None, (1, 1)), Column("title", (2, 2)), Column("points", (3, 3)),
             Column("period", (4, 4))),
    blank_rows=6,
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

    @property
    def suffix(self) -> str:
        return self.path.rsplit(".", 1)[-1].upper()

    def href_from(self, folder: str) -> str:
        """The link from a page in ``folder`` (e.g. ``cases``) to this file."""
        prefix = folder.rstrip("/") + "/"
        return self.path[len(prefix):] if folder and self.path.startswith(prefix) else self.path


WORD = "Word（.docx）"
EXCEL = "Excel（.xlsx）"

TEMPLATES: tuple[Download, ...] = (
    Download("downloads/shenbaoshu-fengmian.docx", "申报书封面", WORD,
             "河北省工业转型升级试点示范县（市、区）申报书封面：申报单位（加盖政府公章）、填报日期。",
             "申报书封面.docx"),
    Download("downloads/shishi-fangan-dagang.docx", "实施方案参考大纲", WORD,
             "前言和八章的标题及每章应阐述的内容；标题使用 Word 标题样式，可直接生成目录。",
             "实施方案参考大纲.docx"),
    Download("downloads/fubiao1.xlsx", f"{FUBIAO1.name} {FUBIAO1.title}", EXCEL,
             "总体情况、主导产业情况、分产业情况（每个主导产业销售收入前三位企业）、创新资源情况，可直接填写。",
             f"{FUBIAO1.name}.xlsx"),
    Download("downloads/fubiao1.docx", f"{FUBIAO1.name} {FUBIAO1.title}", WORD,
             "同上，供打印或在 Word 中填写。", f"{FUBIAO1.name}.docx"),
    Download("downloads/fubiao2.xlsx", f"{FUBIAO2.name} {FUBIAO2.title}", EXCEL,
             "政策文件名称、主要政策点、实施期限，可直接填写。", f"{FUBIAO2.name}.xlsx"),
    Download("downloads/fubiao2.docx", f"{FUBIAO2.name} {FUBIAO2.title}", WORD,
             "同上，供打印或在 Word 中填写。", f"{FUBIAO2.name}.docx"),
    Download("downloads/case-template.yaml", "空白案例文件", "YAML（.yaml）",
             "案例格式第 1 版的全部字段，每个字段都有注释；省厅录入案例时使用。", "案例文件模板.yaml"),
)
"""The blank templates, in the order the downloads page lists them."""

OPEN_DATA: tuple[Download, ...] = (
    Download("data/cases.json", "全部案例（JSON）", "JSON（.json）",
             "每个案例的全部字段，字段名与案例格式相同。"),
    Download("data/cases.csv", "案例主要指标（CSV）", "CSV（.csv，UTF-8）",
             "一个案例一行，含总体情况等主要指标；带 BOM，可直接用 Excel 打开。"),
)


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

KIND_TEXT: dict[str, str] = {
    "line": "一行文字",
    "text": "文字，可换行",
    "markdown": "Markdown 正文",
    "slug": "小写字母、数字和连字符",
    "int": "不小于 0 的整数",
    "number": "不小于 0 的数字",
    "percent": "0 到 100 的数字",
    "year": "四位年份",
    "date": "日期（YYYY-MM-DD）",
    "bool": "true 或 false",
    "choice": "固定选项之一",
    "shares": "三个百分数，合计 100",
    "period": "[起始年, 结束年]",
    "lines": "文字列表",
    "record": "一组字段",
    "records": "列表，每项一组字段",
}


def kind_text(fld: Field) -> str:
    if fld.kind == "number" and fld.signed:
        return "数字（可为负）"
    return KIND_TEXT[fld.kind]


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
            where.setdefault(".".join(pair.path), f"{form.name} 表头")
        for part in form.parts:
            place = f"{form.name} {part.title}".strip()
            for section in part.sections:
                if isinstance(section, Pairs):
                    for pair in section.pairs:
                        where[".".join(pair.path)] = place
                else:
                    table = section if isinstance(section, Table) else section.table
                    path = section.path if isinstance(section, Table) else section.parent + table.path
                    base = _path_text(path)
                    where[base] = place
                    for column in table.columns:
                        if column.key:
                            where[f"{base}[].{column.key}"] = place
    return where


def _path_text(path: tuple[str, ...]) -> str:
    """``("industries", "top_enterprises")`` → ``industries[].top_enterprises``."""
    parts = []
    current: Field | None = schema.CASE
    for index, key in enumerate(path):
        current = current.child(key) if current else None
        last = index == len(path) - 1
        parts.append(key + ("[]" if current and current.kind == "records" and not last else ""))
    return ".".join(parts)


def dictionary() -> list[Group]:
    """Every field of the case format, grouped by where it sits, for the data dictionary page."""
    where = placements()
    groups: list[Group] = []

    def walk(fld: Field, path: str, group: Group) -> None:
        for child in fld.fields:
            child_path = f"{path}.{child.key}" if path else child.key
            group.entries.append(Entry(child_path, child, where.get(child_path, "")))
            if child.kind == "records" and child.fields:
                nested = Group(child.label, f"{child_path}[]")
                groups.append(nested)
                walk(child, f"{child_path}[]", nested)
            elif child.kind == "record":
                nested = Group(child.label, child_path)
                groups.append(nested)
                walk(child, child_path, nested)

    top = Group("案例（文件顶层）", "")
    groups.append(top)
    walk(schema.CASE, "", top)
    return groups


def form_subset(data: dict) -> dict:
    """The part of a case's data that 附表1 and 附表2 hold, without empty values."""
    return _prune({key: data[key] for key in FORM_KEYS if key in data})


def _prune(value: object) -> object:
    if isinstance(value, dict):
        pruned = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value
