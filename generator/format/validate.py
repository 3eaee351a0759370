"""Stage 2: check node trees against the case format and turn them into plain data.

Every problem of every file is collected; nothing stops at the first one. The
result of a file with errors is dropped, so no page is ever made from it.
Messages follow ``cases/<file>:<line>: <path>（<label>）<expected>，实际为 <value>``.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path, PurePosixPath
from typing import Any

from generator.format import attachments, schema
from generator.format.casefile import PLACEHOLDER_SUMMARY
from generator.format.kinds import CONTROL, Data
from generator.format.load import Node, Source
from generator.format.schema import Field
from generator.forms import layouts as forms
from generator.problems import Problem, Severity

_WINDOWS_PATH = re.compile(r"^[A-Za-z]:|\\")
_CHINESE_QUOTES = "“”‘’「」『』＂＇"


def _chinese_quoted(text: str) -> str | None:
    """The text inside Chinese quotes that wrap all of it, or None."""
    text = text.strip()
    if len(text) > 2 and text[0] in _CHINESE_QUOTES and text[-1] in _CHINESE_QUOTES:
        return text[1:-1].strip() or None
    return None


def _shown(node: Node) -> str:
    """How a value is quoted back in a message."""
    if node.kind == "seq":
        return "一个列表"
    if node.kind == "map":
        return "一组键值对"
    text = node.text if len(node.text) <= 40 else node.text[:40] + "…"
    text = text.replace("\n", "\\n")
    text = CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text).replace("\t", "\\t")
    return f'"{text}"'


class _FileValidator:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []

    # -- reporting -------------------------------------------------------------

    def error(self, node: Node, path: str, fld: Field | None, expected: str, *, actual: bool = True,
              severity: Severity = "error") -> None:
        label = f"（{fld.label}）" if fld else ""
        message = f"{label}{expected}"
        if actual:
            message += f"，实际为 {_shown(node)}"
        self.problems.append(Problem(self.source.name, node.line, path, message, severity))

    # -- structure -------------------------------------------------------------

    def record(self, node: Node, fld: Field, path: str) -> Data | None:
        if node.kind != "map":
            self.error(node, path or fld.key, fld if path else None, "应为键值对（每行“字段: 值”）")
            return None
        result: Data = {}
        present: set[str] = set()
        for key_node, value_node in node.pairs:
            key = key_node.text
            child = fld.child(key)
            key_path = f"{path}.{key}" if path else key
            if child is None:
                self.unknown_key(key_node, key_path, fld)
                continue
            present.add(key)
            if value_node.is_null:
                if child.required:
                    self.error(value_node, key_path, child, "为必填项，不能为空", actual=False)
                continue
            value = self.value(value_node, child, key_path)
            if value is not None:
                result[key] = value
        for child in fld.fields:
            if child.required and child.key not in present:
                child_path = f"{path}.{child.key}" if path else child.key
                self.error(node, child_path, child, "为必填项，未填写", actual=False)
        return result

    def unknown_key(self, key_node: Node, key_path: str, parent: Field) -> None:
        known = [f.key for f in parent.fields]
        close = difflib.get_close_matches(key_node.text, known, n=1, cutoff=0.6)
        if close:
            fld = parent.child(close[0])
            assert fld is not None
            hint = f"，是否应为 {fld.key}（{fld.label}）？"
        else:
            hint = f"，可用的字段：{'、'.join(known)}"
        self.problems.append(
            Problem(self.source.name, key_node.line, key_path, f" 不是案例格式中的字段{hint}")
        )

    def records(self, node: Node, fld: Field, path: str) -> list[Data] | None:
        if node.kind != "seq":
            self.error(node, path, fld, "应为列表（每项以“- ”开头）")
            return None
        if fld.max_items is not None and len(node.items) > fld.max_items:
            self.error(node, path, fld, f"最多 {fld.max_items} 项，实际为 {len(node.items)} 项",
                       actual=False)
        result = []
        for index, item in enumerate(node.items):
            value = self.record(item, fld, f"{path}[{index}]")
            if value is not None:
                result.append(value)
        return result

    # -- values ----------------------------------------------------------------

    def value(self, node: Node, fld: Field, path: str) -> Any:
        """A value checked by its field's kind (:mod:`generator.format.kinds`), which calls back
        here for the structure and the slips."""
        return fld.type.parse(self, node, fld, path)

    # -- input-method slips in values (the loader finds those in the structure) ---

    def chinese_quotes(self, node: Node, fld: Field, path: str) -> bool:
        """A value that is not free text, wrapped in Chinese quotes: “石家庄市”, [“2019”, “2021”].

        Reported (True) only when the value without them fits, so that the message can say
        what to write; otherwise the field's own message shows the value with its quotes.
        In free text (a title, a summary) Chinese quotes are the author's and stay.
        """
        scalars = node.items if node.kind == "seq" else [node]
        if node.kind == "map" or not any(i.kind == "scalar" and _chinese_quoted(i.text) for i in scalars):
            return False
        bare = [Node("scalar", i.line, text=_chinese_quoted(i.text) or i.text) if i.kind == "scalar" else i
                for i in scalars]
        probe = Node("seq", node.line, items=bare, flow=True) if node.kind == "seq" else bare[0]
        saved, self.problems = self.problems, []
        try:
            self.value(probe, fld, path)
        finally:
            fits, self.problems = not self.problems, saved
        if not fits:
            return False
        written = f"[{', '.join(i.text for i in bare)}]" if node.kind == "seq" else bare[0].text
        self.error(node, path, fld, f"不能用中文引号括起来：请删去引号，写成 {fld.key}: {written}",
                   actual=node.kind != "seq")
        return True

    def full_width_comma(self, node: Node, fld: Field, path: str) -> bool:
        """``[钢铁深加工，装备制造]``: items of a list in brackets parted by a full-width comma.

        Only unquoted items in brackets: in a list written one item a line, or in quotes, a
        comma is part of the item's text.
        """
        if node.kind != "seq" or not node.flow:
            return False
        slipped = [i for i in node.items if i.kind == "scalar" and i.plain and "，" in i.text]
        if not slipped:
            return False
        parts = [part.strip() for i in node.items for part in
                 (i.text.split("，") if i in slipped else [i.text if i.kind == "scalar" else "…"])]
        self.error(slipped[0], path, fld, "中的各项要用半角逗号加空格分隔，不能用全角逗号“，”："
                   f"写成 {fld.key}: [{', '.join(parts)}]")
        return True

    # -- whole file ------------------------------------------------------------

    def case(self, cases_dir: Path) -> Data | None:
        root = self.source.root
        if root is None:
            return None
        if root.kind != "map":
            kind = "一个列表" if root.kind == "seq" else "一段文字"
            self.problems.append(Problem(self.source.name, root.line, "",
                                         f"文件应为一个案例的键值对（id: …、county: … 等），实际为{kind}"))
            return None
        data = self.record(root, schema.CASE, "")
        if data is None:
            return None
        self.check_id(root, data)
        self.check_period(root, data)
        self.check_completeness(root, data)
        self.check_attachments(root, data, cases_dir)
        return data

    def check_id(self, root: Node, data: Data) -> None:
        stem = self.source.path.stem
        node = _child(root, "id") or root
        if "id" in data and data["id"] != stem:
            self.error(node, "id", schema.CASE.child("id"), f"应与文件名 {stem} 相同")
        elif data.get("id") in schema.RESERVED_IDS:
            self.error(node, "id", schema.CASE.child("id"),
                       f"不能是 {data['id']}：网站的案例库页面已用了这个网址，请换一个（文件名也要一起改）")

    def check_period(self, root: Node, data: Data) -> None:
        batch, period = data.get("batch"), data.get("period")
        if batch is None or period is None:
            return
        node = _child(root, "period") or root
        if period[1] - period[0] + 1 != schema.PERIOD_YEARS:
            self.error(node, "period", schema.CASE.child("period"),
                       f"通知规定创建目标以 3 年为期（如 [{batch}, {batch + 2}]），"
                       f"这里是 {period[1] - period[0] + 1} 年", actual=False, severity="warning")

    def check_completeness(self, root: Node, data: Data) -> None:
        """Warnings, not errors: a placeholder left in, figures of 附表1 left out."""
        if data.get("summary", "").startswith(PLACEHOLDER_SUMMARY[:5]):
            self.error(_child(root, "summary") or root, "summary", schema.CASE.child("summary"),
                       "仍是新建文件中的占位文字，请改为本县的经验", actual=False, severity="warning")
        missing_sections = schema.unfiled(data)
        if missing_sections:
            labels = "、".join(f"{schema.CASE.child(key).label}（{schema.FILED_BY_MIDTERM[key]}）"  # type: ignore[union-attr]
                              for key in missing_sections)
            self.error(_child(root, "status") or root, "status", schema.CASE.child("status"),
                       f"为{data['status']}，已过中期评估，应已填写{labels}，但文件中没有；"
                       "网站上这些项显示为“未填报”", actual=False, severity="warning")
        overview = data.get("overview")
        if overview:
            missing = [f.label for f in schema.OVERVIEW.fields if f.key not in overview]
            if missing:
                self.error(_child(root, "overview") or root, "overview", schema.OVERVIEW,
                           f"缺少附表1 中的 {len(missing)} 项：{'、'.join(missing)}",
                           actual=False, severity="warning")

    def check_attachments(self, root: Node, data: Data, cases_dir: Path) -> None:
        """Each attachment must be a regular, visible file inside ``cases/<id>/``.

        Walks the YAML nodes, not the validated items, so that an item dropped for
        another error does not shift the index or line of the next one.
        """
        nodes = _child(root, "attachments")
        if nodes is None or nodes.kind != "seq":
            return
        case_id = self.source.path.stem
        folder = cases_dir / case_id
        fld = schema.ATTACHMENTS.child("file")
        generated = {d.href_from(f"cases/{case_id}").casefold(): form.name
                     for d, form in zip(forms.case_downloads(case_id), forms.FORMS, strict=True)}
        seen: dict[str, tuple[int, str]] = {}
        found: list[tuple[Path, int]] = []
        for index, item in enumerate(nodes.items):
            node = _child(item, "file")
            if node is None or node.kind != "scalar" or not node.text.strip() or CONTROL.search(node.text):
                continue  # reported by the field check
            path = f"attachments[{index}].file"
            name = node.text.strip()
            if name.casefold() in generated:
                self.error(node, path, fld, f"与网站为本案例自动生成的{generated[name.casefold()]}同名，"
                           "请给附件改个名字")
                continue
            if name.casefold() in seen:
                first, earlier = seen[name.casefold()]
                self.error(node, path, fld,
                           f"与 attachments[{first}].file 是同一个文件，一个附件只列一次" if name == earlier
                           else f"与 attachments[{first}].file 只有大小写不同，"
                           "发布到网站后可能被当作同一个文件，请改名")
                continue
            seen[name.casefold()] = (index, name)
            target = self.attachment(node, path, fld, folder)
            if target is not None:
                found.append((target, target.stat().st_size))
        items = data.get("attachments", [])
        if len(found) == len(items):
            for item, (target, size) in zip(items, found, strict=True):
                item["path"], item["size"] = target, size

    def attachment(self, node: Node, path: str, fld: Field | None, folder: Path) -> Path | None:
        name = node.text.strip()
        where = f"cases/{folder.name}/"
        pure = PurePosixPath(name)
        if (_WINDOWS_PATH.search(name) or pure.is_absolute() or ".." in pure.parts
                or "" in name.split("/")):
            self.error(node, path, fld, f"应为 {where} 文件夹中的文件名，不能指向文件夹之外")
            return None
        if any(part.startswith(".") for part in pure.parts):
            self.error(node, path, fld, "不能是隐藏文件（以 . 开头）")
            return None
        if any(p.is_symlink() for p in [folder, *_parents(folder, pure)]):
            self.error(node, path, fld, "不能是符号链接，请放入文件本身")
            return None
        target = folder.joinpath(*pure.parts)
        if not target.is_file():
            self.error(node, path, fld, f"在 {where} 中找不到这个文件")
            return None
        refused = attachments.problem(target, name)
        if refused:
            self.error(node, path, fld, refused)
            return None
        return target


def _parents(folder: Path, pure: PurePosixPath) -> list[Path]:
    paths = []
    current = folder
    for part in pure.parts:
        current = current / part
        paths.append(current)
    return paths


def _child(node: Node | None, key: str) -> Node | None:
    if node is None or node.kind != "map":
        return None
    for key_node, value in node.pairs:
        if key_node.text == key:
            return value
    return None


def validate_file(source: Source, cases_dir: Path) -> tuple[Data | None, list[Problem]]:
    """Check one file. The data is None when the file has an error."""
    checker = _FileValidator(source)
    data = checker.case(cases_dir)
    if any(p.severity == "error" for p in checker.problems):
        data = None
    return data, checker.problems


def validate_all(sources: list[Source], cases_dir: Path) -> tuple[list[Data], list[Problem]]:
    """Check every file and the rules across files (unique ids)."""
    cases: list[Data] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for source in sources:
        data, found = validate_file(source, cases_dir)
        problems.extend(found)
        if data is None:
            continue
        if data["id"] in seen:
            node = _child(source.root, "id") or source.root
            assert node is not None
            problems.append(Problem(source.name, node.line, "id",
                                    f"（网址标识）与 {seen[data['id']]} 重复，实际为 \"{data['id']}\""))
            continue
        seen[data["id"]] = source.name
        cases.append(data)
    return cases, problems
