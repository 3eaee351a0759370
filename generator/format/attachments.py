"""What a case may publish from its folder: the types a department publishes, checked by content.

A file in ``cases/<id>/`` is published on the department's own domain. An SVG or HTML
file there would run its script in every reader's browser, so only the document and
image types of a government website are allowed (:data:`TYPES`), and a file's first
bytes must match its extension: a ``.pdf`` that is really a web page is refused. The
validator reports the problems (:func:`problem`); the renderer publishes nothing else
(:func:`publishable`).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_BYTES = 20 * 1024 * 1024
"""A published attachment is at most 20 MB: a scanned report of a hundred pages fits."""


@dataclass(frozen=True)
class Type:
    name: str
    """How the page and the messages call it."""
    suffixes: tuple[str, ...]
    content: str
    """What the first bytes must be.

    One of ``pdf``, ``ofd``, ``ooxml:<part>``, ``legacy``, ``jpeg``, ``png``, ``zip``.
    """


TYPES: tuple[Type, ...] = (
    Type("PDF", (".pdf",), "pdf"),
    Type("OFD", (".ofd",), "ofd"),
    Type("Word", (".doc", ".docx"), "ooxml:word/document.xml"),
    Type("Excel", (".xls", ".xlsx"), "ooxml:xl/workbook.xml"),
    Type("PowerPoint", (".ppt", ".pptx"), "ooxml:ppt/presentation.xml"),
    Type("WPS", (".wps", ".et", ".dps"), "legacy"),
    Type("图片", (".jpg", ".jpeg", ".png"), "image"),
    Type("压缩包", (".zip",), "zip"),
)

_BY_SUFFIX = {suffix: kind for kind in TYPES for suffix in kind.suffixes}
_LEGACY = frozenset({".doc", ".xls", ".ppt", ".wps", ".et", ".dps"})
"""Office 97–2003 and WPS files: OLE compound files (newer WPS saves some of them as zips)."""

ALLOWED = "、".join(f"{kind.name}（{'、'.join(kind.suffixes)}）" for kind in TYPES)
"""The allowed types, as the messages and the maintainer's guide list them."""

_INSTEAD = {
    ".svg": "SVG 图片可能含有脚本，请另存为 PNG 或 PDF",
    ".html": "网页可能含有脚本，请在浏览器中“打印”为 PDF",
    ".htm": "网页可能含有脚本，请在浏览器中“打印”为 PDF",
    ".xhtml": "网页可能含有脚本，请在浏览器中“打印”为 PDF",
    ".txt": "请转换为 PDF 或 Word 文件",
    ".rar": "请改用 .zip 压缩",
    ".7z": "请改用 .zip 压缩",
    ".gif": "请另存为 PNG",
    ".bmp": "请另存为 PNG 或 JPG",
    ".tif": "请另存为 PDF 或 PNG",
    ".tiff": "请另存为 PDF 或 PNG",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def publishable(name: str) -> bool:
    """Whether a file name has an allowed type (the content is the validator's to check)."""
    return suffix(name) in _BY_SUFFIX


def problem(path: Path, name: str) -> str | None:
    """What is wrong with publishing ``path`` (written as ``name``), or None; in Chinese."""
    ext = suffix(name)
    kind = _BY_SUFFIX.get(ext)
    if kind is None:
        shown = f"“{ext}”文件" if ext else "没有扩展名的文件"
        instead = f"（{_INSTEAD[ext]}）" if ext in _INSTEAD else ""
        return f"不能发布{shown}{instead}，附件应为以下类型之一：{ALLOWED}"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return (f"文件过大（{size / 2**20:.1f} MB，{size:,} 字节），一个附件最大 {MAX_BYTES // 2**20} MB："
                "请压缩图片或拆分成几个文件")
    with path.open("rb") as handle:
        head = handle.read(8)
    if not _matches(path, ext, kind, head):
        return (f"扩展名是 {ext}，但文件内容不是 {kind.name} 文件（{_looks_like(head)}）：请用原来的程序"
                f"重新保存或导出为 {kind.name}，再放入文件夹")
    return None


def _matches(path: Path, ext: str, kind: Type, head: bytes) -> bool:
    if kind.content == "pdf":
        return head.startswith(b"%PDF-")
    if kind.content == "image":
        return head.startswith(_PNG) if ext == ".png" else head.startswith(_JPEG)
    if ext in _LEGACY and head.startswith(_OLE):
        return True
    if not head.startswith(b"PK"):
        return False
    names = _zip_names(path)
    if names is None:
        return False
    if kind.content == "zip":
        return True
    if kind.content == "ofd":
        return "OFD.xml" in names
    if ext in _LEGACY:
        return "[Content_Types].xml" in names  # an Office file in the new format under an old name
    return "[Content_Types].xml" in names and kind.content.removeprefix("ooxml:") in names


def _zip_names(path: Path) -> set[str] | None:
    """The names in a zip's directory (nothing is unpacked), or None if it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _looks_like(head: bytes) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        return "文件是空的"
    if text.startswith(b"<"):
        return "看起来是网页或 SVG 文本"
    for magic, what in ((b"%PDF-", "PDF"), (_OLE, "旧版 Office 或 WPS 文件"), (_PNG, "PNG 图片"),
                        (_JPEG, "JPG 图片"), (b"PK", "压缩包或新版 Office 文件"), (b"GIF8", "GIF 图片"),
                        (b"Rar!", "RAR 压缩包"), (b"{\\rtf", "RTF 文件")):
        if head.startswith(magic):
            return f"看起来是{' ' if what[0].isascii() else ''}{what}"
    return "无法识别的内容"
