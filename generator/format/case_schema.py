"""The case format as a JSON Schema, for editors (VS Code's YAML extension and others).

Generated from :mod:`generator.format.schema`, the same definition the validator uses;
``schema/case.schema.json`` is its output (``python -m generator schema``), and a
test keeps the two equal. What a JSON Schema cannot say (a file name equal to
``id``, attachments that exist, three shares summing to 100, YAML's own rules) is
left to the validator.
"""

from __future__ import annotations

import json
from typing import Any

from generator.format import schema
from generator.format.casefile import describe
from generator.format.schema import Field

ONE_LINE = r"^[^\n\r\t]*\S[^\n\r\t]*$"
"""One line of text, not blank, without Tab."""
NOT_BLANK = r"\S"


def _scalar(fld: Field) -> dict[str, Any]:
    kind = fld.kind
    if kind in ("line", "text", "markdown"):
        node: dict[str, Any] = {"type": "string", "minLength": 1}
        node["pattern"] = ONE_LINE if kind == "line" else NOT_BLANK
        if fld.max_chars:
            node["maxLength"] = fld.max_chars
        return node
    if kind == "slug":
        return {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
    if kind == "int":
        return {"type": "integer", "minimum": 0}
    if kind == "number":
        return {"type": "number"} if fld.signed else {"type": "number", "minimum": 0}
    if kind == "percent":
        return {"type": "number", "minimum": 0, "maximum": 100}
    if kind == "year":
        return {"type": "integer", "minimum": 1900, "maximum": 2099}
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "choice":
        return {"type": "string", "enum": list(fld.choices)}
    if kind == "shares":
        return {"type": "array", "minItems": 3, "maxItems": 3,
                "items": {"type": "number", "minimum": 0, "maximum": 100}}
    if kind == "period":
        return {"type": "array", "minItems": 2, "maxItems": 2,
                "items": {"type": "integer", "minimum": 1900, "maximum": 2099}}
    if kind == "lines":
        item = {"type": "string", "minLength": 1, "pattern": ONE_LINE}
        return {"anyOf": [item, {"type": "array", "items": item}]}
    raise ValueError(kind)


def _node(fld: Field) -> dict[str, Any]:
    if fld.kind == "record":
        node = _object(fld)
    elif fld.kind == "records":
        node = {"type": "array", "items": _object(fld)}
        if fld.max_items is not None:
            node["maxItems"] = fld.max_items
    else:
        node = _scalar(fld)
    return {"title": fld.label_with_unit if fld.kind != "shares" else fld.label,
            "description": describe(fld), **node}


def _object(fld: Field) -> dict[str, Any]:
    node: dict[str, Any] = {
        "type": "object",
        "properties": {child.key: _node(child) for child in fld.fields},
        "additionalProperties": False,
    }
    required = [child.key for child in fld.fields if child.required]
    if required:
        node["required"] = required
    return node


def case_schema() -> dict[str, Any]:
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "试点示范县（市、区）案例",
        "description": "河北省工业转型升级试点示范县（市、区）案例文件，案例格式第 1 版。",
        **_object(schema.CASE),
    }
    return document


def case_schema_text() -> str:
    return json.dumps(case_schema(), ensure_ascii=False, indent=2) + "\n"
