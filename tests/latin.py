"""What a reader sees of a built page, and the Latin words in it that are not on the allow-list.

Used by tests/test_chinese.py on every built HTML file and by the browser test on the live page
(after the scripts have added the search box and the reading settings).

Seen or read are: text outside ``<script>``, ``<style>`` and ``<template>`` (hidden elements
included: scripts show them), the document title, SVG titles and descriptions (a screen reader
reads them), and the attributes a browser shows or reads aloud (``title``, ``aria-label``,
``alt``, ``placeholder``, ``data-label``, which the stylesheet shows on phones, and the value of
a button). Not seen: other attributes, class names, URLs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from generator.format import attachments

READ_ATTRIBUTES = frozenset({"title", "aria-label", "aria-description", "aria-roledescription",
                             "aria-valuetext", "alt", "placeholder", "data-label"})
BUTTON_INPUTS = frozenset({"button", "submit", "reset"})
NOT_SHOWN = frozenset({"script", "style", "template"})
CODE = frozenset({"code", "pre", "kbd", "samp"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})

ALLOWED: frozenset[str] = frozenset(word.casefold() for word in (
    # Names of file formats and the programs that open them, which a reader needs to know.
    "GDP", "YAML", "Excel", "Word", "PDF", "JSON", "CSV", "ZIP", "XLSX", "DOCX", "TXT",
    "WPS", "Microsoft", "Office", "LibreOffice", "UTF-8",
    # Units and sizes as Chinese writing uses them.
    "KB", "MB", "A4",
    # Standards by their own names: GB/T 37668—2019 and WCAG 2.1 (《Web 内容无障碍指南》), level AA.
    "GB/T", "WCAG", "Web", "AA",
    # Keys on the keyboard, as printed on them.
    "Ctrl", "Ctrl+P", "Tab", "Esc",
    # The site's ICP registration number in the footer, as issued (冀ICP备…号), when it is set.
    "ICP",
    # Terms Chinese industrial writing uses in Latin letters (in case texts).
    "3D", "GAP", "Low-E", "VOCs", "ABCD",
    # Image formats: the attachment rules name those they refuse and what to save them as.
    "PNG", "JPG", "JPEG", "SVG",
    # The attachment types a case may publish, by name and by extension (generator/format/attachments.py).
    *(kind.name for kind in attachments.TYPES if kind.name.isascii()),
    *(s for kind in attachments.TYPES for s in kind.suffixes),
    *(s.lstrip(".") for kind in attachments.TYPES for s in kind.suffixes),
))
"""Latin words a reader may see, compared case-insensitively. A single letter (A类, H型钢,
O形圈) is always allowed."""

DEVELOPER_ALLOWED: frozenset[str] = frozenset(word.casefold() for word in (
    "Python", "git", "VS", "Code", "Red", "Hat", "Markdown", "HTML", "Ctrl+C", "GBK", "Atom",
    "true", "false", "YYYY-MM-DD", "cases", "id",
))
"""Also allowed in the prose of the developer pages (see ``DEVELOPER_PAGES``): the tools a
maintainer installs, the keys and formats they meet, and the values and patterns of the case
format that the data dictionary's notes write as plain text (``true 或 false``, ``cases/<id>/``)."""

DEVELOPER_PAGES = frozenset({"maintainer/index.html", "data-dictionary/index.html"})
"""维护指南 and 数据字典 are for the staff who edit case files and run the build. The commands,
file names and field keys they show must be typed exactly as written, so they are set apart as
code (``<code>``, ``<pre>``) and not scanned; their prose is, with ``DEVELOPER_ALLOWED``."""

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+\-./_]*")


class VisibleText(HTMLParser):
    """Collects (text, in_code) for everything of a page a reader sees or hears."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.pieces: list[tuple[str, bool]] = []

    def _in(self, names: frozenset[str]) -> bool:
        return any(tag in names for tag in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in values.items():
            if value and (name in READ_ATTRIBUTES or (
                    name == "value" and tag == "input" and values.get("type") in BUTTON_INPUTS)):
                self.pieces.append((value, False))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if data.strip() and not self._in(NOT_SHOWN):
            self.pieces.append((data, self._in(CODE)))


def visible_text(html: str) -> list[tuple[str, bool]]:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.pieces


def latin_words(pieces: Iterable[tuple[str, bool]], developer: bool = False) -> list[str]:
    """The words outside the allow-list, each with a little of its context."""
    allowed = ALLOWED | DEVELOPER_ALLOWED if developer else ALLOWED
    found = []
    for text, in_code in pieces:
        if in_code and developer:
            continue
        for match in _TOKEN.finditer(text):
            word = match.group().rstrip(".-/_")
            if not re.search(r"[A-Za-z]", word) or word.casefold() in allowed:
                continue
            if re.fullmatch(r"[A-Za-z]", word) or re.fullmatch(r"[0-9.]+%?", word):
                continue
            context = " ".join(text[max(0, match.start() - 12):match.end() + 12].split())
            found.append(f"{word} ← {context}")
    return found
