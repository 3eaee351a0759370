"""Running a build: the pipeline, the cache, writing the files, checking links, the search index.

:mod:`pipeline` is the whole flow in one place (load → validate → model → render); :mod:`write`
puts the result on disk, :mod:`links` checks it, :mod:`search_index` runs Pagefind over it and
:mod:`offline` makes the offline edition.
"""
