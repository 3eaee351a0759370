"""The notice's text as extracted from its scan, and the corrections the site makes to it.

The only text of 冀工信明传〔2018〕118号 the project has is an extraction from a scan
(``tests/fixtures/notice-seed.txt``, a copy of ``../shared/seed/``). 通知全文 (docs/notice.md)
shows it character for character except for the extraction's artifacts corrected here,
each by one small function. The page's closing note lists :data:`CORRECTIONS` by their
``note``, word for word (tests/test_notice_text.py checks the note against this list, and
the page against the corrected seed). Two of them concern the annex's labels, and so the
downloadable forms too: :func:`remove_spaces_between_han_and_latin` and
:func:`full_width_brackets`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"

PAGE_BREAKS: tuple[tuple[str, str], ...] = (
    ("解", "剖麻雀"),
    ("突出，", "在规模以上"),
    ("工", "作机制"),
    ("核心", "企业"),
)
"""Where a page break of the scan cut a sentence: (end of one page, start of the next)."""

_HEADING_MARK = re.compile(r"^#+[ \t]+", re.M)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ESCAPE = re.compile(r"\\([_*#\\\[\]])")
_SPACE_HAN_LATIN = re.compile(rf"(?<=[{_HAN}]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=[{_HAN}])")
_SPACE_BEFORE_BRACKET = re.compile(r" +(?=\()")


def strip_extraction_markup(text: str) -> str:
    """``#### **四、保障措施**`` → ``四、保障措施``; ``\\_`` → ``_``."""
    text = _HEADING_MARK.sub("", text)
    text = _BOLD.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def join_page_breaks(text: str) -> str:
    """``解\\n\\n剖麻雀`` → ``解剖麻雀``, for each of :data:`PAGE_BREAKS` (each must occur once)."""
    for end, start in PAGE_BREAKS:
        pattern = re.compile(re.escape(end) + r"[ \t]*\n\s*\n[ \t]*" + re.escape(start))
        text, count = pattern.subn(end + start, text)
        if count != 1:
            raise ValueError(f"page break {end}/{start} found {count} times")
    return text


def remove_spaces_between_han_and_latin(text: str) -> str:
    """``地区 GDP`` → ``地区GDP``; ``附表 1`` → ``附表1``."""
    return _SPACE_HAN_LATIN.sub("", text)


def full_width_brackets(text: str) -> str:
    """``研发投入 (万元)`` → ``研发投入（万元）``, as the rest of the notice writes brackets."""
    return _SPACE_BEFORE_BRACKET.sub("", text).replace("(", "（").replace(")", "）")


@dataclass(frozen=True)
class Correction:
    apply: Callable[[str], str]
    note: str
    """The item of 通知全文's closing note that names this correction (plain text)."""


CORRECTIONS: tuple[Correction, ...] = (
    Correction(strip_extraction_markup,
               "去掉了文字提取时留下的排版符号：标题前的“#”、部分标题两侧的“**”和下划线前的“\\”；"
               "标题的层级按通知的结构排列。"),
    Correction(join_page_breaks,
               "接上了被分页断开的四个句子：“解／剖麻雀”“突出，／在规模以上”“工／作机制”“核心／企业”。"),
    Correction(remove_spaces_between_han_and_latin,
               "删去了汉字与字母、数字之间多出的空格，如“地区 GDP”改为“地区GDP”，“附表 1”改为“附表1”。"),
    Correction(full_width_brackets,
               "附表中的半角圆括号改为全角，与通知其他部分一致，括号前多出的空格一并删去，"
               "如“销售收入(万元)”改为“销售收入（万元）”，“研发投入 (万元)”改为“研发投入（万元）”。"),
)
"""The corrections 通知全文 makes to the extracted text, in the order they are applied."""


def corrected(text: str) -> str:
    """The extracted text with every correction applied."""
    for correction in CORRECTIONS:
        text = correction.apply(text)
    return text
