"""The published catalogue: a static site, its search index, a JSON API and an Atom feed,
all from one loaded collection.

Contract: :func:`build.build_site` takes the collection and options and writes one
folder (atomically, never over files it did not write: :mod:`folder`); it returns what
it wrote and never prints. Every page has a stable path (:mod:`urls`), every link is
relative (the site works from any sub-path and from ``file://``), record text is
autoescaped by the reports' Jinja environment, and nothing is fetched from outside (a
Content-Security-Policy on every page says so). Pages are views (frozen dataclasses,
:mod:`views`) built by :mod:`pages` and :mod:`browse`; the four reports come from the
report builders (:mod:`reports`). Search is Pagefind's indexer, run on the built folder
(:mod:`search`); dates of the feed come from one ``git log`` (:mod:`history`).
"""
