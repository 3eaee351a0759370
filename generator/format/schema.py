"""The case file format, version 1, as data.

This module is the one definition of the case format (``shared/spec/case-format.md``):
every key, its Chinese label, its unit and what it accepts. The validator, the
templates (labels and units), the search dictionary and, later, the downloads and
the data dictionary all read it from here, so a label changed here changes
everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from generator.format import attachments, kinds
from generator.format.kinds import SHARES_TOLERANCE

Kind = Literal[
    "line",  # one line of plain text
    "text",  # plain text, line breaks allowed
    "markdown",  # Markdown, rendered and sanitized
    "slug",  # the case id
    "int",  # a whole number
    "number",  # a decimal number
    "percent",  # a number in 0–100
    "year",  # a four-digit year
    "date",  # YYYY-MM-DD
    "bool",  # true / false
    "choice",  # one of `choices`
    "shares",  # industry_structure: three percentages summing to 100
    "period",  # [start, end] years
    "lines",  # list of one-line strings
    "record",  # mapping with `fields`
    "records",  # list of mappings with `fields`
]

CITIES: tuple[str, ...] = (
    "石家庄市",
    "唐山市",
    "秦皇岛市",
    "邯郸市",
    "邢台市",
    "保定市",
    "张家口市",
    "承德市",
    "沧州市",
    "廊坊市",
    "衡水市",
    "定州市",
    "辛集市",
)
"""The 11 设区市 plus 定州市 and 辛集市, which the notice addresses like cities."""

DISTRICT_CITIES: tuple[str, ...] = CITIES[:11]
"""The 11 设区市. The notice addresses 定州市 and 辛集市 with them (各市（含定州、辛集市）), and the
pages name them so, not as 设区市."""

STATUSES: tuple[str, ...] = ("创建中", "中期评估通过", "限期整改", "验收通过", "示范标杆", "已取消")
"""创建状态, in the order of the notice's workflow."""

STATUSES_AFTER_MIDTERM: tuple[str, ...] = ("中期评估通过", "限期整改", "验收通过", "示范标杆")
"""创建状态 of a case that has had its 中期评估 (工作流程 5, 考核评估): it has filed its figures."""

FILED_BY_MIDTERM: dict[str, str] = {"overview": "附表1", "targets": "实施方案第二章"}
"""What a case at one of ``STATUSES_AFTER_MIDTERM`` has filed, and where: 总体情况 and 创建目标,
by which the 中期评估 judges it (根据实施方案确定的目标任务进行考核评估)."""

DIMENSIONS: tuple[str, ...] = ("创新驱动", "质量为先", "绿色发展", "结构优化", "人才为本", "工作保障")
"""The six aspects of 创建标准."""

DIMENSION_INDICATORS: dict[str, str] = {
    "创新驱动": "规模以上制造业研发比重",
    "质量为先": "制造业质量竞争力指数",
    "绿色发展": "规模以上单位工业增加值能耗下降幅度",
    "结构优化": "传统企业改造升级水平",
    "人才为本": "制造业人才引进培育情况",
    "工作保障": "重点工作推进情况",
}
"""The headline indicator 创建标准 names for each aspect, in the notice's order."""

SYSTEMS: tuple[str, ...] = ("新型制造业体系", "区域协同创新体系", "人才培养体系", "政策保障体系")
"""The four systems of 示范内容."""

EVALUATION_STAGES: tuple[str, ...] = ("中期评估", "整改复查", "绩效评价")
EVALUATION_RESULTS: tuple[str, ...] = ("通过", "限期整改", "中止", "优秀")

SUMMARY_MAX_CHARS = 300
TOP_ENTERPRISES_MAX = 3
PERIOD_YEARS = 3

RESERVED_IDS: tuple[str, ...] = ("index",)
"""Ids no case may have: ``cases/index.md`` is the case library's own page."""


@dataclass(frozen=True)
class Field:
    """One key of the case format."""

    key: str
    label: str
    kind: Kind
    unit: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    max_items: int | None = None
    max_chars: int | None = None
    signed: bool = False
    """Numbers only: negative values allowed (e.g. 净利润)."""
    doc: str = ""

    def child(self, key: str) -> Field | None:
        for item in self.fields:
            if item.key == key:
                return item
        return None

    @property
    def type(self) -> kinds.FieldType:
        """The kind's object: how a value of this field is checked, described, shown and read."""
        return kinds.KINDS[self.kind]

    @property
    def label_with_unit(self) -> str:
        return f"{self.label}（{self.unit}）" if self.unit else self.label

    @property
    def heading(self) -> str:
        """The label as a column or key is headed: with its unit, unless the kind's parts have it."""
        return self.label_with_unit if self.type.unit_in_label else self.label


def _f(key: str, label: str, kind: Kind, unit: str = "", **kw: object) -> Field:
    return Field(key, label, kind, unit, **kw)  # type: ignore[arg-type]


OVERVIEW = _f(
    "overview",
    "总体情况",
    "record",
    doc="附表1 一、总体情况",
    fields=(
        _f("gdp", "地区GDP", "number", "万元"),
        _f("area", "国土面积", "number", "平方公里"),
        _f("population", "人口", "number", "万人"),
        _f("industry_structure", "一、二、三产业比重", "shares", "%",
           doc="三个百分数，依次为第一、二、三产业，合计100"),
        _f("rd_share_of_gdp", "研发投入占GDP比重", "percent", "%"),
        _f("mfg_value_added", "制造业增加值", "number", "万元"),
        _f("mfg_share_of_gdp", "制造业增加值占地区生产总值比重", "percent", "%"),
        _f("mfg_enterprises", "规模以上制造业企业数量", "int", "家"),
        _f("mfg_employees", "制造业从业人员数", "number", "万人"),
        _f("trade_total", "制造业进出口总额", "number", "万美元"),
        _f("export", "其中：出口额", "number", "万美元"),
        _f("import", "进口额", "number", "万美元"),
    ),
)

TOP_ENTERPRISE_FIELDS: tuple[Field, ...] = (
    _f("name", "企业名称", "line", required=True),
    _f("revenue", "销售收入", "number", "万元"),
    _f("net_profit", "净利润", "number", "万元", signed=True),
    _f("rd_share", "内部研发支出占主营业务收入比重", "percent", "%"),
    _f("employees", "员工数量", "number", "万人"),
    _f("products", "主要产品", "text"),
    _f("capacity", "产能", "line"),
    _f("output", "产量", "line"),
    _f("core_technology", "核心技术或工艺", "text"),
)

INDUSTRIES = _f(
    "industries",
    "主导产业",
    "records",
    doc="附表1 二、主导产业情况；三、分产业情况",
    fields=(
        _f("name", "主导产业名称", "line", required=True),
        _f("output", "工业总产值", "number", "万元"),
        _f("output_share", "工业总产值占比", "percent", "%"),
        _f("revenue", "主营业务收入", "number", "万元"),
        _f("chain_links", "主要产业链环节", "text"),
        _f("rd_institutions", "主要研发机构", "lines"),
        _f("brands", "品牌", "lines"),
        _f("parks", "主要承载园区", "lines"),
        _f("top_enterprises", "销售收入排名前三位的企业", "records",
           fields=TOP_ENTERPRISE_FIELDS, max_items=TOP_ENTERPRISES_MAX),
    ),
)

CENTER_FIELDS: tuple[Field, ...] = (
    _f("name", "名称", "line", required=True),
    _f("direction", "主要创新方向", "text"),
)

INNOVATION = _f(
    "innovation",
    "创新资源",
    "record",
    doc="附表1 四、创新资源情况",
    fields=(
        _f("rd_investment", "研发投入", "number", "万元"),
        _f("rd_share_of_revenue", "规上企业研发投入占销售收入比重", "percent", "%"),
        _f("national_centers", "国家级企业技术中心或研发机构", "records", fields=CENTER_FIELDS),
        _f("provincial_centers", "省级企业技术中心或研发机构", "records", fields=CENTER_FIELDS),
    ),
)

POLICIES = _f(
    "policies",
    "配套政策",
    "records",
    doc="附表2 主要产业配套政策",
    fields=(
        _f("title", "政策文件名称", "line", required=True),
        _f("points", "主要政策点", "text"),
        _f("period", "实施期限", "line"),
    ),
)

TARGETS = _f(
    "targets",
    "创建目标",
    "records",
    doc="实施方案第二章：量化可考核的创建目标",
    fields=(
        _f("indicator", "指标", "line", required=True),
        _f("dimension", "方面", "choice", choices=DIMENSIONS),
        _f("unit", "单位", "line"),
        _f("baseline", "基期值", "number", signed=True),
        _f("target", "目标值", "number", signed=True),
        _f("actual", "实际值", "number", signed=True, doc="考核评估后填写"),
    ),
)

EXPERIENCES = _f(
    "experiences",
    "典型经验",
    "records",
    doc="总结推广的典型经验做法",
    fields=(
        _f("title", "标题", "line", required=True),
        _f("system", "体系", "choice", choices=SYSTEMS),
        _f("dimension", "方面", "choice", choices=DIMENSIONS),
        _f("body", "正文", "markdown", required=True),
    ),
)

EVALUATIONS = _f(
    "evaluations",
    "考核评估",
    "records",
    doc="中期评估、整改复查、绩效评价",
    fields=(
        _f("stage", "环节", "choice", choices=EVALUATION_STAGES),
        _f("date", "日期", "date"),
        _f("result", "结论", "choice", choices=EVALUATION_RESULTS),
        _f("notes", "说明", "text"),
    ),
)

CONTACTS = _f(
    "contacts",
    "联系人",
    "records",
    fields=(
        _f("name", "姓名", "line"),
        _f("role", "单位职务", "line"),
        _f("phone", "电话", "line"),
    ),
)

ATTACHMENTS = _f(
    "attachments",
    "附件",
    "records",
    doc="文件放在 cases/<id>/ 文件夹中",
    fields=(
        _f("title", "标题", "line", required=True),
        _f("file", "文件", "line", required=True,
           doc=f"cases/<id>/ 中的文件名；类型为 {attachments.ALLOWED}，"
               f"不超过 {attachments.MAX_BYTES // 2**20} MB"),
    ),
)

CASE = _f(
    "case",
    "案例",
    "record",
    fields=(
        _f("id", "网址标识", "slug", required=True, doc="与文件名相同，只用小写字母、数字和连字符"),
        _f("county", "县（市、区）", "line", required=True),
        _f("city", "所属设区市", "choice", required=True, choices=CITIES),
        _f("batch", "创建批次", "year", required=True),
        _f("period", "创建期", "period", doc="[起始年, 结束年]，默认为三年"),
        _f("status", "创建状态", "choice", required=True, choices=STATUSES),
        _f("summary", "一句话经验", "line", required=True, max_chars=SUMMARY_MAX_CHARS),
        _f("tags", "标签", "lines"),
        _f("sample", "示例数据", "bool"),
        _f("updated", "更新日期", "date"),
        OVERVIEW,
        INDUSTRIES,
        INNOVATION,
        POLICIES,
        TARGETS,
        EXPERIENCES,
        EVALUATIONS,
        CONTACTS,
        ATTACHMENTS,
    ),
)
"""The whole case file."""


def field_at(path: tuple[str, ...]) -> Field | None:
    """The field at a key path such as ``("industries", "top_enterprises", "name")``."""
    current: Field | None = CASE
    for key in path:
        current = current.child(key) if current else None
    return current


def unfiled(data: dict[str, Any]) -> list[str]:
    """The keys of ``FILED_BY_MIDTERM`` a case at a status after its 中期评估 lacks (or leaves
    empty); none before. The checker warns of them and the pages say 未填报."""
    if data.get("status") not in STATUSES_AFTER_MIDTERM:
        return []
    return [key for key in FILED_BY_MIDTERM if not data.get(key)]


__all__ = [
    "CASE",
    "CITIES",
    "DIMENSIONS",
    "DIMENSION_INDICATORS",
    "EVALUATION_RESULTS",
    "EVALUATION_STAGES",
    "Field",
    "SHARES_TOLERANCE",
    "STATUSES",
    "SYSTEMS",
    "field_at",
]
