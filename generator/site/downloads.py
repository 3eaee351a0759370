"""Every generated download: blank templates, each case's filled 附表, open data.

:func:`files` is called by the pipeline before the pages are rendered, so the
pages can link the files and show their sizes.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from generator.build import cache
from generator.format import schema
from generator.forms import layouts as forms
from generator.forms import office, submission
from generator.outputs import Output
from generator.site import opendata, text
from generator.site.model import Site


def templates() -> dict[str, bytes]:
    """The blank templates by their path in the site, in the order the page lists them."""
    return dict(_templates(os.environ.get("SOURCE_DATE_EPOCH", "")))


@functools.cache
def _templates(epoch: str) -> tuple[tuple[str, bytes], ...]:
    """Made once per process and date: ``make serve`` rebuilds the site on every change."""
    return tuple((d.path, d.build()) for d in forms.TEMPLATES if d.build is not None)


def files(site: Site, cache_dir: Path | None = None) -> list[Output]:
    """Every generated download, in a stable order (:func:`start`, then its result)."""
    return start(site, cache_dir).result()


class Pending:
    """The downloads being made: the spreadsheets in worker processes, while the caller goes on."""

    def __init__(self, before: list[Output], jobs: list[tuple[str, str]], spreadsheets: _Spreadsheets,
                 after: list[Output]) -> None:
        self._before, self._jobs, self._spreadsheets, self._after = before, jobs, spreadsheets, after

    def result(self) -> list[Output]:
        made = self._spreadsheets.result()
        return [*self._before,
                *(Output(path, content, origin=origin)
                  for (path, origin), content in zip(self._jobs, made, strict=True)),
                *self._after]


def start(site: Site, cache_dir: Path | None = None) -> Pending:
    """Start making every generated download; :meth:`Pending.result` gives them in a stable order.

    Each case's 附表 are kept in ``cache_dir`` under a hash of everything they are made
    from, so a rebuild (and every change under ``make serve``) only makes the spreadsheets
    of the cases that changed; the rest are made on both cores, while the caller does other work.
    """
    jobs = [(download.path, case.source, form, case.data)  # an attachment of the same name: validate.py
            for case in site.cases
            for download, form in zip(forms.case_downloads(case.id), forms.FORMS, strict=True)]
    spreadsheets = _Spreadsheets([(form, data) for _, _, form, data in jobs], cache_dir)
    made = templates()  # the rest meanwhile
    before = [Output(path, content) for path, content in made.items()]
    before.append(Output(submission.ALL_IN_ONE.path, submission.all_in_one_zip(made)))
    after = [Output(d.path, d.build(site)) for d in opendata.OPEN_DATA if d.build is not None]
    return Pending(before, [(path, origin) for path, origin, _, _ in jobs], spreadsheets, after)


def _code_version() -> str:
    """What else a spreadsheet depends on: the code and library that write it, and the date in it."""
    return cache.code_version((forms, office, schema, text), ("openpyxl",))


def _key(version: str, form: forms.Form, data: dict[str, Any]) -> str:
    """A spreadsheet is made from the parts of the case the forms hold (office.py reads nothing
    else), so a change elsewhere in a case (an experience, a target) does not remake its 附表."""
    held = {key: data[key] for key in forms.FORM_KEYS if key in data}
    dumped = json.dumps(held, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(f"{version}\0{form.name}\0{dumped}".encode()).hexdigest()


def _make(job: tuple[str, dict[str, Any]]) -> bytes:
    """In a worker process: the form is named, not pickled, so identity checks on it still hold."""
    name, data = job
    gc.disable()  # a workbook is thousands of linked objects: collected once it is written, not while
    try:
        return office.xlsx(next(form for form in forms.FORMS if form.name == name), data)
    finally:
        gc.enable()


PARALLEL_FROM = 40
"""Below this many spreadsheets to make, starting worker processes costs more than it saves."""


class _Spreadsheets:
    """The spreadsheets of ``jobs``: from the cache, or started in worker processes."""

    def __init__(self, jobs: list[tuple[forms.Form, dict[str, Any]]], cache_dir: Path | None) -> None:
        version = _code_version()
        self.cache_dir = cache_dir
        self.count = len(jobs)
        self.keys = keys = [_key(version, form, data) for form, data in jobs]
        self.found: dict[int, bytes] = {}
        if cache_dir is not None:
            for index, key in enumerate(keys):
                path = cache_dir / f"{key}.xlsx"
                if path.is_file():
                    self.found[index] = path.read_bytes()
        self.missing = [index for index in range(len(jobs)) if index not in self.found]
        todo = [(jobs[index][0].name, jobs[index][1]) for index in self.missing]
        workers = min(os.cpu_count() or 1, 4)
        self.pool: ProcessPoolExecutor | None = None
        self.made: Iterator[bytes]
        if len(todo) >= PARALLEL_FROM and workers > 1:
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            self.made = self.pool.map(_make, todo, chunksize=16)
        else:
            self.made = iter([_make(job) for job in todo])

    def result(self) -> list[bytes]:
        try:
            made = list(self.made)
        finally:
            if self.pool is not None:
                self.pool.shutdown()
        cache_dir, keys, found = self.cache_dir, self.keys, self.found
        if cache_dir is not None and made:
            cache_dir.mkdir(parents=True, exist_ok=True)
            live = {f"{key}.xlsx" for key in keys}
            for old in cache_dir.glob("*.xlsx"):  # the cache holds what the cases need now, no more
                if old.name not in live:
                    old.unlink()
        for index, content in zip(self.missing, made, strict=True):
            found[index] = content
            if cache_dir is not None:
                cache.store(cache_dir / f"{keys[index]}.xlsx", content)
        return [found[index] for index in range(self.count)]
