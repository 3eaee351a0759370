"""An experience body in Word: sanitized HTML turned into paragraphs, lists, runs and tables.

The body is an author's Markdown; :func:`generator.site.text.markdown_html` renders it and cleans
the HTML with nh3, which leaves only the tags in ``text._ALLOWED_TAGS``. That HTML (never the
Markdown, never raw HTML) is walked here: ``<p>`` becomes a paragraph, ``<ul>``/``<ol>`` real
Word lists (an ``<ol>`` restarts at 1), ``<strong>``/``<em>``/``<u>``/``<del>``/``<sup>``/``<sub>``
run formatting, ``<code>`` a monospaced run, ``<a>`` its text followed by the address (a
printed page cannot be clicked), ``<h4>``–``<h6>`` Word headings below the book's own, a table
a Word table. Line breaks inside a paragraph join lines as a browser would, without a space
between Chinese characters.

The document must have the paragraph styles named below (see :mod:`generator.site.compilation`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import lxml.html
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from generator.forms import office

BODY = "正文"
LIST = "列表文字"
"""The body's font without its first-line indent: list items take their indents from the numbering."""
QUOTE = "引文"
TABLE_TEXT = "表格文字"
CODE_FONT = "Courier New"
INDENT = 640
"""Two characters of 16 pt text, in twentieths of a point: the first-line indent of the body."""

_BLOCKS = {"p", "div", "ul", "ol", "li", "blockquote", "pre", "table", "hr",
           "h1", "h2", "h3", "h4", "h5", "h6"}
_HEADINGS = {"h1": 4, "h2": 4, "h3": 4, "h4": 4, "h5": 5, "h6": 6}
"""Headings in a body (Markdown's ``#`` is already ``<h4>``) sit below the book's three levels."""
_FORMATS = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "u": "underline",
            "del": "strike", "s": "strike", "sup": "sup", "sub": "sub", "code": "code"}
_WHITESPACE = re.compile(r"[ \t\r\f\v\n]+")
_BR = "\u2028"
"""Stands for a ``<br>`` while whitespace is tidied."""


@dataclass(frozen=True)
class _Place:
    """Where content goes: its paragraph style and list level (-1 outside lists)."""

    style: str = BODY
    level: int = -1
    number: list[int] | None = None
    """A list item's numbering id, until its first paragraph takes it (then emptied)."""


class _Break:
    """A ``<br>``: a line break inside the paragraph."""


@dataclass(frozen=True)
class _Text:
    text: str
    formats: frozenset[str]


class Numbering:
    """The document's list definitions: one bullet list for all ``<ul>``, a fresh number per ``<ol>``."""

    def __init__(self, doc: Any) -> None:
        self.element = doc.part.numbering_part.element
        self._bullets: int | None = None
        self._decimal: int | None = None

    def _abstract(self, levels: Iterable[tuple[str, str, int]]) -> int:
        used = [int(a.get(qn("w:abstractNumId"))) for a in self.element.findall(qn("w:abstractNum"))]
        number = max(used, default=-1) + 1
        xml = "".join(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{INDENT * (ilvl + 1) + hanging}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
            for ilvl, (fmt, text, hanging) in enumerate(levels))
        abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">'
                             f'<w:multiLevelType w:val="multilevel"/>{xml}</w:abstractNum>')
        first_num = self.element.find(qn("w:num"))
        if first_num is None:
            self.element.append(abstract)
        else:
            first_num.addprevious(abstract)  # every abstractNum comes before the first num
        return number

    def bullets(self) -> int:
        if self._bullets is None:
            abstract = self._abstract([("bullet", "•", 320), ("bullet", "◦", 320), ("bullet", "▪", 320)])
            self._bullets = self.element.add_num(abstract).numId
        return self._bullets

    def numbers(self, level: int) -> int:
        """A new numbered list, counting from 1 at ``level``."""
        if self._decimal is None:
            self._decimal = self._abstract([("decimal", "%1.", 480), ("decimal", "（%2）", 960),
                                            ("decimal", "%3)", 480)])
        num = self.element.add_num(self._decimal)
        num.add_lvlOverride(ilvl=level).add_startOverride(1)
        return int(num.numId)


class Styles:
    """Adds paragraphs in a style given by name, looking each style up once (python-docx
    searches every style of the document on each lookup by name)."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._ids: dict[str, str] = {}
        self._end = doc.element.body.find(qn("w:sectPr"))
        """The body's last element, which stays last: new paragraphs go before it."""

    def id(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = self.doc.styles[name].style_id
        return self._ids[name]

    def set(self, paragraph: Any, name: str) -> Any:
        paragraph._p.style = self.id(name)  # noqa: SLF001
        return paragraph

    def paragraph(self, name: str | None = None) -> Any:
        """A new last paragraph of the body, made as XML directly (python-docx's API searches the
        schema's order for every element it inserts: many times slower for a book of 400 pages)."""
        p = OxmlElement("w:p")
        if name:
            properties = OxmlElement("w:pPr")
            style = OxmlElement("w:pStyle")
            style.set(qn("w:val"), self.id(name))
            properties.append(style)
            p.append(properties)
        self._end.addprevious(p)
        return Paragraph(p, self.doc._body)  # noqa: SLF001

    def table(self, rows: int, columns: int) -> Any:
        """A table with every cell bordered (Word's Table Grid)."""
        table = self.doc.add_table(rows=rows, cols=columns)
        table._tbl.tblPr.style = self.id("Table Grid")  # noqa: SLF001
        return table


class HtmlWriter:
    """Writes sanitized HTML into a python-docx document, after its last paragraph."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.doc = styles.doc
        self.styles = styles
        self.numbering = numbering

    def write(self, html: str) -> None:
        if not html.strip():
            return
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        self._flow(root, _Place())

    # blocks

    def _flow(self, container: Any, place: _Place) -> None:
        """A container's content in order: each run of inline content one paragraph, blocks as themselves."""
        inline: list[Any] = [container.text] if container.text else []
        for child in container:
            if isinstance(child.tag, str) and child.tag in _BLOCKS:
                self._paragraph(inline, place)
                inline = []
                self._block(child, place)
            elif isinstance(child.tag, str):
                inline.append(child)
            if child.tail:
                inline.append(child.tail)
        self._paragraph(inline, place)

    def _block(self, element: Any, place: _Place) -> None:
        tag = element.tag
        if tag in ("ul", "ol"):
            level = min(place.level + 1, 2)
            number = self.numbering.bullets() if tag == "ul" else self.numbering.numbers(level)
            for item in element:
                if isinstance(item.tag, str):
                    self._flow(item, replace(place, level=level, number=[number]))
        elif tag in _HEADINGS:
            self._paragraph(list(_children(element)), replace(place, style=f"Heading {_HEADINGS[tag]}"))
        elif tag == "blockquote":
            self._flow(element, replace(place, style=QUOTE))
        elif tag == "pre":
            self._paragraph([_Text(element.text_content().strip("\n"), frozenset({"code", "pre"}))], place)
        elif tag == "table":
            self._table(element)
        elif tag == "hr":
            return
        else:  # p, div, a stray li
            self._flow(element, place)

    def _paragraph(self, inline: list[Any], place: _Place) -> Any:
        pieces = _tidy(list(_pieces(inline, frozenset())))
        if not any(isinstance(p, _Text) and p.text for p in pieces):
            return None
        paragraph = self.styles.paragraph(LIST if place.level >= 0 and place.style == BODY else place.style)
        if place.number:  # the first paragraph of a list item carries its number
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # noqa: SLF001
            num_pr.get_or_add_ilvl().val = place.level
            num_pr.get_or_add_numId().val = place.number.pop()
        elif place.level >= 0:  # a further paragraph of a list item: under the item's text
            paragraph.paragraph_format.left_indent = Pt((INDENT * (place.level + 1) + 480) / 20)
        _write(paragraph, pieces)
        return paragraph

    def _table(self, element: Any) -> None:
        rows = [row for row in element.iter("tr")]
        columns = max((len([c for c in row if c.tag in ("th", "td")]) for row in rows), default=0)
        if not columns:
            return
        table = self.styles.table(len(rows), columns)
        for row, word_row in zip(rows, table.rows, strict=True):
            cells = [c for c in row if c.tag in ("th", "td")]
            header = all(c.tag == "th" for c in cells)
            if header:
                trPr = word_row._tr.get_or_add_trPr()  # noqa: SLF001
                trPr.append(parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>'))
            for cell, word_cell in zip(cells, word_row.cells, strict=False):
                paragraph = self.styles.set(word_cell.paragraphs[0], TABLE_TEXT)
                formats = frozenset({"bold"}) if cell.tag == "th" else frozenset()
                _write(paragraph, _tidy(list(_pieces(_children(cell), formats))))
        self.styles.paragraph(TABLE_TEXT)  # space after the table, as between paragraphs


# -- inline content ------------------------------------------------------------------------


def _children(element: Any) -> Iterable[Any]:
    """An element's content in order: its text, each child, each child's tail."""
    if element.text:
        yield element.text
    for child in element:
        yield child
        if child.tail:
            yield child.tail


def _write(paragraph: Any, pieces: list[_Text | _Break]) -> None:
    for piece in pieces:
        if isinstance(piece, _Break):
            add_run(paragraph, "\n")
        elif piece.text:
            add_run(paragraph, piece.text, piece.formats)


def _pieces(inline: Iterable[Any], formats: frozenset[str]) -> Iterable[_Text | _Break]:
    for item in inline:
        if isinstance(item, str):
            yield _Text(item, formats)
            continue
        tag = item.tag if isinstance(item.tag, str) else ""
        if tag == "br":
            yield _Break()
            continue
        inner = formats | {_FORMATS[tag]} if tag in _FORMATS else formats
        yield from _pieces(_children(item), inner)
        if tag == "a":
            href = item.get("href") or ""
            shown = item.text_content().strip()
            address = href[len("mailto:"):] if href.startswith("mailto:") else href
            if address and address != shown:
                yield _Text(f"（{address}）", formats)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _tidy(pieces: list[_Text | _Break]) -> list[_Text | _Break]:
    """Whitespace as a browser shows it: a line break between two lines is a space, or nothing
    next to a Chinese character; a run of spaces is one; none at the start, the end or a ``<br>``."""
    if any(isinstance(p, _Text) and "pre" in p.formats for p in pieces):
        return pieces
    chars = [(char, owner) for owner, piece in enumerate(pieces)
             for char in (_BR if isinstance(piece, _Break) else piece.text)]
    text = "".join(char for char, _ in chars)
    kept: list[tuple[str, int]] = []
    position = 0
    for match in _WHITESPACE.finditer(text):
        kept.extend(chars[position:match.start()])
        before = text[match.start() - 1] if match.start() else _BR
        after = text[match.end()] if match.end() < len(text) else _BR
        soft_break = "\n" in match.group()
        if _BR not in (before, after) and not (soft_break and (_wide(before) or _wide(after))):
            kept.append((" ", chars[match.start()][1]))
        position = match.end()
    kept.extend(chars[position:])
    out: list[_Text | _Break] = []
    for owner, group in itertools.groupby(kept, key=lambda item: item[1]):
        piece = pieces[owner]
        if isinstance(piece, _Break):
            out.extend(_Break() for _ in group)
        else:
            out.append(_Text("".join(char for char, _ in group), piece.formats))
    return out


_RUN_FLAGS = (("bold", "w:b"), ("italic", "w:i"), ("strike", "w:strike"))


def add_run(paragraph: Any, content: str, formats: Iterable[str] = (), *, font: str | None = None,
            size: float | None = None) -> Any:
    """Append text to a paragraph (or a ``w:hyperlink`` in one) as one run (``\n`` a line
    break, ``\t`` a tab).

    ``formats`` are ``bold``, ``italic``, ``underline``, ``strike``, ``sup``, ``sub``, ``code``;
    ``font`` is a Chinese font for the run (else the paragraph style's). The run is made as XML
    directly, its properties in the order the schema requires.
    """
    formats = set(formats)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    if font or "code" in formats:
        fonts = OxmlElement("w:rFonts")
        latin = CODE_FONT if "code" in formats else font
        fonts.set(qn("w:ascii"), latin or "")
        fonts.set(qn("w:hAnsi"), latin or "")
        if font:
            fonts.set(qn("w:eastAsia"), font)
        properties.append(fonts)
    for name, tag in _RUN_FLAGS:
        if name in formats:
            properties.append(OxmlElement(tag))
    if size:
        for tag in ("w:sz", "w:szCs"):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(round(size * 2)))
            properties.append(element)
    if "underline" in formats:
        underline = OxmlElement("w:u")
        underline.set(qn("w:val"), "single")
        properties.append(underline)
    if "sup" in formats or "sub" in formats:
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript" if "sup" in formats else "subscript")
        properties.append(align)
    if len(properties):
        run.append(properties)
    for part in re.split(r"(\n|\t)", office.clean(content)):
        if part == "\n":
            run.append(OxmlElement("w:br"))
        elif part == "\t":
            run.append(OxmlElement("w:tab"))
        elif part:
            node = OxmlElement("w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = part
            run.append(node)
    getattr(paragraph, "_p", paragraph).append(run)
    return run
