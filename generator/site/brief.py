"""A one-page brief per case, for a county's stand at a 现场会: ``cases/<id>/brief/``.

:func:`of` gathers what ``templates/brief.md.j2`` lays out on one A4 page: the county, city,
status, 一句话经验, five headline figures of 总体情况, the leading industries, the titles of its
experiences and, when ``site_url`` is set in ``mkdocs.yml``, a QR code of the case page's
address. The QR code is drawn at build time by segno (pure Python) as inline SVG: the page
loads nothing and works offline.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

from generator.format import schema
from generator.forms.layouts import ISSUER
from generator.site.model import Case

FIGURES: tuple[str, ...] = ("gdp", "mfg_value_added", "mfg_share_of_gdp", "mfg_enterprises",
                            "rd_share_of_gdp")
"""总体情况 figures the brief shows (地区GDP, 制造业增加值 and its share, 规上制造业企业, 研发投入占比)."""

EXPERIENCES_MAX = 8
"""Experience titles on the page; beyond, “另有 N 条” so that the page stays one sheet."""

DENSE_FROM = 320
"""Characters of 一句话经验 and experience titles from which the brief prints in a smaller type."""


@dataclass(frozen=True)
class Figure:
    label: str
    value: float | None
    unit: str


@dataclass(frozen=True)
class Brief:
    case: Case
    url: str | None
    """The case page's published address (``site_url`` + ``cases/<id>/``), or None."""
    issuer: str = ISSUER
    """Who the foot of the page names as its author."""

    @property
    def figures(self) -> list[Figure]:
        fields = [schema.OVERVIEW.child(key) for key in FIGURES]
        return [Figure(fld.label, self.case.overview_value(fld.key), fld.unit) for fld in fields if fld]

    @property
    def experiences(self) -> list[str]:
        return [item["title"] for item in self.case.data.get("experiences", [])[:EXPERIENCES_MAX]]

    @property
    def dense(self) -> bool:
        """Long texts: printed smaller, so that the brief still fills one page, not two."""
        return len(self.case.summary) + sum(len(title) for title in self.experiences) >= DENSE_FROM

    @property
    def more_experiences(self) -> int:
        return max(0, len(self.case.data.get("experiences", [])) - EXPERIENCES_MAX)

    @property
    def qr_svg(self) -> Markup | None:
        """The address as a QR code (inline SVG, hidden from screen readers: the address is shown as text)."""
        if not self.url:
            return None
        code = segno.make(self.url, error="m", micro=False)
        svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="brief-qr__code", lineclass=None)
        return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def path(case: Case) -> str:
    """The brief's source path: ``cases/<id>/brief.md``, served at ``cases/<id>/brief/``."""
    return f"cases/{case.id}/brief.md"


def of(case: Case, site_url: str | None) -> Brief:
    return Brief(case, f"{site_url}cases/{case.id}/" if site_url else None)
