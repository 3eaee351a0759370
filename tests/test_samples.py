"""The shipped sample cases harm no one: invented counties, nothing said about a real one.

Every case in ``cases/`` is invented demonstration data. None may be named after one of
Hebei's county-level divisions (tests/fixtures/hebei-county-divisions.txt), and no text of a
sample (the YAML file, comments included, and the text of its attachments) may name one, by
its full name or by its distinctive stem (武安 of 武安市). The 13 cities of the format's
city list and 河北 may be named: a sample belongs to one of them. Phone numbers are in an
obviously fictional form. Attachments are small PDFs, made by
scripts/make_sample_attachments.py from the texts it holds.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pypdf
import pytest
import yaml

from generator.format import schema
from tests.sitebuild import ROOT

CASES = ROOT / "cases"
DIVISIONS = ROOT / "tests" / "fixtures" / "hebei-county-divisions.txt"
SAMPLE_FILES = sorted(CASES.glob("*.yaml"))

FICTIONAL_PHONE = re.compile(r"000-0000-\d{4}")
# Anything dialled like a real number: an area code (0 and 2–3 digits) or a mobile number.
REAL_LOOKING_PHONE = re.compile(r"(?<!\d)(?:0[1-9]\d{1,2}-?\d{7,8}|1[3-9]\d{9})(?!\d)")

# What is left of a division's name without its kind: 武安市 → 武安, 青龙满族自治县 → 青龙.
KIND = re.compile(r"(?:(?:满族|回族|蒙古族)+自治县|矿区|区|市|县)$")

# Common words that contain a stem without naming the place (大城市 holds 大城 of 大城县): a hit
# inside one of them is not a hit. Keep this short; add only words a sample really needs.
NOT_A_PLACE: dict[str, tuple[str, ...]] = {"大城": ("大城市",)}

MAX_ATTACHMENT_BYTES = 100_000


def _divisions() -> dict[str, list[str]]:
    """The list's names by city, from its ``# 城市（n）`` group comments."""
    groups: dict[str, list[str]] = {}
    city = ""
    for line in DIVISIONS.read_text("utf-8").splitlines():
        if heading := re.fullmatch(r"# (\S+市)（(\d+)）", line):
            city = heading.group(1)
            groups[city] = []
        elif line and not line.startswith("#"):
            groups[city].append(line.strip())
    return groups


DIVISION_NAMES = sorted({name for names in _divisions().values() for name in names})
CITY_STEMS = {city.removesuffix("市") for city in schema.CITIES}


def stem(name: str) -> str:
    return KIND.sub("", name)


def place_names_in(text: str) -> list[str]:
    """The divisions of the list that ``text`` names, by full name or distinctive stem.

    A one-character stem (涉 of 涉县) is a common word, so only the full name counts; a stem
    that is also one of the cities of the list (承德 of 承德县) counts only as the full name;
    定州市 and 辛集市 are cities of the list and may be named.
    """
    found = []
    for name in DIVISION_NAMES:
        if name in schema.CITIES:
            continue
        distinctive = stem(name)
        needle = name if len(distinctive) < 2 or distinctive in CITY_STEMS else distinctive
        checked = text
        for word in NOT_A_PLACE.get(distinctive, ()):
            checked = checked.replace(word, "")
        if needle in checked:
            found.append(name)
    return found


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _attachments() -> list[tuple[str, dict, Path]]:
    return [(path.stem, item, CASES / path.stem / item["file"])
            for path in SAMPLE_FILES for item in _load(path).get("attachments") or []]


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(path)
    return "".join(page.extract_text() for page in reader.pages)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the list itself -----------------------------------------------------------------------


def test_division_list_is_hebeis_as_of_2024() -> None:
    groups = _divisions()
    assert list(groups) == [c for c in schema.CITIES if c not in ("定州市", "辛集市")]
    heading_counts = dict(re.findall(r"# (\S+市)（(\d+)）", DIVISIONS.read_text("utf-8")))
    for city, names in groups.items():
        assert len(names) == int(heading_counts[city]), city
        assert len(set(names)) == len(names), city
    names = [n for group in groups.values() for n in group]
    assert len(names) == 167
    kinds = [re.search(r"(自治县|区|市|县)$", n).group(1) for n in names]
    assert (kinds.count("区"), kinds.count("市"), kinds.count("县"), kinds.count("自治县")) == (49, 21, 91, 6)
    assert {"定州市", "辛集市"} <= set(names)  # county-level cities the notice addresses like cities


def test_the_checks_find_real_names() -> None:
    assert place_names_in("武安某某钢铁集团有限公司") == ["武安市"]
    assert place_names_in("青龙满族自治县") == ["青龙满族自治县"]
    assert place_names_in("邢台某某涉外服务公司、磁性材料") == []
    assert place_names_in("承德县") == ["承德县"] and place_names_in("承德市某某公司") == []
    assert place_names_in("辛集市、定州市、唐山市、河北省") == []
    assert place_names_in("靠近大城市") == [] and place_names_in("大城某某公司") == ["大城县"]
    assert not FICTIONAL_PHONE.fullmatch("0315-80000011") and REAL_LOOKING_PHONE.search("0315-80000011")
    assert FICTIONAL_PHONE.fullmatch("000-0000-0011") and not REAL_LOOKING_PHONE.search("000-0000-0011")


# --- the samples ---------------------------------------------------------------------------


def test_there_are_samples() -> None:
    assert len(SAMPLE_FILES) >= 12


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_is_marked_and_invented(path: Path) -> None:
    text = path.read_text("utf-8")
    data = _load(path)
    assert data.get("sample") is True, "sample: true"
    head = text.splitlines()[:2]
    assert any(line.startswith("# 示例数据：") for line in head), "the comment # 示例数据：… at the top"
    assert data["county"] not in DIVISION_NAMES
    assert stem(data["county"]) not in {stem(n) for n in DIVISION_NAMES}
    assert data["city"] in schema.CITIES


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_text_names_no_real_county(path: Path) -> None:
    text = path.read_text("utf-8")  # every string, every comment
    assert place_names_in(text) == []
    assert all(not place_names_in(s) for s in _strings(_load(path)))  # as parsed, too


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_phone_numbers_are_fictional(path: Path) -> None:
    data = _load(path)
    for contact in data.get("contacts") or []:
        assert FICTIONAL_PHONE.fullmatch(contact["phone"]), contact["phone"]
    assert not REAL_LOOKING_PHONE.findall(path.read_text("utf-8"))


def test_several_samples_have_attachments_and_nothing_else_in_their_folders() -> None:
    listed = {path for _, _, path in _attachments()}
    assert len({case_id for case_id, _, _ in _attachments()}) >= 3
    assert {p for p in CASES.glob("*/*") if p.is_file()} == listed


@pytest.mark.parametrize("item, path", [(item, path) for _, item, path in _attachments()],
                         ids=[f"{case_id}/{item['file']}" for case_id, item, _ in _attachments()])
def test_attachment_is_a_small_pdf_naming_no_real_county(item: dict, path: Path) -> None:
    data = path.read_bytes()
    assert path.suffix == ".pdf" and data.startswith(b"%PDF-"), path
    assert len(data) < MAX_ATTACHMENT_BYTES, len(data)
    reader = pypdf.PdfReader(path)
    assert reader.metadata.title == item["title"]
    text = _squeezed(_pdf_text(path))
    assert _squeezed(item["title"]) in text and "示例数据" in text
    assert place_names_in(text) == []
    assert not REAL_LOOKING_PHONE.findall(text)


def _generator_texts() -> dict[tuple[str, str], tuple[str, ...]]:
    spec = importlib.util.spec_from_file_location("make_sample_attachments",
                                                  ROOT / "scripts" / "make_sample_attachments.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TEXTS


def test_attachments_hold_the_generators_texts() -> None:
    """The committed PDFs are the ones the script makes: same files, same words."""
    texts = _generator_texts()
    assert sorted(texts) == sorted((case_id, item["file"]) for case_id, item, _ in _attachments())
    for (case_id, file), paragraphs in texts.items():
        pdf = _squeezed(_pdf_text(CASES / case_id / file))
        for paragraph in paragraphs:
            assert _squeezed(paragraph) in pdf, (case_id, file, paragraph[:20])
