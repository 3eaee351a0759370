"""Site generator for the Hebei 工业转型升级试点示范县（市、区） cases.

The pipeline (see :func:`generator.build.pipeline.generate`) is load → validate →
model → render; :mod:`generator.build.write` writes its result to a folder and
:mod:`generator.mkdocs_hook` hands it to MkDocs. Nothing but that hook imports MkDocs.
"""
