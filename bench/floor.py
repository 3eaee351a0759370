"""The floor: what MkDocs and Material cost at the least for N pages of a case's length.

One page per case of about :data:`PAGE_CHARS` Chinese characters of plain paragraphs, the text
taken from the case itself (its summary and the bodies of its experiences, repeated until the
page has that many), the nav listing the home page only, no plugins at all (no search) and
``font: false``. No tables, no headings beyond the title, no hook, no templates, no extensions:
a bound no build of the same number of pages with this stack can beat, to which ``make bench``
compares ours.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

PAGE_CHARS = 2500
"""Chinese characters of text on one page (the length of a generated case page)."""
HAN = re.compile(r"[\u4e00-\u9fff]")
_MARKUP = re.compile(r"^\s*[-*]\s+|\*\*|[*_`#>]")


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def paragraphs(data: dict[str, Any]) -> list[str]:
    """The case's own sentences as plain paragraphs: the summary, then each experience's body."""
    out = [str(data["summary"]).strip()]
    for item in data.get("experiences", []):
        for line in str(item["body"]).splitlines():
            line = _MARKUP.sub("", line).strip()
            if line:
                out.append(line)
    return [p for p in out if p]


def filler(data: dict[str, Any], chars: int = PAGE_CHARS) -> list[str]:
    """Paragraphs of the case's text, repeated in order, cut at ``chars`` Chinese characters."""
    source = paragraphs(data)
    if not any(han_count(p) for p in source):
        raise ValueError(f"{data.get('id')}: no Chinese text to fill a page with")
    out: list[str] = []
    count = 0
    while count < chars:
        for text in source:
            need = chars - count
            have = han_count(text)
            if have > need:  # cut after the ``need``-th Chinese character
                seen = 0
                for end, char in enumerate(text):
                    seen += bool(HAN.match(char))
                    if seen == need:
                        text = text[:end + 1] + "。"
                        break
                have = need
            out.append(text)
            count += have
            if count >= chars:
                break
    return out


def page_markdown(data: dict[str, Any], chars: int = PAGE_CHARS) -> str:
    return "\n\n".join([f"# {data['county']}", *filler(data, chars)]) + "\n"


def write_project(cases_dir: Path, dest: Path, chars: int = PAGE_CHARS) -> list[str]:
    """The floor project in ``dest`` from the cases in ``cases_dir``; the case ids."""
    docs = dest / "docs"
    (docs / "cases").mkdir(parents=True, exist_ok=True)
    ids = []
    for path in sorted(cases_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (docs / "cases" / f"{data['id']}.md").write_text(page_markdown(data, chars), encoding="utf-8")
        ids.append(data["id"])
    (docs / "index.md").write_text(f"# 首页\n\n共 {len(ids)} 页。\n", encoding="utf-8")
    config = [
        "site_name: 试点示范县案例（下限）",
        "theme:",
        "  name: material",
        "  language: zh",
        "  font: false",
        "plugins: []",
        "nav:",
        "  - 首页: index.md",
        "",
    ]
    (dest / "mkdocs.yml").write_text("\n".join(config), encoding="utf-8")
    return ids
