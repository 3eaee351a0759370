"""Whole-site builds: the shipped sample cases become the pages a reader sees."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build.pipeline import Project, check, generate
from tests.sitebuild import ROOT, build, copy_project, tree


@pytest.fixture(scope="module")
def site(sample_site_dir: Path) -> Path:
    return sample_site_dir


@pytest.fixture(scope="module")
def cases() -> list:
    checked = check(Project(ROOT))
    assert checked.site is not None, [str(p) for p in checked.errors]
    return checked.site.cases


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_shipped_samples_are_varied(cases: list) -> None:
    assert len(cases) >= 8
    assert len({c.city for c in cases}) >= 5
    assert len({c.status for c in cases}) >= 4
    assert all(c.sample for c in cases)
    sections = ("overview", "industries", "innovation", "policies", "targets",
                "experiences", "evaluations", "contacts", "attachments")
    full = [c for c in cases if all(c.section(s) for s in sections)]
    assert len(full) >= 3


def test_every_case_has_its_page_with_its_sections(site: Path, cases: list) -> None:
    labels = {"overview": "总体情况", "industries": "主导产业", "innovation": "创新资源",
              "policies": "配套政策", "targets": "创建目标", "experiences": "典型经验",
              "evaluations": "考核评估", "contacts": "联系人", "attachments": "附件"}
    for case in cases:
        html = (site / "cases" / case.id / "index.html").read_text("utf-8")
        assert case.county in html
        assert "示例数据" in text_of(html)
        for key, label in labels.items():
            has_heading = f'id="{key}"' in html
            assert has_heading == bool(case.section(key)), (case.id, key)
            if has_heading:
                assert re.search(rf'<h2 id="{key}">{label}', html), (case.id, key)


def test_numbers_carry_units_and_separators(site: Path) -> None:
    text = text_of((site / "cases" / "yunze" / "index.html").read_text("utf-8"))
    assert "9,860,000 万元" in text
    assert "186 家" in text
    assert re.search(r"\d%", text)


def test_attachments_are_downloadable(site: Path, cases: list) -> None:
    count = 0
    for case in cases:
        html = (site / "cases" / case.id / "index.html").read_text("utf-8")
        for item in case.attachments:
            assert (site / "cases" / case.id / item.file).read_bytes() == item.path.read_bytes()
            assert f'href="{item.file}"' in html or f'href="./{item.file}"' in html
            count += 1
    assert count >= 3


def test_required_only_case_has_no_empty_heading(site: Path, cases: list) -> None:
    minimal = [c for c in cases if not any(c.section(k) for k in ("overview", "industries", "targets"))]
    assert minimal
    html = (site / "cases" / minimal[0].id / "index.html").read_text("utf-8")
    assert "<h2" not in html.split('<div class="md-content"')[1].split("<footer")[0] or all(
        f'id="{k}"' not in html for k in ("overview", "industries", "targets", "experiences")
    )
    assert minimal[0].summary in text_of(html)


def test_library_lists_every_case_with_sample_mark(site: Path, cases: list) -> None:
    html = (site / "cases" / "index.html").read_text("utf-8")
    for case in cases:
        assert f'href="{case.id}/"' in html
        assert case.county in html and case.status in html
    assert html.count("sample-badge") >= len(cases)


def test_experiences_grouped_by_system_link_to_cases(site: Path, cases: list) -> None:
    html = (site / "experiences" / "index.html").read_text("utf-8")
    for system in ("新型制造业体系", "区域协同创新体系", "人才培养体系", "政策保障体系"):
        assert f">{system}" in html
    total = sum(len(c.section("experiences") or []) for c in cases)
    assert html.count('class="case-experience"') == total
    for case in cases:
        for index, _ in enumerate(case.section("experiences") or [], start=1):
            assert f'href="../cases/{case.id}/#experience-{index}"' in html


def test_home_links_and_latest(site: Path, cases: list) -> None:
    html = (site / "index.html").read_text("utf-8")
    for href in ("notice/", "guide/", "cases/", "experiences/"):
        assert f'href="{href}' in html
    latest = max((c for c in cases if c.updated), key=lambda c: c.updated)
    assert f'href="cases/{latest.id}/"' in html


def test_notice_and_guide_pages(site: Path) -> None:
    notice = text_of((site / "notice" / "index.html").read_text("utf-8"))
    assert "冀工信明传〔2018〕118号" in notice and "2018年8月24日" in notice
    assert "解剖麻雀" in notice
    guide = text_of((site / "guide" / "index.html").read_text("utf-8"))
    assert "2018年9月7日" in guide and "一式三份" in guide


def test_search_index_is_built_in_small_pieces(site: Path) -> None:
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert "zh" in entry["languages"]
    # Every case page and the hand-written pages; the pages listing all cases are left out.
    assert entry["languages"]["zh"]["page_count"] >= len(list((site / "cases").glob("*/index.html"))) + 3
    for listing in ("cases/index.html", "compare/index.html", "stats/index.html", "experiences/index.html"):
        assert 'data-pagefind-ignore="all"' in (site / listing).read_text("utf-8"), listing
    assert (bundle / "pagefind.js").is_file()
    fragments = list((bundle / "fragment").iterdir())
    assert fragments and max(f.stat().st_size for f in fragments) < 100_000


def test_search_box_on_every_page(site: Path) -> None:
    for html_file in site.rglob("*.html"):
        html = html_file.read_text("utf-8")
        assert re.search(r'<script src="(\.\./)*/?assets/js/search\.js', html), html_file
        assert "md-header__inner" in html


class _Resources(HTMLParser):
    """Collects the addresses a page loads (not the links a reader may follow)."""

    LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
             "video": "src", "embed": "src", "object": "data", "track": "src"}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in self.LOADS and values.get(self.LOADS[tag]):
            self.urls.append(values[self.LOADS[tag]] or "")
        if tag == "link" and values.get("href"):
            rel = (values.get("rel") or "").lower()
            if any(r in rel for r in ("stylesheet", "icon", "preload", "preconnect", "prefetch",
                                      "dns-prefetch", "manifest", "modulepreload")):
                self.urls.append(values["href"] or "")
        for name in ("style",):
            if values.get(name):
                self.urls.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", values[name] or ""))


def _external(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url.strip(), re.I))


def test_no_page_loads_anything_from_another_host(site: Path) -> None:
    offenders = []
    for html_file in site.rglob("*.html"):
        parser = _Resources()
        parser.feed(html_file.read_text("utf-8"))
        offenders += [(html_file.relative_to(site).as_posix(), u) for u in parser.urls if _external(u)]
    for css in site.rglob("*.css"):
        text = css.read_text("utf-8")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
        offenders += [(css.relative_to(site).as_posix(), u) for u in urls if _external(u)]
    assert not offenders
    assert "fonts.googleapis.com" not in "".join(p.read_text("utf-8") for p in site.rglob("*.html"))


def test_build_writes_nothing_into_sources(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    before = {name: tree(project / name) for name in ("docs", "cases", "templates")}
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    assert {name: tree(project / name) for name in before} == before


def test_failed_build_leaves_site_as_it_was(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert build(project, project / "site").returncode == 0
    built = tree(project / "site")
    (project / "cases" / "broken.yaml").write_text(
        "id: broken\ncounty: 某县\ncity: 北京市\nbatch: 2019\nstatus: 创建中\nsummary: x\n"
        "overview:\n  gdp: 三百万\n", encoding="utf-8")
    (project / "cases" / "other.yaml").write_text("id: other\ncounty: [\n", encoding="utf-8")
    result = build(project, project / "site")
    assert result.returncode != 0
    assert "cases/broken.yaml:3: city（所属设区市）应为以下之一：" in result.stderr
    assert 'cases/broken.yaml:8: overview.gdp（地区GDP）应为不小于 0 的数字（万元），实际为 "三百万"' in result.stderr
    assert "cases/other.yaml:" in result.stderr
    assert "2 个文件有 3 处错误" in result.stdout
    assert tree(project / "site") == built
    assert not list(project.glob(".site-building-*"))


def test_failure_inside_mkdocs_leaves_site_as_it_was(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert build(project, project / "site").returncode == 0
    built = tree(project / "site")
    guide = project / "docs" / "guide.md"
    guide.write_text(guide.read_text("utf-8") + "\n[断开的链接](no-such-page.md)\n", encoding="utf-8")
    result = build(project, project / "site")
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr
    assert tree(project / "site") == built


def test_generated_page_may_not_hide_a_hand_written_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "experiences.md").write_text("# 手写\n", encoding="utf-8")
    result = build(project, project / "site")
    assert result.returncode != 0
    assert "experiences.md 与 docs/ 中手写的文件同名" in result.stderr


class _Markup(HTMLParser):
    """Every tag and attribute of a fragment, and its text as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def test_case_text_never_becomes_markup(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", ROOT / "tests" / "fixtures" / "golden" / "cases")
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "cases" / "tricky" / "index.html").read_text("utf-8")
    body = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    parsed = _Markup()
    parsed.feed(body)
    assert "script" not in {tag for tag, _ in parsed.tags}
    assert not [(t, a) for t, attrs in parsed.tags for a in attrs if a.startswith("on")]
    urls = [v or "" for _, attrs in parsed.tags for k, v in attrs.items() if k in ("href", "src")]
    assert not [u for u in urls if re.match(r"\s*(javascript|vbscript|data):", u, re.I)]
    assert "https://www.hebei.gov.cn/" in urls
    # What the author wrote is shown as written.
    for written in ("测试县 | 第二列", "# 不是标题 *不是强调* [x](javascript:alert(1))",
                    "<script>alert(1)</script>", '{: onclick="alert(1)" } Smith | Jones',
                    "某装备有限公司 <img src=x onerror=alert(1)>", "0311-87908027", "1:20"):
        assert written in parsed.text, written
    # Heading anchors and the table of contents still work.
    assert '<h2 id="overview">' in body
    assert 'href="#overview"' in html


@pytest.mark.parametrize(
    ("file", "addition", "expected"),
    [
        ("templates/home.md.j2", '\n<p><a href="nowhere/">原始 HTML 中的断链</a></p>\n',
         "index.html: 链接 nowhere/ 指向的文件不存在"),
        ("templates/home.md.j2", '\n<p><a href="guide/#no-such-anchor">锚点</a></p>\n',
         "index.html: 链接 guide/#no-such-anchor 指向的锚点 #no-such-anchor 不存在"),
        ("templates/home.md.j2", '\n<p><a href="/cases/">根路径</a></p>\n',
         "index.html: 链接 /cases/ 以 / 开头，网站放在子目录中时会失效"),
        ("docs/guide.md", "\n[锚点](notice.md#no-such-anchor)\n", "no-such-anchor"),
    ],
)
def test_broken_links_fail_the_build(tmp_path: Path, file: str, addition: str, expected: str) -> None:
    project = copy_project(tmp_path / "project")
    path = project / file
    path.write_text(path.read_text("utf-8") + addition, encoding="utf-8")
    result = build(project, project / "site")
    assert result.returncode != 0
    assert expected in result.stderr
    assert not (project / "site").exists()


def test_two_builds_are_identical(tmp_path: Path, site: Path) -> None:
    again = tmp_path / "site"
    result = build(ROOT, again)
    assert result.returncode == 0, result.stderr
    first, second = tree(site), tree(again)
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


# --- sample data: said plainly when shown, never when every case is real ----------------------

SAMPLE_WORDS = re.compile(r"示例数据|示例案例|虚构|演示|sample-badge")


def _without_sample_flag(source: Path, dest: Path, keep: int = 0) -> Path:
    """A copy of the case folder in which all but the first ``keep`` cases lose ``sample: true``."""
    shutil.copytree(source, dest)
    for index, path in enumerate(sorted(dest.glob("*.yaml"))):
        if index >= keep:
            text = path.read_text("utf-8")
            assert "\nsample: true\n" in text, path.name
            path.write_text(text.replace("\nsample: true\n", "\n"), "utf-8")
    return dest


def test_samples_are_said_to_be_samples(site: Path, cases: list) -> None:
    assert all(case.sample for case in cases)
    home = text_of((site / "index.html").read_text("utf-8"))
    assert "经批准的试点示范县（市、区）案例" not in home
    assert f"本站现有的 {len(cases)} 个案例全部是虚构的示例数据" in home
    assert f"{len(cases)} 个示例案例（虚构，仅用于演示）" in home
    for page in ("cases", "compare", "stats", "experiences", "downloads"):
        text = text_of((site / page / "index.html").read_text("utf-8"))
        assert f"本站现有的 {len(cases)} 个案例全部是虚构的示例数据" in text, page
    library = text_of((site / "cases" / "index.html").read_text("utf-8"))
    assert f"共 {len(cases)} 个案例" in library and "个试点示范县（市、区）" not in library.split("筛选案例")[0]


def test_some_samples_are_counted(tmp_path: Path) -> None:
    cases = _without_sample_flag(ROOT / "cases", tmp_path / "cases", keep=2)
    pages = {o.path: o.content.decode("utf-8") for o in generate(Project(ROOT, cases=cases)).outputs
             if o.path.endswith(".md")}
    for path in ("index.md", "cases/index.md", "compare.md", "stats.md", "experiences.md", "downloads.md"):
        assert "标有“示例数据”的 2 个案例是虚构的" in pages[path], path
    assert "经批准的试点示范县（市、区）案例" in pages["index.md"]
    assert "，其中 2 个为示例数据。" in pages["index.md"]
    samples = [p for p, text in pages.items() if p.startswith("cases/") and '!!! warning "示例数据"' in text]
    assert len(samples) == 2


def test_real_cases_only_show_no_sample_wording(tmp_path: Path) -> None:
    cases = _without_sample_flag(ROOT / "cases", tmp_path / "cases")
    project = copy_project(tmp_path / "project", cases)
    result = build(project, project / "site")
    assert result.returncode == 0, result.stderr
    built = project / "site"
    found = {}
    for html_file in sorted(built.rglob("*.html")):
        page = html_file.relative_to(built).as_posix()
        if page == "data-dictionary/index.html":
            continue  # documents the format's `sample` key (示例数据), a field, not a claim about cases
        hits = SAMPLE_WORDS.findall(html_file.read_text("utf-8"))
        if hits:
            found[page] = hits
    assert not found
    assert not SAMPLE_WORDS.search((built / "feed.xml").read_text("utf-8"))
    home = text_of((built / "index.html").read_text("utf-8"))
    assert "经批准的试点示范县（市、区）案例" in home
    assert re.search(r"\d+ 个试点示范县（市、区），分布在 \d+ 个设区市。", home)


def test_maintainer_steps_are_one_numbered_list(site: Path) -> None:
    """维护指南's steps, one with a command block and one with a sub-list, stay four list items."""
    html = (site / "maintainer" / "index.html").read_text("utf-8")
    section = html.split('id="new-case"')[1].split("<h3")[0]
    steps = section.split("<ol>")[1].split("</ol>")[0]
    assert steps.count("<li>\n<p>") == 4
    assert '<pre><span></span><code>' in steps and "<ul>" in steps
    assert not re.search(r"^\s*(?:\d\.|-) ", section, re.M), "Markdown shown as text"
