"""Each case's 附表 are cached between builds: only changed cases are made again."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from generator.forms import layouts as forms
from generator.forms import office
from generator.site import downloads


@pytest.fixture(scope="module")
def site(sample_model):
    return sample_model


def _case_files(outputs) -> dict[str, bytes]:
    return {o.path: o.content for o in outputs if o.path.startswith("cases/")}


def test_cached_spreadsheets_equal_fresh_ones(site, tmp_path: Path) -> None:
    fresh = _case_files(downloads.files(site))
    first = _case_files(downloads.files(site, tmp_path))
    again = _case_files(downloads.files(site, tmp_path))
    assert fresh == first == again
    assert len(list(tmp_path.glob("*.xlsx"))) == len(site.cases) * len(forms.FORMS)


def test_only_a_changed_case_is_made_again(site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    downloads.files(site, tmp_path)
    changed = copy.deepcopy(site)
    changed.cases[0].data["overview"] = {"gdp": 1}
    made: list[str] = []
    real = office.xlsx
    monkeypatch.setattr(office, "xlsx", lambda form, data=None: (made.append(data["id"]) if data else None) or real(form, data))
    outputs = _case_files(downloads.files(changed, tmp_path))
    assert made == [changed.cases[0].id] * len(forms.FORMS)
    path = next(p for p in outputs if p.startswith(f"cases/{changed.cases[0].id}/fubiao1"))
    assert outputs[path] == real(forms.FORMS[0], changed.cases[0].data)
    # Spreadsheets no case needs any more are removed.
    assert len(list(tmp_path.glob("*.xlsx"))) == len(site.cases) * len(forms.FORMS)


def test_many_spreadsheets_are_made_in_parallel_with_the_same_bytes(site, monkeypatch) -> None:
    monkeypatch.setattr(downloads, "PARALLEL_FROM", 2)
    parallel = _case_files(downloads.files(site))
    monkeypatch.setattr(downloads, "PARALLEL_FROM", 10**9)
    assert parallel == _case_files(downloads.files(site))
