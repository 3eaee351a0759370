"""Stage 1: read case files into YAML node trees that remember their lines.

YAML 1.1 turns ``010`` into 8, ``NO`` into False and ``1:20`` into 80, lets a key
appear twice and expands aliases into billions of nodes. None of that happens
here: every scalar stays the text the author wrote (the schema decides later what
is a number), a duplicate key, an anchor, an alias or an explicit tag is a
problem, and each node keeps its line for the error messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from generator.format import slips
from generator.problems import Problem

MAX_FILE_BYTES = 1_000_000
"""A case file is a few kilobytes; anything near a megabyte is a mistake."""

MAX_DEPTH = 12
"""The format nests four levels deep; deeper input is refused before it is walked."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_STANDARD_TAGS = frozenset(
    {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
)


@dataclass
class Node:
    """A YAML node: a scalar (text), a sequence or a mapping, with its 1-based line."""

    kind: Literal["scalar", "seq", "map"]
    line: int
    text: str = ""
    plain: bool = True
    """Scalars only: written without quotes or block style."""
    flow: bool = False
    """Sequences only: written in brackets, ``[a, b]``."""
    items: list[Node] = field(default_factory=list)
    pairs: list[tuple[Node, Node]] = field(default_factory=list)

    @property
    def is_null(self) -> bool:
        return self.kind == "scalar" and self.plain and self.text in _NULLS


@dataclass
class Source:
    """One case file as read: its display name, its path and its node tree."""

    name: str
    path: Path
    root: Node | None


_YAML_HINTS: tuple[tuple[str, str], ...] = (
    ("found character '\\t'", "不能用 Tab 键缩进或对齐，请改用空格"),
    ("mapping values are not allowed", "冒号位置不对：同一行不能有两个“键: 值”，或值里的冒号后要加引号"),
    ("could not find expected ':'", "缺少冒号：每行应为“键: 值”"),
    ("did not find expected key", "缩进不一致：同一层的键要对齐"),
    ("did not find expected '-' indicator", "列表缩进不一致：同一列表的 - 要对齐"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("found undefined alias", "不能使用 YAML 别名（*）"),
    ("expected <block end>", "缩进不一致"),
)


def _hint(problem: str) -> str:
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return hint
    return "格式不符合 YAML 语法"


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def _libyaml() -> bool:
    """libyaml (PyYAML's C extension) is used when installed: it is many times faster."""
    return hasattr(yaml, "CBaseLoader")


def _events(text: str) -> Iterator[yaml.Event]:
    loader = yaml.CBaseLoader(text) if _libyaml() else yaml.BaseLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            assert event is not None  # check_event() said there is one
            yield event
    finally:
        loader.dispose()


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 0


class _Composer:
    """Builds :class:`Node` trees from parser events, refusing what the format never needs."""

    def __init__(self, events: Iterator[yaml.Event], problems: list[Problem], name: str) -> None:
        self.events = events
        self.problems = problems
        self.name = name

    def document(self) -> Node | None:
        next(self.events)  # StreamStartEvent
        event = next(self.events)
        if isinstance(event, yaml.StreamEndEvent):
            raise _Refused(1, "文件是空的，应为一个案例的键值对（id: …、county: … 等）")
        root = self.node(next(self.events), 0, "")
        next(self.events)  # DocumentEndEvent
        event = next(self.events)
        if not isinstance(event, yaml.StreamEndEvent):
            raise _Refused(_line(event), "一个文件只能有一个案例，不能用 --- 分隔多个文档")
        return root

    def node(self, event: yaml.Event, depth: int, path: str) -> Node:
        line = _line(event)
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, f"不能使用 YAML 别名（*{event.anchor}），请把内容直接写出")
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        if anchor:
            raise _Refused(line, f"不能使用 YAML 锚点（&{anchor}），请把内容直接写出")
        if tag not in _STANDARD_TAGS:
            shown = str(tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused(line, f"不能使用 YAML 标签（{shown}）")
        if depth > MAX_DEPTH:
            raise _Refused(line, f"嵌套超过 {MAX_DEPTH} 层，案例格式不需要这么深")
        if isinstance(event, yaml.ScalarEvent):
            return Node("scalar", line, text=event.value, plain=not event.style)
        if isinstance(event, yaml.SequenceStartEvent):
            seq = Node("seq", line, flow=bool(event.flow_style))
            for index, item in enumerate(self._until(yaml.SequenceEndEvent)):
                seq.items.append(self.node(item, depth + 1, f"{path}[{index}]"))
            return seq
        if isinstance(event, yaml.MappingStartEvent):
            mapping = Node("map", line)
            seen: dict[str, int] = {}
            for key_event in self._until(yaml.MappingEndEvent):
                key = self.node(key_event, depth + 1, path)
                if key.kind != "scalar":
                    raise _Refused(key.line, "键应为一个词，如 county")
                key_path = f"{path}.{key.text}" if path else key.text
                value = self.node(next(self.events), depth + 1, key_path)
                if key.text in seen:
                    self.problems.append(
                        Problem(self.name, key.line, key_path,
                                f" 重复出现（第 {seen[key.text]} 行已有），同一层的键只能写一次")
                    )
                    continue
                seen[key.text] = key.line
                mapping.pairs.append((key, value))
            return mapping
        raise _Refused(line, "无法识别的 YAML 结构")

    def _until(self, end: type[yaml.Event]) -> Iterator[yaml.Event]:
        while True:
            event = next(self.events)
            if isinstance(event, end):
                return
            yield event


def _tab_indented_line(text: str) -> int:
    """The first line indented with a Tab (0 if none): YAML forbids it, and libyaml's message hides it."""
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number
    return 0


def parse(text: str, name: str) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into a node tree; problems instead of exceptions.

    An input-method slip (:mod:`generator.format.slips`) is reported on its own line, and the
    rest of the file is then read as if it had been typed right, so that one run still
    reports every other problem (the file has an error: nothing is built from it).
    """
    text, found = slips.find(text)
    problems = [Problem(name, line, "", message) for line, message in found]
    tab_line = _tab_indented_line(text)
    if tab_line:
        return None, [*problems, Problem(name, tab_line, "", "YAML 语法错误：不能用 Tab 键缩进，请改用空格")]
    try:
        root = _Composer(_events(text), problems, name).document()
    except _Refused as refused:
        return None, [*problems, Problem(name, refused.line, "", refused.message)]
    except yaml.reader.ReaderError as error:
        # libyaml counts in bytes of UTF-8, the pure-Python reader in characters.
        if _libyaml():
            line = text.encode("utf-8")[: error.position].count(b"\n") + 1
        else:
            line = text[: error.position].count("\n") + 1
        code = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        return None, [*problems, Problem(name, line, "", f"含有看不见的控制字符（{code}），请删除")]
    except yaml.MarkedYAMLError as error:
        detail = error.problem or ""
        mark = error.problem_mark or error.context_mark
        past_end = mark is not None and mark.line >= text.count("\n") + (not text.endswith("\n"))
        if error.context_mark and ("end of stream" in detail or past_end):
            mark = error.context_mark  # where the unclosed quote or bracket opens
        line = mark.line + 1 if mark else 0
        return None, [*problems, Problem(name, line, "", f"YAML 语法错误：{_hint(detail)}（{detail}）")]
    except yaml.YAMLError as error:
        return None, [*problems, Problem(name, 0, "", f"YAML 语法错误：{error}")]
    return root, problems


def read(path: Path, name: str) -> tuple[Source, list[Problem]]:
    """Read one case file. ``name`` is how messages call it, e.g. ``cases/zhengding.yaml``."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Source(name, path, None), [
                Problem(name, 0, "", f"文件过大（{size:,} 字节），一个案例文件应小于 1 MB")
            ]
        data = path.read_bytes()
    except OSError as error:
        return Source(name, path, None), [Problem(name, 0, "", f"无法读取文件：{error.strerror}")]
    return from_bytes(data, name, path)


def from_bytes(data: bytes, name: str, path: Path) -> tuple[Source, list[Problem]]:
    """A case file's bytes as :func:`read` reads them (``path`` says where it is, for its id
    and attachments); for text that is not on disk yet, such as what ``new`` will write."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Source(name, path, None), [
            Problem(name, line, "", "文件不是 UTF-8 编码（可能是 GBK），请在编辑器中另存为 UTF-8")
        ]
    root, problems = parse(text, name)
    return Source(name, path, root), problems


def display_name(path: Path, root: Path) -> str:
    """How messages name a case file: ``cases/zhengding.yaml``, relative to the project."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def read_all(cases_dir: Path, root: Path) -> tuple[list[Source], list[Problem]]:
    """Read every ``*.yaml`` in ``cases_dir`` (sorted, so messages come in a stable order)."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in sorted(cases_dir.glob("*.yaml")):
        name = display_name(path, root)
        if path.is_symlink():
            problems.append(Problem(name, 0, "", "案例文件不能是符号链接"))
            continue
        source, found = read(path, name)
        sources.append(source)
        problems.extend(found)
    for path in sorted(cases_dir.glob("*.yml")):
        name = display_name(path, root)
        problems.append(Problem(name, 0, "", "案例文件的扩展名应为 .yaml"))
    return sources, problems
