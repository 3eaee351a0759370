"""The 申报书 as the notice's annex makes it up, its templates, and all of them in one ZIP.

The notice's attachment line reads “附件：河北省工业转型升级试点示范县（市、区）申报书（含试点实施方案
参考大纲）”, and its annex gives, in this order, the 申报书's cover, the 实施方案（参考大纲）, 附表1 and
附表2. Each :class:`Part` names where it is on 通知全文 and which of ``forms.TEMPLATES`` are its
templates (those whose file name is the part's ``key``), so the downloads page, the ZIP and the
links from 申报指南 and 通知全文 (to ``downloads.md#<key>``) agree.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.forms import layouts as forms
from generator.forms import office

ATTACHMENT_LINE = "河北省工业转型升级试点示范县（市、区）申报书（含试点实施方案参考大纲）"
"""The notice's 附件 line (通知全文 #fujian-lan), after “附件：”."""


@dataclass(frozen=True)
class Part:
    """One part of the 申报书, in the annex's order."""

    key: str
    """Its anchor on 模板下载, and the file name (without suffix) of its templates."""
    notice_anchor: str
    """Its heading on 通知全文."""

    @property
    def downloads(self) -> tuple[forms.Download, ...]:
        return tuple(d for d in forms.TEMPLATES if PurePosixPath(d.path).stem == self.key)

    @property
    def title(self) -> str:
        return self.downloads[0].title


PARTS: tuple[Part, ...] = (
    Part("shenbaoshu-fengmian", "shenbaoshu"),
    Part("shishi-fangan-dagang", "cankao-dagang"),
    Part("fubiao1", "fubiao-1"),
    Part("fubiao2", "fubiao-2"),
)
assert all(part.downloads for part in PARTS), "a part of the 申报书 without a template in forms.TEMPLATES"


def other_templates() -> list[forms.Download]:
    """The templates that are not part of the 申报书 (the blank case file, for the department)."""
    parts = {d.path for part in PARTS for d in part.downloads}
    return [d for d in forms.TEMPLATES if d.path not in parts]


ALL_IN_ONE = forms.Download(
    "downloads/shenbaoshu-muban.zip", "申报书全部模板", "ZIP（.zip）",
    "申报书四部分的全部 Word 和 Excel 模板，文件名按申报书的顺序编号。", "申报书模板.zip")
"""Every template of the 申报书 in one file, for the county that wants all of it at once."""

ZIP_FOLDER = "申报书模板"


def zip_names() -> list[tuple[str, str]]:
    """(path in the site, name inside the ZIP) for every template of the 申报书, in order."""
    return [(d.path, f"{ZIP_FOLDER}/{number} {d.save_as or PurePosixPath(d.path).name}")
            for number, part in enumerate(PARTS, 1) for d in part.downloads]


def all_in_one_zip(templates: dict[str, bytes]) -> bytes:
    """The ZIP of ``zip_names()``, from the templates' bytes: the same bytes for the same templates
    (fixed entry times, see :func:`generator.forms.office.document_date`; names in UTF-8)."""
    stamp = office.document_date().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, name in zip_names():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            info.flag_bits |= 0x800
            archive.writestr(info, templates[path], compresslevel=9)
    return out.getvalue()
