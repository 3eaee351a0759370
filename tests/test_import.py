"""Import: filled-in 附表 → cases/<id>.yaml; every sample case round-trips; bad sheets are named by cell."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator.__main__ import main
from generator.build.pipeline import Project, check
from generator.forms import importer, office
from generator.forms import layouts as forms
from generator.site import opendata
from tests.sitebuild import ROOT

GOLDEN_CASES = ROOT / "tests" / "fixtures" / "golden" / "cases"
XLSX_FIXTURES = ROOT / "tests" / "fixtures" / "xlsx"


def _cases(folder: Path | None = None) -> list:
    checked = check(Project(ROOT, cases=folder))
    assert checked.site is not None
    return checked.site.cases


ALL_CASES = _cases() + _cases(GOLDEN_CASES)


def _export(tmp_path: Path, data: dict) -> tuple[Path, Path]:
    one, two = tmp_path / "fubiao1.xlsx", tmp_path / "fubiao2.xlsx"
    one.write_bytes(office.xlsx(forms.FUBIAO1, data))
    two.write_bytes(office.xlsx(forms.FUBIAO2, data))
    return one, two


def _subset(data: dict) -> dict:
    return forms.form_subset(opendata.canonical(data))


# -- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_export_then_import_gives_back_the_same_data(case, tmp_path: Path) -> None:
    one, two = _export(tmp_path, case.data)
    result = importer.import_forms(one, two, case_id=case.id, summary=case.summary)
    assert _subset(result.data) == _subset(case.data)
    assert result.data["county"] == case.county and result.data["city"] == case.city
    # the text is a case file like a hand-written one, and loads the same with any YAML reader
    assert "# 附表1 一、总体情况" in result.text or "overview" not in case.data
    plain = yaml.safe_load(result.text)
    assert _subset(plain) == _subset(case.data)


def test_a_form_saved_by_libreoffice_imports_the_same() -> None:
    """The fixture is the tricky case's export, opened and saved again by LibreOffice Calc."""
    tricky = next(c for c in ALL_CASES if c.id == "tricky")
    saved = [XLSX_FIXTURES / f"tricky-{form.code}-libreoffice.xlsx" for form in forms.FORMS]
    for path, form in zip(saved, forms.FORMS, strict=True):
        with zipfile.ZipFile(path) as archive:
            assert "<Application>LibreOffice" in archive.read("docProps/app.xml").decode()
        # the current layout: the same cells as this site's export (see tests/fixtures/xlsx/README.md)
        ours = openpyxl.load_workbook(io.BytesIO(office.xlsx(form, tricky.data)))[form.name]
        theirs = openpyxl.load_workbook(path)[form.name]
        assert [[c.value for c in row] for row in theirs.iter_rows(max_col=form.columns)] == \
            [[c.value for c in row] for row in ours.iter_rows(max_col=form.columns)], path.name
    result = importer.import_forms(*saved, case_id="tricky", summary="x")
    assert _subset(result.data) == _subset(tricky.data)


# -- a form filled in by hand ------------------------------------------------------------------


def _blank(form: forms.Form):
    return openpyxl.load_workbook(io.BytesIO(office.xlsx(form)))


def _filled_annex1(path: Path, edit=None) -> Path:
    wb = _blank(forms.FUBIAO1)
    ws = wb["附表1"]
    ws["C2"], ws["H2"] = "正定县", "石家庄市"  # the county line the site adds above the form
    ws["C7"] = "3,456,789"           # thousands separators, as text
    ws["H7"] = "５８２"               # full-width digits
    ws["L7"] = "47.3万人"             # the unit typed after the number
    ws["C8"] = "8.1：45.3：46.6"      # full-width colons
    ws["H8"] = 0.0175                 # typed as 1.75% in Excel: a real percent format
    ws["H8"].number_format = "0.00%"
    ws["L8"] = 1520000
    ws["C9"] = "35.7%"
    ws["H9"] = "215家"
    ws["B13"], ws["C13"], ws["E13"] = "装备制造", 1500000, 32.5
    ws["H13"], ws["I13"] = "某研究院、某中心", "品牌甲，品牌乙"
    ws["B14"] = "新材料"
    ws["A19"] = "[装备制造]（表自续）"  # the notice's [主导产业1名称] with the name written in
    ws["B21"], ws["C21"], ws["E21"], ws["F21"] = "某装备有限公司", "320,000", "-1,200.5", 3.1
    ws["I21"] = "年产 1,000 台"
    ws["C25"], ws["I25"] = 56000, "2.5"
    ws["D27"], ws["F27"] = "某国家级技术中心", "智能装备"
    ws["J27"] = "某省级技术中心"
    if edit:
        edit(ws)
    wb.save(path)
    return path


def _filled_annex2(path: Path, edit=None) -> Path:
    wb = _blank(forms.FUBIAO2)
    ws = wb["附表2"]
    ws["C2"] = "正定县"
    ws["B8"], ws["C8"] = "关于支持制造业高质量发展的若干措施", "技改设备投资补助10%\n贷款贴息"
    ws["D8"] = "2019—2021年"
    ws["B10"], ws["D10"] = "=不是公式的标题", 2020  # a text cell starting with "=", a year typed as a number
    ws["B10"].data_type = "s"
    if edit:
        edit(ws)
    wb.save(path)
    return path


def test_a_form_filled_in_by_a_county(tmp_path: Path) -> None:
    result = importer.import_forms(_filled_annex1(tmp_path / "a1.xlsx"), _filled_annex2(tmp_path / "a2.xlsx"),
                                   case_id="zhengding")
    data = result.data
    assert data["county"] == "正定县" and data["city"] == "石家庄市"
    assert data["batch"] == 2019 and data["status"] == "创建中"
    assert data["overview"] == {
        "gdp": 3456789, "area": 582, "population": 47.3, "industry_structure": [8.1, 45.3, 46.6],
        "rd_share_of_gdp": 1.75, "mfg_value_added": 1520000, "mfg_share_of_gdp": 35.7, "mfg_enterprises": 215,
    }
    assert data["industries"] == [
        {"name": "装备制造", "output": 1500000, "output_share": 32.5,
         "rd_institutions": ["某研究院", "某中心"], "brands": ["品牌甲", "品牌乙"],
         "top_enterprises": [{"name": "某装备有限公司", "revenue": 320000, "net_profit": -1200.5,
                              "rd_share": 3.1, "capacity": "年产 1,000 台"}]},
        {"name": "新材料"},
    ]
    assert data["innovation"] == {"rd_investment": 56000, "rd_share_of_revenue": 2.5,
                                  "national_centers": [{"name": "某国家级技术中心", "direction": "智能装备"}],
                                  "provincial_centers": [{"name": "某省级技术中心"}]}
    assert data["policies"] == [
        {"title": "关于支持制造业高质量发展的若干措施", "points": "技改设备投资补助10%\n贷款贴息",
         "period": "2019—2021年"},
        {"title": "=不是公式的标题", "period": "2020"},
    ]
    assert "title: =不是公式的标题" in result.text and 'period: "2020"' in result.text
    assert "points: |-\n      技改设备投资补助10%\n      贷款贴息" in result.text
    assert any("summary" in warning for warning in result.warnings)  # the placeholder summary is pointed out


def _insert_rows(ws, at: int, count: int) -> None:
    """Insert empty rows before row ``at``, as Excel does: cells and merged cells below move down."""
    moved = [r for r in ws.merged_cells.ranges if r.min_row >= at]
    for merged in moved:
        ws.merged_cells.remove(merged)
    ws.move_range(f"A{at}:L{ws.max_row}", rows=count)
    for merged in moved:
        merged.shift(row_shift=count)
        ws.merged_cells.add(merged)


def test_a_county_fills_the_continuation_row_and_inserts_more(tmp_path: Path) -> None:
    def more_industries(ws):
        ws["B15"], ws["B16"], ws["B17"] = "电子信息", "生物医药", "食品加工"  # rows 3, 4 and "....."
        _insert_rows(ws, 18, 2)                    # two rows more, one numbered by hand, one not
        ws["A18"], ws["B18"], ws["C18"] = 6, "现代物流", 5000
        ws["B19"] = "文化旅游"

    def more_centers(ws):  # 四 is the last part: rows below its "....." row are the sheet's end
        for row in range(28, 32):
            ws[f"D{row}"], ws[f"J{row}"] = f"国家级中心{row}", f"省级中心{row}"
        ws["D32"] = "国家级中心32"

    one = _filled_annex1(tmp_path / "a1.xlsx", lambda ws: (more_centers(ws), more_industries(ws)))
    data = importer.import_forms(one, case_id="zhengding").data
    assert [i["name"] for i in data["industries"]] == ["装备制造", "新材料", "电子信息", "生物医药", "食品加工",
                                                      "现代物流", "文化旅游"]
    assert data["industries"][5]["output"] == 5000
    assert data["industries"][0]["top_enterprises"][0]["name"] == "某装备有限公司"  # 三, moved down
    national = [c["name"] for c in data["innovation"]["national_centers"]]
    assert national == ["某国家级技术中心"] + [f"国家级中心{r}" for r in range(28, 33)]
    assert len(data["innovation"]["provincial_centers"]) == 5

    two = _filled_annex2(tmp_path / "a2.xlsx", lambda ws: [ws.__setitem__(f"B{r}", f"政策{r}")
                                                            for r in range(11, 16)])
    policies = importer.read_annex2(two)[0]["policies"]
    assert [p["title"] for p in policies][-5:] == [f"政策{r}" for r in range(11, 16)]  # 14: "....."; 15: added


def test_a_county_copies_the_block_for_a_second_industry(tmp_path: Path) -> None:
    def copy_block(ws):
        _insert_rows(ws, 24, 5)
        for row in range(19, 24):  # the label row, the header and the three (numbered) rows
            for column in range(1, 13 if row < 21 else 2):
                ws.cell(row=row + 5, column=column, value=ws.cell(row=row, column=column).value)
        ws.merge_cells("A24:L24")
        ws["B26"], ws["C26"] = "某新材料有限公司", 1000
        ws["B27"] = "某新材料二公司"
        ws["A24"] = "新材料（表自续）"  # the brackets dropped, as a county may write it

    data = importer.import_forms(_filled_annex1(tmp_path / "a1.xlsx", copy_block), case_id="zhengding").data
    equipment, materials = data["industries"]
    assert [e["name"] for e in equipment["top_enterprises"]] == ["某装备有限公司"]
    assert materials["top_enterprises"] == [{"name": "某新材料有限公司", "revenue": 1000},
                                            {"name": "某新材料二公司"}]
    assert data["innovation"]["rd_investment"] == 56000  # 四, five rows further down

    def copied_without_its_label(ws):
        _insert_rows(ws, 24, 4)
        for row in range(20, 24):
            for column in range(1, 13):
                ws.cell(row=row + 4, column=column, value=ws.cell(row=row, column=column).value)

    messages = _errors(tmp_path, copied_without_its_label)
    assert messages == ["附表1：第 24 行的表头上面应是“[主导产业1名称]（表自续）”这样的名称行："
                        "复制三、分产业情况的表时，请连同名称行一起复制"]


def _errors(tmp_path: Path, edit1=None, edit2=None, **options) -> list[str]:
    one = _filled_annex1(tmp_path / "a1.xlsx", edit1)
    two = _filled_annex2(tmp_path / "a2.xlsx", edit2)
    with pytest.raises(importer.FormError) as raised:
        importer.import_forms(one, two, case_id=options.pop("case_id", "zhengding"), **options)
    return raised.value.messages


def test_text_in_a_number_cell_is_reported_by_sheet_and_cell(tmp_path: Path) -> None:
    def edit(ws):
        ws["C7"] = "三百万"
        ws["H9"] = "215.5"
        ws["E13"] = "很高"
        ws["C8"] = "8.1/45.3"
    messages = _errors(tmp_path, edit)
    assert '附表1!C7（地区GDP）应为不小于 0 的数字（万元），实际为 "三百万"' in messages
    assert '附表1!H9（规模以上制造业企业数量）应为不小于 0 的整数（家），实际为 "215.5"' in messages
    assert '附表1!E13（工业总产值占比）应为 0 到 100 之间的数字（%），实际为 "很高"' in messages
    assert any(m.startswith("附表1!C8（一、二、三产业比重）应为三个百分数") for m in messages)


def test_a_formula_is_refused(tmp_path: Path) -> None:
    messages = _errors(tmp_path, lambda ws: ws.__setitem__("C7", "=1000*3456"))
    assert messages == ["附表1!C7（地区GDP）是公式（=1000*3456），导入时不采用公式的结果："
                        "请改为直接填写数值（复制后“选择性粘贴→数值”）"]


def test_a_formula_with_a_forged_cached_value_is_refused(tmp_path: Path) -> None:
    path = _filled_annex1(tmp_path / "a1.xlsx", lambda ws: ws.__setitem__("C7", "=1+1"))
    forged = "<f>1+1</f><v>999</v>"
    _rewrite(path, "xl/worksheets/sheet1.xml",
             lambda xml: xml.replace("<f>1+1</f><v></v>", forged).replace("<f>1+1</f><v/>", forged))
    with pytest.raises(importer.FormError) as raised:
        importer.import_forms(path, case_id="zhengding")
    assert raised.value.messages[0].startswith("附表1!C7（地区GDP）是公式")


def test_rules_of_the_format_are_reported_at_their_cell(tmp_path: Path) -> None:
    def edit(ws):
        ws["E13"] = 120
        ws["C8"] = "10:10:10"
        ws["H2"] = "北京市"
    messages = _errors(tmp_path, edit)
    assert '附表1!E13（工业总产值占比）应为 0 到 100 之间的数字（%），实际为 "120"' in messages
    assert any(m.startswith("附表1!C8（一、二、三产业比重）三项合计应为 100") for m in messages)
    assert any(m.startswith("附表1!H2（所属设区市）应为以下之一") for m in messages)


def test_enterprise_blocks_must_name_an_industry_of_part_two(tmp_path: Path) -> None:
    messages = _errors(tmp_path, lambda ws: ws.__setitem__("A19", "[纺织服装]（表自续）"))
    assert messages == ["附表1!A19（主导产业1名称）“纺织服装”不在“二、主导产业情况”中，"
                        "请填写与那里一致的名称"]
    for untouched in ("[主导产业1名称]（表自续）", None):
        messages = _errors(tmp_path, lambda ws, label=untouched: ws.__setitem__("A19", label))
        assert messages[0].startswith("附表1!A19（主导产业1名称）为必填项：下面的企业属于哪个主导产业？"), messages


def test_a_row_without_its_name_is_reported(tmp_path: Path) -> None:
    messages = _errors(tmp_path, lambda ws: ws.__setitem__("C15", 5000))
    assert messages == ["附表1!B15（主导产业名称）为必填项：这一行填了主导产业的其他内容，"
                        "请填写主导产业名称或删除这一行"]


def test_more_than_three_enterprises_are_reported_at_the_block(tmp_path: Path) -> None:
    data = {"county": "某县", "city": "石家庄市", "industries": [
        {"name": "装备制造", "top_enterprises": [{"name": f"企业{i}"} for i in range(4)]}]}
    one, _ = _export(tmp_path, data)
    with pytest.raises(importer.FormError) as raised:
        importer.import_forms(one, case_id="x")
    # reported at the block's name cell
    assert raised.value.messages == ["附表1!A19（销售收入排名前三位的企业）最多 3 项，实际为 4 项"]


def test_changed_headings_mean_a_wrong_template(tmp_path: Path) -> None:
    messages = _errors(tmp_path, lambda ws: ws.__setitem__("C12", "产值"))
    assert '附表1!C12 应为表头“工业总产值（万元）”，实际为 "产值"' in messages


def test_the_wrong_form_is_named(tmp_path: Path) -> None:
    two = _filled_annex2(tmp_path / "a2.xlsx")
    with pytest.raises(importer.FormError) as raised:
        importer.import_forms(two, case_id="x")
    message = raised.value.messages[0]
    assert "不是附表1（申报县（市、区）制造业基本情况）" in message and "附表2、填表说明" in message
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "随便一张表"
    wb.save(other)
    with pytest.raises(importer.FormError) as raised:
        importer.import_forms(other, case_id="x")
    assert "找不到名为“附表1”的工作表（这个文件的工作表有：Sheet）" in raised.value.messages[0]


def test_a_renamed_sheet_is_found_by_its_title(tmp_path: Path) -> None:
    path = _filled_annex1(tmp_path / "a1.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["附表1"].title = "Sheet1"
    wb.save(path)
    result = importer.import_forms(path, case_id="zhengding")
    assert result.data["overview"]["gdp"] == 3456789


def test_the_two_forms_must_be_from_the_same_county(tmp_path: Path) -> None:
    messages = _errors(tmp_path, edit2=lambda ws: ws.__setitem__("C2", "藁城区"))
    assert messages == ["附表2!C2（县（市、区））“藁城区”与附表1!C2 的“正定县”不一致："
                        "两张表应是同一个县填写的"]


def test_a_missing_county_points_at_its_cell(tmp_path: Path) -> None:
    def edit(ws):
        ws["C2"] = None
    one = _filled_annex1(tmp_path / "a1.xlsx", edit)
    with pytest.raises(importer.FormError) as raised:
        importer.import_forms(one, case_id="zhengding")
    assert raised.value.messages == ["附表1!C2（县（市、区））为必填项，未填写"]
    result = importer.import_forms(one, case_id="zhengding", county="正定县")
    assert result.data["county"] == "正定县"


# -- spreadsheets that are not what they claim -------------------------------------------------


def _rewrite(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in items:
            if info.filename == member:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, content)


def test_a_50_mb_sheet_is_refused_before_openpyxl_reads_it(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bomb.xlsx"
    row = "<row>" + "<c t=\"inlineStr\"><is><t>x</t></is></c>" * 50 + "</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = (row * 1000).encode()
            for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
                sheet.write(chunk)
    assert path.stat().st_size < 1024 * 1024  # small on disk
    assert sum(i.file_size for i in zipfile.ZipFile(path).infolist()) > 50 * 1024 * 1024

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open it")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(importer.FormError) as raised:
        importer.import_forms(path, case_id="x")
    assert "bomb.xlsx：工作簿解压后有" in raised.value.messages[0] and "已拒绝" in raised.value.messages[0]


def test_not_a_workbook(tmp_path: Path) -> None:
    text = tmp_path / "a.xlsx"
    text.write_text("地区GDP,3456789\n", encoding="utf-8")
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * (importer.MAX_FILE_BYTES + 1))
    for path, words in ((text, "不是 Excel 工作簿（.xlsx）"), (old, "旧版 Excel（.xls）"), (big, "文件过大")):
        with pytest.raises(importer.FormError) as raised:
            importer.import_forms(path, case_id="x")
        assert words in raised.value.messages[0], raised.value.messages


def test_rows_past_the_cap_are_refused(tmp_path: Path) -> None:
    path = _filled_annex1(tmp_path / "a1.xlsx",
                          lambda ws: ws.cell(row=importer.MAX_ROWS + 1, column=2, value="x"))
    with pytest.raises(importer.FormError) as raised:
        importer.import_forms(path, case_id="x")
    assert raised.value.messages == [f"附表1：超过 {importer.MAX_ROWS} 行，不像填好的附表1，已拒绝"]


def test_a_false_sheet_dimension_hides_nothing(tmp_path: Path) -> None:
    path = _filled_annex1(tmp_path / "a1.xlsx")
    _rewrite(path, "xl/worksheets/sheet1.xml",
             lambda xml: re.sub(r'<dimension ref="[^"]+"/>', '<dimension ref="A1:A1"/>', xml))
    result = importer.import_forms(path, case_id="zhengding")
    assert result.data["innovation"]["provincial_centers"] == [{"name": "某省级技术中心"}]


# -- the command --------------------------------------------------------------------------------


def test_import_command_writes_a_new_case(tmp_path: Path, capsys) -> None:
    project = tmp_path / "project"
    (project / "cases").mkdir(parents=True)
    one = _filled_annex1(tmp_path / "a1.xlsx")
    two = _filled_annex2(tmp_path / "a2.xlsx")
    args = ["--root", str(project), "import", str(one), "--annex2", str(two), "--id", "zhengding"]
    assert main(args + ["--dry-run"]) == 0
    assert "id: zhengding" in capsys.readouterr().out
    assert not (project / "cases" / "zhengding.yaml").exists()
    assert main(args + ["--summary", "以数字化改造提升装备制造。", "--status", "中期评估通过"]) == 0
    target = project / "cases" / "zhengding.yaml"
    written = target.read_text("utf-8")
    assert "summary: 以数字化改造提升装备制造。" in written and "status: 中期评估通过" in written
    assert "已写入 cases/zhengding.yaml" in capsys.readouterr().out
    checked = check(Project(project))
    assert not checked.errors and checked.site is not None
    assert checked.site.cases[0].data["overview"]["gdp"] == 3456789
    assert not list((project / "cases").glob(".*"))


def test_import_command_reports_errors_and_writes_nothing(tmp_path: Path, capsys) -> None:
    project = tmp_path / "project"
    one = _filled_annex1(tmp_path / "a1.xlsx", lambda ws: ws.__setitem__("C7", "三百万"))
    assert main(["--root", str(project), "import", str(one), "--id", "zhengding"]) == 1
    err = capsys.readouterr().err
    assert "未导入" in err and '附表1!C7（地区GDP）应为不小于 0 的数字（万元），实际为 "三百万"' in err
    assert not (project / "cases" / "zhengding.yaml").exists()
    assert main(["--root", str(project), "import", str(one), "--id", "Zheng Ding"]) == 1
    assert "--id（网址标识）应只含小写字母" in capsys.readouterr().err


# -- the blank case file -----------------------------------------------------------------------


def test_blank_case_file_has_a_comment_on_every_key_and_validates_once_filled() -> None:
    from generator.format import schema

    text = importer.blank_case_yaml()
    keys: list[str] = []

    def walk(fld):
        for child in fld.fields:
            keys.append(child.key)
            walk(child)

    walk(schema.CASE)
    key_lines = 0
    for line in text.splitlines():
        body = re.sub(r"^(# )?\s*(- )?", "", line)
        if re.match(r"[a-z_]+:", body):
            key_lines += 1
            assert "  # " in body, line  # every key carries its comment
    assert key_lines == len(keys)
    for key in set(keys):
        assert f"{key}:" in text, key
    filled = (text.replace("\nid:", "\nid: zhengding", 1).replace("\ncounty:", "\ncounty: 正定县", 1)
              .replace("\ncity:", "\ncity: 石家庄市", 1).replace("\nbatch:", "\nbatch: 2019", 1)
              .replace("\nstatus:", "\nstatus: 创建中", 1).replace("\nsummary:", "\nsummary: 一句话。", 1))
    data, problems = importer.check_text(filled, "zhengding")
    assert data is not None and not [p for p in problems if p.severity == "error"], problems
    assert yaml.safe_load(filled)["city"] == "石家庄市"  # a second YAML reader agrees
    _, problems = importer.check_text(text, "zhengding")
    assert {p.path for p in problems if p.severity == "error"} == {"id", "county", "city", "batch", "status",
                                                                    "summary"}


# -- importing over an existing case: only what the forms carry changes -------------------------

MERGE_FIXTURE = ROOT / "tests" / "fixtures" / "merge" / "zhengding.yaml"


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    """A project with one case that has comments, quotes and every part, and its attachment."""
    import shutil

    project = tmp_path / "project"
    (project / "cases").mkdir(parents=True)
    shutil.copy(MERGE_FIXTURE, project / "cases" / "zhengding.yaml")
    shutil.copytree(ROOT / "tests" / "fixtures" / "good" / "cases" / "zhengding", project / "cases" / "zhengding")
    return project


def _case_data(project: Path) -> dict:
    import copy

    checked = check(Project(project))
    assert checked.site is not None, [str(p) for p in checked.errors]
    return copy.deepcopy(checked.site.cases[0].data)


def _county_forms(project: Path, tmp_path: Path, change=None) -> list[str]:
    """The case's own 附表1 and 附表2 as the county sends them back, changed by ``change``."""
    data = _case_data(project)
    if change:
        change(data)
    one, two = _export(tmp_path, data)
    return ["--root", str(project), "import", str(one), "--annex2", str(two), "--id", "zhengding"]


def _update(data: dict) -> None:
    overview = data["overview"]
    overview["gdp"] = 3500000
    overview["mfg_value_added"] = 1020000
    del overview["import"]
    first = data["industries"][0]
    first["output_share"] = 33
    first["top_enterprises"][0]["revenue"] = 330000
    data["industries"] = [first, {"name": "新材料", "output": 80000}]
    data["innovation"]["provincial_centers"] = [{"name": "正定县某某研究院"}]
    data["policies"].append({"title": "关于推进工业互联网发展的实施意见", "period": "2021—2023年"})


UPDATE_SHOWN = [
    "cases/zhengding.yaml：只更新附表中的部分，共 9 处改动（原值 → 新值）：",
    "  总体情况 › 地区GDP（万元）：3456789 → 3500000",
    "  总体情况 › 制造业增加值（万元）：（空） → 1020000",
    "  总体情况 › 进口额（万美元）：25300 → （空）",
    "  主导产业“装备制造” › 工业总产值占比（%）：32.5 → 33",
    "  主导产业“装备制造” › 销售收入排名前三位的企业“某装备有限公司” › 销售收入（万元）：320000 → 330000",
    "  主导产业“新材料”：（无） → 新增（2 项内容）",
    "  主导产业“生物医药”：（3 项内容） → 删除",
    "  创新资源 › 省级企业技术中心或研发机构：（空） → 1 项",
    "  配套政策“关于推进工业互联网发展的实施意见”：（无） → 新增（2 项内容）",
    "保持原样：网址标识、县（市、区）、所属设区市、创建批次、创建期、创建状态、一句话经验、标签、示例数据、更新日期、"
    "创建目标、典型经验、考核评估、联系人、附件，以及文件中的注释和顺序。",
]


def _after_update(before: str) -> str:
    """The fixture as the import should leave it: these lines change, every other stays as it was."""
    for old, new in (
        ("  gdp: 3456789  # 2020 年统计公报\n", "  gdp: 3500000  # 2020 年统计公报\n"),
        ("  rd_share_of_gdp: 1.42\n", "  rd_share_of_gdp: 1.42\n  mfg_value_added: 1020000\n"),
        ("  import: 25300\n", ""),
        ("    output_share: 32.5\n", "    output_share: 33\n"),
        ("        revenue: 320000\n", "        revenue: 330000\n"),
        ("  - name: 生物医药\n    output: 420000\n    top_enterprises:\n      - name: 某药业有限公司\n"
         "        revenue: 86000\n", "  - name: 新材料\n    output: 80000\n"),
        ("      direction: 高档数控机床\n", "      direction: 高档数控机床\n  provincial_centers:\n"
                                      "    - name: 正定县某某研究院\n"),
        ("    period: 2019—2021年\n", "    period: 2019—2021年\n  - title: 关于推进工业互联网发展的实施意见\n"
                                   "    period: 2021—2023年\n"),
    ):
        assert before.count(old) == 1, old
        before = before.replace(old, new)
    return before


def test_import_over_a_case_changes_only_what_the_forms_carry(existing: Path, tmp_path: Path, capsys) -> None:
    target = existing / "cases" / "zhengding.yaml"
    before = target.read_bytes()
    kept = _case_data(existing)
    assert main(_county_forms(existing, tmp_path, _update) + ["--yes"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[:-1] == UPDATE_SHOWN
    assert re.fullmatch(r"已更新 cases/zhengding\.yaml；原文件备份为 \.cache/import-backups/zhengding-\d{8}-\d{6}\.yaml",
                        lines[-1])
    # every comment, quote, block and key outside the four parts is kept, byte for byte
    assert target.read_text("utf-8") == _after_update(before.decode("utf-8"))
    [backup] = (existing / ".cache" / "import-backups").iterdir()
    assert backup.read_bytes() == before and lines[-1].endswith(backup.name)
    # the result gets the verdict of a build
    after = _case_data(existing)
    for key in ("targets", "experiences", "evaluations", "contacts", "attachments", "summary", "status", "tags"):
        assert after[key] == kept[key], key
    assert after["overview"]["gdp"] == 3500000
    assert err.splitlines() == ["提醒：cases/zhengding.yaml:16: overview（总体情况）缺少附表1 中的 5 项：制造业增加值占地区生产总值比重、"
                                "制造业从业人员数、制造业进出口总额、其中：出口额、进口额"]


def test_import_over_a_case_needs_a_confirmation(existing: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    target = existing / "cases" / "zhengding.yaml"
    before = target.read_bytes()
    args = _county_forms(existing, tmp_path, _update)
    # no terminal and no --yes: nothing written, and said so
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == UPDATE_SHOWN
    assert err.splitlines()[-1] == ("未写入：需要确认。核对上面的改动后，加 --yes 再运行一次（在终端中运行时会询问是否写入）；"
                                    "cases/zhengding.yaml 未作改动。")
    assert target.read_bytes() == before and not (existing / ".cache").exists()
    # --dry-run: shown, not written
    assert main(args + ["--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines() == [*UPDATE_SHOWN, "（--dry-run：未写入）"]
    assert target.read_bytes() == before
    # on a terminal: asked; anything but y keeps the file
    monkeypatch.setattr("sys.stdin", type("Terminal", (), {"isatty": staticmethod(lambda: True)})())
    answers = iter(["n", "y"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(args) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "未写入：cases/zhengding.yaml 未作改动。"
    assert target.read_bytes() == before
    assert main(args) == 0
    assert target.read_text("utf-8") == _after_update(before.decode("utf-8"))


def test_import_of_the_same_forms_changes_nothing(existing: Path, tmp_path: Path, capsys) -> None:
    target = existing / "cases" / "zhengding.yaml"
    before = target.read_bytes()
    assert main(_county_forms(existing, tmp_path) + ["--yes"]) == 0
    assert capsys.readouterr().out == "cases/zhengding.yaml 与附表一致，没有需要更新的内容，未作改动。\n"
    assert target.read_bytes() == before and not (existing / ".cache").exists()


def test_import_without_annex2_keeps_the_policies(existing: Path, tmp_path: Path, capsys) -> None:
    target = existing / "cases" / "zhengding.yaml"
    args = _county_forms(existing, tmp_path, _update)
    without = args[:args.index("--annex2")] + args[args.index("--annex2") + 2:]
    assert main(without + ["--yes"]) == 0
    out, err = capsys.readouterr()
    assert not any("配套政策" in line for line in out.splitlines()[1:-2])
    assert "提醒：未提供附表2，没有导入配套政策（policies）" in err.splitlines()
    assert "关于推进工业互联网发展的实施意见" not in target.read_text("utf-8")
    assert "    points: |-\n      技改设备投资补助10%\n      贷款贴息\n" in target.read_text("utf-8")


def test_replace_starts_afresh_and_keeps_a_backup(existing: Path, tmp_path: Path, capsys) -> None:
    target = existing / "cases" / "zhengding.yaml"
    before = target.read_bytes()
    assert main(_county_forms(existing, tmp_path, _update) + ["--replace", "--yes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("cases/zhengding.yaml：用附表重新开始（--replace），共 ")
    for line in ("  创建目标：1 项 → （空）", "  典型经验：1 项 → （空）", "  附件：1 项 → （空）",
                 "  创建状态：中期评估通过 → 创建中", "  标签：[装备制造, 数字化转型] → （空）"):
        assert line in out, line
    assert not any(line.startswith("保持原样") for line in out)
    data = _case_data(existing)
    assert "targets" not in data and data["status"] == "创建中" and data["overview"]["gdp"] == 3500000
    [backup] = (existing / ".cache" / "import-backups").iterdir()
    assert backup.read_bytes() == before


def test_force_is_gone(existing: Path, tmp_path: Path, capsys) -> None:
    target = existing / "cases" / "zhengding.yaml"
    before = target.read_bytes()
    assert main(_county_forms(existing, tmp_path, _update) + ["--force"]) == 2
    assert capsys.readouterr().err == (
        "--force 已不再使用：导入已有的案例时只更新附表中的部分（总体情况、主导产业、创新资源、配套政策），其他内容保留；"
        "确要用附表重新开始整个案例文件时，请改用 --replace（原文件会备份）。\n")
    assert target.read_bytes() == before


def test_options_for_a_new_case_are_refused_over_an_existing_one(existing: Path, tmp_path: Path, capsys) -> None:
    target = existing / "cases" / "zhengding.yaml"
    before = target.read_bytes()
    assert main(_county_forms(existing, tmp_path, _update) + ["--status", "验收通过", "--summary", "x"]) == 2
    assert capsys.readouterr().err == (
        "未导入：--status、--summary 只用于新建案例。cases/zhengding.yaml 已存在，导入只更新附表中的部分，其他内容保持原样；"
        "要改这些项目请直接编辑案例文件，或加 --replace 重新开始。\n")
    assert target.read_bytes() == before


def test_forms_of_another_county_are_refused(existing: Path, tmp_path: Path, capsys) -> None:
    target = existing / "cases" / "zhengding.yaml"
    before = target.read_bytes()

    def other(data):
        data["county"] = "藁城区"

    args = _county_forms(existing, tmp_path, other)
    for extra in ([], ["--replace", "--yes"]):
        assert main(args + extra) == 1
        assert capsys.readouterr().err.splitlines() == [
            "未导入：",
            "  附表1!C2（县（市、区））“藁城区”与 cases/zhengding.yaml:4 的“正定县”不一致：附表应是这个县（市、区）填写的，"
            "请检查 --id 是否写错；附表确属本县时，加 --county 正定县 导入"]
        assert target.read_bytes() == before
    assert main(args + ["--county", "正定县", "--yes"]) == 0
    assert "提醒：--county “正定县”代替了表中的“藁城区”" in capsys.readouterr().err.splitlines()


def test_an_existing_case_with_an_error_is_not_merged(existing: Path, tmp_path: Path, capsys) -> None:
    args = _county_forms(existing, tmp_path, _update)
    target = existing / "cases" / "zhengding.yaml"
    target.write_text(target.read_text("utf-8").replace("status: 中期评估通过", "status: 通过"), "utf-8")
    before = target.read_bytes()
    assert main(args + ["--yes"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "未导入：",
        "  cases/zhengding.yaml 现在有错误，请先改正（或加 --replace 用附表重新开始，原文件会备份）：",
        "    cases/zhengding.yaml:8: status（创建状态）应为以下之一：创建中、中期评估通过、限期整改、验收通过、示范标杆、已取消，"
        '实际为 "通过"']
    assert target.read_bytes() == before


def test_crlf_and_bom_are_kept(existing: Path, tmp_path: Path, capsys) -> None:
    target = existing / "cases" / "zhengding.yaml"
    original = target.read_text("utf-8")
    target.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    assert main(_county_forms(existing, tmp_path, _update) + ["--yes"]) == 0
    written = target.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") and b"\n" not in written.replace(b"\r\n", b"")
    assert written[3:].decode("utf-8").replace("\r\n", "\n") == _after_update(original)
