"""feed.xml: an Atom feed of new and updated cases."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.build.pipeline import Project, check
from generator.site.feed import atom_feed
from tests.sitebuild import ROOT

NS = {"a": "http://www.w3.org/2005/Atom"}


def test_feed_lists_updated_cases_newest_first() -> None:
    site = check(Project(ROOT)).site
    assert site is not None
    root = ET.fromstring(atom_feed(site))
    entries = root.findall("a:entry", NS)
    dated = sorted((c for c in site.cases if c.updated), key=lambda c: (c.updated, c.id), reverse=True)
    assert [e.find("a:link", NS).get("href") for e in entries] == [f"cases/{c.id}/" for c in dated]
    assert root.find("a:updated", NS).text == f"{dated[0].updated.isoformat()}T00:00:00+08:00"
    first = entries[0]
    assert first.find("a:title", NS).text.startswith(dated[0].county)
    assert "示例数据" in first.find("a:title", NS).text
    assert first.find("a:summary", NS).text == dated[0].summary
    assert len({e.find("a:id", NS).text for e in entries}) == len(entries)


def test_feed_uses_site_url_when_given() -> None:
    site = check(Project(ROOT)).site
    root = ET.fromstring(atom_feed(site, "https://example.gov.cn/zt/sfx/"))
    assert root.find("a:id", NS).text == "https://example.gov.cn/zt/sfx/feed.xml"
    assert root.find("a:entry/a:id", NS).text.startswith("https://example.gov.cn/zt/sfx/cases/")


def test_feed_is_the_same_every_time() -> None:
    site = check(Project(ROOT)).site
    assert atom_feed(site) == atom_feed(site)
