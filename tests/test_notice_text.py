"""The notice page must carry every sentence of the scanned notice.

The seed (tests/fixtures/notice-seed.txt) is the notice 冀工信明传〔2018〕118号 as
extracted from a scan: heading levels are noise and sentences are cut across page
breaks ("解\\n\\n剖麻雀").  Both texts are normalised the same way (no whitespace,
no Markdown markup), the seed is cut into sentence fragments, and each fragment of
at least four characters must occur in docs/notice.md.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "notice-seed.txt"
NOTICE = ROOT / "docs" / "notice.md"
GUIDE = ROOT / "docs" / "guide.md"

MIN_LENGTH = 4
SENTENCE_END = re.compile("[。；！？]")
# A seed paragraph that ends in none of these was cut by a page break and goes
# on in the next paragraph ("突出，" / "在规模以上…", "核心" / "企业。").
BLOCK_END = "。；！？：）"

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
ATTR_LIST = re.compile(r"\{\s*[:#.][^}]*\}")
ESCAPE = re.compile(r"\\(.)")
MARKUP = re.compile(r"[#*|]")
BLANK = re.compile(r"[_＿]+")
WHITESPACE = re.compile(r"\s+")


def normalise(text):
    """Text without front matter, Markdown markup and whitespace."""
    text = FRONT_MATTER.sub("", text)
    text = TABLE_RULE.sub("", text)
    text = ATTR_LIST.sub("", text)
    text = ESCAPE.sub(r"\1", text)
    text = MARKUP.sub("", text)
    # The scan mixes half- and full-width brackets in table labels ("(%)", "（%）");
    # the page may use full width throughout.
    text = text.replace("(", "（").replace(")", "）")
    # A fill-in blank is a blank, however many underscores draw it.
    text = BLANK.sub("＿", text)
    return WHITESPACE.sub("", text)


def seed_blocks(seed):
    """Headings, table rows and paragraphs of the seed, page-break splits joined."""
    blocks = []
    paragraph = ""
    for raw in seed.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#") or "\t" in raw:
            # A heading or a row of the forms: a unit of its own.
            if paragraph:
                blocks.append(paragraph)
                paragraph = ""
            blocks.append(line)
            continue
        if paragraph and normalise(paragraph)[-1:] in tuple(BLOCK_END):
            blocks.append(paragraph)
            paragraph = ""
        paragraph += line
    if paragraph:
        blocks.append(paragraph)
    return blocks


def seed_fragments(seed):
    fragments = []
    for block in seed_blocks(seed):
        for fragment in SENTENCE_END.split(normalise(block)):
            if len(fragment) >= MIN_LENGTH and fragment not in fragments:
                fragments.append(fragment)
    return fragments


def read(path):
    return path.read_text(encoding="utf-8")


def test_seed_fixture_is_cut_into_fragments():
    fragments = seed_fragments(read(SEED))
    # Page-break splits are joined before cutting.
    assert "利于通过“解剖麻雀”形成一批典型经验，从而为全省提供示范和带动" in fragments
    assert "同时，利用制造强省建设领导小组工作机制，加强与有关部门的合作，对示范县（市、区）在相关领域体制机制创新给予积极支持" in fragments
    assert "四是重点产业布局、主要承载园区和核心企业" in fragments
    assert any(f.startswith("一是在发展主导产业过程中") and "在规模以上制造业研发比重" in f for f in fragments)
    # Rows of the forms are fragments of their own.
    assert "地区GDP（万元）国土面积（平方公里）人口（万人）" in fragments
    assert len(fragments) > 100


def test_notice_page_contains_every_sentence_of_the_seed():
    page = normalise(read(NOTICE))
    missing = [f for f in seed_fragments(read(SEED)) if f not in page]
    assert not missing, "docs/notice.md lacks %d seed fragment(s):\n%s" % (
        len(missing),
        "\n".join(missing),
    )


def test_notice_page_metadata():
    page = read(NOTICE)
    assert page.startswith("---\ntitle: 通知全文\n---\n")
    for needle in ("冀工信明传〔2018〕118号", "2018年8月24日", "主送"):
        assert needle in page, needle


def test_guide_page_key_facts():
    guide = read(GUIDE)
    assert guide.startswith("---\ntitle: 申报指南\n---\n")
    needles = [
        "2018年9月7日",
        "一式三份",
        "光盘两份",
        "0311-87908027",
        # the six aspects of 创建标准
        "创新驱动", "质量为先", "绿色发展", "结构优化", "人才为本", "工作保障",
        # the four systems of 示范内容
        "建设新型制造业体系", "构建区域协同创新体系", "健全人才培养体系", "完善政策保障体系",
        # the reference outline
        "第一章", "第二章", "第三章", "第四章", "第五章", "第六章", "第七章", "第八章",
    ]
    missing = [n for n in needles if n not in guide]
    assert not missing, "docs/guide.md lacks: %s" % "、".join(missing)


def explicit_ids(text):
    """Ids given with attr_list: `## 标题 {#id}` or `{: #id }`."""
    return set(re.findall(r"\{\s*:?\s*#([A-Za-z0-9_-]+)", text))


def test_guide_links_only_to_notice_and_to_existing_anchors():
    guide = read(GUIDE)
    ids = {"notice.md": explicit_ids(read(NOTICE)), "": explicit_ids(guide)}
    links = re.findall(r"\]\(([^)\s]*)\)", guide)
    assert any(link.startswith("notice.md") for link in links), "guide.md should link to notice.md"
    for link in links:
        page, _, anchor = link.partition("#")
        assert page in ids, "guide.md links to another page: %s" % link
        if anchor or not page:
            assert anchor in ids[page], "no {#%s} in %s" % (anchor, page or "guide.md")
