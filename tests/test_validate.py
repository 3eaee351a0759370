"""Stage 2, checking cases against the format (shared/spec/case-format.md).

Each test writes a case into ``tmp_path/cases/`` (the file name matters: the id must equal
the file stem) and runs ``generator.build.pipeline.check``. Messages are compared whole, in the
documented form ``cases/<file>:<line>: <path>（<label>）<expected>，实际为 <value>``.
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from pathlib import Path

import pytest

from generator.build.pipeline import Checked, Project, check
from generator.problems import summary

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

F = "cases/zhengding.yaml"

REQUIRED = {
    "id": "zhengding",
    "county": "正定县",
    "city": "石家庄市",
    "batch": "2019",
    "status": "创建中",
    "summary": "以数字化改造提升装备制造。",
}

BASE_DATA = {**REQUIRED, "batch": 2019}


def base(**changes: str | None) -> str:
    """The minimal valid case on lines 1–6, with fields replaced (or left out, with None)."""
    fields = {**REQUIRED, **changes}
    return "".join(f"{key}: {value}\n" for key, value in fields.items() if value is not None)


BASE = base()
"""Whatever a test appends starts on line 7."""

CITIES = "石家庄市、唐山市、秦皇岛市、邯郸市、邢台市、保定市、张家口市、承德市、沧州市、廊坊市、衡水市、定州市、辛集市"
STATUSES = "创建中、中期评估通过、限期整改、验收通过、示范标杆、已取消"
TOP_KEYS = (
    "id、county、city、batch、period、status、summary、tags、sample、updated、overview、industries、"
    "innovation、policies、targets、experiences、evaluations、contacts、attachments"
)


def write_case(tmp_path: Path, name: str, text: str) -> Path:
    cases = tmp_path / "cases"
    cases.mkdir(exist_ok=True)
    path = cases / name
    path.write_text(text, encoding="utf-8")
    return path


def run_check(tmp_path: Path, text: str, name: str = "zhengding.yaml") -> Checked:
    write_case(tmp_path, name, text)
    return check(Project(tmp_path))


def is_overview_completeness(problem) -> bool:
    return problem.severity == "warning" and problem.path == "overview" and "缺少附表1" in problem.message


def problems_of(checked: Checked) -> list:
    """The problems without the 附表1 completeness warning, which every partial ``overview:``
    in these snippets gets (pinned in test_overview_completeness_warning)."""
    return [p for p in checked.problems if not is_overview_completeness(p)]


def messages(checked: Checked) -> list[str]:
    return [str(p) for p in problems_of(checked)]


def check_text(tmp_path: Path, name: str, text: str) -> list[str]:
    """The messages for one case file, as the editor sees them."""
    return messages(run_check(tmp_path, text, name))


def only_data(tmp_path: Path, text: str, name: str = "zhengding.yaml") -> dict:
    """The validated data of a case that must have no problem at all."""
    checked = run_check(tmp_path, text, name)
    assert messages(checked) == []
    assert checked.site is not None
    [case] = checked.site.cases
    return case.data


# -- what is valid -----------------------------------------------------------------------------


def test_only_required_fields(tmp_path):
    checked = run_check(tmp_path, BASE)
    assert checked.problems == []
    assert checked.case_count == 1
    [case] = checked.site.cases
    assert case.data == BASE_DATA
    assert case.source == F
    assert case.period == (2019, 2021)
    assert case.sample is False
    assert case.tags == []


def test_every_field_fixture(tmp_path):
    checked = check(Project(FIXTURES / "good"))
    assert [str(p) for p in checked.problems] == []
    [case] = checked.site.cases
    data = case.data
    assert data["batch"] == 2019
    assert data["period"] == [2019, 2021]
    assert data["updated"] == dt.date(2021, 3, 8)
    assert data["sample"] is True
    assert data["overview"]["gdp"] == 3456789
    assert data["overview"]["industry_structure"] == [8.1, 45.3, 46.6]
    assert data["overview"]["mfg_enterprises"] == 215
    assert data["industries"][0]["top_enterprises"][0]["net_profit"] == -1200.5
    assert data["targets"][1]["target"] == -15
    assert data["experiences"][0]["body"] == "县政府设立专项资金。\n\n第二段：企业上云。"
    assert data["evaluations"][0]["date"] == dt.date(2020, 11, 18)
    assert data["contacts"] == [{"name": "张某", "role": "县工信局规划股", "phone": "0311-87908027"}]
    folder = FIXTURES / "good" / "cases" / "zhengding"
    assert data["attachments"] == [
        {
            "title": "实施方案摘要",
            "file": "plan-summary.pdf",
            "path": folder / "plan-summary.pdf",
            "size": (folder / "plan-summary.pdf").stat().st_size,
        }
    ]


def test_shipped_samples_have_no_errors():
    checked = check(Project(ROOT))
    assert [str(p) for p in checked.errors] == []
    assert checked.site is not None
    assert checked.case_count == len(list((ROOT / "cases").glob("*.yaml"))) > 0
    assert len(checked.site.cases) == checked.case_count


# -- YAML 1.1 values stay the text that was written ------------------------------------------

YAML11 = ["010", "0130171", "0130181", "NO", "on", "yes", "1:20", "3:5:2", "1.10", "0311-87908027",
          "2019-09-07", "0x1F", "1e3", ".inf", "true"]


@pytest.mark.parametrize("written", YAML11)
def test_yaml11_values_kept_as_text(tmp_path, written):
    text = (
        base(county=written, summary=written)
        + f"tags: [{written}, 装备制造]\n"
        + f"contacts:\n  - name: 张某\n    phone: {written}\n"
        + f"policies:\n  - title: 某政策\n    period: {written}\n"
    )
    data = only_data(tmp_path, text)
    assert data["county"] == written
    assert data["summary"] == written
    assert data["tags"] == [written, "装备制造"]
    assert data["contacts"] == [{"name": "张某", "phone": written}]
    assert data["policies"] == [{"title": "某政策", "period": written}]


def test_unquoted_phone_keeps_leading_zero(tmp_path):
    text = BASE + "contacts:\n  - name: 张某\n    role: 县工信局\n    phone: 0311-87908027\n"
    assert only_data(tmp_path, text)["contacts"][0]["phone"] == "0311-87908027"


@pytest.mark.parametrize("written", ["010", "0130171", "NO", "on", "1:20", "3:5:2", "三百万", "3,456,789",
                                     '"3,456,789"', "1e3", "+5", ".5", "1.", "0x1F", '""'])
def test_yaml11_values_are_not_numbers(tmp_path, written):
    text = BASE + f"overview:\n  gdp: {written}\n  mfg_enterprises: {written}\n"
    shown = written.strip('"')
    assert check_text(tmp_path, "zhengding.yaml", text) == [
        f'{F}:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "{shown}"',
        f'{F}:9: overview.mfg_enterprises（规模以上制造业企业数量）应为不小于 0 的整数（家），实际为 "{shown}"',
    ]


def test_one_point_ten_is_a_decimal_not_an_integer(tmp_path):
    # 1.10 is a fine decimal (1.1 万元); only the integer field refuses it.
    assert only_data(tmp_path, BASE + "overview:\n  gdp: 1.10\n")["overview"] == {"gdp": 1.1}
    assert check_text(tmp_path, "zhengding.yaml", BASE + "overview:\n  mfg_enterprises: 1.10\n") == [
        f'{F}:8: overview.mfg_enterprises（规模以上制造业企业数量）应为不小于 0 的整数（家），实际为 "1.10"'
    ]


# -- errors: one snippet, its exact messages ---------------------------------------------------

ERRORS = [
    # numbers and ranges
    ("overview:\n  gdp: 三百万\n",
     [f'{F}:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "三百万"'], "text-as-number"),
    ("overview:\n  gdp: 3,456,789\n",
     [f'{F}:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "3,456,789"'], "thousands-separator"),
    ("overview:\n  gdp: -1\n",
     [f'{F}:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "-1"'], "negative-amount"),
    ("overview:\n  mfg_share_of_gdp: 100.5\n",
     [f'{F}:8: overview.mfg_share_of_gdp（制造业增加值占地区生产总值比重）应为 0 到 100 之间的数字（%），实际为 "100.5"'],
     "percent-over-100"),
    ("overview:\n  rd_share_of_gdp: -0.5\n",
     [f'{F}:8: overview.rd_share_of_gdp（研发投入占GDP比重）应为 0 到 100 之间的数字（%），实际为 "-0.5"'],
     "percent-negative"),
    ("industries:\n  - name: 装备\n    output_share: 120\n",
     [f'{F}:9: industries[0].output_share（工业总产值占比）应为 0 到 100 之间的数字（%），实际为 "120"'],
     "nested-percent"),
    ("overview:\n  mfg_enterprises: -3\n",
     [f'{F}:8: overview.mfg_enterprises（规模以上制造业企业数量）应为不小于 0 的整数（家），实际为 "-3"'],
     "negative-count"),
    ("overview:\n  mfg_enterprises: 3.5\n",
     [f'{F}:8: overview.mfg_enterprises（规模以上制造业企业数量）应为不小于 0 的整数（家），实际为 "3.5"'],
     "integer-given-decimal"),
    ("industries:\n  - name: 装备\n    top_enterprises:\n      - name: 甲\n        net_profit: 亏损\n",
     [f'{F}:11: industries[0].top_enterprises[0].net_profit（净利润）应为数字（万元），实际为 "亏损"'],
     "signed-number-text"),
    ("targets:\n  - indicator: 能耗\n    actual: 约2%\n",
     [f'{F}:9: targets[0].actual（实际值）应为数字，实际为 "约2%"'], "number-without-unit"),
    # industry_structure
    ("overview:\n  industry_structure: [8, 45, 46]\n",
     [f"{F}:8: overview.industry_structure（一、二、三产业比重）三项合计应为 100（允许误差 ±0.5），实际合计为 99"],
     "shares-sum-99"),
    ("overview:\n  industry_structure: [8.6, 45, 47]\n",
     [f"{F}:8: overview.industry_structure（一、二、三产业比重）三项合计应为 100（允许误差 ±0.5），实际合计为 100.6"],
     "shares-sum-100.6"),
    ("overview:\n  industry_structure: [50, 50]\n",
     [f"{F}:8: overview.industry_structure（一、二、三产业比重）应为三个百分数 [第一产业, 第二产业, 第三产业]，"
      "合计 100，如 [8.1, 45.3, 46.6]，实际为 一个列表"], "shares-two-items"),
    ("overview:\n  industry_structure: 8.1\n",
     [f"{F}:8: overview.industry_structure（一、二、三产业比重）应为三个百分数 [第一产业, 第二产业, 第三产业]，"
      '合计 100，如 [8.1, 45.3, 46.6]，实际为 "8.1"'], "shares-scalar"),
    ("overview:\n  industry_structure: [8.1, 四十五, 46.9]\n",
     [f'{F}:8: overview.industry_structure[1]（一、二、三产业比重）应为 0 到 100 之间的数字（%），实际为 "四十五"'],
     "shares-item-text"),
    ("overview:\n  industry_structure: [-5, 55, 50]\n",
     [f'{F}:8: overview.industry_structure[0]（一、二、三产业比重）应为 0 到 100 之间的数字（%），实际为 "-5"'],
     "shares-item-negative"),
    # dates
    ("updated: 2019-02-30\n",
     [f'{F}:7: updated（更新日期）应为日历上存在的日期（YYYY-MM-DD），实际为 "2019-02-30"'], "date-feb-30"),
    ("updated: 2019/02/03\n",
     [f'{F}:7: updated（更新日期）应为日期，格式 YYYY-MM-DD，如 2019-09-07，实际为 "2019/02/03"'], "date-format"),
    ("evaluations:\n  - stage: 中期评估\n    date: 2020-13-01\n",
     [f'{F}:9: evaluations[0].date（日期）应为日历上存在的日期（YYYY-MM-DD），实际为 "2020-13-01"'],
     "nested-date"),
    # choices
    ("evaluations:\n  - stage: 年度评估\n    result: 合格\n",
     [f'{F}:8: evaluations[0].stage（环节）应为以下之一：中期评估、整改复查、绩效评价，实际为 "年度评估"',
      f'{F}:9: evaluations[0].result（结论）应为以下之一：通过、限期整改、中止、优秀，实际为 "合格"'],
     "evaluation-choices"),
    ("targets:\n  - indicator: 某指标\n    dimension: 创新\n",
     [f'{F}:9: targets[0].dimension（方面）应为以下之一：创新驱动、质量为先、绿色发展、结构优化、人才为本、工作保障，'
      '实际为 "创新"'], "dimension"),
    ("experiences:\n  - title: 标题\n    system: 制造业体系\n    body: 正文\n",
     [f'{F}:9: experiences[0].system（体系）应为以下之一：新型制造业体系、区域协同创新体系、人才培养体系、政策保障体系，'
      '实际为 "制造业体系"'], "system"),
    # lists and mappings
    ("industries:\n  - name: 装备\n    top_enterprises:\n      - name: 甲\n      - name: 乙\n      - name: 丙\n"
     "      - name: 丁\n",
     [f"{F}:10: industries[0].top_enterprises（销售收入排名前三位的企业）最多 3 项，实际为 4 项"],
     "four-top-enterprises"),
    ("overview: [1, 2]\n",
     [f"{F}:7: overview（总体情况）应为键值对（每行“字段: 值”），实际为 一个列表"], "record-as-list"),
    ("industries:\n  name: 装备\n",
     [f"{F}:8: industries（主导产业）应为列表（每项以“- ”开头），实际为 一组键值对"], "records-as-mapping"),
    ("industries:\n  - 装备\n",
     [f'{F}:8: industries[0]（主导产业）应为键值对（每行“字段: 值”），实际为 "装备"'], "record-item-scalar"),
    ("tags: {装备: 1}\n",
     [f"{F}:7: tags（标签）应为文字列表，如 [数字化转型, 绿色制造]，实际为 一组键值对"], "tags-mapping"),
    ("tags: [装备, [制造]]\n",
     [f"{F}:7: tags[1]（标签）应为一段文字，实际为 一个列表"], "tags-nested-list"),
    ("industries:\n  - output: 1\n",
     [f"{F}:8: industries[0].name（主导产业名称）为必填项，未填写"], "nested-required-missing"),
    # unknown keys
    ("sumary: 一句话\n",
     [f"{F}:7: sumary 不是案例格式中的字段，是否应为 summary（一句话经验）？"], "unknown-top-suggestion"),
    ("foo: 1\n",
     [f"{F}:7: foo 不是案例格式中的字段，可用的字段：{TOP_KEYS}"], "unknown-top-list"),
    ("on: true\n",
     [f"{F}:7: on 不是案例格式中的字段，可用的字段：{TOP_KEYS}"], "key-on-stays-text"),
    ("overview:\n  gpd: 1\n",
     [f"{F}:8: overview.gpd 不是案例格式中的字段，是否应为 gdp（地区GDP）？"], "unknown-nested-suggestion"),
    ("industries:\n  - name: 装备\n    top_enterprise:\n      - name: 甲\n",
     [f"{F}:9: industries[0].top_enterprise 不是案例格式中的字段，是否应为 top_enterprises（销售收入排名前三位的企业）？"],
     "unknown-in-list-item"),
    ("industries:\n  - name: 装备\n    xyz: 1\n",
     [f"{F}:9: industries[0].xyz 不是案例格式中的字段，可用的字段：name、output、output_share、revenue、chain_links、"
      "rd_institutions、brands、parks、top_enterprises"], "unknown-nested-list"),
    # text
    ("experiences:\n  - title: 标题\n",
     [f"{F}:8: experiences[0].body（正文）为必填项，未填写"], "body-missing"),
    ("experiences:\n  - title: 标题\n    body: '   '\n",
     [f"{F}:9: experiences[0].body（正文）为必填项，不能为空"], "body-blank"),
    # booleans
    ("sample: yes\n", [f'{F}:7: sample（示例数据）应为 true 或 false，实际为 "yes"'], "bool-yes"),
    ("sample: True\n", [f'{F}:7: sample（示例数据）应为 true 或 false，实际为 "True"'], "bool-True"),
    ("sample: 是\n", [f'{F}:7: sample（示例数据）应为 true 或 false，实际为 "是"'], "bool-chinese"),
    # period
    ("period: [2021, 2019]\n", [f"{F}:7: period（创建期）结束年不能早于起始年"], "period-reversed"),
    ("period: 2019-2021\n",
     [f'{F}:7: period（创建期）应为 [起始年, 结束年]，如 [2019, 2021]，实际为 "2019-2021"'], "period-text"),
    ("period: [2019]\n",
     [f"{F}:7: period（创建期）应为 [起始年, 结束年]，如 [2019, 2021]，实际为 一个列表"], "period-one-year"),
]


@pytest.mark.parametrize(("extra", "expected"), [pytest.param(e, x, id=i) for e, x, i in ERRORS])
def test_error(tmp_path, extra, expected):
    checked = run_check(tmp_path, BASE + extra)
    assert messages(checked) == expected
    assert all(p.severity == "error" for p in problems_of(checked))
    assert checked.site is None


REPLACED = [
    (dict(status="已验收"),
     [f'{F}:5: status（创建状态）应为以下之一：{STATUSES}，实际为 "已验收"'], "status"),
    (dict(city="雄安新区"),
     [f'{F}:3: city（所属设区市）应为以下之一：{CITIES}，实际为 "雄安新区"'], "city"),
    (dict(city="石家庄"),
     [f'{F}:3: city（所属设区市）应为以下之一：{CITIES}，实际为 "石家庄"'], "city-without-shi"),
    (dict(batch="19"), [f'{F}:4: batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 "19"'], "batch-short"),
    (dict(batch="2019年"),
     [f'{F}:4: batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 "2019年"'], "batch-with-nian"),
    (dict(batch="1899"),
     [f'{F}:4: batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 "1899"'], "batch-before-1900"),
    (dict(batch="2100"),
     [f'{F}:4: batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 "2100"'], "batch-after-2099"),
    (dict(batch="[2019]"),
     [f"{F}:4: batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 一个列表"], "batch-list"),
    (dict(summary=None), [f"{F}:1: summary（一句话经验）为必填项，未填写"], "summary-missing"),
    (dict(summary='""'), [f"{F}:6: summary（一句话经验）为必填项，不能为空"], "summary-empty"),
    (dict(summary='"   "'), [f"{F}:6: summary（一句话经验）为必填项，不能为空"], "summary-blank"),
    (dict(county=""), [f"{F}:2: county（县（市、区））为必填项，不能为空"], "county-null"),
    (dict(county="~"), [f"{F}:2: county（县（市、区））为必填项，不能为空"], "county-tilde"),
    (dict(summary="经" * 301), [f"{F}:6: summary（一句话经验）最多 300 个字，实际为 301 个字"], "summary-301"),
    (dict(county='"正定\\n县"'),
     [f'{F}:2: county（县（市、区））应为一行文字，不能换行，实际为 "正定\\n县"'], "county-newline"),
    (dict(county="|\n  正定\n  县"),
     [f'{F}:2: county（县（市、区））应为一行文字，不能换行，实际为 "正定\\n县\\n"'], "county-block-scalar"),
    (dict(county="[正定县]"),
     [f"{F}:2: county（县（市、区））应为一行文字，实际为 一个列表"], "county-list"),
    (dict(id="zhending"), [f'{F}:1: id（网址标识）应与文件名 zhengding 相同，实际为 "zhending"'], "id-not-file-name"),
    (dict(id="Zhengding"),
     [f'{F}:1: id（网址标识）应只含小写字母、数字和连字符，如 zhengding，实际为 "Zhengding"'], "id-uppercase"),
    (dict(id="zheng_ding"),
     [f'{F}:1: id（网址标识）应只含小写字母、数字和连字符，如 zhengding，实际为 "zheng_ding"'], "id-underscore"),
    (dict(id="zhengding-"),
     [f'{F}:1: id（网址标识）应只含小写字母、数字和连字符，如 zhengding，实际为 "zhengding-"'], "id-trailing-hyphen"),
]


@pytest.mark.parametrize(("changes", "expected"), [pytest.param(c, x, id=i) for c, x, i in REPLACED])
def test_error_in_required_field(tmp_path, changes, expected):
    checked = run_check(tmp_path, base(**changes))
    assert [str(p) for p in checked.problems] == expected
    assert checked.site is None


def test_all_required_fields_missing(tmp_path):
    assert check_text(tmp_path, "zhengding.yaml", "sample: true\n") == [
        f"{F}:1: batch（创建批次）为必填项，未填写",
        f"{F}:1: city（所属设区市）为必填项，未填写",
        f"{F}:1: county（县（市、区））为必填项，未填写",
        f"{F}:1: id（网址标识）为必填项，未填写",
        f"{F}:1: status（创建状态）为必填项，未填写",
        f"{F}:1: summary（一句话经验）为必填项，未填写",
    ]


def test_uppercase_file_and_id(tmp_path):
    text = base(id="Zhengding")
    assert check_text(tmp_path, "Zhengding.yaml", text) == [
        'cases/Zhengding.yaml:1: id（网址标识）应只含小写字母、数字和连字符，如 zhengding，实际为 "Zhengding"'
    ]


def test_id_equal_to_file_name_with_hyphen_and_digits(tmp_path):
    text = base(id="xinji-2")
    assert only_data(tmp_path, text, "xinji-2.yaml")["id"] == "xinji-2"


# -- control characters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code", "shown"),
    [('"正定\\a县"', "U+0007", "\\u0007"), ('"正定\\e县"', "U+001B", "\\u001b"),
     ('"正定\u200b县"', "U+200B", "\\u200b"), ('"正定\\u202e县"', "U+202E", "\\u202e"),
     ('"正定\\r县"', "U+000D", "\\u000d"), ('"正定\\x85县"', "U+0085", "\\u0085"),
     ('"正定\\ufeff县"', "U+FEFF", "\\ufeff")],
)
def test_control_character_in_one_line_field(tmp_path, written, code, shown):
    # The character is quoted back as a \uXXXX escape, never raw.
    assert check_text(tmp_path, "zhengding.yaml", base(county=written)) == [
        f'{F}:2: county（县（市、区））含有看不见的控制字符（{code}），请删除，实际为 "正定{shown}县"'
    ]


def test_control_character_in_body(tmp_path):
    text = BASE + 'experiences:\n  - title: 标题\n    body: "第一段\\a第二段"\n'
    assert check_text(tmp_path, "zhengding.yaml", text) == [
        f'{F}:9: experiences[0].body（正文）含有看不见的控制字符（U+0007），请删除，实际为 "第一段\\u0007第二段"'
    ]


def test_control_character_not_echoed_raw(tmp_path):
    # An ESC from a case file must not reach the terminal.
    [problem] = check_text(tmp_path, "zhengding.yaml", base(county='"\\e[2J正定县"'))
    assert problem == f'{F}:2: county（县（市、区））含有看不见的控制字符（U+001B），请删除，实际为 "\\u001b[2J正定县"'
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in problem)


@pytest.mark.parametrize(
    ("written", "shown"),
    [('"\\e[2J石家庄"', "\\u001b[2J石家庄"), ('"石家\\x85庄"', "石家\\u0085庄"),
     ('"石家\\u202e庄"', "石家\\u202e庄")],
)
def test_control_character_escaped_in_other_messages(tmp_path, written, shown):
    # Not only in the control-character message: any message quoting the value back.
    assert check_text(tmp_path, "zhengding.yaml", base(city=written)) == [
        f'{F}:3: city（所属设区市）应为以下之一：{CITIES}，实际为 "{shown}"'
    ]


def test_control_character_escaped_after_cutting_a_long_value(tmp_path):
    county = '"' + "正" * 39 + '\\e[2J"'
    assert check_text(tmp_path, "zhengding.yaml", base(county=county)) == [
        f'{F}:2: county（县（市、区））含有看不见的控制字符（U+001B），请删除，实际为 "{"正" * 39}\\u001b…"'
    ]


def test_tab_not_echoed_raw(tmp_path):
    [problem] = check_text(tmp_path, "zhengding.yaml", BASE + 'tags: ["装备\\t制造"]\n')
    assert problem in (
        f'{F}:7: tags[0]（标签）不能含有 Tab 字符，实际为 "装备\\u0009制造"',
        f'{F}:7: tags[0]（标签）不能含有 Tab 字符，实际为 "装备\\t制造"',
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [pytest.param('"\\u2066石家庄市\\u2069"', "\\u2066石家庄市\\u2069", id="U+2066-U+2069"),
     pytest.param('"石家\\xad庄市"', "石家\\u00ad庄市", id="U+00AD"),
     pytest.param('"石家\\u2060庄市"', "石家\\u2060庄市", id="U+2060")],
)
def test_invisible_format_character_not_echoed_raw(tmp_path, written, shown):
    assert check_text(tmp_path, "zhengding.yaml", base(city=written)) == [
        f'{F}:3: city（所属设区市）应为以下之一：{CITIES}，实际为 "{shown}"'
    ]


def test_bidi_isolate_refused_like_bidi_override(tmp_path):
    assert check_text(tmp_path, "zhengding.yaml", base(county='"正定\\u2066县"')) == [
        f'{F}:2: county（县（市、区））含有看不见的控制字符（U+2066），请删除，实际为 "正定\\u2066县"'
    ]


# -- accepted values ---------------------------------------------------------------------------

ACCEPTED = [
    ("industries:\n  - name: 装备\n    top_enterprises:\n      - name: 甲\n        net_profit: -1200.5\n",
     "industries", [{"name": "装备", "top_enterprises": [{"name": "甲", "net_profit": -1200.5}]}],
     "negative-net-profit"),
    ("targets:\n  - indicator: 能耗\n    baseline: -2.5\n    target: -3\n",
     "targets", [{"indicator": "能耗", "baseline": -2.5, "target": -3}], "negative-target"),
    ("overview:\n  industry_structure: [8.5, 45, 47]\n",
     "overview", {"industry_structure": [8.5, 45, 47]}, "shares-100.5"),
    ("overview:\n  industry_structure: [8, 45, 46.5]\n",
     "overview", {"industry_structure": [8, 45, 46.5]}, "shares-99.5"),
    ("overview:\n  industry_structure: [33.3, 33.3, 33.3]\n",
     "overview", {"industry_structure": [33.3, 33.3, 33.3]}, "shares-99.9"),
    ("overview:\n  mfg_share_of_gdp: 100\n  rd_share_of_gdp: 0\n",
     "overview", {"mfg_share_of_gdp": 100, "rd_share_of_gdp": 0}, "percent-bounds"),
    ("overview:\n  gdp: 3456789.5\n  mfg_enterprises: 0\n",
     "overview", {"gdp": 3456789.5, "mfg_enterprises": 0}, "decimal-and-zero"),
    ("tags: 数字化转型\n", "tags", ["数字化转型"], "single-tag"),
    ("sample: true\n", "sample", True, "bool-true"),
    ("sample: false\n", "sample", False, "bool-false"),
    ("updated: 2019-09-07\n", "updated", dt.date(2019, 9, 7), "date"),
    ("updated: 2020-02-29\n", "updated", dt.date(2020, 2, 29), "leap-day"),
    ("period: [2019, 2021]\n", "period", [2019, 2021], "period-three-years"),
    ("experiences:\n  - title: 标题\n    body: |\n      第一段。\n\n      第二段。\n",
     "experiences", [{"title": "标题", "body": "第一段。\n\n第二段。"}], "body-keeps-newlines"),
    ("policies:\n  - title: 某政策\n    points: |\n      一、补助\n      二、奖励\n",
     "policies", [{"title": "某政策", "points": "一、补助\n二、奖励"}], "text-keeps-newlines"),
    ("contacts:\n  - phone: 0311-87908027\n", "contacts", [{"phone": "0311-87908027"}], "contact-phone-only"),
    ("attachments: []\n", "attachments", [], "no-attachments"),
]


@pytest.mark.parametrize(("extra", "key", "value"), [pytest.param(e, k, v, id=i) for e, k, v, i in ACCEPTED])
def test_accepted(tmp_path, extra, key, value):
    data = only_data(tmp_path, BASE + extra)
    assert data == {**BASE_DATA, key: value}


def test_summary_of_300_characters(tmp_path):
    assert only_data(tmp_path, base(summary="经" * 300))["summary"] == "经" * 300


def test_empty_optional_fields_are_left_out(tmp_path):
    assert only_data(tmp_path, BASE + "overview:\nupdated:\ntags:\n") == BASE_DATA


def test_folded_plain_scalar_is_one_line(tmp_path):
    assert only_data(tmp_path, base(county="正定\n  县"))["county"] == "正定 县"


# -- warnings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "years"), [("[2019, 2022]", 4), ("[2019, 2020]", 2), ("[2019, 2019]", 1)]
)
def test_period_not_three_years_is_a_warning(tmp_path, period, years):
    checked = run_check(tmp_path, BASE + f"period: {period}\n")
    assert [(p.severity, str(p)) for p in checked.problems] == [
        ("warning",
         f"{F}:7: period（创建期）通知规定创建目标以 3 年为期（如 [2019, 2021]），这里是 {years} 年")
    ]
    assert checked.errors == []
    assert checked.site is not None
    assert checked.site.cases[0].period == tuple(int(y) for y in period.strip("[]").split(", "))


# -- quoted numbers, years, dates, booleans -----------------------------------------------------


@pytest.mark.parametrize("quote", ['"', "'"])
def test_quoted_values_accepted_with_their_types(tmp_path, quote):
    q = quote
    text = (
        base(batch=f"{q}2019{q}")
        + f"period: [{q}2019{q}, {q}2021{q}]\n"
        + f"sample: {q}true{q}\n"
        + f"updated: {q}2019-09-07{q}\n"
        + f"overview:\n  gdp: {q}3456789{q}\n  mfg_enterprises: {q}215{q}\n  rd_share_of_gdp: {q}2.5{q}\n"
        + f"  industry_structure: [{q}8.1{q}, {q}45.3{q}, {q}46.6{q}]\n"
    )
    data = only_data(tmp_path, text)
    assert data["batch"] == 2019 and type(data["batch"]) is int
    assert data["period"] == [2019, 2021] and all(type(y) is int for y in data["period"])
    assert data["sample"] is True
    assert data["updated"] == dt.date(2019, 9, 7) and type(data["updated"]) is dt.date
    overview = data["overview"]
    assert overview["gdp"] == 3456789 and type(overview["gdp"]) is int
    assert overview["mfg_enterprises"] == 215 and type(overview["mfg_enterprises"]) is int
    assert overview["rd_share_of_gdp"] == 2.5
    assert overview["industry_structure"] == [8.1, 45.3, 46.6]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        pytest.param(BASE + 'overview:\n  gdp: "3456789"\n', "overview", {"gdp": 3456789}, id="number"),
        pytest.param(base(batch='"2019"'), "batch", 2019, id="year"),
        pytest.param(BASE + 'updated: "2019-09-07"\n', "updated", dt.date(2019, 9, 7), id="date"),
        pytest.param(BASE + 'sample: "true"\n', "sample", True, id="bool-true"),
        pytest.param(BASE + "sample: 'false'\n", "sample", False, id="bool-false"),
    ],
)
def test_quoted_value_accepted(tmp_path, text, key, value):
    data = only_data(tmp_path, text)
    assert data == {**BASE_DATA, key: value}
    assert type(data[key]) is type(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(base(batch='"19"'),
                     f'{F}:4: batch（创建批次）应为四位年份（1900—2099），如 2019，实际为 "19"', id="year"),
        pytest.param(BASE + 'updated: "2019-02-30"\n',
                     f'{F}:7: updated（更新日期）应为日历上存在的日期（YYYY-MM-DD），实际为 "2019-02-30"', id="date"),
        pytest.param(BASE + 'updated: "2019/09/07"\n',
                     f'{F}:7: updated（更新日期）应为日期，格式 YYYY-MM-DD，如 2019-09-07，实际为 "2019/09/07"',
                     id="date-format"),
        pytest.param(BASE + 'sample: "yes"\n', f'{F}:7: sample（示例数据）应为 true 或 false，实际为 "yes"', id="bool"),
        pytest.param(BASE + 'sample: "True"\n', f'{F}:7: sample（示例数据）应为 true 或 false，实际为 "True"',
                     id="bool-capital"),
        pytest.param(BASE + 'overview:\n  gdp: "-1"\n',
                     f'{F}:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "-1"', id="number"),
        pytest.param(BASE + 'overview:\n  mfg_enterprises: "3.5"\n',
                     f'{F}:8: overview.mfg_enterprises（规模以上制造业企业数量）应为不小于 0 的整数（家），实际为 "3.5"',
                     id="int"),
    ],
)
def test_quoted_value_that_does_not_fit_refused(tmp_path, text, expected):
    assert check_text(tmp_path, "zhengding.yaml", text) == [expected]


# -- completeness warnings ---------------------------------------------------------------------


def test_overview_completeness_warning(tmp_path):
    checked = run_check(tmp_path, BASE + "overview:\n  gdp: 1\n")
    assert [(p.severity, str(p)) for p in checked.problems] == [
        ("warning",
         f"{F}:8: overview（总体情况）缺少附表1 中的 11 项：国土面积、人口、一、二、三产业比重、研发投入占GDP比重、"
         "制造业增加值、制造业增加值占地区生产总值比重、规模以上制造业企业数量、制造业从业人员数、制造业进出口总额、"
         "其中：出口额、进口额")
    ]
    assert checked.site is not None


# -- attachments -------------------------------------------------------------------------------


PDF = b"%PDF-1.4\n% zhengding plan\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF"


@pytest.fixture
def attachment_project(tmp_path):
    """A project with cases/zhengding/ holding files, a hidden file and links to the outside."""
    folder = tmp_path / "cases" / "zhengding"
    (folder / "sub").mkdir(parents=True)
    (folder / "plan.pdf").write_bytes(PDF)
    (folder / "sub" / "photo.jpg").write_bytes(JPEG)
    (folder / ".secret").write_text("secret", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("outside", encoding="utf-8")
    os.symlink(tmp_path / "outside.txt", folder / "link.txt")
    os.symlink(tmp_path, folder / "linkdir")
    return tmp_path


def attachment_case(*files: str) -> str:
    items = "".join(f"  - title: 附件{i}\n    file: {name}\n" for i, name in enumerate(files))
    return BASE + "attachments:\n" + items


OUTSIDE = "应为 cases/zhengding/ 文件夹中的文件名，不能指向文件夹之外"


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("../../etc/passwd", f'{OUTSIDE}，实际为 "../../etc/passwd"'),
        ("../zhengding.yaml", f'{OUTSIDE}，实际为 "../zhengding.yaml"'),
        ("/etc/passwd", f'{OUTSIDE}，实际为 "/etc/passwd"'),
        ("'C:\\Windows\\win.ini'", f'{OUTSIDE}，实际为 "C:\\Windows\\win.ini"'),
        ("'sub\\photo.jpg'", f'{OUTSIDE}，实际为 "sub\\photo.jpg"'),
        ("file:///etc/passwd", f'{OUTSIDE}，实际为 "file:///etc/passwd"'),
        ("sub//photo.jpg", f'{OUTSIDE}，实际为 "sub//photo.jpg"'),
        ("'..'", f'{OUTSIDE}，实际为 ".."'),
        ("link.txt", '不能是符号链接，请放入文件本身，实际为 "link.txt"'),
        ("linkdir/outside.txt", '不能是符号链接，请放入文件本身，实际为 "linkdir/outside.txt"'),
        (".secret", '不能是隐藏文件（以 . 开头），实际为 ".secret"'),
        ("missing.pdf", '在 cases/zhengding/ 中找不到这个文件，实际为 "missing.pdf"'),
        ("sub", '在 cases/zhengding/ 中找不到这个文件，实际为 "sub"'),
        ("zhengding/plan.pdf", '在 cases/zhengding/ 中找不到这个文件，实际为 "zhengding/plan.pdf"'),
    ],
)
def test_attachment_refused(attachment_project, file, expected):
    checked = run_check(attachment_project, attachment_case(file))
    assert [str(p) for p in checked.problems] == [f"{F}:9: attachments[0].file（文件）{expected}"]
    assert checked.site is None


def test_attachment_ok_gets_path_and_size(attachment_project):
    data = only_data(attachment_project, attachment_case("plan.pdf", "sub/photo.jpg"))
    folder = attachment_project / "cases" / "zhengding"
    assert data["attachments"] == [
        {"title": "附件0", "file": "plan.pdf", "path": folder / "plan.pdf", "size": len(PDF)},
        {"title": "附件1", "file": "sub/photo.jpg", "path": folder / "sub" / "photo.jpg", "size": len(JPEG)},
    ]


def test_attachment_folder_itself_a_symlink(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "plan.txt").write_text("x", encoding="utf-8")
    (tmp_path / "cases").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "cases" / "zhengding")
    assert check_text(tmp_path, "zhengding.yaml", attachment_case("plan.txt")) == [
        f'{F}:9: attachments[0].file（文件）不能是符号链接，请放入文件本身，实际为 "plan.txt"'
    ]


def test_every_bad_attachment_reported(attachment_project):
    text = attachment_case("plan.pdf", "/etc/passwd", ".secret", "missing.pdf")
    assert check_text(attachment_project, "zhengding.yaml", text) == [
        f'{F}:11: attachments[1].file（文件）{OUTSIDE}，实际为 "/etc/passwd"',
        f'{F}:13: attachments[2].file（文件）不能是隐藏文件（以 . 开头），实际为 ".secret"',
        f'{F}:15: attachments[3].file（文件）在 cases/zhengding/ 中找不到这个文件，实际为 "missing.pdf"',
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param("  - title: 附件\n", f"{F}:8: attachments[0].file（文件）为必填项，未填写", id="missing"),
        pytest.param("  - title: 附件\n    file:\n", f"{F}:9: attachments[0].file（文件）为必填项，不能为空",
                     id="empty"),
        pytest.param("  - title: 附件\n    file: [plan.txt]\n",
                     f"{F}:9: attachments[0].file（文件）应为一行文字，实际为 一个列表", id="list"),
        pytest.param("  - title: 附件\n    file: {a: 1}\n",
                     f"{F}:9: attachments[0].file（文件）应为一行文字，实际为 一组键值对", id="mapping"),
    ],
)
def test_attachment_without_file(attachment_project, item, expected):
    assert check_text(attachment_project, "zhengding.yaml", BASE + "attachments:\n" + item) == [expected]


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        pytest.param("''", f"{F}:9: attachments[0].file（文件）为必填项，不能为空", id="empty-quoted"),
        pytest.param("'  '", f"{F}:9: attachments[0].file（文件）为必填项，不能为空", id="blank"),
        pytest.param('"plan\\e.txt"',
                     f'{F}:9: attachments[0].file（文件）含有看不见的控制字符（U+001B），请删除，实际为 "plan\\u001b.txt"',
                     id="control-character"),
    ],
)
def test_attachment_file_refused_by_field_check_reported_once(attachment_project, file, expected):
    text = BASE + f"attachments:\n  - title: 附件\n    file: {file}\n"
    assert check_text(attachment_project, "zhengding.yaml", text) == [expected]


def test_attachment_error_after_a_bad_item(attachment_project):
    text = BASE + "attachments:\n  - 附件\n  - title: 附件\n    file: ../a.txt\n"
    assert check_text(attachment_project, "zhengding.yaml", text) == [
        f'{F}:8: attachments[0]（附件）应为键值对（每行“字段: 值”），实际为 "附件"',
        f'{F}:10: attachments[1].file（文件）{OUTSIDE}，实际为 "../a.txt"',
    ]


@pytest.mark.parametrize(
    ("first", "first_message"),
    [
        pytest.param("  - title: 附件\n", f"{F}:8: attachments[0].file（文件）为必填项，未填写", id="file-missing"),
        pytest.param("  - title: 附件\n    file: [a]\n",
                     f"{F}:9: attachments[0].file（文件）应为一行文字，实际为 一个列表", id="file-list"),
    ],
)
def test_attachment_error_after_an_item_without_file(attachment_project, first, first_message):
    second = "  - title: 附件2\n    file: missing.pdf\n"
    text = BASE + "attachments:\n" + first + second
    line = 7 + first.count("\n") + 2
    assert check_text(attachment_project, "zhengding.yaml", text) == [
        first_message,
        f'{F}:{line}: attachments[1].file（文件）在 cases/zhengding/ 中找不到这个文件，实际为 "missing.pdf"',
    ]


def test_attachment_ok_after_a_bad_item_still_no_site(attachment_project):
    text = BASE + "attachments:\n  - title: 附件\n  - title: 附件2\n    file: plan.pdf\n"
    checked = run_check(attachment_project, text)
    assert messages(checked) == [f"{F}:8: attachments[0].file（文件）为必填项，未填写"]
    assert checked.site is None


# -- several files in one run ------------------------------------------------------------------


def test_all_errors_of_all_files_in_one_run():
    checked = check(Project(FIXTURES / "bad"))
    assert [str(p) for p in checked.problems] == [
        f'cases/anping.yaml:5: status（创建状态）应为以下之一：{STATUSES}，实际为 "已完成"',
        f'cases/zhengding.yaml:3: city（所属设区市）应为以下之一：{CITIES}，实际为 "雄安新区"',
        'cases/zhengding.yaml:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "三百万"',
    ]
    assert checked.site is None
    assert summary(checked.case_count, checked.problems) == "共 2 个案例，2 个文件有 3 处错误"


def test_problems_sorted_by_file_then_line(tmp_path):
    write_case(tmp_path, "botou.yaml", base(id="botou", summary=None) + "sample: yes\n")
    write_case(tmp_path, "anping.yaml", base(id="anping") + "overview:\n  gdp: -1\n")
    write_case(tmp_path, "anguo.yaml", base(id="anguo", status="x") + "period: [2019, 2023]\n")
    write_case(tmp_path, "luquan.yaml", base(id="luquan"))
    checked = check(Project(tmp_path))
    assert [str(p) for p in checked.problems] == [
        f'cases/anguo.yaml:5: status（创建状态）应为以下之一：{STATUSES}，实际为 "x"',
        "cases/anguo.yaml:7: period（创建期）通知规定创建目标以 3 年为期（如 [2019, 2021]），这里是 5 年",
        'cases/anping.yaml:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "-1"',
        "cases/botou.yaml:1: summary（一句话经验）为必填项，未填写",
        'cases/botou.yaml:6: sample（示例数据）应为 true 或 false，实际为 "yes"',
    ]
    assert summary(checked.case_count, checked.problems) == "共 4 个案例，3 个文件有 4 处错误，1 处提醒"
    assert checked.site is None


def test_syntax_error_in_one_file_does_not_hide_the_others(tmp_path):
    write_case(tmp_path, "anping.yaml", base(id="anping") + "tags: &t [a]\n")
    write_case(tmp_path, "zhengding.yaml", base(city="雄安"))
    checked = check(Project(tmp_path))
    assert [str(p) for p in checked.problems] == [
        "cases/anping.yaml:7: 不能使用 YAML 锚点（&t），请把内容直接写出",
        f'cases/zhengding.yaml:3: city（所属设区市）应为以下之一：{CITIES}，实际为 "雄安"',
    ]
    assert summary(checked.case_count, checked.problems) == "共 2 个案例，2 个文件有 2 处错误"


@pytest.mark.parametrize(
    ("extra", "line"),
    [("", "共 1 个案例，没有错误"), ("period: [2019, 2022]\n", "共 1 个案例，没有错误，1 处提醒")],
)
def test_summary_without_errors(tmp_path, extra, line):
    checked = run_check(tmp_path, BASE + extra)
    assert checked.site is not None
    assert summary(checked.case_count, checked.problems) == line


# -- attachments: only the types a department publishes, checked by content ----------------

ALLOWED = ("PDF（.pdf）、OFD（.ofd）、Word（.doc、.docx）、Excel（.xls、.xlsx）、PowerPoint（.ppt、.pptx）、"
           "WPS（.wps、.et、.dps）、图片（.jpg、.jpeg、.png）、压缩包（.zip）")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def _zip(*names: str) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = _zip("[Content_Types].xml", "word/document.xml")
SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
SCRIPT_HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def _refused_type(ext: str, instead: str = "") -> str:
    shown = f"“{ext}”文件" if ext else "没有扩展名的文件"
    return f"不能发布{shown}{instead}，附件应为以下类型之一：{ALLOWED}"


def _wrong_content(ext: str, name: str, looks: str) -> str:
    return f"扩展名是 {ext}，但文件内容不是 {name} 文件（{looks}）：请用原来的程序重新保存或导出为 {name}，再放入文件夹"


@pytest.mark.parametrize(
    ("file", "content", "expected"),
    [
        pytest.param("chart.svg", SCRIPT_SVG, _refused_type(".svg", "（SVG 图片可能含有脚本，请另存为 PNG 或 PDF）"),
                     id="svg"),
        pytest.param("report.html", SCRIPT_HTML, _refused_type(".html", "（网页可能含有脚本，请在浏览器中“打印”为 PDF）"),
                     id="html"),
        pytest.param("report.HTM", SCRIPT_HTML, _refused_type(".htm", "（网页可能含有脚本，请在浏览器中“打印”为 PDF）"),
                     id="htm-upper-case"),
        pytest.param("report.pdf.html", SCRIPT_HTML,
                     _refused_type(".html", "（网页可能含有脚本，请在浏览器中“打印”为 PDF）"), id="double-extension"),
        pytest.param("notes.txt", "说明".encode(), _refused_type(".txt", "（请转换为 PDF 或 Word 文件）"), id="txt"),
        pytest.param("files.rar", b"Rar!\x1a\x07\x00", _refused_type(".rar", "（请改用 .zip 压缩）"), id="rar"),
        pytest.param("README", b"%PDF-1.4", _refused_type(""), id="no-extension"),
        pytest.param("tool.exe", b"MZ\x90\x00", _refused_type(".exe"), id="exe"),
        pytest.param("report.pdf", SCRIPT_HTML, _wrong_content(".pdf", "PDF", "看起来是网页或 SVG 文本"),
                     id="html-named-pdf"),
        pytest.param("chart.png", SCRIPT_SVG, _wrong_content(".png", "图片", "看起来是网页或 SVG 文本"),
                     id="svg-named-png"),
        pytest.param("photo.jpg", b"\x89PNG\r\n\x1a\n....", _wrong_content(".jpg", "图片", "看起来是 PNG 图片"),
                     id="png-named-jpg"),
        pytest.param("empty.pdf", b"", _wrong_content(".pdf", "PDF", "文件是空的"), id="empty"),
        pytest.param("plan.docx", _zip("a.txt"), _wrong_content(".docx", "Word", "看起来是压缩包或新版 Office 文件"),
                     id="zip-named-docx"),
        pytest.param("plan.docx", OLE, _wrong_content(".docx", "Word", "看起来是旧版 Office 或 WPS 文件"),
                     id="doc-named-docx"),
        pytest.param("table.xlsx", DOCX, _wrong_content(".xlsx", "Excel", "看起来是压缩包或新版 Office 文件"),
                     id="docx-named-xlsx"),
        pytest.param("plan.ofd", _zip("Doc_0/Document.xml"), _wrong_content(".ofd", "OFD", "看起来是压缩包或新版 Office 文件"),
                     id="ofd-without-ofd-xml"),
        pytest.param("files.zip", b"PK\x03\x04broken", _wrong_content(".zip", "压缩包", "看起来是压缩包或新版 Office 文件"),
                     id="broken-zip"),
        pytest.param("plan.wps", b"{\\rtf1 x}", _wrong_content(".wps", "WPS", "看起来是 RTF 文件"), id="rtf-named-wps"),
    ],
)
def test_attachment_type_refused(tmp_path, file, content, expected):
    folder = tmp_path / "cases" / "zhengding"
    folder.mkdir(parents=True)
    (folder / file).write_bytes(content)
    checked = run_check(tmp_path, attachment_case(file))
    assert messages(checked) == [f'{F}:9: attachments[0].file（文件）{expected}，实际为 "{file}"']
    assert checked.site is None


@pytest.mark.parametrize(
    ("file", "content"),
    [
        pytest.param("plan.pdf", b"%PDF-1.7\n", id="pdf"),
        pytest.param("PLAN.PDF", b"%PDF-1.7\n", id="upper-case"),
        pytest.param("plan.ofd", _zip("OFD.xml", "Doc_0/Document.xml"), id="ofd"),
        pytest.param("plan.doc", OLE, id="doc"),
        pytest.param("plan.doc", DOCX, id="docx-saved-as-doc"),
        pytest.param("plan.docx", DOCX, id="docx"),
        pytest.param("table.xls", OLE, id="xls"),
        pytest.param("table.xlsx", _zip("[Content_Types].xml", "xl/workbook.xml"), id="xlsx"),
        pytest.param("slides.ppt", OLE, id="ppt"),
        pytest.param("slides.pptx", _zip("[Content_Types].xml", "ppt/presentation.xml"), id="pptx"),
        pytest.param("plan.wps", OLE, id="wps"),
        pytest.param("table.et", OLE, id="et"),
        pytest.param("slides.dps", _zip("[Content_Types].xml", "ppt/presentation.xml"), id="dps-as-zip"),
        pytest.param("photo.jpg", JPEG, id="jpg"),
        pytest.param("photo.jpeg", JPEG, id="jpeg"),
        pytest.param("chart.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", id="png"),
        pytest.param("files.zip", _zip("a.pdf", "b.html"), id="zip"),
        pytest.param("方案（摘要）.pdf", b"%PDF-1.4\n", id="chinese-name"),
    ],
)
def test_attachment_type_accepted(tmp_path, file, content):
    folder = tmp_path / "cases" / "zhengding"
    folder.mkdir(parents=True)
    (folder / file).write_bytes(content)
    [item] = only_data(tmp_path, attachment_case(file))["attachments"]
    assert item["file"] == file and item["size"] == len(content)


def test_attachment_too_large(tmp_path):
    from generator.format import attachments

    folder = tmp_path / "cases" / "zhengding"
    folder.mkdir(parents=True)
    with open(folder / "scan.pdf", "wb") as out:
        out.write(b"%PDF-1.4\n")
        out.truncate(attachments.MAX_BYTES + 1)  # sparse: no 20 MB written
    assert attachments.MAX_BYTES == 20 * 1024 * 1024
    assert check_text(tmp_path, "zhengding.yaml", attachment_case("scan.pdf")) == [
        f"{F}:9: attachments[0].file（文件）文件过大（20.0 MB，20,971,521 字节），一个附件最大 20 MB："
        '请压缩图片或拆分成几个文件，实际为 "scan.pdf"'
    ]


def test_attachment_named_like_a_generated_form(tmp_path):
    # The site writes cases/<id>/fubiao1-<id>.xlsx itself: check, not the build, refuses the clash.
    folder = tmp_path / "cases" / "zhengding"
    folder.mkdir(parents=True)
    xlsx = _zip("[Content_Types].xml", "xl/workbook.xml")
    (folder / "fubiao1-zhengding.xlsx").write_bytes(xlsx)
    (folder / "FuBiao2-Zhengding.XLSX").write_bytes(xlsx)
    (folder / "plan.pdf").write_bytes(PDF)
    text = attachment_case("fubiao1-zhengding.xlsx", "FuBiao2-Zhengding.XLSX", "plan.pdf")
    checked = run_check(tmp_path, text)
    assert messages(checked) == [
        f'{F}:9: attachments[0].file（文件）与网站为本案例自动生成的附表1同名，请给附件改个名字，实际为 "fubiao1-zhengding.xlsx"',
        f'{F}:11: attachments[1].file（文件）与网站为本案例自动生成的附表2同名，请给附件改个名字，实际为 "FuBiao2-Zhengding.XLSX"',
    ]
    assert summary(checked.case_count, checked.problems) == "共 1 个案例，1 个文件有 2 处错误"


def test_attachment_listed_twice(attachment_project):
    (attachment_project / "cases" / "zhengding" / "Plan.pdf").write_bytes(PDF)
    assert check_text(attachment_project, "zhengding.yaml", attachment_case("plan.pdf", "plan.pdf", "Plan.pdf")) == [
        f'{F}:11: attachments[1].file（文件）与 attachments[0].file 是同一个文件，一个附件只列一次，实际为 "plan.pdf"',
        f'{F}:13: attachments[2].file（文件）与 attachments[0].file 只有大小写不同，发布到网站后可能被当作同一个文件，请改名，'
        '实际为 "Plan.pdf"',
    ]


def test_id_of_the_case_library_page_refused(tmp_path):
    assert check_text(tmp_path, "index.yaml", base(id="index")) == [
        'cases/index.yaml:1: id（网址标识）不能是 index：网站的案例库页面已用了这个网址，请换一个（文件名也要一起改），'
        '实际为 "index"'
    ]


def test_no_svg_or_html_from_a_case_folder_is_published(tmp_path):
    """Files in a case folder that are not listed are never published; listed ones must pass the check."""
    from generator.build.pipeline import generate

    (tmp_path / "templates").symlink_to(ROOT / "templates")
    folder = tmp_path / "cases" / "zhengding"
    folder.mkdir(parents=True)
    (folder / "plan.pdf").write_bytes(PDF)
    (folder / "chart.svg").write_bytes(SCRIPT_SVG)
    (folder / "index.html").write_bytes(SCRIPT_HTML)
    write_case(tmp_path, "zhengding.yaml", attachment_case("plan.pdf"))
    paths = [output.path for output in generate(Project(tmp_path)).outputs]
    assert "cases/zhengding/plan.pdf" in paths
    assert not [p for p in paths if p.endswith((".svg", ".html", ".htm"))]


def test_renderer_refuses_an_unpublishable_attachment_whatever_calls_it(tmp_path):
    from generator.site import model, render

    (tmp_path / "chart.svg").write_bytes(SCRIPT_SVG)
    data = {**BASE_DATA, "attachments": [{"title": "图", "file": "chart.svg", "path": tmp_path / "chart.svg",
                                          "size": len(SCRIPT_SVG)}]}
    site = model.build_site([data], {"zhengding": F})
    with pytest.raises(render.UnpublishableAttachment, match="chart.svg"):
        render._attachments(site.cases[0])


# -- input-method slips in values: Chinese quotes where the value is not free text, ----------
# -- a full-width comma inside [ ]                                                   ----------


def _quotes(key: str, written: str) -> str:
    return f"不能用中文引号括起来：请删去引号，写成 {key}: {written}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(base(city="“石家庄市”"),
                     f'{F}:3: city（所属设区市）{_quotes("city", "石家庄市")}，实际为 "“石家庄市”"', id="choice"),
        pytest.param(base(id="“zhengding”"),
                     f'{F}:1: id（网址标识）{_quotes("id", "zhengding")}，实际为 "“zhengding”"', id="id"),
        pytest.param(base(batch="‘2019’"),
                     f'{F}:4: batch（创建批次）{_quotes("batch", "2019")}，实际为 "‘2019’"', id="year-single-quotes"),
        pytest.param(base(status="「创建中」"),
                     f'{F}:5: status（创建状态）{_quotes("status", "创建中")}，实际为 "「创建中」"', id="corner-brackets"),
        pytest.param(base(status="”创建中“"),
                     f'{F}:5: status（创建状态）{_quotes("status", "创建中")}，实际为 "”创建中“"', id="quotes-reversed"),
        pytest.param(BASE + "overview:\n  gdp: “3456789”\n",
                     f'{F}:8: overview.gdp（地区GDP）{_quotes("gdp", "3456789")}，实际为 "“3456789”"', id="number"),
        pytest.param(BASE + "updated: “2019-09-07”\n",
                     f'{F}:7: updated（更新日期）{_quotes("updated", "2019-09-07")}，实际为 "“2019-09-07”"', id="date"),
        pytest.param(BASE + "sample: “true”\n",
                     f'{F}:7: sample（示例数据）{_quotes("sample", "true")}，实际为 "“true”"', id="bool"),
        pytest.param(BASE + "period: [“2019”, “2021”]\n",
                     f'{F}:7: period（创建期）{_quotes("period", "[2019, 2021]")}', id="period"),
        pytest.param(BASE + "overview:\n  industry_structure: [“8.1”, 45.3, 46.6]\n",
                     f'{F}:8: overview.industry_structure（一、二、三产业比重）{_quotes("industry_structure", "[8.1, 45.3, 46.6]")}',
                     id="shares"),
        pytest.param(BASE + "targets:\n  - indicator: 能耗\n    dimension: “绿色发展”\n",
                     f'{F}:9: targets[0].dimension（方面）{_quotes("dimension", "绿色发展")}，实际为 "“绿色发展”"',
                     id="nested-choice"),
        pytest.param(base(city="“北京市”"),
                     f'{F}:3: city（所属设区市）应为以下之一：{CITIES}，实际为 "“北京市”"',
                     id="wrong-inside-the-quotes-too"),
        pytest.param(BASE + "tags: [钢铁深加工，装备制造, 数字化]\n",
                     f"{F}:7: tags（标签）中的各项要用半角逗号加空格分隔，不能用全角逗号“，”：写成 tags: "
                     '[钢铁深加工, 装备制造, 数字化]，实际为 "钢铁深加工，装备制造"', id="comma-tags"),
        pytest.param(BASE + "overview:\n  industry_structure: [8.1，45.3，46.6]\n",
                     f"{F}:8: overview.industry_structure（一、二、三产业比重）中的各项要用半角逗号加空格分隔，不能用全角逗号“，”："
                     '写成 industry_structure: [8.1, 45.3, 46.6]，实际为 "8.1，45.3，46.6"', id="comma-shares"),
        pytest.param(BASE + "period: [2019，2021]\n",
                     f"{F}:7: period（创建期）中的各项要用半角逗号加空格分隔，不能用全角逗号“，”：写成 period: "
                     '[2019, 2021]，实际为 "2019，2021"', id="comma-period"),
        pytest.param(BASE + "industries:\n  - name: 装备\n    brands: [甲，乙]\n",
                     f"{F}:9: industries[0].brands（品牌）中的各项要用半角逗号加空格分隔，不能用全角逗号“，”：写成 brands: "
                     '[甲, 乙]，实际为 "甲，乙"', id="comma-nested"),
    ],
)
def test_value_slip_named_with_what_to_write(tmp_path, text, expected):
    checked = run_check(tmp_path, text)
    assert messages(checked) == [expected]
    assert checked.site is None


@pytest.mark.parametrize(
    ("extra", "key", "value"),
    [
        pytest.param("experiences:\n  - title: “钢铁+”延链补链\n    body: 以“链长制”推进。\n", "experiences",
                     [{"title": "“钢铁+”延链补链", "body": "以“链长制”推进。"}], id="quotes-in-a-title"),
        pytest.param("experiences:\n  - title: “钢铁+”\n    body: 正文\n", "experiences",
                     [{"title": "“钢铁+”", "body": "正文"}], id="a-whole-title-in-quotes"),
        pytest.param("tags: [“链长制”, 钢铁+]\n", "tags", ["“链长制”", "钢铁+"], id="quotes-in-a-tag"),
        pytest.param("contacts:\n  - name: “张某”\n", "contacts", [{"name": "“张某”"}], id="quotes-in-a-name"),
        pytest.param("tags:\n  - 钢铁深加工，装备制造\n", "tags", ["钢铁深加工，装备制造"], id="comma-in-a-block-list"),
        pytest.param('tags: ["钢铁深加工，装备制造"]\n', "tags", ["钢铁深加工，装备制造"], id="comma-in-quotes"),
        pytest.param("tags: 钢铁深加工，装备制造\n", "tags", ["钢铁深加工，装备制造"], id="comma-without-brackets"),
        pytest.param("tags: [钢铁、装备]\n", "tags", ["钢铁、装备"], id="enumeration-comma"),
    ],
)
def test_chinese_punctuation_in_free_text_is_kept(tmp_path, extra, key, value):
    assert only_data(tmp_path, BASE + extra) == {**BASE_DATA, key: value}


def test_county_name_in_chinese_quotes_is_free_text(tmp_path):
    assert only_data(tmp_path, base(county="“正定”县"))["county"] == "“正定”县"
