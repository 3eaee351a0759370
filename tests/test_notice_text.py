"""通知全文 as a reader sees it (the built page) is the notice, character for character.

The seed (tests/fixtures/notice-seed.txt) is the notice 冀工信明传〔2018〕118号 as extracted
from a scan. The page must show exactly its text after the corrections of
generator/site/notice_text.py, nothing added and nothing dropped; only the page's apparatus
(the 文件信息 table and the closing 说明, marked ``notice-apparatus``) is the site's own.
Whitespace is compared as a reader sees it: where the seed has a space, a line break or a
cell boundary, the page has one too, and nowhere else.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from generator.site import notice_text
from generator.site.notice_text import CORRECTIONS, PAGE_BREAKS, corrected
from tests import pagetext
from tests.pagetext import has_class

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "tests" / "fixtures" / "notice-seed.txt").read_text("utf-8")
SHARED_SEED = ROOT.parent / "shared" / "seed"

META = [
    ("发文形式", "内部明电"),
    ("等级", "未标注"),
    ("文号", "冀工信明传〔2018〕118号"),
    ("发文机关", "河北省工业和信息化厅"),
    ("成文日期", "2018年8月24日"),
    ("主送", "各市（含定州、辛集市）工业和信息化局"),
    ("发往", "（见主送）"),
]
"""The 文件信息 table: the document's own fields, in this order."""


@pytest.fixture(scope="module")
def notice(sample_site_dir: Path):
    return pagetext.page(sample_site_dir, "notice")


def apparatus(element) -> bool:
    return has_class(element, "notice-apparatus")


def _diff(expected: list[str], actual: list[str]) -> str:
    lines = difflib.unified_diff(expected, actual, "seed (corrected)", "page", n=2, lineterm="")
    return "\n".join(list(lines)[:80])


def test_fixture_is_the_shared_seed() -> None:
    shared = sorted(SHARED_SEED.glob("*.txt")) if SHARED_SEED.is_dir() else []
    if not shared:
        pytest.skip("../shared/seed/ is not beside this checkout")
    assert [p.read_text("utf-8") for p in shared] == [SEED]


def test_page_shows_the_seed_word_for_word(notice) -> None:
    expected = pagetext.words(corrected(SEED))
    actual = pagetext.words(pagetext.text(notice, skip=apparatus))
    assert actual == expected, "通知全文 differs from the corrected seed:\n" + _diff(expected, actual)


def test_page_differs_from_the_uncorrected_seed_only_by_the_corrections(notice) -> None:
    """Each listed correction is needed: without it, the page would not match."""
    actual = pagetext.words(pagetext.text(notice, skip=apparatus))
    for skipped in CORRECTIONS:
        text = SEED
        for correction in CORRECTIONS:
            if correction is not skipped:
                text = correction.apply(text)
        assert pagetext.words(text) != actual, f"{skipped.apply.__name__} changes nothing"


def test_corrections_do_what_they_say() -> None:
    assert notice_text.strip_extraction_markup("#### **四、保障措施**\n申报单位：\\_\\_") \
        == "四、保障措施\n申报单位：__"
    assert notice_text.join_page_breaks(SEED).count("解剖麻雀") == 1
    assert notice_text.remove_spaces_between_han_and_latin("地区 GDP（万元）、附表 1、王利强 孙宇飞") \
        == "地区GDP（万元）、附表1、王利强 孙宇飞"
    assert notice_text.full_width_brackets("研发投入 (万元)\t销售收入(万元)") \
        == "研发投入（万元）\t销售收入（万元）"
    with pytest.raises(ValueError, match="解/剖麻雀"):
        notice_text.join_page_breaks("利于通过“解剖麻雀”")
    fixed = corrected(SEED)
    for end, start in PAGE_BREAKS:
        assert end + start in fixed
    for artifact in ("\\_", "**", "# ", "GDP ", " GDP", "附表 1", "(", ")"):
        assert artifact not in fixed, artifact


def test_note_lists_every_correction_and_nothing_else(notice) -> None:
    note = notice.xpath(".//*[contains(concat(' ', @class, ' '), ' notice-note ')]")
    assert len(note) == 1
    items = [pagetext.text(li).strip() for li in note[0].xpath(".//li")]
    assert items == [c.note for c in CORRECTIONS]
    assert "仅修正了分页造成的断行" not in pagetext.text(notice)


def test_metadata_as_the_document_gives_it(notice) -> None:
    table = notice.xpath(".//*[contains(concat(' ', @class, ' '), ' notice-apparatus ')]//table")[0]
    rows = [(pagetext.text(tr.xpath("./th")[0]).strip(), pagetext.text(tr.xpath("./td")[0]).strip())
            for tr in table.xpath(".//tr")]
    assert rows == META
    fixed = corrected(SEED)
    for label, value in rows:
        if label == "等级":
            assert "等级：\n" in fixed  # the document leaves it blank
        else:
            assert value in fixed, (label, value)
    # The document's own header lines are on the page as it writes them.
    header = notice.xpath(".//*[contains(concat(' ', @class, ' '), ' notice-header ')]")[0]
    assert pagetext.words(pagetext.text(header)) \
        == ["内部明电", "发往：（见主送）", "等级：", "冀工信明传〔2018〕118号"]


def _seed_tables() -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in corrected(SEED).splitlines() + [""]:
        if "\t" in line:
            current.append([cell.strip() for cell in line.split("\t")])
        elif current:
            tables.append(current)
            current = []
    return tables


def _grid(table) -> list[list[str]]:
    """The table's cells on a grid: a merged cell's text at its top left, '' where it spans."""
    cells: dict[tuple[int, int], str] = {}
    rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.xpath("./th|./td"):
            while (r, c) in cells:
                c += 1
            span_r, span_c = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for dr in range(span_r):
                for dc in range(span_c):
                    cells[(r + dr, c + dc)] = ""
            cells[(r, c)] = " ".join(pagetext.words(pagetext.text(cell)))
            c += span_c
    width = 1 + max(c for _, c in cells)
    return [[cells.get((r, c), "") for c in range(width)] for r in range(len(rows))]


def test_annex_tables_are_the_notices_grid(notice) -> None:
    """Same rows, same columns, every label in its cell: no header row or column added."""
    tables = notice.xpath(".//*[contains(concat(' ', @class, ' '), ' notice-form ')]//table")
    assert [_grid(t) for t in tables] == _seed_tables()


def test_every_paragraph_of_the_notice_can_be_linked_to(notice) -> None:
    """Each paragraph and heading of the notice carries an id (the guide and FAQ link to them)."""
    missing = []
    for element in notice.xpath(".//p|.//h1|.//h2|.//h3|.//h4"):
        ancestors = [element, *element.iterancestors()]
        if any(apparatus(a) or has_class(a, "notice-header") for a in ancestors):
            continue
        if not element.get("id"):
            missing.append(pagetext.text(element).strip()[:20])
    assert not missing, missing


def test_no_emphasis_added_to_the_notice(notice) -> None:
    """The notice's text carries no bold or italics of the site's making (lead-ins, headings)."""
    added = [pagetext.text(e).strip() for e in notice.xpath(".//strong|.//b|.//em|.//i|.//mark")
             if not any(apparatus(a) for a in e.iterancestors())]
    assert not added, added
