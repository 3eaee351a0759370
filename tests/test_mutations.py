"""Thousands of damaged copies of the sample cases: never a traceback, every problem on its line.

Each mutant is a sample case file (the shipped samples and the golden fixtures) with one to
three edits a person or an editor might make by mistake (:data:`MUTATIONS`), drawn from a
fixed seed so that a failure comes back the same way. Every mutant is read and checked as
``make check`` reads it (:func:`generator.format.load.from_bytes`, the cross-file rules included); every
problem must name the mutant's file and a line within it. The mutants that pass go through the
pipeline's whole in-memory render (pages, feed, open data and each case's 附表 spreadsheets,
:func:`generator.build.pipeline.render_all`), many to a site.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from generator.build.pipeline import Project, render_all
from generator.format import load, validate
from generator.site import model, opendata
from tests.sitebuild import ROOT

SEED = 20180824
"""The notice's date."""
COUNT = 3000
SITE_SIZE = 150
"""Valid mutants rendered together, as one site."""
SOURCES = sorted((ROOT / "cases").glob("*.yaml")) + sorted((ROOT / "tests/fixtures/golden/cases").glob("*.yaml"))
ARTIFACTS = ROOT / "test-artifacts" / "mutants"

Lines = list[str]


def _line(rng: random.Random, lines: Lines) -> int:
    return rng.randrange(len(lines))


def _with_colon(rng: random.Random, lines: Lines) -> int | None:
    candidates = [i for i, line in enumerate(lines) if ": " in line or line.rstrip().endswith(":")]
    return rng.choice(candidates) if candidates else None


def _after_colon(text: str, insert: str) -> str:
    if ": " in text:
        return text.replace(": ", f": {insert}", 1)
    return text.rstrip() + " " + insert


def delete_line(rng: random.Random, lines: Lines) -> None:
    del lines[_line(rng, lines)]


def duplicate_line(rng: random.Random, lines: Lines) -> None:
    index = _line(rng, lines)
    lines.insert(index + rng.choice((0, 1, 2)), lines[index])


def truncate_line(rng: random.Random, lines: Lines) -> None:
    index = _line(rng, lines)
    lines[index] = lines[index][: rng.randrange(len(lines[index]) + 1)]


def reindent(rng: random.Random, lines: Lines) -> None:
    index = _line(rng, lines)
    shift = rng.choice((-4, -2, -1, 1, 2, 4))
    line = lines[index]
    indent = len(line) - len(line.lstrip(" "))
    lines[index] = " " * max(indent + shift, 0) + line.lstrip(" ")


def swap_lines(rng: random.Random, lines: Lines) -> None:
    a, b = _line(rng, lines), _line(rng, lines)
    lines[a], lines[b] = lines[b], lines[a]


def join_lines(rng: random.Random, lines: Lines) -> None:
    index = _line(rng, lines)
    if index + 1 < len(lines):
        lines[index : index + 2] = [lines[index] + rng.choice(("", " ")) + lines[index + 1].lstrip()]


def full_width_colon(rng: random.Random, lines: Lines) -> None:
    index = _with_colon(rng, lines)
    if index is not None:
        lines[index] = lines[index].replace(": ", rng.choice(("：", "： ", ":", ":\u3000")), 1)


def flow_opener(rng: random.Random, lines: Lines) -> None:
    index = _with_colon(rng, lines)
    if index is not None:
        lines[index] = _after_colon(lines[index], rng.choice(("[", "{", "[[", "{a: ", '"', "'", "|", ">", "- ")))


def insert_tag(rng: random.Random, lines: Lines) -> None:
    index = _with_colon(rng, lines)
    if index is not None:
        tag = rng.choice(("!!python/object:os.system ", "!!python/name:os.system ", "!!binary ", "!!int ",
                          "!!str ", "!!float ", "!x ", "!<tag:yaml.org,2002:str> ", "!e!foo "))
        lines[index] = _after_colon(lines[index], tag)


def insert_anchor(rng: random.Random, lines: Lines) -> None:
    index = _with_colon(rng, lines)
    if index is not None:
        lines[index] = _after_colon(lines[index], rng.choice(("&a ", "*a", "&b [", "*b ")))
    else:
        lines.insert(_line(rng, lines), rng.choice(("<<: *a", "? [a, b]", ": x", "--- ", "...")))


def chinese_slip(rng: random.Random, lines: Lines) -> None:
    index = _line(rng, lines)
    line = lines[index]
    choice = rng.randrange(4)
    if choice == 0:
        lines[index] = line.replace("  ", "\u3000", 1)
    elif choice == 1:
        lines[index] = line.replace(", ", "，")
    elif choice == 2 and ": " in line:
        key, value = line.split(": ", 1)
        lines[index] = f"{key}: “{value}”"
    else:
        lines[index] = line.replace("[", "［").replace("]", "］")


def odd_character(rng: random.Random, lines: Lines) -> None:
    index = _line(rng, lines)
    line = lines[index]
    at = rng.randrange(len(line) + 1)
    char = rng.choice(("\t", "\x00", "\x07", "\x1b", "\u200b", "\u202e", "\ufeff", "\r", "#", "%", "@", "`", "|",
                       "&", "*", "!", "?", "-", ":", "\\", '"', "'", "\ud800"))
    lines[index] = line[:at] + char + line[at:]


LINE_MUTATIONS: tuple[Callable[[random.Random, Lines], None], ...] = (
    delete_line, duplicate_line, truncate_line, reindent, swap_lines, join_lines, full_width_colon,
    flow_opener, insert_tag, insert_anchor, chinese_slip, odd_character,
)


def change_byte(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def cut_file(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def line_endings(rng: random.Random, data: bytes) -> bytes:
    return rng.choice((b"\xef\xbb\xbf" + data, data.replace(b"\n", b"\r\n"), data.replace(b"\n", b"\r")))


BYTE_MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (change_byte, cut_file, line_endings)

MUTATIONS = [f.__name__ for f in LINE_MUTATIONS + BYTE_MUTATIONS]


def mutants(count: int = COUNT, seed: int = SEED):
    """``(source path, the edits made, the mutant's bytes)``, the same on every run."""
    rng = random.Random(seed)
    originals = {path: path.read_text("utf-8") for path in SOURCES}
    for number in range(count):
        path = SOURCES[number % len(SOURCES)]
        lines = originals[path].split("\n")
        edits: list[str] = []
        byte_edits = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            if rng.random() < 0.15:
                byte_edits.append(rng.choice(BYTE_MUTATIONS))
            else:
                edit = rng.choice(LINE_MUTATIONS)
                edit(rng, lines)
                edits.append(edit.__name__)
        data = "\n".join(lines).encode("utf-8", "surrogatepass")
        for edit in byte_edits:
            if data:
                data = edit(rng, data)
            edits.append(edit.__name__)
        yield path, edits, data


def _keep(number: int, path: Path, edits: list[str], data: bytes, error: str) -> str:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    saved = ARTIFACTS / f"{number:05d}-{path.name}"
    saved.write_bytes(data)
    return f"mutant {number} of {path.name} ({' + '.join(edits)}), saved as {saved}:\n{error}"


def test_mutated_cases_never_crash_and_every_problem_has_its_line(tmp_path: Path) -> None:
    started = time.monotonic()
    failures: list[str] = []
    valid: dict[str, tuple[dict, str]] = {}
    checked = 0
    for number, (path, edits, data) in enumerate(mutants()):
        name = f"cases/{path.name}"
        try:
            source, problems = load.from_bytes(data, name, path)
            cases, found = validate.validate_all([source], path.parent)
        except Exception:  # noqa: BLE001 - any exception is the failure this test looks for
            failures.append(_keep(number, path, edits, data, traceback.format_exc()))
            continue
        checked += 1
        last = data.count(b"\n") + data.count(b"\r") + 1
        wrong = [str(p) for p in problems + found
                 if p.file != name or not 1 <= p.line <= last or not str(p).startswith(f"{name}:{p.line}: ")
                 or "\n" in str(p)]
        if wrong:
            failures.append(_keep(number, path, edits, data, "\n".join(wrong)))
        if cases and not any(p.severity == "error" for p in problems + found):
            text = json.dumps(opendata.canonical(cases[0]), ensure_ascii=False, sort_keys=True)
            valid.setdefault(hashlib.sha256(text.encode()).hexdigest(), (cases[0], f"{number} ({' + '.join(edits)})"))
    assert not failures, f"{len(failures)} mutants failed; the first:\n{failures[0]}"
    assert checked == COUNT
    assert len(valid) > COUNT // 20  # enough of them still valid to test the render
    checking = time.monotonic() - started
    project = Project(tmp_path, templates=ROOT / "templates")  # its own spreadsheet cache
    found_valid = list(valid.values())
    rendered = 0
    for first in range(0, len(found_valid), SITE_SIZE):
        batch = found_valid[first : first + SITE_SIZE]
        cases = []
        for index, (data, _) in enumerate(batch):
            cases.append({**data, "id": f"{data['id']}-m{first + index}"})  # one site, so one id each
        origins = {case["id"]: f"cases/{case['id']}.yaml" for case in cases}
        try:
            outputs = render_all(model.build_site(cases, origins), project)
        except Exception:  # noqa: BLE001
            raise AssertionError(f"the render of mutants {[label for _, label in batch]} failed:\n"
                                 f"{traceback.format_exc()}") from None
        rendered += len(batch)
        pages = {output.path for output in outputs}
        assert all(f"cases/{case['id']}.md" in pages for case in cases)
    assert rendered == len(valid)
    elapsed = time.monotonic() - started
    print(f"{COUNT} mutants checked in {checking:.1f} s; {len(valid)} distinct valid ones rendered; {elapsed:.1f} s")
    assert elapsed < 240, f"the mutation test took {elapsed:.0f} s; it takes under a minute on an idle 2-core machine"
