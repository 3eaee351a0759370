"""The benchmark: generated cases at national size, our site against a plain Material site.

``bench.cases`` writes N realistic case files, ``bench.baseline`` turns the same cases into a
plain Material project, ``bench.run`` builds both and measures them (``make bench``).
"""
