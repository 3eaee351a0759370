"""schema/case.schema.json: generated from the same definition as the validator, and agreeing with it.

Editors read case files as YAML 1.2 (the YAML extension of VS Code does), so the
files are converted here with YAML 1.2's core schema before the JSON Schema sees them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.build.pipeline import Project, check
from generator.format.case_schema import case_schema, case_schema_text
from generator.format.casefile import SCHEMA_COMMENT, new_case
from generator.format.load import Node, parse
from tests import test_validate as corpus

ROOT = Path(__file__).resolve().parents[1]
VALIDATOR = Draft202012Validator(case_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def yaml12(node: Node) -> Any:
    """A node tree as YAML 1.2's core schema reads it (what an editor sees)."""
    if node.kind == "map":
        return {key.text: yaml12(value) for key, value in node.pairs}
    if node.kind == "seq":
        return [yaml12(item) for item in node.items]
    if not node.plain:
        return node.text
    text = node.text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def schema_errors(text: str) -> list[str]:
    root, problems = parse(text, "case.yaml")
    if root is None:
        return ["yaml"]
    data = yaml12(root)
    if isinstance(data, dict):  # an empty value means "not filled", as for the validator
        data = _drop_nulls(data)
    return [error.message for error in VALIDATOR.iter_errors(data)]


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def test_schema_file_is_generated_from_the_format() -> None:
    committed = (ROOT / "schema" / "case.schema.json").read_text("utf-8")
    assert committed == case_schema_text(), "run: python -m generator schema"


def test_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(case_schema())


def test_every_field_has_a_chinese_title_and_description() -> None:
    def walk(node: dict, path: str) -> None:
        for key, child in node.get("properties", {}).items():
            assert re.search(r"[\u4e00-\u9fff]", child["title"]), f"{path}{key}"
            assert child["description"], f"{path}{key}"
            walk(child, f"{path}{key}.")
            if "items" in child:
                walk(child["items"], f"{path}{key}[].")

    walk(case_schema(), "")
    gdp = case_schema()["properties"]["overview"]["properties"]["gdp"]
    assert gdp["title"] == "地区GDP（万元）"


@pytest.mark.parametrize("path", sorted((ROOT / "cases").glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_every_sample_case(path: Path) -> None:
    text = path.read_text("utf-8")
    assert text.startswith(SCHEMA_COMMENT + "\n")
    assert schema_errors(text) == []


def test_new_case_template_starts_with_the_schema_comment_and_is_accepted() -> None:
    text = new_case("zhengding", "正定县", "石家庄市", 2019)
    assert text.startswith(SCHEMA_COMMENT + "\n")
    assert schema_errors(text) == []


NOT_EXPRESSIBLE = {
    # What only the validator can know: files, other files, sums, YAML's own rules.
    "shares-sum": "三项合计为 100",
    "id-not-file-name": "id 与文件名相同",
    "period-reversed": "结束年不早于起始年",
    "bool-True": "YAML 1.2 把 True 读作布尔值，校验器只接受小写 true",
    "duplicate-key": "YAML 读取时后出现的键覆盖前面的",
    "duplicate-nested-key": "YAML 读取时后出现的键覆盖前面的",
}
"""Corpus entries the JSON Schema cannot reject, with the reason."""


def _corpus() -> list[Any]:
    params = []
    for extra, expected, name in corpus.ERRORS:
        params.append(pytest.param(corpus.BASE + extra, expected, id=name))
    for changes, expected, name in corpus.REPLACED:
        params.append(pytest.param(corpus.base(**changes), expected, id=name))
    return params


@pytest.mark.parametrize(("text", "expected"), _corpus())
def test_schema_rejects_what_the_validator_rejects(tmp_path: Path, text: str, expected: Any,
                                                   request: pytest.FixtureRequest) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "zhengding.yaml").write_text(text, encoding="utf-8")
    errors = check(Project(tmp_path)).errors
    assert errors, "the corpus entry is meant to be an error"
    name = request.node.callspec.id
    reason = next((why for key, why in NOT_EXPRESSIBLE.items() if name.startswith(key)), None)
    if reason:
        pytest.skip(f"not expressible in JSON Schema: {reason}")
    assert schema_errors(text), f"the validator says {errors[0]}, the schema accepts it"
