"""The Word and Excel downloads: they open, hold what they should, never run case text, never change."""

from __future__ import annotations

import datetime as dt
import html as html_module
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import docx
import mammoth
import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from generator import downloads, forms, office, opendata, submission
from generator.pipeline import Project, check
from generator.text import file_size
from tests.sitebuild import ROOT

XLSX = [d.path for d in forms.TEMPLATES if d.path.endswith(".xlsx")]
DOCX = [d.path for d in forms.TEMPLATES if d.path.endswith(".docx")]


@pytest.fixture(scope="module")
def templates() -> dict[str, bytes]:
    return downloads.templates()


@pytest.fixture(scope="module")
def cases() -> list:
    checked = check(Project(ROOT))
    assert checked.site is not None
    return checked.site.cases


@pytest.fixture(scope="module")
def tricky() -> dict:
    checked = check(Project(ROOT, cases=ROOT / "tests" / "fixtures" / "golden" / "cases"))
    assert checked.site is not None
    return next(c for c in checked.site.cases if c.id == "tricky").data


def _form(path: str) -> forms.Form:
    return forms.FUBIAO1 if "fubiao1" in path else forms.FUBIAO2


def _texts(rows) -> set[str]:
    return {forms.normalize(v) for row in rows for v in row if isinstance(v, str) and v.strip()}


# -- opening -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", XLSX)
def test_xlsx_template_opens_with_openpyxl_and_calamine(path: str, templates: dict[str, bytes]) -> None:
    form = _form(path)
    wb = openpyxl.load_workbook(io.BytesIO(templates[path]))
    assert wb.sheetnames == [form.name, "填表说明"]
    ws = wb[form.name]
    written = _texts(ws.iter_rows(values_only=True))
    second = CalamineWorkbook.from_filelike(io.BytesIO(templates[path]))
    other = second.get_sheet_by_name(form.name).to_python()
    read = _texts(other)
    for label in form.labels():
        assert forms.normalize(label) in written, label
        assert forms.normalize(label) in read, label


@pytest.mark.parametrize("path", DOCX)
def test_docx_template_opens_with_python_docx_and_mammoth(path: str, templates: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(templates[path]))
    text = forms.normalize("".join(p.text for p in document.paragraphs) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells))
    result = mammoth.convert_to_html(io.BytesIO(templates[path]))
    assert not [m for m in result.messages if m.type == "error"]
    html = forms.normalize(re.sub(r"<[^>]+>", "", result.value))
    expected: list[str] = []
    if "fubiao" in path:
        expected = _form(path).labels()
    elif "fengmian" in path:
        expected = [*forms.COVER_TITLE, forms.COVER_NAME, forms.COVER_ISSUER,
                    "申报单位", "填报日期", "加盖政府公章"]
    else:
        expected = [forms.OUTLINE_TITLE] + [h for h, _ in forms.OUTLINE] + [g for _, g in forms.OUTLINE if g]
    for label in expected:
        assert forms.normalize(label) in text, label
        assert forms.normalize(label) in html, label


def test_outline_chapters_use_word_heading_styles(templates: dict[str, bytes]) -> None:
    data = templates["downloads/shishi-fangan-dagang.docx"]
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [h for h, _ in forms.OUTLINE]
    html = mammoth.convert_to_html(io.BytesIO(data)).value
    assert re.findall(r"<h1>(.*?)</h1>", html) == headings  # a second reader sees level-1 headings


# -- how they look on paper ----------------------------------------------------------------


@pytest.mark.parametrize("path", XLSX)
def test_xlsx_is_a4_with_chinese_fonts_borders_and_repeated_headers(path: str,
                                                                    templates: dict[str, bytes]) -> None:
    form = _form(path)
    ws = openpyxl.load_workbook(io.BytesIO(templates[path]))[form.name]
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows, "header rows are repeated on every printed page"
    letters = [openpyxl.utils.get_column_letter(i + 1) for i in range(form.columns)]
    widths = [ws.column_dimensions[letter].width for letter in letters]
    assert widths == list(form.widths)
    fonts = {cell.font.name for row in ws.iter_rows(max_col=form.columns) for cell in row
             if cell.value is not None}
    assert fonts <= {office.SONG, office.HEI}
    table = form.tables()[0]
    headings = table.headings()
    row = next(r for r in range(1, ws.max_row + 1)
               if ws.cell(row=r, column=table.columns[1].span[0]).value == headings[1])
    cell = ws.cell(row=row + 1, column=table.columns[1].span[0])
    assert all(getattr(cell.border, side).style == "thin" for side in ("left", "right", "top", "bottom"))


def test_number_cells_carry_their_units(cases: list) -> None:
    yunze = next(c for c in cases if c.id == "yunze")
    ws = openpyxl.load_workbook(io.BytesIO(office.xlsx(forms.FUBIAO1, yunze.data)))[forms.FUBIAO1.name]
    formats = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float)) and cell.column > 1:
                formats.setdefault(cell.number_format, cell.value)
    assert '#,##0"万元"' in formats
    assert any(f.endswith('"%"') and "0.0" in f for f in formats)  # 45.8 → 45.8%, not 4580%
    assert '#,##0"家"' in formats
    blank = openpyxl.load_workbook(io.BytesIO(office.xlsx(forms.FUBIAO1)))[forms.FUBIAO1.name]
    assert blank["C5"].number_format == 'General"万元"'


@pytest.mark.parametrize("path", DOCX)
def test_docx_is_a4_with_chinese_fonts(path: str, templates: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(templates[path]))
    section = document.sections[0]
    sizes = sorted([round(section.page_width.cm, 1), round(section.page_height.cm, 1)])
    assert sizes == [21.0, 29.7]
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(docx.oxml.ns.qn("w:eastAsia")) in (office.SONG, office.FANGSONG)
    for table in document.tables:
        assert table.style.name == "Table Grid"  # every cell bordered


def test_docx_form_tables_repeat_their_header_rows(templates: dict[str, bytes]) -> None:
    document = docx.Document(io.BytesIO(templates["downloads/fubiao1.docx"]))
    def repeated(table) -> bool:
        properties = table.rows[0]._tr.trPr
        return properties is not None and properties.find(docx.oxml.ns.qn("w:tblHeader")) is not None

    headed = [t for t in document.tables if repeated(t)]
    assert len(headed) == len(forms.FUBIAO1.tables()) - 1 + forms.ENTERPRISE_BLOCKS.blank_blocks


# -- case text is never a formula ---------------------------------------------------------


def test_text_that_looks_like_a_formula_is_written_as_text(tricky: dict) -> None:
    data = dict(tricky)
    data["policies"] = [
        {"title": "=HYPERLINK(\"http://evil\",\"点我\")", "points": "+1+2", "period": "-2019"},
        {"title": "@SUM(A1)", "points": "\t=1", "period": "\r=2"},
        {"title": "=cmd|' /C calc'!A0"},
        {"title": "控制字符\x01在此"},
    ]
    content = office.xlsx(forms.FUBIAO2, data)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    ws = openpyxl.load_workbook(io.BytesIO(content))[forms.FUBIAO2.name]
    values = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ("=HYPERLINK(\"http://evil\",\"点我\")", "+1+2", "-2019", "@SUM(A1)", "\t=1",
                 "=cmd|' /C calc'!A0"):
        assert text in values, text
        assert values[text].data_type == "s" and values[text].quotePrefix
    assert "控制字符\ufffd在此" in values
    read = _texts(CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name("附表2").to_python())
    assert forms.normalize("=cmd|' /C calc'!A0") in read
    # the enterprise named "-某企业" in the tricky case stays text too
    ws1 = openpyxl.load_workbook(io.BytesIO(office.xlsx(forms.FUBIAO1, tricky)))[forms.FUBIAO1.name]
    cell = next(c for row in ws1.iter_rows() for c in row if c.value == "-某企业")
    assert cell.data_type == "s"


def test_docx_survives_control_characters(tricky: dict) -> None:
    data = dict(tricky, county="某县\x0b", policies=[{"title": "标题\x00"}])
    document = docx.Document(io.BytesIO(office.form_docx(forms.FUBIAO2, data)))
    assert "标题\ufffd" in [c.text for t in document.tables for r in t.rows for c in r.cells]


# -- the same input, the same bytes ---------------------------------------------------------


def test_every_file_is_byte_identical_on_a_rebuild(cases: list, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    site = check(Project(ROOT)).site
    first = {o.path: o.content for o in downloads.files(site)}
    second = {o.path: o.content for o in downloads.files(check(Project(ROOT)).site)}
    assert first == second
    assert len(first) == len(forms.TEMPLATES) + 1 + 2 * len(cases) + len(forms.OPEN_DATA)  # + the ZIP


@pytest.mark.parametrize("path", XLSX + DOCX)
def test_zip_entries_and_document_dates_are_fixed(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    content = downloads.templates()[path]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        core = archive.read("docProps/core.xml").decode()
    assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
    assert {i.date_time for i in infos} == {(2018, 8, 24, 0, 0, 0)}
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]+)<", core) == ["2018-08-24T00:00:00Z"] * 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = downloads.templates()[path]
    with zipfile.ZipFile(io.BytesIO(again)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert office.document_date() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


def test_per_case_xlsx_holds_its_case(cases: list) -> None:
    yunze = next(c for c in cases if c.id == "yunze")
    ws = openpyxl.load_workbook(io.BytesIO(office.xlsx(forms.FUBIAO1, yunze.data)))[forms.FUBIAO1.name]
    assert ws["C3"].value == yunze.county and ws["H3"].value == yunze.city
    assert ws["C5"].value == yunze.data["overview"]["gdp"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    for industry in yunze.data["industries"]:
        assert industry["name"] in values
        for enterprise in industry["top_enterprises"]:
            assert enterprise["name"] in values and enterprise["net_profit"] in values


# -- LibreOffice ------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) not installed: apt-get install libreoffice-core "
                           "libreoffice-writer libreoffice-calc")
def test_every_download_opens_in_libreoffice(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_office_files.py")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "全部在 LibreOffice 中打开" in result.stdout
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    broken = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_office_files.py"), str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert broken.returncode == 1, broken.stdout + broken.stderr


# -- what a reader sees on the site ------------------------------------------------------------


@pytest.fixture(scope="module")
def site(sample_site_dir: Path) -> Path:
    return sample_site_dir


def _links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a[^>]*href="([^"#]+)"[^>]*>(.*?)</a>', html)


def test_downloads_page_lists_every_file_with_format_and_size(site: Path, cases: list) -> None:
    page = site / "downloads" / "index.html"
    html = page.read_text("utf-8")
    text = html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    # Each template: one line under its part of the 申报书: title, format, size, description.
    lines = [html_module.unescape(re.sub(r"<[^>]+>", "", line)).strip()
             for line in re.findall(r"<(?:li|p)>(.*?)</(?:li|p)>", html, re.S)]
    for item in forms.TEMPLATES:
        target = site / item.path
        assert target.is_file(), item.path
        shown = f"{item.title}（{item.format}，{file_size(target.stat().st_size)}）：{item.description}"
        assert any(line.endswith(shown) for line in lines), shown
        assert f'href="{Path(item.path).name}"' in html, item.path
    for item in forms.OPEN_DATA:
        target = site / item.path
        assert target.is_file(), item.path
        row = next(r for r in rows if f'href="{Path(item.path).name}"' in r or f'href="../{item.path}"' in r)
        cells = [html_module.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                 for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        assert cells[0] == item.title
        assert cells[1] == item.format
        assert cells[2] == file_size(target.stat().st_size)
        assert cells[3] == item.description
    zipped = submission.ALL_IN_ONE
    assert (site / zipped.path).is_file() and f'href="{Path(zipped.path).name}"' in html
    for case in cases:
        for item in forms.case_downloads(case.id):
            assert (site / item.path).is_file()
            assert f'href="../{item.path}"' in html
    assert "数据字典" in text
    for href, _ in _links(html):
        if not href.startswith(("http:", "https:", "mailto:")):
            assert (page.parent / unquote(href)).resolve().exists(), href


def test_case_page_links_its_forms(site: Path, cases: list, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # as tests.sitebuild.build sets it
    for case in cases:
        page = site / "cases" / case.id / "index.html"
        html = page.read_text("utf-8")
        assert 'id="downloads"' in html
        for item, form in zip(forms.case_downloads(case.id), forms.FORMS, strict=False):
            name = Path(item.path).name
            assert re.search(rf'<a download="{re.escape(item.save_as)}" href="{name}">', html), name
            # the published file is exactly what this process makes from the case: same bytes
            assert (page.parent / name).read_bytes() == office.xlsx(form, case.data)


def test_home_points_to_the_downloads_page(site: Path) -> None:
    html = (site / "index.html").read_text("utf-8")
    assert re.search(r'href="downloads/"[^>]*>模板下载', html)


def test_data_dictionary_page_lists_every_field(site: Path) -> None:
    html = html_module.unescape((site / "data-dictionary" / "index.html").read_text("utf-8"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for group in forms.dictionary():
        for entry in group.entries:
            assert f"<code>{entry.path}</code>" in html, entry.path
            assert entry.field.label in text
    assert "地区GDP" in text and "万元" in text and "附表1 一、总体情况" in text
    for column in opendata.CSV_COLUMNS:
        assert column.header in text
