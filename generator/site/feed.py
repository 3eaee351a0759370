"""An Atom feed (RFC 4287) of new and updated cases, for readers who subscribe."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.site.model import Case, Site

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
MAX_ENTRIES = 50
TIMEZONE = "+08:00"


def _timestamp(case: Case) -> str:
    assert case.updated is not None
    return f"{case.updated.isoformat()}T00:00:00{TIMEZONE}"


def _case_id(site_url: str, case: Case) -> str:
    return f"{site_url}cases/{case.id}/" if site_url else f"urn:x-sfx-case:{case.id}"


def atom_feed(site: Site, site_url: str = "") -> bytes:
    """The feed as bytes. Links are relative to the feed unless ``site_url`` is given."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if site_url:
        feed.set("xml:base", site_url)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = "河北省工业转型升级试点示范县（市、区）案例更新"
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = "新发布和更新的试点示范县（市、区）案例"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{site_url}{FEED_PATH}" if site_url else "urn:x-sfx-feed"
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=FEED_PATH)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href="./")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "河北省工业和信息化厅"
    entries = site.latest[:MAX_ENTRIES]
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = (
        _timestamp(entries[0]) if entries else f"2018-08-24T00:00:00{TIMEZONE}"
    )
    for case in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        title = f"{case.county}（{case.city}）：{case.status}"
        if case.sample:
            title += "【示例数据】"
        ET.SubElement(entry, f"{{{ATOM}}}title").text = title
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _case_id(site_url, case)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=f"cases/{case.id}/")
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(case)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = case.summary
        for term in (case.city, case.status, *case.industry_names):
            ET.SubElement(entry, f"{{{ATOM}}}category", term=term)
    ET.indent(feed)
    written: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return written + b"\n"
