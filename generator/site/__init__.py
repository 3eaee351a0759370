"""The site: the model made from validated cases, and every page and download made from it.

:mod:`model` builds the site's model once; :mod:`render` turns it into in-memory files with the
templates in ``templates/``; the other modules each make one kind of output (charts, feed, open
data, downloads, briefs, the compilation).
"""
