"""Extraction of role and stance claims from news articles.

Modules, in pipeline order (see :data:`kg.extract.pipeline.COMPONENTS`):
:mod:`~kg.extract.nlp` (spaCy model + gazetteer entity ruler, loaded once),
:mod:`~kg.extract.mentions`, :mod:`~kg.extract.resolve` (persons), :mod:`~kg.extract.roles`,
:mod:`~kg.extract.quotes` (speakers of quotations), :mod:`~kg.extract.stances` (with
:mod:`~kg.extract.frames`, :mod:`~kg.extract.attribution`, :mod:`~kg.extract.qualifiers`) and
:mod:`~kg.extract.claims` (findings -> :mod:`kg.claims` records). Curated knowledge is in
``kg/data/gazetteer/*.tsv`` (:mod:`~kg.extract.gazetteer`).

The public entry point is :func:`extract_articles`; :data:`EXTRACTOR_VERSION` is a digest of
the extraction code, the gazetteer files and the model (:mod:`~kg.extract.version`), so that
any edit to them makes re-ingesting re-extract; :mod:`~kg.extract.evaluate` scores extraction
against gold (``kg eval``) and is left out of that digest. May import spaCy, the claim
records, articles and RDF terms; nothing that stores, loads, asks or renders.
"""

from __future__ import annotations

from kg.extract.pipeline import COMPONENTS, extract_articles
from kg.extract.version import extractor_digest

#: Computed once at import (a few milliseconds): code + gazetteer + model digest, 16 hex digits.
EXTRACTOR_VERSION = extractor_digest()[:16]

__all__ = ["COMPONENTS", "EXTRACTOR_VERSION", "extract_articles"]
