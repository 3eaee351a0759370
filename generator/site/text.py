"""Text from case files, made safe for Markdown pages.

A case file's text is text: ``|`` must not end a table cell, ``#`` must not make a
heading, ``<script>`` must not run, ``{: onclick=… }`` must not become an
attribute. :func:`escape` turns every character Markdown or HTML would read as
markup into a numeric character reference, which both show as the character
itself. Only ``experiences[].body`` is Markdown: :func:`markdown_html` renders it
with a minimal Markdown and then sanitizes the HTML with nh3 (Ammonia).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from collections.abc import Iterable
from urllib.parse import quote

import markdown
import nh3
from markupsafe import Markup

from generator.format.kinds import grouped

_MARKUP_CHARS = re.compile(r"[\\`*_{}\[\]#!|~<>&\"'$^]")
"""Characters that are markup anywhere in a line (emphasis, code, links, tables, attributes, HTML)."""
_LINE_START = re.compile(r"^(?:[-+](?=\s|$)|>|[0-9]+[.)](?=\s|$)|[-=]+\s*$)")
"""What makes a list, a quote or a heading underline when it starts a line."""
_NEWLINE = re.compile(r"\r\n|\r|\n")


def _reference(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(char)};" for char in match.group())


def escape(value: object) -> Markup:
    """Escape plain text for a Markdown page; line breaks become ``<br>``.

    Only characters Markdown or HTML would read as markup are replaced, by numeric
    character references; digits, dates and punctuation such as ``3.5%`` stay as they
    are, which keeps pages small and fast to convert.
    """
    if isinstance(value, Markup):
        return value
    text = "" if value is None else str(value)
    text = _MARKUP_CHARS.sub(_reference, text)
    text = _LINE_START.sub(_reference, text)
    return Markup(_NEWLINE.sub("<br>", text))


def url(value: str) -> Markup:
    """A relative URL built from validated parts, percent-encoded for a Markdown link."""
    return Markup(quote(value, safe="/"))


def yaml_string(value: str) -> Markup:
    """A front-matter value: a JSON string is a YAML double-quoted scalar."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


number = grouped
"""``3456789`` → ``3,456,789`` (defined with the kinds of value, which show numbers so too)."""


def quantity(value: int | float | None, unit: str = "") -> Markup:
    """A number with its unit: ``3,456,789 万元``, ``45.3%``."""
    if value is None:
        return Markup("")
    shown = number(value)
    if not unit:
        return escape(shown)
    if unit == "%":
        return escape(f"{shown}%")
    return escape(f"{shown} {unit}")


LARGE_UNITS: dict[str, str] = {"万元": "亿元", "万美元": "亿美元"}
"""Units of which 10,000 make the unit a speech uses: 10,000 万元 is 1 亿元."""


def large_unit(unit: str, values: Iterable[int | float]) -> str:
    """The unit to show a set of amounts in: 亿元 (亿美元) for amounts in 万元 (万美元) when the
    largest is 1 亿 or more, else their own. One unit for a whole table, chart or sentence."""
    larger = LARGE_UNITS.get(unit)
    return larger if larger and any(abs(v) >= 10_000 for v in values) else unit


def in_unit(value: int | float, unit: str, shown: str) -> int | float:
    """``value`` (in ``unit``) in the unit :func:`large_unit` chose, to two decimals."""
    if shown == unit:
        return value
    rounded = round(value / 10_000, 2)
    return int(rounded) if float(rounded).is_integer() else rounded


def amount(value: int | float | None, unit: str) -> Markup:
    """One amount with its unit, in 亿元 when it is 1 亿元 or more: ``352.5 亿元``, ``8,600 万元``."""
    if value is None:
        return Markup("")
    shown = large_unit(unit, [value])
    return quantity(in_unit(value, unit, shown), shown)


def file_size(size: int) -> str:
    """A download's size in one style: ``0.9 KB``, ``12.7 KB``, ``1.2 MB`` (never below 0.1 KB)."""
    if size < 1024 * 1024:
        return f"{max(size / 1024, 0.1):.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def date_text(value: dt.date) -> str:
    """A date as a reader sees it, in the notice's style: ``2021年4月15日``."""
    return f"{value.year}年{value.month}月{value.day}日"


def date(value: dt.date) -> Markup:
    """:func:`date_text` in a ``<time>`` element that keeps the ISO form for machines."""
    return Markup(f'<time datetime="{value.isoformat()}">{date_text(value)}</time>')


_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote", "code", "pre",
    "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a", "hr", "del", "sup", "sub",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_HEADING = re.compile(r"<(/?)h([1-6])([ >])")


def _demote(match: re.Match[str]) -> str:
    level = min(int(match.group(2)) + 3, 6)
    return f"<{match.group(1)}h{level}{match.group(3)}"


def excerpt(source: str, length: int = 100) -> str:
    """The start of an author's Markdown as plain text, for lists that link to the full text."""
    text = html.unescape(nh3.clean(markdown_html(source), tags=set()))
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rstrip() + "……"


@functools.lru_cache(maxsize=32768)  # each experience is shown on its case page and in the lists
def markdown_html(source: str) -> Markup:
    """Render an author's Markdown to sanitized HTML.

    Raw HTML in the source is shown as the text the author wrote (it is escaped
    before rendering), links keep only http, https and mailto addresses, and
    headings are demoted below the page's own (``#`` becomes ``<h4>``).
    """
    source = source.replace("&", "&amp;").replace("<", "&lt;")
    html = markdown.markdown(source, extensions=["sane_lists", "tables"], output_format="html")
    html = _HEADING.sub(_demote, html)
    clean = nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)
