"""What a reader sees of a built page: its article's text, block by block (lxml).

A block element, a table cell and a ``<br>`` end a word as they do on screen; inline
elements (``<span>``, ``<a>``, ``<q>``) do not. Material's permalink marks (``¶``) are left
out, and so is any element a caller asks to skip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
from lxml.html import HtmlElement

BLOCKS = frozenset(
    "address article aside blockquote br caption dd details div dl dt figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul".split())
HIDDEN = frozenset({"script", "style", "template", "noscript"})


def has_class(element: HtmlElement, name: str) -> bool:
    return name in (element.get("class") or "").split()


def page(site: Path, name: str) -> HtmlElement:
    """The ``<article>`` of ``site/<name>/index.html`` (``name`` as in ``notice/``)."""
    document = lxml.html.fromstring((site / name / "index.html").read_text("utf-8"))
    return document.xpath("//article")[0]


def text(element: HtmlElement, skip: Callable[[HtmlElement], bool] = lambda e: False) -> str:
    """The element's visible text; blocks separated by line breaks."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if not isinstance(node.tag, str):  # a comment
            return
        if node.tag in HIDDEN or has_class(node, "headerlink") or skip(node):
            return
        block = node.tag in BLOCKS
        if block:
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        if block:
            parts.append("\n")

    walk(element)
    return "".join(parts)


def words(value: str) -> list[str]:
    """Runs of text between whitespace (spaces, line breaks, block and cell boundaries)."""
    return value.split()


def occurs(quotation: str, source: str) -> bool:
    """Whether ``quotation`` is in ``source``, allowing line breaks of the source inside it.

    Where the quotation has a space, the source must have one too.
    """
    pattern = r"\s+".join(r"\s*".join(map(re.escape, part)) for part in quotation.split())
    return re.search(pattern, source) is not None


def links(element: HtmlElement) -> list[HtmlElement]:
    return element.xpath(".//a[@href]")


def target(href: str) -> tuple[str, str]:
    """(page folder such as ``notice``, fragment) of a link from a page one folder deep."""
    parts = urlsplit(href)
    folder = parts.path.removeprefix("../").strip("/")
    return folder, parts.fragment
