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


def _node(fld: Field) -> dict[str, Any]:
    return {"title": fld.heading, "description": describe(fld), **fld.type.json_schema(fld, _object)}


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
