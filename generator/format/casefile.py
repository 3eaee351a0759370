"""A new case file with every key of the format, written from the format's definition.

Required keys are filled; every optional key is present as a comment that names
its label and unit, so a person can uncomment what the county has. Removing the
leading ``# `` of a block gives valid YAML (empty values count as not filled).
"""

from __future__ import annotations

import json

from generator.format import load, schema
from generator.format.schema import Field

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/case.schema.json"
COMMENT_COLUMN = 34

PLACEHOLDER_SUMMARY = "（待填写）用一句话概括本县最值得推广的经验，300 字以内。"

OPTIONS = {"id": "--id", "county": "--county", "city": "--city", "batch": "--batch",
           "status": "--status", "summary": "--summary"}
"""The options of ``new`` and ``import`` that give a key's value, to name them in a message."""


def describe(fld: Field) -> str:
    """The comment on a key: label, unit, what it accepts."""
    parts = [fld.heading]
    if fld.required:
        parts.append("必填")
    if fld.type.hint(fld):
        parts.append(fld.type.hint(fld))
    if fld.max_items:
        parts.append(f"最多 {fld.max_items} 项")
    if fld.max_chars:
        parts.append(f"最多 {fld.max_chars} 字")
    if fld.doc:
        parts.append(fld.doc)
    return "；".join(parts)


def comment_line(text: str, comment: str) -> str:
    """``text`` with ``comment`` after it in the comment column (the comment alone if no text)."""
    if not text.strip():
        return f"# {comment}"
    return f"{text.ljust(COMMENT_COLUMN - 2)}  # {comment}"


def _commented_fields(fields: tuple[Field, ...], indent: str, first_prefix: str = "") -> list[str]:
    """Commented-out lines for a mapping's keys; ``first_prefix`` marks a list item (``- ``)."""
    lines: list[str] = []
    for index, fld in enumerate(fields):
        lead = indent + (first_prefix if index == 0 else " " * len(first_prefix))
        lines.extend(commented(fld, lead))
    return lines


def commented(fld: Field, lead: str) -> list[str]:
    """``fld`` as commented-out lines, its keys under it, each named by its label and unit."""
    key = f"# {lead}{fld.key}:"
    if fld.type.record:
        return [comment_line(key, describe(fld)), *_commented_fields(fld.fields, lead + "  ")]
    if fld.type.records:
        return [comment_line(key, describe(fld)), *_commented_fields(fld.fields, lead + "  ", "- ")]
    if fld.type.block:
        return [comment_line(f"{key} |", describe(fld)), f"# {lead}  "]
    return [comment_line(key, describe(fld))]


def value_text(text: str) -> str:
    """``text`` as a value in a case file: as it is where the loader reads it back unchanged,
    else in double quotes (a JSON string is a YAML double-quoted scalar), so that ``某县 #1`` or
    ``[甲]`` given on the command line is not read as a comment or a list."""
    root, problems = load.parse(f"value: {text}\n", "")
    if not problems and root is not None and root.kind == "map" and len(root.pairs) == 1:
        value = root.pairs[0][1]
        if value.kind == "scalar" and value.plain and value.text == text:
            return text
    return json.dumps(text, ensure_ascii=False)


def new_case(case_id: str, county: str, city: str, batch: str) -> str:
    """The text of a new ``cases/<id>.yaml``, from what ``new`` was given, unchecked (the
    validator checks the text: see ``python -m generator new``)."""
    filled = {
        "id": value_text(case_id),
        "county": value_text(county.strip()),
        "city": value_text(city),
        "batch": value_text(str(batch)),
        "status": "创建中",
        "summary": PLACEHOLDER_SUMMARY,
    }
    year = int(batch) if str(batch).isascii() and str(batch).isdigit() else None
    period = f"[{year}, {year + schema.PERIOD_YEARS - 1}]" if year else "[起始年, 结束年]"
    lines = [
        SCHEMA_COMMENT,
        f"# {' '.join(f'{county}（{city}）'.split())}试点示范案例。"
        "格式说明见 网站“维护指南”和“数据字典”页面。",
        "# 以“# ”开头的行是说明或未填写的项目：要填写某项，删去行首的“# ”（保留后面的空格缩进）再填值。",
        "",
    ]
    for fld in schema.CASE.fields:
        if fld.key in filled:
            lines.append(comment_line(f"{fld.key}: {filled[fld.key]}", describe(fld)))
        elif fld.key == "period":
            lines.append(comment_line(f"# period: {period}", describe(fld)))
        else:
            if fld.fields:
                lines.append("")
            lines.extend(commented(fld, ""))
    return "\n".join(lines) + "\n"
