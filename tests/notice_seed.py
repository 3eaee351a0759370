"""The notice's forms (附表1, 附表2) as the scanned seed gives them, and its OCR corrections.

The seed (tests/fixtures/notice-seed.txt, a copy of shared/seed/) is the notice
冀工信明传〔2018〕118号 extracted from a scan. Its annex draws each form as a mark
(``附表 1``), a title and a grid: one line a table row, cells separated by tabs,
consecutive tabs for merged or empty cells.

:func:`ocr_corrected` is the one list of corrections made to the seed's text before
it is compared with what the site shows; exactly two kinds, nothing else:

1. **Spaces the OCR put next to Chinese text** are removed: ``地区 GDP`` → ``地区GDP``,
   ``附表 1`` → ``附表1``, ``主导产业 1 名称`` → ``主导产业1名称``, ``比重 (%)`` → ``比重（%）``.
   A space is removed when a Chinese character or full-width sign is on either side of it
   (after the brackets are corrected, so ``] (表自续)`` loses its space too).
2. **Half-width round brackets** ``( )``, which the scan mixes with full-width ones
   (``(万元)`` beside ``（万元）``), become full-width ``（ ）``, as the case format's labels
   (generator/schema.py) write them.

The 通知全文 page lists the same two kinds of correction.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parent / "fixtures" / "notice-seed.txt"
SEED = SEED_PATH.read_text("utf-8")

_SPACES = re.compile(r"[ \t\u3000]+")


def _wide(char: str) -> bool:
    return bool(char) and unicodedata.east_asian_width(char) in "WF"


def ocr_corrected(text: str) -> str:
    """The seed's text with its two kinds of OCR artifact corrected (see the module's docstring)."""
    text = text.replace("(", "（").replace(")", "）")

    def space(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if _wide(before) or _wide(after) else match.group()

    return _SPACES.sub(space, text)


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
