"""The one-page briefs without a browser: one per case, linked from its page, what they show,
their QR code (read back with a second library) and its absence without site_url.
tests/browser/test_brief.py prints them."""

from __future__ import annotations

import io
import re

import pytest

from generator.build.pipeline import Project, generate
from generator.format import schema
from generator.site import brief
from generator.site.settings import Settings
from tests.sitebuild import ROOT

URL = "https://www.example.org/zt/sfx/"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    outputs = generate(Project(ROOT), Settings(site_url=URL)).outputs
    return {o.path: o.content.decode("utf-8") for o in outputs if o.path.endswith(".md")}


def test_every_case_has_a_brief_linked_from_its_page(pages, sample_model) -> None:
    for case in sample_model.cases:
        page = pages[brief.path(case)]
        assert "search:\n  exclude: true" in page  # the case page is what search finds
        assert f"[返回案例页](../{case.id}.md)" in page
        assert f"[打印一页简介]({case.id}/brief.md)" in pages[case.page]
        assert f'<span class="brief__url">{URL}cases/{case.id}/</span>' in page.replace("&#95;", "_")
        assert page.count("<svg") == 1 and "\n\n" not in page.split('<div class="brief">')[1]


def test_brief_shows_five_headline_figures_and_the_experience_titles(sample_model) -> None:
    case = max(sample_model.cases, key=lambda c: len(c.data.get("experiences", [])))
    shown = brief.of(case, None)
    assert [f.label for f in shown.figures] == [schema.OVERVIEW.child(k).label for k in brief.FIGURES]
    assert len(shown.figures) == 5
    assert [f.value for f in shown.figures] == [case.overview_value(k) for k in brief.FIGURES]
    assert shown.experiences == [e["title"] for e in case.data["experiences"]][:brief.EXPERIENCES_MAX]
    assert shown.url is None and shown.qr_svg is None


def test_qr_code_encodes_the_case_page(sample_model) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    import segno
    from PIL import Image

    case = sample_model.cases[0]
    shown = brief.of(case, URL)
    assert shown.url == f"{URL}cases/{case.id}/"
    svg = str(shown.qr_svg)
    assert svg.startswith('<svg aria-hidden="true" focusable="false" viewBox=') and "\n" not in svg
    assert not re.search(r"https?://(?!www\.w3\.org)", svg)  # loads nothing
    # The same symbol as a picture, read by an independent decoder.
    png = io.BytesIO()
    segno.make(shown.url, error="m", micro=False).save(png, kind="png", scale=4, border=4)
    png.seek(0)
    assert [r.text for r in zxingcpp.read_barcodes(Image.open(png).convert("L"))] == [shown.url]
    assert svg == str(brief.of(case, URL).qr_svg)  # the same on every build
