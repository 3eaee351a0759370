"""The 典型经验汇编 (.docx) as a reader gets it: opened with python-docx and with mammoth (a
second, independent reader), converted by LibreOffice where it is installed; which cases it
holds (set in mkdocs.yml), its 目录, its pages, its sample marking, its bytes and its cache."""

from __future__ import annotations

import html as html_module
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import mammoth
import pytest
from docx.oxml.ns import qn

from generator.build.pipeline import Project, generate
from generator.format import schema
from generator.forms import office
from generator.problems import SettingsErrors
from generator.site import compilation, settings, text, wordtext
from generator.site.model import build_site
from tests.sitebuild import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MARKDOWN_LEFT = re.compile(r"\*\*|__|\]\(|`|^\s*(?:#{1,6}\s|[-*+]\s|>\s|\d+[.)]\s)|&(?:#\d+|[a-z]+);", re.M)
"""What would show that Markdown (or an HTML entity) reached the page as text."""


@pytest.fixture(scope="module")
def book(sample_model) -> compilation.Book:
    return compilation.select(sample_model)


@pytest.fixture(scope="module")
def content(book, monkeypatch_module) -> bytes:
    return compilation.book_docx(book)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield patch


@pytest.fixture(scope="module")
def document(content: bytes):
    return docx.Document(io.BytesIO(content))


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _plain(markdown: str) -> str:
    """An experience body as the words a reader sees, without spaces (links keep their text)."""
    shown = html_module.unescape(re.sub(r"<[^>]+>", "", str(text.markdown_html(markdown))))
    return re.sub(r"\s+", "", shown)


def _squeezed(value: str) -> str:
    return re.sub(r"\s+", "", value)


# -- what it holds -------------------------------------------------------------------------------


def test_it_includes_exactly_the_cases_of_the_configured_statuses(book, sample_model) -> None:
    wanted = {c.id for c in sample_model.cases if c.status in settings.DEFAULT_STATUSES}
    assert wanted, "the samples have cases that passed 绩效评价"
    assert {c.id for c in book.cases} == wanted
    assert book.statuses == ("验收通过", "示范标杆")
    other = compilation.select(sample_model, ("创建中",))
    assert other.cases and {c.status for c in other.cases} == {"创建中"}


def test_chapters_are_the_four_systems_with_the_experiences_by_county(document, book) -> None:
    chapters = _headings(document, 1)
    assert chapters[0] == "前　言" and chapters[-1] == "附录　收录案例一览"
    titles = [f"第{compilation.chinese_number(i)}章　{s}" for i, s in enumerate(schema.SYSTEMS, start=1)]
    assert chapters[1:5] == titles
    counties = _headings(document, 2)
    expected = [f"{compilation.chinese_number(i)}、{g.case.county}（{g.case.city}）"
                for chapter in book.chapters for i, g in enumerate(chapter.groups, start=1)]
    assert counties == expected
    assert {g.case.id for ch in book.chapters for g in ch.groups} == {
        c.id for c in book.cases if c.data.get("experiences")}


def test_every_included_experience_is_there_whole(document, book, sample_model) -> None:
    titles = _headings(document, 3)
    refs = [ref for chapter in book.chapters for group in chapter.groups for ref in group.experiences]
    assert len(refs) == book.experience_count == sum(
        len(c.data.get("experiences", [])) for c in book.cases)
    assert [t.split("）", 1)[1] for t in titles] == [ref.item["title"] for ref in refs]
    everything = _squeezed("".join(p.text for p in document.paragraphs))
    for ref in refs:
        assert _plain(ref.item["body"]) in everything, ref.item["title"]
    excluded = [c for c in sample_model.cases if c not in book.cases]
    for case in excluded:
        for item in case.data.get("experiences", []):
            assert not any(t.endswith(item["title"]) for t in titles)


def test_no_markdown_syntax_is_left(document, content) -> None:
    for paragraph in document.paragraphs:
        assert not MARKDOWN_LEFT.search(paragraph.text), paragraph.text
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert not [c for c in cells if MARKDOWN_LEFT.search(c)]
    result = mammoth.convert_to_html(io.BytesIO(content))
    assert not [m for m in result.messages if m.type == "error"]
    shown = html_module.unescape(re.sub(r"<[^>]+>", "\n", result.value))
    assert not MARKDOWN_LEFT.search(shown)


def test_a_second_reader_sees_the_headings_lists_and_emphasis(content, document, book) -> None:
    result = mammoth.convert_to_html(io.BytesIO(content)).value
    level = {n: [html_module.unescape(re.sub(r"<[^>]+>", "", h))
                 for h in re.findall(rf"<h{n}>(.*?)</h{n}>", result)] for n in (1, 2, 3)}
    for n in (1, 2, 3):
        assert level[n] == _headings(document, n)
    bodies = [ref.item["body"] for ch in book.chapters for g in ch.groups for ref in g.experiences]
    rendered = "".join(str(text.markdown_html(b)) for b in bodies)
    assert rendered.count("<li>") == result.count("<li>") > 0
    assert ("<strong>" in rendered) == ("<strong>" in result)


def test_appendix_lists_every_included_case(document, book) -> None:
    table = document.tables[-1]
    header = [c.text for c in table.rows[0].cells]
    assert header == ["县（市、区）", "所属设区市", "创建批次", "创建状态", "主导产业", "一句话经验"]
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    assert [r[0] for r in rows] == [c.county for c in book.cases]
    for row, case in zip(rows, book.cases, strict=True):
        assert row == [case.county, case.city, f"{case.batch}年", case.status, "、".join(case.industry_names),
                       case.summary]


def test_achieved_targets_are_a_small_table_once_per_county(document, book) -> None:
    tables = {}
    for table in document.tables[:-1]:
        header = [c.text for c in table.rows[0].cells]
        if header[:2] == ["指标", "方面"]:
            tables.setdefault(tuple(r.cells[0].text for r in table.rows[1:]), table)
    for case in book.cases:
        achieved = [t for t in case.targets_progress if t.achieved is True]
        if achieved and case.data.get("experiences"):
            assert tuple(t.indicator for t in achieved) in tables, case.county
    shown = sum(1 for t in document.tables[:-1] if [c.text for c in t.rows[0].cells][:2] == ["指标", "方面"])
    assert shown == sum(1 for c in book.cases if c.data.get("experiences")
                        and any(t.achieved is True for t in c.targets_progress))


def test_the_preface_quotes_the_notice_word_for_word() -> None:
    notice = (ROOT / "docs" / "notice.md").read_text("utf-8").replace("**", "")
    assert compilation.PROMOTION in notice
    assert compilation.PROMOTION in (ROOT / "tests" / "fixtures" / "notice-seed.txt").read_text("utf-8")


# -- how it is made up ---------------------------------------------------------------------------


def test_pages_fonts_and_heading_styles_follow_gb_t_9704(document) -> None:
    *portrait, appendix = document.sections
    for section in portrait:
        assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(appendix.page_width.cm, 1), round(appendix.page_height.cm, 1)) == (29.7, 21.0)
    assert appendix.header.is_linked_to_previous and appendix.footer.is_linked_to_previous
    for section in document.sections:
        margins = [round(m.cm, 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                            section.right_margin)]
        assert margins == [3.7, 3.5, 2.8, 2.6]
    styles = document.styles
    normal = styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == office.FANGSONG
    assert normal.font.size.pt == 16
    langs = list(document.styles.element.iter(qn("w:lang")))  # the document defaults and every style
    assert document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}") is not None
    assert langs and all(lang.get(qn("w:eastAsia")) == "zh-CN" for lang in langs)
    for level, (font, _) in compilation.HEADING_FONTS.items():
        assert styles[f"Heading {level}"].element.rPr.rFonts.get(qn("w:eastAsia")) == font
    assert styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == office.HEI
    body = [p for p in document.paragraphs if p.style.name == "正文"]
    assert body and all(p.style.font.size.pt == 16 for p in body[:1])


def test_contents_is_a_toc_field_filled_on_opening(content, document) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        body = archive.read("word/document.xml").decode()
        settings_xml = archive.read("word/settings.xml").decode()
        footer = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
    assert '<w:updateFields w:val="true"/>' in settings_xml
    assert re.search(r'<w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText>', body)
    assert 'w:fldCharType="begin" w:dirty="true"' in body
    assert " PAGE " in footer
    # Until a reader rebuilds it, the field's stored result lists every heading, linked to it.
    anchors = re.findall(r'<w:hyperlink w:anchor="(_Toc\d+)"', body)
    bookmarks = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="(_Toc\d+)"/>', body)
    assert anchors == bookmarks
    entries = [p.text for p in document.paragraphs if p.style.name.startswith("toc ")]
    headings = ("Heading 1", "Heading 2", "Heading 3")
    assert entries == [p.text for p in document.paragraphs if p.style.name in headings]


def test_a_long_book_lists_chapters_and_counties_only(sample_model, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compilation, "TOC_FULL_MAX", 3)
    long = docx.Document(io.BytesIO(compilation.book_docx(compilation.select(sample_model))))
    with zipfile.ZipFile(io.BytesIO(_saved(long))) as archive:
        assert '\\o "1-2"' in archive.read("word/document.xml").decode()
    entries = [p.text for p in long.paragraphs if p.style.name.startswith("toc ")]
    assert entries == [p.text for p in long.paragraphs if p.style.name in ("Heading 1", "Heading 2")]


def test_sample_data_says_so_on_the_cover_and_every_page_header(document, book, sample_model) -> None:
    assert book.sample
    cover = [p.text for p in document.paragraphs[:8]]
    assert "示例数据" in cover
    assert all("示例数据" in s.header.paragraphs[0].text for s in document.sections)
    real = compilation.select(build_site([dict(c.data, sample=False) for c in sample_model.cases],
                                         {c.id: c.source for c in sample_model.cases}))
    plain = docx.Document(io.BytesIO(compilation.book_docx(real)))
    assert not any("示例数据" in p.text for p in plain.paragraphs)
    assert not any("示例数据" in s.header.paragraphs[0].text for s in plain.sections)


def test_cover_carries_title_issuer_and_the_build_date(document, book) -> None:
    cover = [p.text for p in document.paragraphs[:10] if p.text]
    for line in compilation.TITLE_LINES:
        assert line in cover
    assert "河北省工业和信息化厅" in cover
    latest = max(c.updated for c in book.cases if c.updated)
    assert f"{latest.year}年{latest.month}月{latest.day}日" in cover


# -- the same bytes, made once ------------------------------------------------------------------


def test_byte_identical_with_dates_from_the_input(book, content, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert compilation.book_docx(book) == content
    latest = max(c.updated for c in book.cases if c.updated)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert {i.date_time[:3] for i in archive.infolist()} == {(latest.year, latest.month, latest.day)}
        core = archive.read("docProps/core.xml").decode()
    assert f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{latest.isoformat()}T00:00:00Z" in core
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = compilation.book_docx(book)
    assert dated == compilation.book_docx(book) != content
    assert "2023年11月14日" in [p.text for p in docx.Document(io.BytesIO(dated)).paragraphs[:10]]


def test_cached_until_its_input_changes(book, sample_model, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    first = compilation.output(book, tmp_path)
    assert len(list(tmp_path.glob("*.docx"))) == 1

    def refuse(_book):
        raise AssertionError("made again although nothing changed")

    monkeypatch.setattr(compilation, "book_docx", refuse)
    assert compilation.output(compilation.select(sample_model), tmp_path).content == first.content
    monkeypatch.undo()
    changed = [dict(c.data) for c in sample_model.cases]
    target = next(d for d in changed if d["status"] in book.statuses)
    target["summary"] = target["summary"] + "（修订）"
    other = compilation.select(build_site(changed, {c.id: c.source for c in sample_model.cases}))
    again = compilation.output(other, tmp_path)
    assert again.content != first.content
    assert len(list(tmp_path.glob("*.docx"))) == 1  # the old book is dropped


# -- Markdown as Word formatting ----------------------------------------------------------------

RICH = """第一行接着
第二行，English words
continue here。**加粗**、*倾斜*、`code` 和 [链接文字](https://www.hebei.gov.cn/)。

- 要点一
- 要点二
    1. 子项甲
    2. 子项乙

1. 第一步
2. 第二步

中间一段。

3. 另一个列表
4. 继续

> 引用的一段话

# 小标题

| 指标 | 数值 |
| --- | ---: |
| 产值 | 12 |

<b>不是粗体</b>
"""


@pytest.fixture(scope="module")
def rich() -> docx.Document:
    data = {"id": "jia", "county": "甲县", "city": schema.CITIES[0], "batch": 2019, "status": "示范标杆",
            "summary": "一句话。", "sample": True,
            "experiences": [{"title": "格式", "system": schema.SYSTEMS[1], "body": RICH},
                            {"title": "第二条", "body": "1. 重新\n2. 开始"}]}
    site = build_site([data], {"jia": "cases/jia.yaml"})
    return docx.Document(io.BytesIO(compilation.book_docx(compilation.select(site))))


def _paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_markdown_becomes_word_formatting(rich) -> None:
    first = _paragraph(rich, "第一行")
    assert first.text.startswith("第一行接着第二行，English words continue here。加粗、倾斜、code 和 链接文字（https://www.hebei.gov.cn/）。")
    runs = {r.text: r for r in first.runs}
    assert runs["加粗"].bold and runs["倾斜"].italic
    assert runs["code"]._element.rPr.rFonts.get(qn("w:ascii")) == "Courier New"
    assert "不是粗体" in _paragraph(rich, "<b>").text  # raw HTML is text, as on the site
    assert _paragraph(rich, "引用").style.name == "引文"
    assert _paragraph(rich, "小标题").style.name == "Heading 4"
    table = next(t for t in rich.tables if t.rows[0].cells[0].text == "指标")
    assert [[c.text for c in r.cells] for r in table.rows] == [["指标", "数值"], ["产值", "12"]]


def _numbering(paragraph) -> tuple[int, int] | None:
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    if num_pr is None:
        return None
    return num_pr.ilvl.val, num_pr.numId.val


def test_lists_are_word_lists_and_each_numbered_list_starts_at_one(rich) -> None:
    items = {p.text: _numbering(p) for p in rich.paragraphs if _numbering(p)}
    assert set(items) == {"要点一", "要点二", "子项甲", "子项乙", "第一步", "第二步", "另一个列表", "继续",
                          "重新", "开始"}
    assert all(p.style.name == wordtext.LIST for p in rich.paragraphs if _numbering(p))
    assert items["要点一"] == items["要点二"] and items["要点一"][0] == 0
    assert items["子项甲"][0] == 1 == items["子项乙"][0]
    numbering = rich.part.numbering_part.element

    def number_format(num_id: int, level: int) -> str:
        num = numbering.num_having_numId(num_id)
        abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val))
        lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(level))
        return lvl.find(qn("w:numFmt")).get(qn("w:val"))

    assert number_format(items["要点一"][1], 0) == "bullet"
    assert number_format(items["第一步"][1], 0) == "decimal"
    restarted = {items[k][1] for k in ("第一步", "另一个列表", "重新")}
    assert len(restarted) == 3  # three lists, three numberings
    for num_id in restarted:
        override = numbering.num_having_numId(num_id).find(qn("w:lvlOverride"))
        assert override.find(qn("w:startOverride")).get(qn("w:val")) == "1"
    html = mammoth.convert_to_html(io.BytesIO(_saved(rich))).value
    assert re.search(r"<ul><li>要点一</li><li>要点二<ol><li>子项甲</li><li>子项乙</li></ol></li></ul>", html)
    assert "<ol><li>第一步</li><li>第二步</li></ol>" in html


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_experiences_without_a_system_get_their_own_chapter(rich) -> None:
    chapters = _headings(rich, 1)
    number = compilation.chinese_number(len(schema.SYSTEMS) + 1)
    assert chapters[-2] == f"第{number}章　{compilation.OTHER_CHAPTER}"
    assert "（一）第二条" in _headings(rich, 3)


@pytest.mark.parametrize("number, shown", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"),
                                           (105, "一百零五"), (110, "一百一十"), (300, "三百"),
                                           (1001, "一千零一")])
def test_chinese_numbers(number: int, shown: str) -> None:
    assert compilation.chinese_number(number) == shown


# -- the setting in mkdocs.yml ----------------------------------------------------------------


def test_settings_default_and_validation(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://example.org/zt/sfx\nextra:\n  pagefind: true\n"
                      "  compilation:\n    statuses: [示范标杆, 验收通过]\nmarkdown_extensions:\n"
                      "  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                      "watch: !ENV [WATCH, cases]\n", "utf-8")
    read = settings.read(config)
    assert read == settings.Settings(("验收通过", "示范标杆"), "https://example.org/zt/sfx/")
    assert settings.from_config({}, None, config) == settings.Settings()
    config.write_text("site_name: x\nextra:\n  compilation:\n    statuses:\n      - 验收通过\n      - 验收\n"
                      "    chapters: 4\n", "utf-8")
    with pytest.raises(SettingsErrors) as raised:
        settings.read(config)
    messages = [str(p) for p in raised.value.problems]
    assert messages == [
        "mkdocs.yml:6: extra.compilation.statuses[1]（典型经验汇编收录的创建状态）应为以下之一："
        "创建中、中期评估通过、限期整改、验收通过、示范标杆、已取消，实际为 \"验收\"",
        "mkdocs.yml:7: extra.compilation.chapters 不是典型经验汇编的设置项："
        "只能设置 statuses（收录的创建状态）",
    ]
    for extra, message in (({"compilation": {"statuses": "验收通过"}}, "应为创建状态的列表"),
                           ({"compilation": ["验收通过"]}, "应为映射")):
        with pytest.raises(SettingsErrors, match=message):
            settings.from_config(extra, None, config)
    with pytest.raises(SettingsErrors, match="site_url（网站地址）应为以 http"):
        settings.from_config({}, "example.org", config)


def test_render_without_mkdocs_honours_the_setting(tmp_path: Path) -> None:
    from generator.__main__ import main
    from tests.sitebuild import copy_project

    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    source = config.read_text("utf-8")
    config.write_text(source.replace("statuses: [验收通过, 示范标杆]", "statuses: [创建中]"), "utf-8")
    assert main(["--root", str(root), "render", "--out", str(tmp_path / "out")]) == 0
    made = docx.Document(tmp_path / "out" / compilation.PATH)
    counties = _headings(made, 2)
    checked = generate(Project(root), settings.read(config))
    assert all(c.status == "创建中" for c in checked.site.cases if any(c.county in h for h in counties))
    assert "“创建中”" in (tmp_path / "out" / "downloads.md").read_text("utf-8")
    config.write_text(config.read_text("utf-8").replace("statuses: [创建中]", "statuses: [已验收]"), "utf-8")
    assert main(["--root", str(root), "render", "--out", str(tmp_path / "out2")]) == 1
    assert not (tmp_path / "out2").exists()


def test_a_wrong_setting_stops_the_mkdocs_build_with_its_line(tmp_path: Path) -> None:
    from tests.sitebuild import build, copy_project

    root = copy_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    source = config.read_text("utf-8")
    config.write_text(source.replace("statuses: [验收通过, 示范标杆]", "statuses: [验收通过, 标杆]"), "utf-8")
    line = next(n for n, text in enumerate(source.splitlines(), start=1) if "statuses:" in text)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("上一次的网站", "utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    expected = f"mkdocs.yml:{line}: extra.compilation.statuses[1]（典型经验汇编收录的创建状态）应为以下之一："
    assert expected in result.stderr
    assert (tmp_path / "site" / "index.html").read_text("utf-8") == "上一次的网站"


# -- LibreOffice ---------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) not installed: apt-get install libreoffice-writer")
def test_libreoffice_prints_it_with_sample_marks_on_every_page(content: bytes, tmp_path: Path) -> None:
    import pypdf

    source = tmp_path / "huibian.docx"
    source.write_bytes(content)
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower()
    pdf = pypdf.PdfReader(tmp_path / "huibian.pdf")
    pages = [page.extract_text() for page in pdf.pages]
    assert len(pages) >= 6
    assert all("示例数据" in page for page in pages)
    assert "目" in pages[1] and "第一章" in pages[1]
    assert [str(n) for n in range(1, len(pages))] == [
        re.findall(r"—\s*(\d+)\s*—", page)[-1] for page in pages[1:]]  # page numbers from the 目录 on
