"""Stage 5: write generated files to a folder, and swap a finished build into place.

The MkDocs hook does not use :func:`write_outputs` (MkDocs takes the files from
memory); it is for engines without Python plugins, which build from a folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from generator.outputs import Output


class UnsafePath(ValueError):
    """A generated path that would leave the output folder or repeat another."""


def safe_target(folder: Path, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafePath(f"生成的路径不在输出文件夹中：{relative}")
    target = folder.joinpath(*pure.parts)
    if not target.resolve().is_relative_to(folder.resolve()):
        raise UnsafePath(f"生成的路径不在输出文件夹中：{relative}")
    return target


def write_outputs(outputs: list[Output], folder: Path) -> None:
    seen: set[str] = set()
    for output in outputs:
        if output.path in seen:
            raise UnsafePath(f"同一路径生成了两次：{output.path}")
        seen.add(output.path)
        target = safe_target(folder, output.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if output.content is not None:
            target.write_bytes(output.content)
        elif output.source is not None:
            shutil.copyfile(output.source, target)


def keep_changed(outputs: list[Output], folder: Path) -> dict[str, Path]:
    """Each output as a file under ``folder``, rewritten only when its content changed (so its
    time says when it last changed: ``mkdocs serve --dirty`` rebuilds only the pages whose source
    is newer than what it built); files no output has any more are removed. Where each one is."""
    where: dict[str, Path] = {}
    for output in outputs:
        if output.content is None:
            if output.source is not None:
                where[output.path] = output.source
            continue
        target = safe_target(folder, output.path)
        where[output.path] = target
        try:
            if target.stat().st_size == len(output.content) and target.read_bytes() == output.content:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(output.content)
        tmp.replace(target)
    if folder.is_dir():
        live = {path.resolve() for path in where.values()}
        for old in folder.rglob("*"):
            if old.is_file() and old.resolve() not in live:
                old.unlink()
    return where


def replace_folder(new: Path, dest: Path) -> None:
    """Put the finished build ``new`` where ``dest`` was, keeping ``dest`` until the last moment.

    ``new`` must be on the same file system as ``dest`` (a sibling), so each step is a rename.
    """
    old = dest.with_name(dest.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if dest.exists():
        os.replace(dest, old)
    os.replace(new, dest)
    if old.exists():
        shutil.rmtree(old)


def build_beside(dest: Path, make: Callable[[Path], bool]) -> bool:
    """Have ``make`` build into a new folder beside ``dest``; put it in ``dest``'s place only if it
    succeeds; otherwise, or on an exception, it is removed and ``dest`` stays as it was.
    Whether it succeeded."""
    dest.parent.mkdir(parents=True, exist_ok=True)  # build/ does not exist in a fresh clone
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}-building-", dir=dest.parent))
    umask = os.umask(0)
    os.umask(umask)
    tmp.chmod(0o777 & ~umask)  # mkdtemp makes it private; a published site is for everyone
    made = False
    try:
        made = make(tmp)
    finally:
        if not made:  # it failed, or an exception (Ctrl-C included) stopped it
            shutil.rmtree(tmp, ignore_errors=True)
    if made:
        replace_folder(tmp, dest)
    return made
