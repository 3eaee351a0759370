"""The offline edition: the site as a folder that works from ``file://``, and a .zip of it.

``python -m generator offline`` (``make offline``) builds the site as ``build`` does, with
``mkdocs.offline.yml`` (links ending in ``.html``, the search index inlined as a script, the
iframe-worker shim shipped with the site) beside ``build/offline/``; :func:`finish` turns the new
folder into the edition before it is swapped in, and :func:`write_zip` packs it as
``build/sfx-offline.zip``. The zip is deterministic: files in name order, every timestamp set
from ``SOURCE_DATE_EPOCH`` (or 1980-01-01).
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

CONFIG = "mkdocs.offline.yml"
FOLDER = Path("build/offline")
ZIP = Path("build/sfx-offline.zip")
ZIP_FOLDER = "sfx-offline"
"""The folder name inside the zip: unpacking it gives ``sfx-offline/index.html``."""

README = """河北省工业转型升级试点示范县（市、区）案例网站 · 离线版本

使用方法：用浏览器（Chrome、Edge、Firefox、360 浏览器极速模式等）打开本文件夹中的 index.html。
不需要联网，也不需要安装任何软件；搜索、案例筛选、案例对比和附件下载都可使用。
可复制到内网服务器、U 盘或光盘上使用；请保持文件夹结构不变。
"""


def finish(folder: Path) -> None:
    """What the offline edition has beyond the built site, and lacks."""
    # A server shows 404.html for a missing address; on a disc there is no server, and its links
    # start at the host's root (/assets/…), which on a disc is the root of the file system.
    (folder / "404.html").unlink(missing_ok=True)
    (folder / "使用说明.txt").write_text(README, encoding="utf-8")
    folder.chmod(0o755)  # a copy on an intranet server must be readable, whatever the umask


def write_zip(folder: Path, zip_path: Path) -> None:
    """Pack ``folder`` as ``ZIP_FOLDER/…``, the same bytes for the same files."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    tmp = zip_path.with_name(zip_path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            name = f"{ZIP_FOLDER}/{path.relative_to(folder).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.flag_bits |= 0x800  # names are UTF-8 (使用说明.txt)
            archive.writestr(info, path.read_bytes())
    os.replace(tmp, zip_path)
