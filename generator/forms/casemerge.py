"""Importing 附表 into an existing case: change what the forms carry, keep everything else.

The forms carry four parts of a case (overview, industries, innovation and, in 附表2, policies:
:attr:`generator.forms.importer.Imported.sections`). Only those change; every other
key keeps its text, and the file keeps its comments and order:

- the lines outside the four parts are copied as they are (not re-written by a YAML
  library), so nothing there can change;
- within a part that changes, ruamel.yaml's round-trip mode updates the values in place,
  so unchanged values keep their writing and comments; list items (industries,
  enterprises, policies, centres) are matched by name.

:func:`plan` makes the new text and a field-by-field list of the changes, and checks the
result as a build would; :func:`apply` keeps the previous file in ``.cache/import-backups/``
(outside ``cases/``, where it would be read as a case) and writes the new one.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from generator.build.pipeline import Project, check_text
from generator.format import load, schema
from generator.format.kinds import plain_number
from generator.format.schema import Field
from generator.forms import layouts as forms
from generator.forms.importer import SECTION_COMMENTS, FormError, Imported, case_yaml
from generator.site import opendata

BACKUP_FOLDER = Path(".cache") / "import-backups"
"""Where the previous file is kept, relative to the project."""


@dataclass(frozen=True)
class Change:
    """One field that changes: where (in Chinese), the old and the new value as shown."""

    where: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.where}：{self.old} → {self.new}"


@dataclass
class Plan:
    """What an import will write over an existing case file."""

    target: Path
    shown: str
    """The file as messages name it, e.g. ``cases/qianan.yaml``."""
    old_bytes: bytes
    new_bytes: bytes
    changes: list[Change]
    kept: list[str]
    """The labels of the keys kept as they are."""
    warnings: list[str] = field(default_factory=list)
    """The validator's warnings on the new file, as ``check`` shows them."""


# -- the plan --------------------------------------------------------------------------------


def plan(project: Project, case_id: str, imported: Imported, *, replace: bool = False) -> Plan:
    """The new file for ``cases/<id>.yaml`` and what changes. Raises :class:`FormError`."""
    target = project.cases_dir / f"{case_id}.yaml"
    old_bytes = target.read_bytes()
    old_text, bom, crlf = _decode(old_bytes)
    old_data, problems = check_text(project, case_id, old_text)
    shown = load.display_name(target, project.root)
    if old_data is None:
        raise FormError([f"{shown} 现在有错误，请先改正（或加 --replace 用附表重新开始，原文件会备份）："]
                        + [f"  {p}" for p in problems if p.severity == "error"])
    root, _ = load.parse(old_text, shown)
    assert root is not None
    _same_county(imported, old_data, root, shown)
    if replace:
        new_text = imported.text
        changes = diff(old_data, imported.data, schema.CASE.fields)
        kept: list[str] = []
    else:
        carried = imported.sections
        new_text = _merge(old_text, root, old_data, imported.data, carried, shown)
        changes = diff(old_data, imported.data, [schema.CASE.child(k) for k in carried])
        kept = [f.label for f in schema.CASE.fields if f.key in old_data and f.key not in carried]
    new_data, problems = check_text(project, case_id, new_text)
    if new_data is None:
        raise FormError([f"导入后的 {shown} 有错误，未写入：",
                         *(f"  {p}" for p in problems if p.severity == "error")])
    _verify(old_data, new_data, imported.data, None if replace else imported.sections, shown)
    return Plan(target, shown, old_bytes, _encode(new_text, bom, crlf), changes, kept,
                [str(p) for p in problems if p.severity == "warning"])


def _same_county(imported: Imported, old: dict[str, Any], root: load.Node, shown: str) -> None:
    """A 附表 of another county over this case is refused: most likely ``--id`` is wrong."""
    for key, option in (("county", "--county"), ("city", "--city")):
        new, before = imported.data.get(key), old.get(key)
        if new != before:
            fld = schema.CASE.child(key)
            assert fld is not None
            line = next(k.line for k, _ in root.pairs if k.text == key)
            source = imported.cells.get(key) or option
            raise FormError([f"{source}（{fld.label}）“{new}”与 {shown}:{line} 的“{before}”不一致："
                             "附表应是这个县（市、区）填写的，请检查 --id 是否写错；"
                             f"附表确属本县时，加 {option} {before} 导入"])


def _verify(old: dict[str, Any], new: dict[str, Any], imported: dict[str, Any],
            carried: tuple[str, ...] | None, shown: str) -> None:
    """The new file holds exactly the forms' parts and, with a merge, the old file's others."""
    old, new, imported = opendata.canonical(old), opendata.canonical(new), opendata.canonical(imported)
    keys = carried if carried is not None else tuple(f.key for f in schema.CASE.fields)
    wrong = [k for k in keys if forms.form_subset({k: new.get(k)}) != forms.form_subset({k: imported.get(k)})]
    if carried is not None:
        wrong += [k for k in set(old) | set(new) if k not in carried and old.get(k) != new.get(k)]
    if wrong:  # a fault of this program, not of the forms: say so rather than write a wrong file
        raise FormError([f"未写入：合并后 {shown} 中的 {'、'.join(sorted(wrong))} 与预期不符（程序错误），"
                         "请报告"])


# -- the merge -------------------------------------------------------------------------------


def _merge(text: str, root: load.Node, old: dict[str, Any], new: dict[str, Any], carried: tuple[str, ...],
           shown: str) -> str:
    lines = text.split("\n")
    spans = _spans(root, lines, shown)
    replaced: dict[int, list[str]] = {}
    """First line index of a span → the lines that take its place (the span's lines go)."""
    removed: set[int] = set()
    inserted: dict[int, list[str]] = {}
    """Line index → lines inserted before it."""
    for key in carried:
        fld = schema.CASE.child(key)
        assert fld is not None
        before, after = old.get(key), new.get(key)
        if key in spans:
            first, last = spans[key]
            if _same(before, after):
                continue
            if after is None:
                removed.update(range(first, last + 1))
                comment = first - 1
                if comment >= 0 and lines[comment].strip() == f"# {SECTION_COMMENTS.get(key)}":
                    removed.add(comment)  # the heading comment the import wrote for it
                continue
            section = "\n".join(lines[first:last + 1]) + "\n"
            try:
                edited = _edit(section, key, fld, before, after)
            except YAMLError as error:  # written in a way ruamel.yaml does not read back
                raise FormError([f"{shown}:{first + 1}: 无法在保留原样的前提下更新 {key}（{error}），"
                                 "请加 --replace 用附表重新开始（原文件会备份）"]) from None
            replaced[first] = edited.rstrip("\n").split("\n")
            removed.update(range(first + 1, last + 1))
        elif after is not None:
            inserted.setdefault(_insert_at(key, lines, spans), []).extend(
                case_yaml({key: after}).rstrip("\n").split("\n"))
    out: list[str] = []
    for index, line in enumerate(lines):
        out.extend(inserted.get(index, []))
        if index in replaced:
            out.extend(replaced[index])
        elif index not in removed:
            out.append(line)
    out.extend(inserted.get(len(lines), []))
    return "\n".join(out)


def _insert_at(key: str, lines: list[str], spans: dict[str, tuple[int, int]]) -> int:
    """Where a part the file does not have yet goes: in the format's order, before the commented-out
    ``# key:`` that ``new`` writes for it if there is one, else after the key before it."""
    order = [f.key for f in schema.CASE.fields]
    previous = [spans[k][1] for k in order[:order.index(key)] if k in spans]
    after = max(previous) + 1 if previous else 0
    following = [spans[k][0] for k in order[order.index(key) + 1:] if k in spans]
    before = min(following, default=len(lines))
    template = next((i for i in range(after, before) if re.match(rf"#\s*{key}:", lines[i])), None)
    if template is not None:
        while template > after and not lines[template - 1].strip():
            template -= 1  # before the blank line that precedes it
        return template
    return after if previous else before


def _spans(root: load.Node, lines: list[str], shown: str) -> dict[str, tuple[int, int]]:
    """Each top-level key's lines (0-based, inclusive), without the comments and blank lines after it."""
    starts = [(key.text, key.line - 1) for key, _ in root.pairs]
    spans: dict[str, tuple[int, int]] = {}
    for number, (key, first) in enumerate(starts):
        if not re.match(rf"{re.escape(key)}\s*:", lines[first]):
            raise FormError([f"{shown}:{first + 1}: {key} 不在行首，无法只更新附表中的部分；"
                             "请加 --replace 用附表重新开始（原文件会备份）"])
        end = starts[number + 1][1] if number + 1 < len(starts) else len(lines)
        last = end - 1
        while last > first and (not lines[last].strip() or lines[last].lstrip().startswith("#")
                                or lines[last].strip() in ("...", "---")):
            last -= 1
        spans[key] = (first, last)
    return spans


def _same(a: Any, b: Any) -> bool:
    return bool(_plain(a) == _plain(b))


def _plain(value: Any) -> Any:
    """A value for comparison: numbers by value (``46.0`` is ``46``), containers element-wise."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


Trail = tuple[tuple[str, bool], ...]
"""Where a value is: (key, is a list item) from the top of the file."""


def _yaml(section: str = "") -> YAML:
    """A round-trip YAML that writes in the indentation ``section`` uses."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold a long line
    mapping, sequence, offset = _indentation(section)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _indentation(section: str) -> tuple[int, int, int]:
    """(mapping indent, sequence indent, dash offset) as the lines of ``section`` use them."""
    mapping, sequence, offset = None, None, None
    lines = [line for line in section.split("\n") if line.strip() and not line.lstrip().startswith("#")]
    for line, following in zip(lines, lines[1:], strict=False):
        indent, next_indent = len(line) - len(line.lstrip()), len(following) - len(following.lstrip())
        if not re.fullmatch(r"\s*(?:- )?[a-z_]+:\s*", line) or next_indent <= indent:
            continue
        key_column = indent + (2 if line.lstrip().startswith("- ") else 0)
        if following.lstrip().startswith("- ") and sequence is None:
            offset = next_indent - key_column
            rest = following[next_indent + 1:]
            sequence = offset + 1 + len(rest) - len(rest.lstrip())
        elif not following.lstrip().startswith("- ") and mapping is None:
            mapping = next_indent - key_column
    return mapping or 2, sequence or 4, offset if offset is not None else 2


def _edit(section: str, key: str, fld: Field, old: Any, new: Any) -> str:
    yaml = _yaml(section)
    document = yaml.load(section)
    document[key] = _update(document[key], fld, old, new, ((key, False),))
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _update(node: Any, fld: Field, old: Any, new: Any, trail: Trail) -> Any:
    """``node`` (as ruamel.yaml read it; ``old`` is what the validator made of it) changed to ``new``."""
    if node is not None and _same(old, new):
        return node
    if fld.type.record and isinstance(node, CommentedMap) and isinstance(old, dict):
        _update_map(node, fld, old, new, trail)
        return node
    if fld.type.records and isinstance(node, CommentedSeq) and isinstance(old, list):
        return _update_list(node, fld, old, new, trail)
    return _new(trail, new)


def _update_map(node: CommentedMap, fld: Field, old: dict[str, Any], new: dict[str, Any],
                trail: Trail) -> None:
    order = {child.key: index for index, child in enumerate(fld.fields)}
    for child in fld.fields:
        before, after = old.get(child.key), new.get(child.key)
        where = (*trail, (child.key, False))
        if after is None:
            if before is not None:
                del node[child.key]
        elif child.key in node:
            if not _same(before, after):
                node[child.key] = _update(node[child.key], child, before, after, where)
        else:
            at = max((i + 1 for i, k in enumerate(node) if order.get(k, -1) < order[child.key]), default=0)
            node.insert(at, child.key, _new(where, after))


def _name_key(fld: Field) -> str:
    """The key that names a list's items: ``name`` of an industry, ``title`` of a policy."""
    return next(child.key for child in fld.fields if child.required)


def _matches(old: list[Any], new: list[Any], fld: Field) -> tuple[list[int | None], list[int]]:
    """For each new item, the old item of the same name (its index, or None); and the old ones left over."""
    name = _name_key(fld)
    unused = list(range(len(old)))
    found: list[int | None] = []
    for item in new:
        match = next((i for i in unused if old[i].get(name) == item.get(name)), None)
        if match is not None:
            unused.remove(match)
        found.append(match)
    return found, unused


def _update_list(node: CommentedSeq, fld: Field, old: list[Any], new: list[Any],
                 trail: Trail) -> CommentedSeq:
    item_trail = (*trail[:-1], (trail[-1][0], True))
    item_field = dataclasses.replace(fld, kind="record")
    found, unused = _matches(old, new, fld)
    items = [_new(item_trail, item) if match is None
             else _update(node[match], item_field, old[match], item, item_trail)
             for item, match in zip(new, found, strict=True)]
    if not unused and all(a is b for a, b in zip(node, items, strict=False)):
        node.extend(items[len(node):])  # the same items in the same order, perhaps more: in place
        return node
    return CommentedSeq(items)


def _new(trail: Trail, value: Any) -> Any:
    """A new value as the import writes it (:func:`generator.forms.importer.case_yaml`), read by ruamel.yaml.

    So a new number is ``46`` or ``1.42`` (never ``1e-05``), a list is ``[甲, 乙]``, a text that
    YAML could misread is in double quotes and a text of several lines is a ``|-`` block.
    """
    data = value
    for key, item in reversed(trail):
        data = {key: [data] if item else data}
    node = _yaml().load(case_yaml(data))
    for key, item in trail:
        node = node[key][0] if item else node[key]
    return node


# -- what changes, in words --------------------------------------------------------------------


def diff(old: dict[str, Any], new: dict[str, Any], fields: Any, trail: str = "") -> list[Change]:
    """Every field whose value differs, with the format's Chinese labels; list items by name."""
    changes: list[Change] = []
    for fld in fields:
        before, after = old.get(fld.key), new.get(fld.key)
        if _same(before, after):
            continue
        where = f"{trail} › {fld.label_with_unit}" if trail else fld.label_with_unit
        if fld.type.record and before and after:
            changes += diff(before, after, fld.fields, where)
        elif fld.type.records and before and after:
            changes += _diff_items(before, after, fld, trail)
        else:
            changes.append(Change(where, _shown(fld, before), _shown(fld, after)))
    return changes


def _diff_items(old: list[Any], new: list[Any], fld: Field, trail: str) -> list[Change]:
    name = _name_key(fld)
    lead = f"{trail} › " if trail else ""
    found, unused = _matches(old, new, fld)
    changes: list[Change] = []
    for item, match in zip(new, found, strict=True):
        where = f"{lead}{fld.label}“{item.get(name)}”"
        if match is None:
            changes.append(Change(where, "（无）", f"新增（{_count(item)}）"))
        else:
            changes += diff(old[match], item, fld.fields, where)
    changes += [Change(f"{lead}{fld.label}“{old[i].get(name)}”", f"（{_count(old[i])}）", "删除")
                for i in unused]
    return changes


def _count(item: dict[str, Any]) -> str:
    return f"{sum(1 for v in item.values() if v not in (None, '', [], {}))} 项内容"


def _shown(fld: Field, value: Any) -> str:
    if value is None or value == [] or value == {}:
        return "（空）"
    if fld.type.records:
        return f"{len(value)} 项"
    if fld.type.record:
        return f"（{_count(value)}）"
    if isinstance(value, list):
        return f"[{', '.join(_shown_scalar(v) for v in value)}]"
    return _shown_scalar(value)


def _shown_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return plain_number(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value).replace("\n", "↵")
    return text if len(text) <= 40 else text[:40] + "…"


# -- writing ---------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, bool, bool]:
    bom = data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    crlf = "\r\n" in text
    return text.replace("\r\n", "\n"), bom, crlf


def _encode(text: str, bom: bool, crlf: bool) -> bytes:
    if crlf:
        text = text.replace("\n", "\r\n")
    return (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")


def apply(project: Project, plan: Plan) -> Path:
    """Keep the previous file in the backup folder, then write the new one; the backup's path."""
    if plan.target.read_bytes() != plan.old_bytes:
        raise FormError([f"未写入：{plan.shown} 在导入期间被改动过，请重新运行导入"])
    folder = project.root / BACKUP_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    number = 1
    while True:
        backup = folder / f"{plan.target.stem}-{stamp}{'' if number == 1 else f'-{number}'}.yaml"
        try:
            with backup.open("xb") as out:  # never over an earlier backup
                out.write(plan.old_bytes)
            break
        except FileExistsError:
            number += 1
    temp = plan.target.with_name(f".{plan.target.name}.tmp")  # not *.yaml: never read as a case
    try:
        temp.write_bytes(plan.new_bytes)
        os.replace(temp, plan.target)
    finally:
        temp.unlink(missing_ok=True)
    return backup


