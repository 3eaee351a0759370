"""Make the sample cases' attachments: one small PDF per text below, in ``cases/<id>/``.

Not part of the build: the PDFs are made once and committed. After changing a text, run

    pip install -r requirements-attachments.txt
    python scripts/make_sample_attachments.py            # every attachment
    python scripts/make_sample_attachments.py yunze      # one case's

look at each PDF (``pdftoppm -png -r 60 FILE.pdf page``) and commit them. Headless Chromium
prints each from a small HTML page (Debian: ``apt-get install chromium fonts-noto-cjk``); the
title is the attachment's ``title`` in the case file, so it is written in one place. The texts
are invented, like the cases: tests/test_samples.py checks them too.

Noto CJK is a CFF font, which Chromium's PDF writer cannot embed as a font: it would draw
every glyph as a Type 3 outline (300 KB a page) and map shared glyphs such as 一 and 工 to
Kangxi radicals (U+2F00 …), so copied or searched text would be wrong. So each font is first
cut down to the characters the PDF uses and given TrueType outlines (fontTools); Chromium then
embeds a small subset with a correct ToUnicode map.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"
MAX_BYTES = 100_000

NOTE = "示例数据：本文件为演示用示例，文中县名、单位、数字和做法均为虚构。"

# (case id, file name): the paragraphs under the title.
TEXTS: dict[tuple[str, str], tuple[str, ...]] = {
    ("yunze", "plan-summary.pdf"): (
        "一、总体思路。以钢铁深加工为主攻方向，推动精品板材向汽车用钢、电工钢、精密焊管和装备部件延伸，"
        "同步培育冶金装备、矿山机械和冶金固废综合利用产业，建设“钢铁+”新型制造业体系。",
        "二、创建目标（2019—2021年）。规模以上制造业研发投入占主营业务收入比重由1.05%提高到1.6%；"
        "钢铁深加工产值占钢铁产业比重由18%提高到30%；规模以上单位工业增加值能耗累计下降15%；"
        "新增高技能人才3000人。",
        "三、主要任务。实施延链补链工程、智能化改造工程、协同创新工程和人才培育工程，建立市级领导"
        "“链长制”，对42个补链项目实行清单化管理。",
        "四、保障措施。成立由市长任组长的创建工作领导小组，设立专项资金，推行技改“先建后补”和亩均效益"
        "评价，每季度调度一次创建进展。",
    ),
    ("yunze", "evaluation-2022.pdf"): (
        "一、评价概况。2022年5月，评价组通过查阅资料、现场核查和企业座谈，对云泽市2019—2021年"
        "试点示范创建情况进行绩效评价。",
        "二、目标完成情况。七项量化目标全部完成。规模以上制造业研发投入占比达到1.65%，钢铁深加工产值"
        "占钢铁产业比重达到34%，规模以上单位工业增加值能耗累计下降17.3%，新增高技能人才3420人。",
        "三、主要经验。一是“钢铁+”延链补链，实行链长制推进；二是共建中试基地，破解中小企业中试难题；"
        "三是亩均效益评价倒逼要素向优质企业集中。",
        "四、评价结论。评价等次为优秀，建议作为示范标杆予以推广。",
    ),
    ("yexi", "midterm-2020.pdf"): (
        "一、总体进展。创建工作开展以来，冶溪市围绕钢铁产能整合、装备大型化和配套产业培育推进各项任务，"
        "年度重点转型项目投资完成率达到92%。",
        "二、目标进度。规模以上单位工业增加值能耗累计下降9.6%，完成三年目标的六成；规模以上制造业研发"
        "投入占比由0.72%提高到0.98%；非钢产业产值占规上工业比重由11.5%提高到13.3%，进度偏慢。",
        "三、存在问题。配套产业规模仍小，研发投入集中在少数龙头企业，中小企业创新能力不足。",
        "四、下一步工作。加快焊材、合金粉末等配套项目建设；推动龙头企业技术中心向中小企业开放；"
        "继续实施节能降碳改造以效定奖。",
    ),
    ("liuting", "plan-summary.pdf"): (
        "一、基础条件。柳汀县丝网产业形成了拉丝、编织、焊接、表面处理、深加工和商贸物流较完整的产业链，"
        "但产品以中低端网片为主，研发投入偏低，表面处理环节点多面散。",
        "二、创建目标（2019—2021年）。规模以上制造业研发投入占比由0.9%提高到1.4%；高附加值丝网产品"
        "产值占比由26%提高到38%；丝网产品监督抽查合格率达到96%；表面处理集中治理完成率达到100%。",
        "三、重点任务。建设丝网产业公共服务平台；推动服务型制造和跨境电商；实施表面处理集中治理；"
        "组建丝网职教集团。",
        "四、保障措施。县政府成立创建工作专班，设立丝网产业转型升级专项资金，建立月调度、季通报制度。",
    ),
    ("qinglan", "rectification-plan.pdf"): (
        "一、整改事项。根据中期评估意见，青岚县需重点整改三项滞后指标：规模以上制造业研发投入占比、"
        "规模以上单位工业增加值能耗累计下降幅度、印染企业集中入园完成率。",
        "二、整改措施。一是对年主营业务收入5000万元以上企业实行研发投入“一企一策”辅导，落实研发费用"
        "加计扣除；二是加快羊绒印染集中区污水处理设施建设，2021年上半年完成剩余印染企业入园；三是对分梳、"
        "染色企业开展能源审计，实施余热回收和电机能效提升改造。",
        "三、时间安排。整改期为6个月，县创建工作领导小组每月调度一次，整改结束后向市工业和信息化局"
        "报送整改报告并申请复查。",
    ),
    ("qinglan", "industry-brief.pdf"): (
        "青岚县羊绒产业从原绒分梳起步，逐步形成了分梳、纺纱、针织、梭织、服装设计和电商销售的产业链条，"
        "原料集散规模较大。",
        "近年来，县里推动羊绒产业由原料加工向品牌终端延伸，建设羊绒小镇和直播电商基地，培育了一批自主品牌。"
        "但产业仍存在研发投入偏低、印染环节分散、设计人才不足等短板。",
        "下一步，青岚县将以品牌建设、质量提升和绿色印染为重点，继续推进羊绒产业转型升级。",
    ),
    ("puwan", "plan-summary.pdf"): (
        "一、基础条件。蒲湾市中药材专业市场交易活跃，但本地加工以初加工和普通饮片为主，精深加工比重低，"
        "质量追溯体系不健全。",
        "二、创建目标（2021—2023年）。规模以上制造业研发投入占比由1.1%提高到1.8%；中药饮片抽检合格率"
        "达到98%；中药精深加工产值占医药产业比重由30%提高到45%。",
        "三、重点任务。一是推动饮片企业向配方颗粒、中药提取物和大健康产品延伸；二是建设中药材质量追溯平台，"
        "大宗品种赋码上链；三是与中医药院校合作建设中药炮制技术实训基地。",
        "四、保障措施。成立创建工作领导小组，设立中药产业发展专项资金，实行重点项目台账管理。",
    ),
    ("luze", "spraying-center.pdf"): (
        "一、建设背景。芦泽县家具企业数量多、规模小，喷涂环节分散在各企业自建的喷漆房中，治理设施简陋，"
        "挥发性有机物排放难以达标。",
        "二、运营模式。县政府提供土地和基础设施，引入专业运营公司投资建设水性漆自动喷涂线和集中治理设施。"
        "入驻企业把白坯家具送到中心，按喷涂面积付费，中心负责喷涂、烘干、质检和回送。",
        "三、运营成效。中心年喷涂能力约300万平方米，服务周边200余家中小企业。入驻企业不再承担治理设施"
        "投资和运维费用，产品漆面质量更加稳定。",
        "四、下一步。计划在县内另一家具集中区建设第二座共享喷涂中心，并探索粉末喷涂等新工艺。",
    ),
}

# The faces of a page, by the fontconfig pattern of the installed font each is cut from.
FACES: dict[str, str] = {
    "title": "Noto Serif CJK SC:bold",
    "body": "Noto Serif CJK SC",
    "note": "Noto Sans CJK SC",
}

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
@font-face {{ font-family: "title"; src: url("title.ttf"); }}
@font-face {{ font-family: "body"; src: url("body.ttf"); }}
@font-face {{ font-family: "note"; src: url("note.ttf"); }}
@page {{ size: A4; margin: 25mm 26mm; }}
body {{ font-family: "body"; font-size: 12pt; line-height: 1.9; color: #000; }}
h1 {{ font-family: "title"; font-size: 17pt; font-weight: normal; text-align: center;
      margin: 0 0 8mm; line-height: 1.5; }}
.note {{ font-family: "note"; font-size: 10pt; border: 1px solid #000; padding: 2mm 4mm;
         margin: 0 0 8mm; text-indent: 0; }}
p {{ text-indent: 2em; margin: 0 0 3mm; text-align: justify; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="note">{note}</p>
{paragraphs}
</body>
</html>
"""


def attachment_title(case_id: str, file: str) -> str:
    """The title the case file gives this attachment."""
    data = yaml.safe_load((CASES / f"{case_id}.yaml").read_text("utf-8"))
    for item in data.get("attachments") or []:
        if item.get("file") == file:
            return item["title"]
    raise SystemExit(f"cases/{case_id}.yaml 的 attachments 中没有 {file}")


def page(title: str, paragraphs: tuple[str, ...]) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return PAGE.format(title=html.escape(title), note=html.escape(NOTE), paragraphs=body)


def font_file(pattern: str) -> tuple[Path, int]:
    """The installed font file (and its number in a collection) that fontconfig picks."""
    found = subprocess.run(["fc-match", "--format=%{family}\n%{file}:%{index}", pattern],
                           check=True, capture_output=True, text=True).stdout
    family, _, where = found.partition("\n")
    if pattern.split(":")[0] not in family.split(","):
        raise SystemExit(f"没有安装字体 {pattern}（fontconfig 给出的是 {family}）："
                         "apt-get install fonts-noto-cjk")
    path, _, index = where.rpartition(":")
    return Path(path), int(index)


def truetype_subset(pattern: str, text: str, target: Path) -> None:
    """The font of ``pattern`` with only the glyphs of ``text``, in TrueType outlines."""
    # Imported here, so that tests can read TEXTS without fontTools installed.
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    path, number = font_file(pattern)
    font = TTFont(path, fontNumber=number)
    options = subset.Options()
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    order = font.getGlyphOrder()
    cubic = font.getGlyphSet()
    glyf = font["glyf"] = newTable("glyf")
    font["loca"] = newTable("loca")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(cubic)
        cubic[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            font["hmtx"][name] = (font["hmtx"][name][0], glyph.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for key in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, key, 0)
    font["post"].formatType = 3.0
    font.sfntVersion = "\0\1\0\0"
    font.save(target)


def print_pdf(chromium: str, source: Path, target: Path, profile: Path) -> None:
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={profile}", f"--print-to-pdf={target}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )


def make(chromium: str, case_id: str, file: str, work: Path) -> Path:
    title = attachment_title(case_id, file)
    paragraphs = TEXTS[case_id, file]
    folder = work / case_id / Path(file).stem
    folder.mkdir(parents=True)
    for face, text in (("title", title), ("body", "".join(paragraphs)), ("note", NOTE)):
        truetype_subset(FACES[face], text, folder / f"{face}.ttf")
    source = folder / "page.html"
    source.write_text(page(title, paragraphs), "utf-8")
    target = CASES / case_id / file
    target.parent.mkdir(exist_ok=True)
    print_pdf(chromium, source, target, work / "profile")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help="case ids (default: every case with a text here)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    chosen = [key for key in TEXTS if not args.cases or key[0] in args.cases]
    too_large = []
    with tempfile.TemporaryDirectory() as tmp:
        for case_id, file in chosen:
            target = make(args.chromium, case_id, file, Path(tmp))
            size = target.stat().st_size
            print(f"cases/{case_id}/{file}: {size:,} 字节")
            if size >= MAX_BYTES:
                too_large.append(f"cases/{case_id}/{file}")
    if too_large:
        print(f"超过 {MAX_BYTES:,} 字节：{'、'.join(too_large)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
