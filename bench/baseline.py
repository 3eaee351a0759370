"""The baseline: the same case pages as plain Markdown in a plain Material site.

One page per case with the same text (every section, as headings, tables and the experience
bodies' own Markdown), a case-library page listing every case, every page in the nav (grouped by
city), Material's default search (with jieba, as ``language: zh`` gives) and ``font: false``.
No hook, no templates, no extra Markdown extensions: what MkDocs and Material do on their own.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from generator.format import schema

LIBRARY_PAGE = "index.md"
"""The case-library page: the list of every case, like ``cases/index.md`` of our site."""


def _cell(value: Any) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines + [""]


def case_markdown(data: dict[str, Any]) -> str:
    """The page of one case: the same text as our case page, in plain Markdown."""
    out = [f"# {data['county']}（{data['city']}）", "", f"> {data['summary']}", ""]
    period = data.get("period") or [data["batch"], data["batch"] + 2]
    out += _table(["项目", "内容"], [
        ["所属设区市", data["city"]], ["创建批次", f"{data['batch']}年"],
        ["创建期", f"{period[0]}—{period[1]}年"], ["创建状态", data["status"]],
        ["主导产业", "、".join(i["name"] for i in data.get("industries", []))],
        ["标签", "、".join(data.get("tags", []))], ["更新日期", data.get("updated", "")],
    ])
    overview = data.get("overview", {})
    if overview:
        out += ["## 总体情况", ""]
        out += _table(["指标", "数值"], [
            [f.label_with_unit,
             " : ".join(map(str, overview[f.key])) if f.kind == "shares" else overview[f.key]]
            for f in schema.OVERVIEW.fields if f.key in overview
        ])
    if data.get("industries"):
        out += ["## 主导产业", ""]
        for industry in data["industries"]:
            out += [f"### {industry['name']}", ""]
            out += _table(["项目", "内容"], [
                [f.label_with_unit, "、".join(industry[f.key]) if f.kind == "lines" else industry[f.key]]
                for f in schema.INDUSTRIES.fields
                if f.key not in ("name", "top_enterprises") and f.key in industry
            ])
            enterprises = industry.get("top_enterprises", [])
            if enterprises:
                out += ["**销售收入排名前三位的企业**", ""]
                out += _table(["项目"] + [f"第{k + 1}位" for k in range(len(enterprises))], [
                    [f.label_with_unit] + [e.get(f.key, "") for e in enterprises]
                    for f in schema.TOP_ENTERPRISE_FIELDS
                ])
    innovation = data.get("innovation", {})
    if innovation:
        out += ["## 创新资源", ""]
        out += _table(["指标", "数值"], [
            [f.label_with_unit, innovation[f.key]] for f in schema.INNOVATION.fields
            if f.kind != "records" and f.key in innovation
        ])
        for key, label in (("national_centers", "国家级企业技术中心或研发机构"),
                           ("provincial_centers", "省级企业技术中心或研发机构")):
            if innovation.get(key):
                out += [f"**{label}**", ""]
                centers = innovation[key]
                out += _table(["序号", "名称", "主要创新方向"],
                              [[k + 1, c["name"], c.get("direction", "")] for k, c in enumerate(centers)])
    if data.get("policies"):
        out += ["## 配套政策", ""]
        out += _table(["序号", "政策文件名称", "主要政策点", "实施期限"],
                      [[k + 1, p["title"], p.get("points", ""), p.get("period", "")]
                       for k, p in enumerate(data["policies"])])
    if data.get("targets"):
        out += ["## 创建目标", ""]
        out += _table(["方面", "指标", "单位", "基期值", "目标值", "实际值"],
                      [[t.get("dimension", ""), t["indicator"], t.get("unit", ""), t.get("baseline", ""),
                        t.get("target", ""), t.get("actual", "未评估")] for t in data["targets"]])
    if data.get("experiences"):
        out += ["## 典型经验", ""]
        for item in data["experiences"]:
            meta = f"*{item.get('system', '')} · {item.get('dimension', '')}*"
            out += [f"### {item['title']}", "", meta, "", item["body"].strip(), ""]
    if data.get("evaluations"):
        out += ["## 考核评估", ""]
        out += _table(["环节", "日期", "结论", "说明"],
                      [[e.get("stage", ""), e.get("date", ""), e.get("result", ""), e.get("notes", "")]
                       for e in data["evaluations"]])
    if data.get("contacts"):
        out += ["## 联系人", ""]
        out += _table(["姓名", "单位职务", "电话"],
                      [[c.get("name", ""), c.get("role", ""), c.get("phone", "")] for c in data["contacts"]])
    if data.get("attachments"):
        out += ["## 附件", ""]
        out += [f"- [{a['title']}]({data['id']}/{a['file']})" for a in data["attachments"]] + [""]
    return "\n".join(out)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_project(cases_dir: Path, dest: Path) -> list[str]:
    """A plain Material project in ``dest`` from the cases in ``cases_dir``; the case ids."""
    docs = dest / "docs"
    (docs / "cases").mkdir(parents=True, exist_ok=True)
    by_city: dict[str, list[tuple[str, str]]] = defaultdict(list)
    ids = []
    for path in sorted(cases_dir.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (docs / "cases" / f"{data['id']}.md").write_text(case_markdown(data), encoding="utf-8")
        if (cases_dir / data["id"]).is_dir():
            shutil.copytree(cases_dir / data["id"], docs / "cases" / data["id"], dirs_exist_ok=True)
        by_city[data["city"]].append((data["county"], data["id"]))
        ids.append(data["id"])
    library = ["# 案例库", "", f"共 {len(ids)} 个试点示范县（市、区）。", ""]
    nav = ["nav:", f"  - 案例库: {LIBRARY_PAGE}"]
    for city in schema.CITIES:
        if not by_city[city]:
            continue
        library += [f"## {city}", ""]
        library += [f"- [{county}](cases/{slug}.md)" for county, slug in by_city[city]] + [""]
        nav.append(f"  - {_yaml_str(city)}:")
        nav += [f"    - {_yaml_str(county)}: cases/{slug}.md" for county, slug in by_city[city]]
    (docs / LIBRARY_PAGE).write_text("\n".join(library), encoding="utf-8")
    config = [
        "site_name: 试点示范县案例（基线）",
        "theme:",
        "  name: material",
        "  language: zh",
        "  font: false",
        "plugins:",
        "  - search",
        *nav,
        "",
    ]
    (dest / "mkdocs.yml").write_text("\n".join(config), encoding="utf-8")
    return ids
