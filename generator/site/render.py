"""Stage 4: render the generated part of the site as an in-memory set of files.

Templates in ``templates/`` are Jinja2 with autoescaping on and every ``{{ }}``
escaped for Markdown (see :mod:`generator.site.text`), so case text can never become
markup; only values a filter marks as safe (formatted numbers, sanitized HTML)
pass through.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from generator.format import attachments
from generator.outputs import Output
from generator.site import brief, text, views
from generator.site.model import TARGET_STATES, Case, Site, label, unit

if TYPE_CHECKING:
    from generator.site.compilation import Book


def environment(templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        finalize=text.escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        num=lambda v: text.escape(text.number(v)),
        qty=text.quantity,
        amount=text.amount,
        markdown=text.markdown_html,
        size=text.file_size,
        date=text.date,
        url=text.url,
        excerpt=text.excerpt,
        yaml_str=text.yaml_string,
    )
    env.globals.update(label=label, unit=unit, target_states=TARGET_STATES)
    return env


PAGES: tuple[tuple[str, str], ...] = (
    ("home.md.j2", "index.md"),
    ("case_list.md.j2", "cases/index.md"),
    ("experiences.md.j2", "experiences.md"),
    ("stats.md.j2", "stats.md"),
    ("compare.md.j2", "compare.md"),
    ("downloads.md.j2", "downloads.md"),
    ("data_dictionary.md.j2", "data-dictionary.md"),
    ("search.md.j2", "search.md"),
)
"""Pages made once per site: (template, path in the site's source tree). A large site has more
(``views.split_pages``: the case library by 设区市, 典型经验 by 体系) and the data of 对比."""


def render_site(site: Site, templates_dir: Path, files: list[Output] | None = None, *,
                book: Book, site_url: str | None = None) -> list[Output]:
    """Every generated page and file, in a stable order.

    ``files`` are generated files made before the pages (downloads, data); the
    pages see their sizes as ``files[path]`` so they can say how big a download is.
    ``book`` is the 典型经验汇编 (:class:`generator.site.compilation.Book`) the pages link to;
    ``site_url`` the published address, for the QR codes of the briefs.
    """
    env = environment(templates_dir)
    files = list(files or [])
    sizes = {f.path: f.size for f in files}

    def page(template: str, path: str, view: object, origin: str = "") -> Output:
        body = env.get_template(template).render(site=site, files=sizes, book=book, view=view)
        return Output(path, body.encode("utf-8"), origin=origin)

    contexts = views.site_views(site)
    outputs = files + [page(template, path, contexts[template]) for template, path in PAGES]
    outputs += [page(template, path, view) for template, path, view in views.split_pages(site)]
    compare = contexts["compare.md.j2"]
    assert isinstance(compare, views.Compare)
    if compare.in_browser:
        outputs += compare_data(env, site, compare)
    for case in site.cases:
        outputs.append(page("case.md.j2", case.page, views.case_view(site, case), case.source))
        outputs.append(page("brief.md.j2", brief.path(case), brief.of(case, site_url), case.source))
        outputs.extend(_attachments(case))
    return outputs


def compare_data(env: jinja2.Environment, site: Site, view: views.Compare) -> list[Output]:
    """The data 对比 builds its tables from on a large site: the index, and each part's cells
    rendered by the macro that fills the tables of a small site's page."""
    cell = env.get_template("_macros.md.j2").module.compare_cell  # type: ignore[attr-defined]
    rows = [row for section in view.sections for row in section.rows]
    outputs = [Output(views.COMPARE_INDEX, views.compare_index(site).encode("utf-8"))]
    for number, cases in enumerate(views.compare_parts(site), 1):
        cells = {case.id: [str(cell(row, case)) for row in rows] for case in cases}
        outputs.append(Output(views.COMPARE_PART.format(number),
                              views.compare_part(number, cells).encode("utf-8")))
    return outputs


class UnpublishableAttachment(ValueError):
    """An attachment of a type the validator refuses reached the renderer: nothing is published."""


def _attachments(case: Case) -> list[Output]:
    for item in case.attachments:  # checked by the validator; never an SVG or HTML file, whatever calls this
        if not attachments.publishable(item.file):
            raise UnpublishableAttachment(
                f"{case.source}：附件 {item.file} 的类型不能发布（{attachments.ALLOWED}）")
    return [
        Output(f"cases/{case.id}/{item.file}", source=item.path, origin=case.source)
        for item in case.attachments
    ]


def search_dictionary(site: Site) -> str:
    """A jieba user dictionary: one ``word frequency`` per line, so names stay whole."""
    return "".join(f"{term} 100000 nz\n" for term in site.search_terms())
