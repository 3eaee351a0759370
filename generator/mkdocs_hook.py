"""The one place MkDocs meets the generator: a hook listed in ``mkdocs.yml``.

``on_config`` runs the pipeline (so ``mkdocs serve`` regenerates on every
change to ``cases/`` or ``templates/``) and feeds the case names to the Chinese
search segmenter; ``on_files`` adds the generated pages and attachments from
memory, refusing any that would hide a hand-written page. Nothing is written
into ``docs/``.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from generator.pipeline import Generated, Project, generate
from generator.problems import CaseErrors, report
from generator.render import search_dictionary

log = logging.getLogger("mkdocs.hooks.generator")

_generated: Generated | None = None


@event_priority(100)  # before the search plugin reads its configuration
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _generated
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        _generated = generate(project)
    except CaseErrors as errors:
        raise PluginError("案例文件有错误，未生成网站：\n" + report(errors.problems)) from None
    for warning in _generated.warnings:
        log.info("提醒：%s", warning)
    _load_search_dictionary(search_dictionary(_generated.site))
    return config


def _load_search_dictionary(dictionary: str) -> None:
    try:
        import jieba  # Material's search segments Chinese with jieba when it is installed
    except ImportError:
        return
    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(io.BytesIO(dictionary.encode("utf-8")))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _generated is not None
    for output in _generated.outputs:
        if files.get_file_from_path(output.path) is not None:
            raise PluginError(f"生成的文件 {output.path} 与 docs/ 中手写的文件同名，请改名其中之一")
        if output.content is not None:
            file = File.generated(config, output.path, content=output.content)
        else:
            file = File.generated(config, output.path, abs_src_path=str(output.source))
        files.append(file)
    return files
