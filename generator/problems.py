"""Problems found in case files, worded for the people who edit them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file, in the form ``file:line: path（label）message``."""

    file: str
    line: int
    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}{self.message}" if self.path else f"{where}: {self.message}"


class CaseErrors(Exception):
    """The case files have errors: nothing may be built from them."""

    def __init__(self, problems: list[Problem], case_count: int) -> None:
        self.problems = sorted(p for p in problems if p.severity == "error")
        self.case_count = case_count
        self.summary = summary(case_count, problems)
        """The closing line ``check`` prints for the same files, warnings counted too."""
        super().__init__(report(self.problems))


class SettingsErrors(Exception):
    """``mkdocs.yml`` sets the generator's own settings wrongly: nothing may be built."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(report(self.problems))


def print_problems(problems: list[Problem], title: str) -> None:
    """A titled, indented list on standard error, as ``check`` and ``build`` show it."""
    if problems:
        print(title, file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)


def report(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def summary(case_count: int, problems: list[Problem]) -> str:
    """The closing line, e.g. ``共 12 个案例，2 个文件有 3 处错误``."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    line = f"共 {case_count} 个案例"
    if errors:
        line += f"，{len({p.file for p in errors})} 个文件有 {len(errors)} 处错误"
    else:
        line += "，没有错误"
    if warnings:
        line += f"，{len(warnings)} 处提醒"
    return line
