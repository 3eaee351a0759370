"""What ``mkdocs.yml`` sets for the generator itself: ``extra.compilation`` and ``site_url``.

MkDocs refuses unknown top-level keys under ``--strict``, so the generator's own settings live
under ``extra:``::

    site_url: https://example.org/zt/sfx/    # optional: the briefs then carry a QR code
    extra:
      compilation:                             # the 典型经验汇编 (.docx)
        statuses: [验收通过, 示范标杆]          # which cases it includes (this is the default)

The MkDocs hook passes ``config.extra`` and ``config.site_url`` to :func:`from_config`;
``python -m generator render`` reads the same keys from the file with :func:`read` (no MkDocs).
A wrong value stops the build with a message naming the file, the line and the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from generator.format import schema
from generator.problems import Problem, SettingsErrors
from generator.site.model import STATUSES_AFTER_FINAL

DEFAULT_STATUSES: tuple[str, ...] = STATUSES_AFTER_FINAL
"""The cases the 汇编 includes unless ``mkdocs.yml`` says otherwise: those that passed 绩效评价."""

STATUSES_LABEL = "典型经验汇编收录的创建状态"
_KEYS = ("extra", "compilation")


@dataclass(frozen=True)
class Settings:
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    """创建状态 whose cases the 汇编 includes, in the workflow's order."""
    site_url: str | None = None
    """The published site's address, ending in ``/`` (the briefs' QR codes point there)."""


def from_config(extra: Mapping[str, Any] | None, site_url: str | None, config_file: Path) -> Settings:
    """The settings from MkDocs' ``extra`` and ``site_url``; raises :class:`SettingsErrors`."""
    problems: list[Problem] = []
    name = config_file.name

    def problem(keys: tuple[str | int, ...], message: str) -> None:
        path = ".".join(str(k) for k in keys if isinstance(k, str))
        index = next((k for k in reversed(keys) if isinstance(k, int)), None)
        if index is not None:
            path += f"[{index}]"
        problems.append(Problem(name, _line(config_file, keys), path, message))

    compilation = (extra or {}).get("compilation")
    statuses = DEFAULT_STATUSES
    if compilation is not None:
        if not isinstance(compilation, Mapping):
            problem(_KEYS, "（典型经验汇编的设置）应为映射，如 statuses: [验收通过, 示范标杆]")
            compilation = {}
        for key in compilation:
            if key != "statuses":
                problem((*_KEYS, str(key)), " 不是典型经验汇编的设置项：只能设置 statuses（收录的创建状态）")
        given = compilation.get("statuses", list(DEFAULT_STATUSES))
        keys = (*_KEYS, "statuses")
        if not isinstance(given, list) or not given:
            problem(keys, f"（{STATUSES_LABEL}）应为创建状态的列表，如 [验收通过, 示范标杆]，"
                          f"实际为 {_shown(given)}")
        else:
            for index, status in enumerate(given):
                if status not in schema.STATUSES:
                    choices = "、".join(schema.STATUSES)
                    problem((*keys, index),
                            f"（{STATUSES_LABEL}）应为以下之一：{choices}，实际为 {_shown(status)}")
            wanted = set(given)
            statuses = tuple(s for s in schema.STATUSES if s in wanted)
    url = None
    if site_url:
        parts = urlsplit(str(site_url))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            problem(("site_url",), "（网站地址）应为以 http:// 或 https:// 开头的完整地址，"
                                   f"实际为 {_shown(site_url)}")
        else:
            url = str(site_url).rstrip("/") + "/"
    if problems:
        raise SettingsErrors(problems)
    return Settings(statuses, url)


def read(config_file: Path) -> Settings:
    """The settings of a ``mkdocs.yml`` read without MkDocs (``python -m generator render``)."""
    root = _compose(config_file)
    extra = _plain(_child(root, "extra")) if root is not None else None
    site_url = _plain(_child(root, "site_url")) if root is not None else None
    return from_config(extra if isinstance(extra, dict) else None, site_url or None, config_file)


def nav(config_file: Path) -> Any:
    """The ``nav`` of a ``mkdocs.yml`` read without MkDocs, as lists, mappings and text."""
    root = _compose(config_file)
    return _plain(_child(root, "nav")) if root is not None else None


# -- reading the file as YAML nodes: no tag (!ENV, !!python/name) is ever constructed -----


def _compose(path: Path) -> yaml.Node | None:
    try:
        return yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        return next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        found: yaml.Node = node.value[key]
        return found
    return None


def _plain(node: yaml.Node | None) -> Any:
    """Mappings, lists and text; a plain ``null`` or ``~`` is None."""
    if isinstance(node, yaml.MappingNode):
        return {str(k.value): _plain(v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item) for item in node.value]
    if isinstance(node, yaml.ScalarNode):
        return None if node.style is None and node.value in ("", "~", "null", "Null", "NULL") else node.value
    return None


def _line(config_file: Path, keys: tuple[str | int, ...]) -> int:
    """The line of ``keys`` in the file (or in the file it INHERITs from); 0 when not found."""
    for _ in range(3):
        root = _compose(config_file)
        node: yaml.Node | None = root
        for key in keys:
            found = _child(node, key)
            if found is None:
                break
            node = found
        if node is not None and node is not root:
            return node.start_mark.line + 1
        parent = _plain(_child(root, "INHERIT"))
        if not isinstance(parent, str):
            return 0
        config_file = config_file.parent / parent
    return 0


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if value is None:
        return "空值"
    return str(value)
