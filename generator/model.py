"""Stage 3: the site's model, made from validated case data.

Everything the pages need and that is derived from more than one field lives
here (sorting, grouping, defaults), so templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import schema


@dataclass(frozen=True)
class Attachment:
    title: str
    file: str
    path: Path
    size: int

    @property
    def suffix(self) -> str:
        return Path(self.file).suffix.lstrip(".").upper() or "文件"


@dataclass
class Case:
    """One approved county: its validated data and what is derived from it."""

    data: dict[str, Any]
    source: str
    """The file it came from, e.g. ``cases/zhengding.yaml``."""

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def county(self) -> str:
        return str(self.data["county"])

    @property
    def city(self) -> str:
        return str(self.data["city"])

    @property
    def batch(self) -> int:
        return int(self.data["batch"])

    @property
    def status(self) -> str:
        return str(self.data["status"])

    @property
    def summary(self) -> str:
        return str(self.data["summary"])

    @property
    def sample(self) -> bool:
        return bool(self.data.get("sample", False))

    @property
    def updated(self) -> dt.date | None:
        return self.data.get("updated")

    @property
    def tags(self) -> list[str]:
        return list(self.data.get("tags", []))

    @property
    def period(self) -> tuple[int, int]:
        """创建期: given, or three years from the batch year as 第二章 says."""
        given = self.data.get("period")
        if given:
            return int(given[0]), int(given[1])
        return self.batch, self.batch + schema.PERIOD_YEARS - 1

    @property
    def industry_names(self) -> list[str]:
        return [item["name"] for item in self.data.get("industries", [])]

    @property
    def attachments(self) -> list[Attachment]:
        return [
            Attachment(item["title"], item["file"], item["path"], item["size"])
            for item in self.data.get("attachments", [])
        ]

    @property
    def page(self) -> str:
        """The source path of its page, relative to the docs folder."""
        return f"cases/{self.id}.md"

    def section(self, key: str) -> Any:
        """A section's data, or None when the case does not have it (or it is empty)."""
        value = self.data.get(key)
        if isinstance(value, dict) and not value:
            return None
        return value or None


@dataclass(frozen=True)
class ExperienceRef:
    case: Case
    index: int
    item: dict[str, Any]


@dataclass
class Site:
    """All cases, in the order the library lists them, and their groupings."""

    cases: list[Case]
    latest: list[Case] = field(default_factory=list)
    experiences_by_system: dict[str, list[ExperienceRef]] = field(default_factory=dict)
    unassigned_experiences: list[ExperienceRef] = field(default_factory=list)

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        counts = Counter(case.status for case in self.cases)
        return [(status, counts[status]) for status in schema.STATUSES if counts[status]]

    @property
    def city_count(self) -> int:
        return len({case.city for case in self.cases})

    @property
    def experience_count(self) -> int:
        return sum(len(refs) for refs in self.experiences_by_system.values()) + len(
            self.unassigned_experiences
        )

    def search_terms(self) -> list[str]:
        """Words the Chinese segmenter must keep whole: names, industries, tags, indicators."""
        terms: set[str] = set(schema.CITIES) | set(schema.DIMENSIONS) | set(schema.SYSTEMS)
        terms |= set(schema.DIMENSION_INDICATORS.values())
        for case in self.cases:
            terms.add(case.county)
            terms.update(case.tags)
            for industry in case.data.get("industries", []):
                terms.add(industry["name"])
                terms.update(e["name"] for e in industry.get("top_enterprises", []))
                terms.update(industry.get("parks", []))
                terms.update(industry.get("brands", []))
            for target in case.data.get("targets", []):
                terms.add(target["indicator"])
        return sorted(t for t in terms if 2 <= len(t) <= 30 and " " not in t)


_CITY_ORDER = {city: index for index, city in enumerate(schema.CITIES)}


def build_site(cases_data: list[dict[str, Any]], sources: dict[str, str]) -> Site:
    """Make the model. ``sources`` maps a case id to the file it came from."""
    cases = [Case(data, sources[data["id"]]) for data in cases_data]
    cases.sort(key=lambda c: (c.batch, _CITY_ORDER[c.city], c.county, c.id))
    latest = sorted(
        (c for c in cases if c.updated),
        key=lambda c: (c.updated, c.id),
        reverse=True,
    )
    by_system: dict[str, list[ExperienceRef]] = {system: [] for system in schema.SYSTEMS}
    unassigned: list[ExperienceRef] = []
    for case in cases:
        for index, item in enumerate(case.data.get("experiences", [])):
            ref = ExperienceRef(case, index, item)
            if item.get("system"):
                by_system[item["system"]].append(ref)
            else:
                unassigned.append(ref)
    return Site(cases, latest, by_system, unassigned)
