"""The notice's forms (附表1, 附表2) as the scanned seed gives them, and its OCR corrections.

The seed (tests/fixtures/notice-seed.txt, a copy of shared/seed/) is the notice
冀工信明传〔2018〕118号 extracted from a scan. Its annex draws each form as a mark
(``附表 1``), a title and a grid: one line a table row, cells separated by tabs,
consecutive tabs for merged or empty cells.

:func:`ocr_corrected` applies to the annex the two corrections of
generator/site/notice_text.py that concern its labels (the 通知全文 page lists them with the
others): spaces the OCR put between Chinese and Latin letters or digits are removed
(``地区 GDP`` → ``地区GDP``, ``主导产业 1 名称`` → ``主导产业1名称``), and half-width round
brackets become full-width, with the space before them (``比重 (%)`` → ``比重（%）``), as
the case format's labels (generator/format/schema.py) write them. Nothing else is changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.site import notice_text

SEED_PATH = Path(__file__).resolve().parent / "fixtures" / "notice-seed.txt"
SEED = SEED_PATH.read_text("utf-8")


def ocr_corrected(text: str) -> str:
    """The seed's text with the annex's two kinds of OCR artifact corrected (see above)."""
    return notice_text.remove_spaces_between_han_and_latin(notice_text.full_width_brackets(text))


@dataclass(frozen=True)
class Annex:
    """One form of the notice: its mark, its title and its table's rows."""

    mark: str
    title: str
    rows: tuple[tuple[str, ...], ...]
    """Every row of the table, cell by cell as the seed has it (corrected; empty cells "")."""

    def lines(self) -> list[list[str]]:
        """The form as a reader sees it, line by line: the mark, the title, each row's filled cells."""
        return [[self.mark], [self.title], *([cell for cell in row if cell] for row in self.rows)]


def annexes() -> dict[str, Annex]:
    """``{"附表1": Annex, "附表2": Annex}`` from the seed's annex."""
    found: dict[str, Annex] = {}
    lines = [line for line in SEED[SEED.index("\n附表 1\n") + 1:].splitlines() if line.strip()]
    mark_lines = [i for i, line in enumerate(lines) if re.fullmatch(r"附表 \d", line.strip())]
    for start, end in zip(mark_lines, [*mark_lines[1:], len(lines)], strict=True):
        mark = ocr_corrected(lines[start].strip())
        title = ocr_corrected(lines[start + 1].lstrip("#").strip())
        rows = tuple(tuple(ocr_corrected(cell.strip()) for cell in line.split("\t"))
                     for line in lines[start + 2:end])
        assert all(len(row) > 1 for row in rows), "every line after the title is a table row"
        found[mark] = Annex(mark, title, rows)
    return found
