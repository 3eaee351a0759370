"""The 典型经验汇编: the included cases' experiences as a Word book for a 现场会.

:func:`select` chooses the cases (their 创建状态 is set in ``mkdocs.yml``, see
:mod:`generator.site.settings`) and arranges their experiences: one chapter per 体系 of 示范内容, in
each the experiences grouped by county. :func:`book_docx` writes the book with python-docx:
cover, 目录, 前言, chapters, appendix; A4 with GB/T 9704 margins, 仿宋 三号 body, 黑体 and 楷体
headings as Word heading styles, page numbers in the footer, 示例数据 in every page header
when the cases are samples. :func:`output` keeps it in ``.cache/compilation/``.

The 目录 is a real TOC field, marked for updating when the file is opened (``w:updateFields``:
Word asks and rebuilds it with page numbers). Its stored result already lists every heading
with a link to it, so a reader that does not rebuild fields on opening still shows the contents
without page numbers: LibreOffice 7.4 does not (measured), nor does mammoth; there “更新目录”
(LibreOffice: 工具 → 更新 → 全部更新) adds them.

The book's date (cover, document properties, zip entries) is ``SOURCE_DATE_EPOCH`` when set,
else the latest 更新日期 of the included cases, else the notice's date: the same input always
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import itertools
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from generator.build import cache
from generator.format import schema
from generator.forms import layouts as forms
from generator.forms import office
from generator.outputs import Output
from generator.site import text, wordtext
from generator.site.model import Case, ExperienceRef, Site, label
from generator.site.settings import DEFAULT_STATUSES

TITLE_LINES = ("河北省工业转型升级试点示范县（市、区）", "典型经验汇编")
TITLE = "".join(TITLE_LINES)
PATH = "downloads/dianxing-jingyan-huibian.docx"
DOWNLOAD = forms.Download(PATH, "典型经验汇编", forms.WORD,
                          "按四个体系分章、按县（市、区）汇集的典型经验，附各县已达成的创建目标和收录案例一览表；"
                          "A4 纸，可直接打印；目录的页码在 Word 中打开时自动更新。", "典型经验汇编.docx")

PROMOTION = ("开展试点绩效评价工作，树立全省试点示范标杆，试点示范更加注重典型推广，示范引领。"
             "坚持高标准开展示范工作，对试点示范县（市、区）的成功经验做法，通过召开现场会、媒体宣传、"
             "学习交流等形式进行推广。")
"""The notice's 工作流程 6. 总结推广, word for word (tests/test_compilation.py checks it)."""

SAMPLE_NOTE = "本汇编收录的案例为虚构的演示数据，不代表有关县（市、区）的实际情况。"
COVER_NOTE = "案例为虚构的演示数据，不代表有关县（市、区）的实际情况"
OTHER_CHAPTER = "其他经验"
"""The chapter of included experiences that name no 体系 (after the four, only when there are some)."""


# -- what the book holds --------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """One county's experiences in one chapter."""

    case: Case
    experiences: tuple[ExperienceRef, ...]
    targets_chapter: int
    """The chapter whose group of this county shows its achieved targets (its first in the book)."""


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Book:
    statuses: tuple[str, ...]
    cases: tuple[Case, ...]
    """The included cases, in the library's order (batch, city, county)."""
    chapters: tuple[Chapter, ...]

    @property
    def download(self) -> forms.Download:
        return DOWNLOAD

    @property
    def sample(self) -> bool:
        return any(case.sample for case in self.cases)

    @property
    def experience_count(self) -> int:
        return sum(len(g.experiences) for chapter in self.chapters for g in chapter.groups)

    @property
    def statuses_text(self) -> str:
        return "".join(f"“{status}”" for status in self.statuses)

    @property
    def date(self) -> dt.datetime:
        if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
            return office.document_date()
        latest = max((case.updated for case in self.cases if case.updated), default=None)
        if latest is None:
            return office.NOTICE_DATE
        return dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC)


def select(site: Site, statuses: tuple[str, ...] = DEFAULT_STATUSES) -> Book:
    """The cases whose status is one of ``statuses``, and their experiences by 体系 and county."""
    cases = tuple(case for case in site.cases if case.status in statuses)
    included = {case.id for case in cases}
    sections = [(system, site.experiences_by_system.get(system, [])) for system in schema.SYSTEMS]
    if any(ref.case.id in included for ref in site.unassigned_experiences):
        sections.append((OTHER_CHAPTER, site.unassigned_experiences))
    first: dict[str, int] = {}
    chapters = []
    for number, (title, refs) in enumerate(sections, start=1):
        groups = []
        kept = (ref for ref in refs if ref.case.id in included)
        for case_id, same_case in itertools.groupby(kept, key=lambda ref: ref.case.id):
            experiences = tuple(same_case)
            groups.append(Group(experiences[0].case, experiences, first.setdefault(case_id, number)))
        chapters.append(Chapter(number, title, tuple(groups)))
    return Book(tuple(statuses), cases, tuple(chapters))


# -- the cached file --------------------------------------------------------------------------


def output(book: Book, cache_dir: Path | None = None) -> Output:
    """The book as a download; made again only when its cases, its settings or the code changed."""
    if cache_dir is None:
        return Output(PATH, book_docx(book))
    version = cache.code_version((office, text, wordtext, schema, forms, sys.modules[__name__]),
                                 ("python-docx", "lxml", "Markdown", "nh3"))
    data = json.dumps([book.statuses, [case.data for case in book.cases]], ensure_ascii=False,
                      sort_keys=True, default=str)
    key = hashlib.sha256(f"{version}\0{data}".encode()).hexdigest()
    path = cache_dir / f"{key}.docx"
    if path.is_file():
        return Output(PATH, path.read_bytes())
    content = book_docx(book)
    for old in cache_dir.glob("*.docx"):
        old.unlink()  # only the book of the current library is kept
    cache.store(path, content)
    return Output(PATH, content)


# -- the Word document --------------------------------------------------------------------------

NOTE = "说明文字"
MARGINS = (3.7, 2.6, 3.5, 2.8)
"""Top, right, bottom, left in cm: GB/T 9704's type area of 15.6 × 22.5 cm on A4."""
HEADING_FONTS = {1: (office.HEI, 22), 2: (office.HEI, 16), 3: (office.KAI, 16),
                 4: (office.FANGSONG, 16), 5: (office.FANGSONG, 16), 6: (office.FANGSONG, 16)}
"""Chapter titles 黑体 二号, centred; then as GB/T 9704's 一级 (“一、”, 黑体), 二级 (“（一）”, 楷体) and
三级 (仿宋 bold, the headings inside an experience) 标题, all 三号."""
LINE = Pt(28.95)
"""Exact line pitch of the body: 22 lines in the 22.5 cm type area, as GB/T 9704 sets it."""
TOC_FULL_MAX = 150
"""Up to this many experiences the 目录 lists them (levels 1–3); beyond, chapters and counties only
(levels 1–2), so that a book of a few hundred experiences does not open with forty pages of 目录."""
_SETTINGS_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"}
"""Elements that follow ``w:updateFields`` in ``w:settings`` (Word refuses them out of order)."""


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五: chapter and section numbers."""
    digits = "零一二三四五六七八九"
    if not 0 < number < 10000:
        return str(number)
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if zero and parts:
                parts.append("零")
            parts.append(("" if unit == "十" and not parts and digit == 1 else digits[digit]) + unit)
            zero = False
        else:
            zero = True
    return "".join(parts)


def book_docx(book: Book) -> bytes:
    """The 汇编 as a .docx, the same bytes for the same book."""
    writer = _BookWriter(book)
    writer.write()
    buffer = io.BytesIO()
    writer.doc.save(buffer)
    return office.rezip(buffer.getvalue(), book.date)


class _BookWriter:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.doc = office._document(TITLE, landscape=False, body_font=office.FANGSONG,  # noqa: SLF001
                                    body_size=16, margins=MARGINS)
        when = book.date
        core = self.doc.core_properties
        core.created = core.modified = core.last_printed = when
        core.subject = f"{forms.NOTICE_NUMBER} 总结推广"
        core.keywords = "典型经验 汇编 试点示范" + (" 示例数据" if book.sample else "")
        self.width = self.doc.sections[0].page_width - Cm(MARGINS[1]) - Cm(MARGINS[3])
        self._styles()
        self.styles = wordtext.Styles(self.doc)
        self.html = wordtext.HtmlWriter(self.styles, wordtext.Numbering(self.doc))
        self.headings: list[tuple[int, str, str]] = []
        """(level, text, bookmark) of every heading, for the 目录."""

    def write(self) -> None:
        self._cover()
        self.doc.add_section(WD_SECTION.NEW_PAGE)
        contents = self._paragraph("目　录", font=office.HEI, size=22, align=WD_ALIGN_PARAGRAPH.CENTER,
                                   after=12, line=Pt(40))
        self._preface()
        for chapter in self.book.chapters:
            self._chapter(chapter)
        self._appendix()
        self._contents(contents)
        self._page_furniture()
        self._update_fields_on_open()

    # styles

    def _styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.paragraph_format.line_spacing = LINE
        normal.paragraph_format.widow_control = True

        def add(name: str, style_id: str, font: str, size: float, *, indent: bool = True) -> Any:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.element.styleId = style_id  # an ASCII id, as Word's own styles have
            style.base_style = normal
            office._style_font(style, font, size)  # noqa: SLF001
            if indent:
                style.paragraph_format.first_line_indent = Pt(2 * size)
            return style

        add(wordtext.BODY, "BodyTextCN", office.FANGSONG, 16).paragraph_format.alignment = \
            WD_ALIGN_PARAGRAPH.JUSTIFY
        add(wordtext.LIST, "ListTextCN", office.FANGSONG, 16, indent=False)
        quote = add(wordtext.QUOTE, "QuoteCN", office.KAI, 16)
        quote.paragraph_format.left_indent = Pt(32)
        add(NOTE, "NoteCN", office.KAI, 14)
        table_text = add(wordtext.TABLE_TEXT, "TableTextCN", office.FANGSONG, 12, indent=False)
        table_text.paragraph_format.line_spacing = 1.0
        for level, (font, size) in HEADING_FONTS.items():
            style = styles[f"Heading {level}"]
            office._style_font(style, font, size, bold=level >= 4)  # noqa: SLF001
            fmt = style.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if level == 1 else WD_ALIGN_PARAGRAPH.LEFT
            fmt.first_line_indent = Pt(0 if level == 1 else 32)
            fmt.line_spacing = Pt(40) if level == 1 else LINE
            fmt.space_before = Pt(0 if level == 1 else 6)
            fmt.space_after = Pt(18 if level == 1 else 0)
            fmt.keep_with_next = True
            fmt.page_break_before = level == 1
        for level in (1, 2, 3):
            # Word's own name for the style its TOC field uses (LibreOffice reads it as Contents N).
            style = add(f"toc {level}", f"TOC{level}", office.HEI if level == 1 else office.FANGSONG, 16,
                        indent=False)
            style.paragraph_format.left_indent = Pt(32 * (level - 1))
            style.paragraph_format.tab_stops.add_tab_stop(self.width, WD_TAB_ALIGNMENT.RIGHT,
                                                          WD_TAB_LEADER.DOTS)
        office._style_font(styles["Header"], office.SONG, 10.5)  # noqa: SLF001
        office._style_font(styles["Footer"], office.SONG, 14)  # noqa: SLF001
        for name in ("Header", "Footer"):
            styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            styles[name].paragraph_format.line_spacing = 1.0

    # building blocks

    def _paragraph(self, content: str = "", *, style: str | None = None, font: str | None = None,
                   size: float | None = None, bold: bool | None = None, align: Any = None,
                   before: float = 0, after: float = 0, line: Any = None) -> Any:
        paragraph = self.styles.paragraph(style)
        if content:
            wordtext.add_run(paragraph, content, {'bold'} if bold else (), font=font, size=size)
        fmt = paragraph.paragraph_format
        if align is not None:
            fmt.alignment = align
        if before or after:
            fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        if line is not None:
            fmt.line_spacing = line
        return paragraph

    def _heading(self, content: str, level: int) -> Any:
        paragraph = self.styles.paragraph(f"Heading {level}")
        wordtext.add_run(paragraph, content)
        number = len(self.headings) + 1
        name = f"_Toc{number:08d}"
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0,  # noqa: SLF001
                            parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{number}" w:name="{name}"/>'))
        paragraph._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{number}"/>'))  # noqa: SLF001
        self.headings.append((level, content, name))
        return paragraph

    def _table(self, headings: list[str], rows: list[list[str]], widths: list[float],
               numeric: frozenset[int] = frozenset(), size: float = 12) -> None:
        table = self.styles.table(1 + len(rows), len(headings))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        shares = [int(self.width * width / sum(widths)) for width in widths]
        for column, share in zip(table.columns, shares, strict=True):
            column.width = share
        # The rows and cells straight from the XML: python-docx's table.rows[i].cells works out every
        # cell of the table for each row, which makes the appendix of thousands of rows quadratic.
        for number, (tr, values) in enumerate(zip(table._tbl.tr_lst, [headings, *rows], strict=True)):  # noqa: SLF001
            properties = tr.get_or_add_trPr()
            properties.append(parse_xml(f'<w:cantSplit {nsdecls("w")} w:val="true"/>'))
            if number == 0:
                properties.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))
            for column, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=True)):
                cell: Any = _Cell(tc, table)
                cell.width = shares[column]
                paragraph = self.styles.set(cell.paragraphs[0], wordtext.TABLE_TEXT)
                if number == 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif column in numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                wordtext.add_run(paragraph, value, {'bold'} if number == 0 else (), size=size)
                if number == 0:
                    cell._tc.get_or_add_tcPr().append(parse_xml(  # noqa: SLF001
                        f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="F2F2F2"/>'))
        self._paragraph(style=wordtext.TABLE_TEXT)

    # parts

    def _cover(self) -> None:
        book = self.book
        center = WD_ALIGN_PARAGRAPH.CENTER
        if book.sample:
            self._paragraph("示例数据", font=office.HEI, size=26, align=center, line=Pt(40), after=6)
            self._paragraph(COVER_NOTE, font=office.KAI, size=14, align=center, line=Pt(24))
        self._paragraph(before=110 if book.sample else 150)
        for line in TITLE_LINES:
            self._paragraph(line, font=office.SONG, size=22, bold=True, align=center, line=Pt(40), after=6)
        when = book.date
        self._paragraph(forms.ISSUER, font=office.KAI, size=18, align=center, before=170, line=Pt(32))
        self._paragraph(f"{when.year}年{when.month}月{when.day}日", font=office.FANGSONG, size=16,
                        align=center, before=6, line=LINE)

    def _preface(self) -> None:
        book = self.book
        self._heading("前　言", 1)
        self._paragraph(f"{forms.NOTICE_NUMBER}通知在工作流程的“总结推广”中要求：“{PROMOTION}”",
                        style=wordtext.BODY)
        counties = len(book.cases)
        self._paragraph(
            f"本汇编收录创建状态为{book.statuses_text}的 {counties} 个试点示范县（市、区）的 "
            f"{book.experience_count} 条典型经验，按通知“示范内容”的四个体系分章编排，"
            "每章之内按县（市、区）汇集；"
            "每个县（市、区）首次出现时列出其已达成的创建目标。附录为收录案例一览表。", style=wordtext.BODY)
        self._paragraph("本汇编由试点示范县（市、区）案例库根据各案例文件生成，内容与案例库网站一致。",
                        style=wordtext.BODY)
        if book.sample:
            self._paragraph(SAMPLE_NOTE, style=wordtext.BODY, bold=True)

    def _chapter(self, chapter: Chapter) -> None:
        self._heading(f"第{chinese_number(chapter.number)}章　{chapter.title}", 1)
        if not chapter.groups:
            self._paragraph("本章暂无收录的经验。", style=wordtext.BODY)
        for number, group in enumerate(chapter.groups, start=1):
            case = group.case
            self._heading(f"{chinese_number(number)}、{case.county}（{case.city}）", 2)
            facts = [f"{case.batch}年批次", case.status, f"创建期 {case.period[0]}—{case.period[1]}年"]
            if case.sample:
                facts.append("示例数据")
            self._paragraph("　".join(facts), style=NOTE).paragraph_format.keep_with_next = True
            for index, ref in enumerate(group.experiences, start=1):
                self._heading(f"（{chinese_number(index)}）{ref.item['title']}", 3)
                if ref.item.get("dimension"):
                    aspect = self._paragraph(f"方面：{ref.item['dimension']}", style=NOTE)
                    aspect.paragraph_format.keep_with_next = True
                self.html.write(text.markdown_html(ref.item["body"]))
            self._targets(group, chapter.number)

    def _targets(self, group: Group, chapter: int) -> None:
        case = group.case
        if group.targets_chapter != chapter:
            self._paragraph(f"{case.county}的创建目标达成情况见第{chinese_number(group.targets_chapter)}章。",
                            style=NOTE)
            return
        progress = case.targets_progress
        achieved = [t for t in progress if t.achieved is True]
        self._paragraph("创建目标达成情况", style=wordtext.BODY, font=office.HEI)
        if not progress:
            summary = "案例中未填写创建目标。"
        else:
            summary = f"创建目标{case.targets_verdict}"
            summary += "，达成的目标如下表。" if achieved else "。"
        self._paragraph(summary, style=wordtext.BODY)
        if not achieved:
            return
        keys = ("indicator", "dimension", "baseline", "target", "actual")
        headings = [label("targets", key) for key in keys]
        rows = [[t.indicator, t.dimension or "", _quantity(t.baseline, t.unit), _quantity(t.target, t.unit),
                 _quantity(t.actual, t.unit)] for t in achieved]
        self._table(headings, rows, [5.2, 1.9, 2.2, 2.2, 2.2], numeric=frozenset({2, 3, 4}))

    def _appendix(self) -> None:
        """On landscape pages: six columns, the 一句话经验 wide enough to read."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
        self.width = section.page_width - section.left_margin - section.right_margin
        self._heading("附录　收录案例一览", 1)
        cases = self.book.cases
        if not cases:
            self._paragraph(f"案例库中暂无创建状态为{self.book.statuses_text}的案例。", style=wordtext.BODY)
            return
        self._paragraph(f"共 {len(cases)} 个试点示范县（市、区），按创建批次、所属设区市排列。",
                        style=wordtext.BODY)
        headings = [label("county"), label("city"), label("batch"), label("status"), label("industries"),
                    label("summary")]
        rows = [[case.county, case.city, f"{case.batch}年", case.status, "、".join(case.industry_names),
                 case.summary] for case in cases]
        self._table(headings, rows, [3.0, 2.4, 2.0, 2.6, 4.0, 10.3], size=10.5)

    def _contents(self, title: Any) -> None:
        """The TOC field after ``title``: Word rebuilds it on opening; until then it lists the headings."""
        depth = 3 if self.book.experience_count <= TOC_FULL_MAX else 2
        entries = [(level, content, name) for level, content, name in self.headings if level <= depth]
        anchor = title._p  # noqa: SLF001
        for index, (level, content, name) in enumerate(entries):
            paragraph = self.styles.paragraph(f"toc {level}")
            p = paragraph._p  # noqa: SLF001
            if index == 0:
                p.append(_field_char("begin", dirty=True))
                p.append(_instruction(f' TOC \\o "1-{depth}" \\h \\z \\u '))
                p.append(_field_char("separate"))
            link = OxmlElement("w:hyperlink")
            link.set(qn("w:anchor"), name)
            link.set(qn("w:history"), "1")
            wordtext.add_run(link, content)
            p.append(link)
            if index == len(entries) - 1:
                p.append(_field_char("end"))
            anchor.addnext(p)
            anchor = p

    def _page_furniture(self) -> None:
        """Headers (示例数据 on every page of sample data), page numbers from the 目录 on (the
        appendix's landscape section goes on with the same header, footer and numbers)."""
        cover, body, _ = self.doc.sections
        for section in self.doc.sections:
            section.header_distance = Cm(1.5)
            section.footer_distance = Cm(2.3)  # the number sits about 7 mm below the type area
        mark = "示例数据" if self.book.sample else ""
        if mark:
            wordtext.add_run(cover.header.paragraphs[0], mark, font=office.HEI, size=12)
        body.header.is_linked_to_previous = False
        header = body.header.paragraphs[0]
        wordtext.add_run(header, TITLE)
        if mark:
            wordtext.add_run(header, f"　{mark}", {"bold"}, font=office.HEI)
        body.footer.is_linked_to_previous = False
        footer = body.footer.paragraphs[0]
        wordtext.add_run(footer, "— ")
        for element in (_field_char("begin"), _instruction(" PAGE "), _field_char("separate")):
            footer._p.append(element)  # noqa: SLF001
        wordtext.add_run(footer, "1")
        footer._p.append(_field_char("end"))  # noqa: SLF001
        wordtext.add_run(footer, " —")
        sect_pr = body._sectPr  # noqa: SLF001
        numbering = parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>')
        cols = sect_pr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(numbering)
        else:
            sect_pr.append(numbering)

    def _update_fields_on_open(self) -> None:
        settings = self.doc.settings.element
        update = parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>')
        after = next((child for child in settings if isinstance(child.tag, str)
                      and child.tag.split("}")[-1] in _SETTINGS_AFTER_UPDATE_FIELDS), None)
        if after is not None:
            after.addprevious(update)
        else:
            settings.append(update)


def _quantity(value: float | None, unit: str) -> str:
    """``3,456,789 万元``, ``45.3%``: as the case page shows it."""
    return html.unescape(str(text.quantity(value, unit))) if value is not None else "—"


def _field_char(kind: str, dirty: bool = False) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run.append(char)
    return run


def _instruction(code: str) -> Any:
    run = OxmlElement("w:r")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = code
    run.append(instruction)
    return run
