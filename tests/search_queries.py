"""The search query set, derived from a built site's case pages (nothing here names a case).

Queries, by kind:

- ``county``, ``tag``, ``industry``, ``enterprise``, ``indicator``: every county name, tag,
  industry name, enterprise name (销售收入前三位企业) and target indicator of the case files;
- ``word``: every word of two to six characters of the case pages' text that one to three
  case pages contain. Words are taken with jieba (precise mode, its own dictionary, no user
  dictionary: a segmenter independent of the one the search engine uses), from the text a
  reader sees on each case page (the article, without the heading permalinks); a word must
  contain a Chinese character.

A query's *holders* are the case pages whose text contains it as typed (text in different
elements, such as two table cells, does not run together).
Expected: every holder among the first three results when there are at most three, otherwise
at least one holder among the first three; and never no result at all.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from generator.site.model import Case

TOP = 3
WORD_MIN, WORD_MAX, WORD_CASES_MAX = 2, 6, 3
ENTITY_KINDS = ("county", "tag", "industry", "enterprise", "indicator")
_HAN = re.compile(r"[\u3400-\u9fff]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    holders: frozenset[str]
    """Ids of the cases whose page contains the query."""

    @property
    def expected(self) -> int:
        """How many holders must be among the first three results."""
        return min(len(self.holders), TOP) if len(self.holders) <= TOP else 1


class _ArticleText(HTMLParser):
    """The text of ``<article class="md-content__inner">``, without ``.headerlink`` anchors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" and "md-content__inner" in classes:
            self.depth = 1
            return
        if self.depth and tag not in ("br", "img", "input", "hr", "meta", "link", "wbr"):
            self.depth += 1
            # What the index leaves out: the ¶ links, and navigation such as the case pager.
            if self.skip or "headerlink" in classes or tag == "nav" or "data-pagefind-ignore" in dict(attrs):
                self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in ("br", "img", "input", "hr", "meta", "link", "wbr"):
            self.depth -= 1
            if self.skip:
                self.skip -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return " ".join(parser.parts)


def case_texts(site: Path, cases: list[Case], served: bool = True) -> dict[str, str]:
    """Each case's page text as a reader sees it: ``cases/<id>/index.html`` of the served site,
    ``cases/<id>.html`` of the offline edition."""
    return {case.id: page_text((site / "cases" / (f"{case.id}/index.html" if served else f"{case.id}.html"))
                               .read_text("utf-8")) for case in cases}


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def entity_terms(case: Case) -> dict[str, list[str]]:
    industries = case.data.get("industries", [])
    return {
        "county": [case.county],
        "tag": list(case.tags),
        "industry": [i["name"] for i in industries],
        "enterprise": [e["name"] for i in industries for e in i.get("top_enterprises", [])],
        "indicator": [t["indicator"] for t in case.data.get("targets", [])],
    }


def words(text: str) -> set[str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return {w for w in jieba.cut(text) if WORD_MIN <= len(w) <= WORD_MAX and _HAN.search(w)
            and not _SPACE.search(w)}


def query_set(site: Path, cases: list[Case], served: bool = True) -> list[Query]:
    texts = {cid: _normal(text) for cid, text in case_texts(site, cases, served).items()}

    def holders(term: str) -> frozenset[str]:
        typed = _normal(term)
        return frozenset(cid for cid, text in texts.items() if typed in text)

    queries: dict[str, Query] = {}
    for case in cases:
        for kind, terms in entity_terms(case).items():
            for term in terms:
                if term.strip() and term not in queries:
                    queries[term] = Query(kind, term, holders(term))
    found: dict[str, set[str]] = {}
    for cid, text in texts.items():
        for word in words(text):
            found.setdefault(word, set()).add(cid)
    for word in sorted(found):
        if word in queries:
            continue
        held = holders(word)  # as a substring: jieba may have cut it elsewhere in other pages
        if 1 <= len(held) <= WORD_CASES_MAX:
            queries[word] = Query("word", word, held)
    return list(queries.values())
