"""The Word and Excel downloads: they open, hold what they should, never run case text, never change."""

from __future__ import annotations

import datetime as dt
import html as html_module
import html.parser as html_parser
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

from generator.build.pipeline import Project, check
from generator.forms import layouts as forms
from generator.forms import office, submission
from generator.site import downloads, opendata
from generator.site.text import file_size
from tests.notice_seed import annexes
from tests.sitebuild import ROOT

XLSX = [d.path for d in forms.TEMPLATES if d.path.endswith(".xlsx")]
DOCX = [d.path for d in forms.TEMPLATES if d.path.endswith(".docx")]


def _cases(folder: Path | None = None) -> list:
    checked = check(Project(ROOT, cases=folder))
    assert checked.site is not None
    return checked.site.cases


ALL_CASES = _cases() + _cases(ROOT / "tests" / "fixtures" / "golden" / "cases")


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


# -- the notice's forms, as every reader sees them ---------------------------------------------

ANNEX = annexes()
ADDED = "不属于通知附表"
"""How the site marks what it adds to the notice's form (the county line, the instructions)."""


def _plain(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _openpyxl_lines(content: bytes, sheet: str) -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(content))[sheet]
    rows = ([_plain(v) for v in row if _plain(v)] for row in ws.iter_rows(values_only=True))
    return [row for row in rows if row]


def _calamine_lines(content: bytes, sheet: str) -> list[list]:
    grid = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name(sheet).to_python()
    rows = ([_plain(v) for v in row if _plain(v)] for row in grid)
    return [row for row in rows if row]


def _python_docx_lines(content: bytes) -> list[list]:
    document = docx.Document(io.BytesIO(content))
    lines: list[list] = []
    for child in document.element.body.iterchildren():
        if child.tag == docx.oxml.ns.qn("w:p"):
            lines.append([docx.text.paragraph.Paragraph(child, document).text])
        elif child.tag == docx.oxml.ns.qn("w:tbl"):
            table = docx.table.Table(child, document)
            for tr in child.tr_lst:
                # a cell merged across columns is one tc; one merged down rows is its first row's tc
                lines.append([docx.table._Cell(tc, table).text for tc in tr.tc_lst  # noqa: SLF001
                              if tc.vMerge != "continue"])
    return [[_plain(v) for v in line if _plain(v)] for line in lines if any(_plain(v) for v in line)]


class _Rows(html_parser.HTMLParser):
    """Paragraphs and table rows of mammoth's HTML, each as the texts of its cells."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[list[str]] = []
        self.text: list[str] | None = None
        self.row: list[str] | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "tr":
            self.row = []
        elif tag in ("td", "th") or (tag == "p" and self.row is None):
            self.text = []

    def handle_endtag(self, tag) -> None:
        if tag in ("td", "th") and self.row is not None and self.text is not None:
            self.row.append("".join(self.text))
            self.text = None
        elif tag == "tr" and self.row is not None:
            self.lines.append(self.row)
            self.row = None
        elif tag == "p" and self.row is None and self.text is not None:
            self.lines.append(["".join(self.text)])
            self.text = None

    def handle_data(self, data) -> None:
        if self.text is not None:
            self.text.append(data)


def _mammoth_lines(content: bytes) -> list[list]:
    result = mammoth.convert_to_html(io.BytesIO(content))
    assert not [m for m in result.messages if m.type == "error"], result.messages
    parser = _Rows()
    parser.feed(result.value)
    return [[_plain(v) for v in line if _plain(v)] for line in parser.lines if any(_plain(v) for v in line)]


def _form_part(lines: list[list], form: forms.Form) -> tuple[list[list], list[list]]:
    """What a sheet adds above the notice's form, and the form from its mark on."""
    start = next(i for i, line in enumerate(lines) if line == [form.name])
    return lines[:start], lines[start:]


def _numbered(line: list) -> bool:
    return bool(re.fullmatch(r"[0-9]+|\.+", line[0]))


def _more_rows(rows: list[list], count: int) -> list[list]:
    """The notice's numbered rows and "....." row for a table holding ``count`` records."""
    numbered = [r for r in rows if r[0] != forms.MORE]
    return [[str(k)] * len(rows[0]) for k in range(1, max(len(numbered), count) + 1)] + \
        [r for r in rows if r[0] == forms.MORE]


def _expected_lines(annex, data: dict) -> list[list]:
    """The seed's form as filled with a case: more numbered rows, one 三 block per 主导产业."""
    innovation = data.get("innovation") or {}
    counts = {
        "主导产业名称": len(data.get("industries") or []),
        "国家级企业技术中心或研发机构": max(len(innovation.get("national_centers") or []),
                                        len(innovation.get("provincial_centers") or [])),
        "政策文件名称": len(data.get("policies") or []),
    }
    seed = annex.lines()
    out, index = seed[:2], 2
    while index < len(seed):
        line = seed[index]
        end = index + 1
        while end < len(seed) and _numbered(seed[end]):
            end += 1
        if line[0].endswith("（表自续）"):  # label, header, rows: once per industry
            label, header = seed[index], seed[index + 1]
            end = index + 2
            while end < len(seed) and _numbered(seed[end]):
                end += 1
            for industry in data.get("industries") or [{}]:
                name = industry.get("name")
                out += [[f"[{name}]（表自续）"] if name else label, header]
                out += _more_rows(seed[index + 2:end], len(industry.get("top_enterprises") or []))
        elif line[0] in counts:
            out += [line] + _more_rows(seed[index + 1:end], counts[line[0]])
        else:
            out.append(line)
            end = index + 1
        index = end
    return out


def _case_values(data: dict) -> tuple[set[str], set[float]]:
    strings: set[str] = set()
    numbers: set[float] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers.add(float(value))
        elif isinstance(value, str):
            strings.add(value.strip())
            strings.update(line.strip() for line in value.split("\n"))

    walk(forms.form_subset(data))
    return strings, numbers


def _is_value(cell, strings: set[str], numbers: set[float]) -> bool:
    """A cell holding a case value, or several (``甲、乙``, ``3.6:56.1:40.3``)."""
    text = cell.strip()
    if text in strings:
        return True
    for token in re.split(r"[、\n:]", text):
        token = token.strip()
        if token not in strings and not (re.fullmatch(r"-?[0-9.]+", token) and float(token) in numbers):
            return False
    return True


def _labels_of(actual: list, expected: list, values: tuple[set[str], set[float]]) -> list:
    """The row's cells that are not the case's values, in order (the labels and row numbers)."""
    labels, want = [], list(expected)
    for cell in actual:
        if want and cell == want[0]:
            labels.append(want.pop(0))
        elif not _is_value(cell, *values):
            labels.append(cell)
    return labels


XLSX_READERS = {"openpyxl": _openpyxl_lines, "calamine": _calamine_lines}
DOCX_READERS = {"python-docx": _python_docx_lines, "mammoth": _mammoth_lines}


@pytest.mark.parametrize("reader", XLSX_READERS)
@pytest.mark.parametrize("path", XLSX)
def test_blank_xlsx_is_the_notices_form(path: str, reader: str, templates: dict[str, bytes]) -> None:
    """Mark, title, sections, rows and every label, in order, character for character."""
    form = _form(path)
    added, drawn = _form_part(XLSX_READERS[reader](templates[path], form.name), form)
    assert drawn == ANNEX[form.name].lines()
    assert ADDED in added[0][0] and len(added) <= 3  # the county line, marked, above the form
    instructions = XLSX_READERS[reader](templates[path], "填表说明")
    assert ADDED in instructions[1][0]


@pytest.mark.parametrize("reader", DOCX_READERS)
@pytest.mark.parametrize("path", [p for p in DOCX if "fubiao" in p])
def test_blank_docx_is_the_notices_form(path: str, reader: str, templates: dict[str, bytes]) -> None:
    form = _form(path)
    assert DOCX_READERS[reader](templates[path]) == ANNEX[form.name].lines()


@pytest.mark.parametrize("reader", XLSX_READERS)
@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_per_case_xlsx_is_the_notices_form_filled_in(case, reader: str) -> None:
    values = _case_values(case.data)
    for form in forms.FORMS:
        added, drawn = _form_part(XLSX_READERS[reader](office.xlsx(form, case.data), form.name), form)
        expected = _expected_lines(ANNEX[form.name], case.data)
        assert len(drawn) == len(expected), form.name
        for actual, wanted in zip(drawn, expected, strict=True):
            assert _labels_of(actual, wanted, values) == wanted, (form.name, actual)
        assert ADDED in added[0][0] and case.county in [_plain(v) for line in added for v in line]


def test_row_numbers_sit_in_the_first_column_of_their_table(templates: dict[str, bytes]) -> None:
    """As in the notice: 附表2's "1" under 政策文件名称, 附表1 四's under 名称 (merged over two cells)."""
    for path in XLSX:
        form = _form(path)
        ws = openpyxl.load_workbook(io.BytesIO(templates[path]))[form.name]
        merged = {r.start_cell.coordinate: r for r in ws.merged_cells.ranges}
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, int) or cell.value == forms.MORE:
                    heading = next(c for c in ws[cell.column_letter][:cell.row - 1][::-1]
                                   if isinstance(c.value, str) and not re.fullmatch(r"[0-9.]+", c.value))
                    assert heading.row < cell.row
                    span = merged[heading.coordinate]
                    assert span.min_col == cell.column < span.max_col, (path, cell.coordinate)


LATIN_ALLOWED = {"GDP", "Word", "Excel"}


@pytest.mark.parametrize("path", XLSX + DOCX)
def test_no_english_a_reader_sees(path: str, templates: dict[str, bytes]) -> None:
    """The text, the sheet names, the input prompts, the footer and the document's title, subject
    and keywords: Chinese, but for the names on the allow-list."""
    seen: list[str] = []
    if path.endswith(".xlsx"):
        wb = openpyxl.load_workbook(io.BytesIO(templates[path]))
        seen += wb.sheetnames
        for ws in wb.worksheets:
            seen += [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
            for validation in ws.data_validations.dataValidation:
                seen += [validation.prompt or "", validation.promptTitle or "", validation.error or "",
                         validation.errorTitle or ""]
            seen.append(re.sub(r"&[A-Z]", "", ws.oddFooter.center.text or ""))
        properties = wb.properties
        seen += [properties.title or "", properties.subject or "", properties.creator or ""]
    else:
        document = docx.Document(io.BytesIO(templates[path]))
        seen += [p.text for p in document.paragraphs]
        seen += [c.text for t in document.tables for r in t.rows for c in r.cells]
        seen += [s.name for s in document.styles if s.element.get(docx.oxml.ns.qn("w:customStyle"))]
        core = document.core_properties
        seen += [core.title, core.subject, core.keywords, core.author]
    words = {w for text in seen for w in re.findall(r"[A-Za-z]+", text)}
    assert words <= LATIN_ALLOWED, words - LATIN_ALLOWED


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


def test_values_are_written_as_the_page_shows_them_and_units_once(cases: list) -> None:
    yunze = next(c for c in cases if c.id == "yunze")
    ws = openpyxl.load_workbook(io.BytesIO(office.xlsx(forms.FUBIAO1, yunze.data)))[forms.FUBIAO1.name]
    formats = {}
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, (int, float)) and cell.number_format != "General":
                formats.setdefault(cell.number_format, cell.value)
    assert "#,##0" in formats and "#,##0.0" in formats  # 45.8 → 45.8, not 4580%
    assert not [f for f in formats if "万" in f or "%" in f or '"' in f]  # the unit is in the label only
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "3.6:56.1:40.3" in texts  # as 填表说明 asks: 8.1:45.3:46.6
    qinglan = next(c for c in cases if c.id == "qinglan")
    assert qinglan.data["overview"]["industry_structure"][2] == 46.0
    ws = openpyxl.load_workbook(io.BytesIO(office.xlsx(forms.FUBIAO1, qinglan.data)))[forms.FUBIAO1.name]
    assert "9.8:44.2:46.0" in [c.value for row in ws.iter_rows() for c in row]  # 46.0, as the page shows it
    blank = openpyxl.load_workbook(io.BytesIO(office.xlsx(forms.FUBIAO1)))[forms.FUBIAO1.name]
    assert blank["C7"].number_format == "General"
    shares = [e["rd_share"] for i in qinglan.data["industries"] for e in i.get("top_enterprises", [])]
    assert 3.0 in shares  # written 3.0 in the case file, shown 3.0 on the page and in the sheet
    cell = next(c for c in ws["F"] if c.value == 3.0)
    assert cell.number_format == "#,##0.0"


def test_instructions_are_for_their_own_form(templates: dict[str, bytes]) -> None:
    one, two = (office.form_instructions(form) for form in forms.FORMS)
    assert any("8.1:45.3:46.6" in line for line in one)
    assert any("[装备制造]（表自续）" in line and "二、主导产业情况" in line for line in one)
    assert any(line.startswith("净利润可以是负数") for line in one)
    text = "".join(two)
    for word in ("比重", "品牌", "园区", "单位", "负数", "产业名称", "表自续", "产能"):
        assert word not in text, word  # nothing copied from 附表1
    assert "附表2" in text and forms.MORE in text
    sheet = openpyxl.load_workbook(io.BytesIO(templates["downloads/fubiao2.xlsx"]))["填表说明"]
    assert [c.value for c in sheet["A"]][2:] == [f"{i}. {line}" for i, line in enumerate(two, start=1)]


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


def test_docx_form_is_one_table_and_fubiao2_repeats_its_header(templates: dict[str, bytes]) -> None:
    def repeated(row) -> bool:
        properties = row._tr.trPr
        return properties is not None and properties.find(docx.oxml.ns.qn("w:tblHeader")) is not None

    for path in ("downloads/fubiao1.docx", "downloads/fubiao2.docx"):
        document = docx.Document(io.BytesIO(templates[path]))
        (table,) = document.tables
        assert [repeated(row) for row in table.rows] == [path.endswith("fubiao2.docx")] + \
            [False] * (len(table.rows) - 1)
        for row in table.rows:  # Word's order: cantSplit, trHeight, tblHeader
            tags = [child.tag.split("}")[1] for child in row._tr.trPr]
            assert tags == sorted(tags, key=["cantSplit", "trHeight", "tblHeader"].index)


@pytest.mark.parametrize("path", DOCX)
def test_docx_language_is_chinese_everywhere(path: str, templates: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(templates[path])) as archive:
        parts = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".xml")}
    found = [(name, tag) for name, xml in parts.items() for tag in re.findall(r"<w:lang [^>]*>", xml)]
    assert found and all('w:val="zh-CN"' in tag and 'w:eastAsia="zh-CN"' in tag for _, tag in found), found
    assert "<w:docDefaults><w:rPrDefault><w:rPr>" in parts["word/styles.xml"]
    assert re.search(r'<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"', parts["word/settings.xml"])
    assert "en-US" not in "".join(parts.values()) and "ja-JP" not in "".join(parts.values())
    assert "<dc:language>zh-CN</dc:language>" in parts["docProps/core.xml"]


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
    assert len(first) == len(forms.TEMPLATES) + 1 + 2 * len(cases) + len(opendata.OPEN_DATA)  # + the ZIP


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
    assert ws["C2"].value == yunze.county and ws["H2"].value == yunze.city
    assert ws["C7"].value == yunze.data["overview"]["gdp"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    for industry in yunze.data["industries"]:
        assert industry["name"] in values and f"[{industry['name']}]（表自续）" in values
        for enterprise in industry["top_enterprises"]:
            assert enterprise["name"] in values and enterprise["net_profit"] in values
    assert ws.print_area == "'附表1'!$A$4:$L$" + str(ws.max_row)  # the county line is not printed


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
    for item in opendata.OPEN_DATA:
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
