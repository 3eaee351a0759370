"""Every command the README gives works on a fresh clone.

The commands are read from README.md itself (every ``make <target>`` and every
``python -m generator <command>`` it names), so a command added there without a test here
fails :func:`test_every_command_in_the_readme_is_run_here`. They run in order in one fresh
clone (tests/sitebuild.py: the files git tracks, no build/, site/ or .cache/) whose .venv is
the one running the tests; make is told not to reinstall it (``-o``).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, fresh_clone

README = (ROOT / "README.md").read_text("utf-8")
MAKE_TARGETS = sorted(set(re.findall(r"\bmake ([a-z][a-z-]*)", README)))
GENERATOR_COMMANDS = sorted(set(re.findall(r"python -m generator ([a-z]+)", README)))
MODULES = sorted(set(re.findall(r"python -m ((?!generator )[a-z_.]+)", README)))
SCRIPTS = sorted(set(re.findall(r"python (scripts/[a-z_]+\.py)", README)))

MAKE_RUN = ["check", "render", "offline", "site", "serve"]
"""Run here, in this order (render first: it must work without build/)."""
MAKE_NOT_RUN = {
    "test": "the run this test is part of",
    "lint": "the first step of `make test`, which runs it before this test",
    "bench": "half an hour at national size; tests/test_bench.py runs its parts at small sizes",
}
GENERATOR_RUN = {
    "new": "test_new_and_import_as_the_readme_gives_them",
    "import": "test_new_and_import_as_the_readme_gives_them",
    "schema": "test_schema_command",
    "build": "what `make site` runs (see the Makefile), tested by test_make[site]",
    "render": "what `make render` runs, tested by test_make[render]",
    "offline": "what `make offline` runs, tested by test_make[offline]",
}
MODULES_RUN = {"bench.run": "test_bench_commands", "bench.cases": "test_bench_commands"}
SCRIPTS_RUN = {"scripts/check_office_files.py": "tests/test_office.py, where LibreOffice is installed"}

ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
CASES = len(list((ROOT / "cases").glob("*.yaml")))


def test_every_command_in_the_readme_is_run_here() -> None:
    assert MAKE_TARGETS == sorted(MAKE_RUN + list(MAKE_NOT_RUN))
    assert GENERATOR_COMMANDS == sorted(GENERATOR_RUN)
    assert MODULES == sorted(MODULES_RUN)
    assert SCRIPTS == sorted(SCRIPTS_RUN)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fresh_clone(tmp_path_factory.mktemp("fresh") / "sfx")


INSTALLED = ("-o", ".venv/.site-installed", "-o", ".venv/.test-installed", "-o", "node_modules/.installed")
"""What the clone links to the running project's: make must not reinstall them (``npm ci`` through
the ``node_modules`` link would empty the project's own)."""


def make(clone: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    command = ["make", "--no-print-directory", *INSTALLED, *args]
    return subprocess.run(command, cwd=clone, env=ENV, capture_output=True, text=True, timeout=timeout)


def python(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([".venv/bin/python", *args], cwd=clone, env=ENV, capture_output=True, text=True,
                          timeout=300)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _serve(clone: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(["make", "--no-print-directory", *INSTALLED, "serve",
                               f"SERVE_ADDR=127.0.0.1:{port}"], cwd=clone, env=ENV, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/cases/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.communicate()[0]
                assert time.monotonic() < deadline, "make serve did not answer within two minutes"
                time.sleep(0.5)
        assert "案例库" in page and page.count('href="') > CASES
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # make and the mkdocs it started, nothing else
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output


@pytest.mark.parametrize("target", MAKE_RUN)
def test_make(clone: Path, target: str) -> None:
    if target == "check":
        assert ok(make(clone, "check")).splitlines()[-1].startswith(f"共 {CASES} 个案例，没有错误")
    elif target == "render":
        assert not (clone / "build").exists()  # as in a fresh clone
        assert "个文件到" in ok(make(clone, "render"))
        generated = clone / "build" / "generated"
        assert (generated / "index.md").is_file()
        assert len(list((generated / "cases").glob("*.md"))) == CASES + 1
        assert "个文件到" in ok(make(clone, "render"))  # and again, over the first result
    elif target == "offline":
        ok(make(clone, "offline"))
        assert (clone / "build" / "offline" / "index.html").is_file()
        assert (clone / "build" / "sfx-offline.zip").stat().st_size > 100_000
    elif target == "site":
        assert "网站已生成到 site" in ok(make(clone, "site"))
        assert len(list((clone / "site" / "cases").glob("*/index.html"))) == CASES
        assert (clone / "site" / "pagefind" / "pagefind.js").is_file()
    elif target == "serve":
        _serve(clone)


def _readme_command(name: str) -> str:
    """The first command line in README.md that runs ``python -m generator <name>``."""
    line = next(line for line in README.splitlines() if f"python -m generator {name} " in line)
    return re.search(rf"\.venv/bin/python -m generator {name} [^`\n]*", line).group()  # type: ignore[union-attr]


def test_new_and_import_as_the_readme_gives_them(clone: Path) -> None:
    """``new`` for a county, then the 附表 the built site offers for that county imported into it."""
    case = sorted(p.stem for p in (clone / "cases").glob("*.yaml"))[0]
    lines = (clone / "cases" / f"{case}.yaml").read_text("utf-8").splitlines()
    fields = dict(line.split(": ", 1) for line in lines if line.startswith(("county: ", "city: ")))
    new = _readme_command("new")
    assert new == ".venv/bin/python -m generator new <id> --county 某县 --city 某市 --batch 2019"
    new = new.replace("<id>", "moxian").replace("某县", fields["county"]).replace("某市", fields["city"])
    created = subprocess.run(new, shell=True, cwd=clone, env=ENV, capture_output=True, text=True, timeout=120)
    assert "已创建 cases/moxian.yaml" in ok(created)
    assert ok(make(clone, "check")).splitlines()[-1].startswith(f"共 {CASES + 1} 个案例，没有错误")
    for number in (1, 2):
        download = clone / "site" / "cases" / case / f"fubiao{number}-{case}.xlsx"
        (clone / f"附表{number}.xlsx").write_bytes(download.read_bytes())
    command = _readme_command("import")
    assert command == ".venv/bin/python -m generator import 附表1.xlsx --annex2 附表2.xlsx --id <id>"

    def run(case_id: str, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(" ".join([command.replace("<id>", case_id), *extra]), shell=True, cwd=clone,
                              env=ENV, capture_output=True, text=True, timeout=120)

    asked = run("moxian")  # over an existing case: the changes are shown, nothing is written without --yes
    assert asked.returncode == 1 and "未写入：需要确认" in asked.stderr and "总体情况" in asked.stdout
    assert "已更新 cases/moxian.yaml" in ok(run("moxian", "--yes"))
    same = ok(run(case))
    assert same == f"cases/{case}.yaml 与附表一致，没有需要更新的内容，未作改动。\n"
    assert ok(make(clone, "check")).splitlines()[-1].startswith(f"共 {CASES + 1} 个案例，没有错误")


def test_schema_command(clone: Path) -> None:
    ok(python(clone, "-m", "generator", "schema"))
    schema = "schema/case.schema.json"
    assert (clone / schema).read_bytes() == (ROOT / schema).read_bytes()


def test_bench_commands(clone: Path, tmp_path: Path) -> None:
    assert "--sizes" in ok(python(clone, "-m", "bench.run", "--help"))
    ok(python(clone, "-m", "bench.cases", "3", str(tmp_path / "cases")))
    checked = python(clone, "-m", "generator", "--root", str(tmp_path), "check")
    assert ok(checked).splitlines()[-1].startswith("共 3 个案例，没有错误")
