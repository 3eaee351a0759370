"""Slips of a Chinese input method that YAML misreads, found line by line before parsing.

With the input method in Chinese mode, ``county: 某县`` easily becomes ``county：某县``
(a full-width colon), ``county:某县`` (no space) or an indentation of full-width spaces
(U+3000). YAML then reads the whole line as text and reports a missing colon on a later
line. These slips are found here, on their own line, each with what to type instead.

Only lines that are YAML structure are looked at: comments and the lines of a block
text (``body: |``) are the author's Chinese text, where a full-width colon or a
paragraph indent of full-width spaces is right. A colon slip counts only after a key of
the case format (``name：…`` in a list, not ``ISO9001：2015``).

:func:`find` also returns the text with the slips corrected, so that the rest of the
file can still be checked in the same run; the slips themselves are errors.
"""

from __future__ import annotations

import re

from generator.format import schema


def _keys(fld: schema.Field) -> set[str]:
    keys = set()
    for child in fld.fields:
        keys.add(child.key)
        keys |= _keys(child)
    return keys


KEYS = frozenset(_keys(schema.CASE))
"""Every key of the case format, at any level."""

IDEOGRAPHIC_SPACE = "\u3000"

_LEAD = re.compile(r"[ \u3000]*(?:-[ \u3000]+)*")
"""Indentation and list dashes at the start of a line."""
_KEY = re.compile(r"(?P<key>[a-z_]+)(?P<gap>[ \u3000]*)(?P<colon>：|:(?=[^ \t\r\n]))[ \u3000]*")
"""A key followed by a full-width colon, or by a colon without a space after it."""
_BLOCK_HEADER = re.compile(r"(?:[^#\s][^#]*?:[ \t]+)?[|>][1-9]?[+-]?[1-9]?[ \t]*(?:#.*)?")
"""What follows the indentation of a line that opens a block text: ``body: |``, ``- >-``."""
_MAYBE = re.compile(r"[a-z_] *(?:：|:[^ \t\r\n])")
"""Where a colon slip may be; a file without one (and without U+3000) has no slip."""


def _shown(line: str) -> str:
    line = line.strip()
    return line if len(line) <= 40 else line[:40] + "…"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def find(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with its slips corrected, and ``(line, message)`` for each slip."""
    if IDEOGRAPHIC_SPACE not in text and not _MAYBE.search(text):
        return text, []  # the usual case, decided without walking the lines
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    block_parent: int | None = None
    """In a block text: the column of its key; its lines are indented further."""
    block_indent: int | None = None
    for index, raw in enumerate(lines):
        line, end = (raw[:-1], "\r") if raw.endswith("\r") else (raw, "")
        if block_parent is not None:
            indent = _indent(line)
            if not line.strip(" ") or indent > block_parent:
                block_indent = block_indent or (indent if line.strip(" ") else None)
                continue  # a line of a block text: the author's own text
            if line[indent:].startswith(IDEOGRAPHIC_SPACE):
                want = block_indent or block_parent + 2
                found.append((index + 1, "正文这一行的缩进不够：行首的全角空格（U+3000）算作正文文字，"
                                         f"它前面还应有与正文其他行相同的 {want} 个半角空格"))
                lines[index] = " " * want + line[indent:] + end
                continue
            block_parent = block_indent = None
        if line.lstrip(" ").startswith("#") or not line.strip(" "):
            continue
        if not line.strip(" \u3000"):
            found.append((index + 1, "空行中有全角空格（U+3000），YAML 会把它当作文字：请删去这些空格"))
            lines[index] = end
            continue
        lead = _LEAD.match(line).group()  # type: ignore[union-attr]
        rest = line[len(lead):]
        fixed_lead = lead.replace(IDEOGRAPHIC_SPACE, "  ")
        if fixed_lead != lead:
            found.append((index + 1, "行首用了全角空格（U+3000）缩进，YAML 只认半角空格：请改用半角空格缩进"
                                     "（每下一层多缩进两个空格）"))
        key = _KEY.match(rest)
        if key and key.group("key") in KEYS:
            value = rest[key.end():]
            fixed_rest = f"{key.group('key')}: {value}" if value.strip() else f"{key.group('key')}:"
            if key.group("colon") == "：":
                what = f"键 {key.group('key')} 后面是全角冒号“：”，应为半角冒号加一个空格"
            elif rest[key.start("colon") + 1] == IDEOGRAPHIC_SPACE:
                what = f"键 {key.group('key')} 的冒号后是全角空格（U+3000），应为一个半角空格"
            else:
                what = f"键 {key.group('key')} 的冒号后缺少空格，冒号后应有一个半角空格"
            found.append((index + 1, f"{what}，写成“{_shown(fixed_rest)}”"))
            rest = fixed_rest
        if fixed_lead + rest != line:
            lines[index] = fixed_lead + rest + end
        if ("|" in rest or ">" in rest) and _BLOCK_HEADER.fullmatch(rest):
            block_parent = len(fixed_lead) if ":" in rest.split("#")[0] else _indent(fixed_lead)
    if not found:
        return text, []
    return "\n".join(lines), found
