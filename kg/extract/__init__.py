"""Extraction of role and stance claims from news articles.

Modules, in pipeline order (see :data:`kg.extract.pipeline.COMPONENTS`):
:mod:`~kg.extract.nlp` (spaCy model + gazetteer entity ruler, loaded once),
:mod:`~kg.extract.mentions`, :mod:`~kg.extract.resolve` (persons), :mod:`~kg.extract.roles`,
:mod:`~kg.extract.quotes` (speakers of quotations), :mod:`~kg.extract.stances` (with
:mod:`~kg.extract.frames`, :mod:`~kg.extract.attribution`, :mod:`~kg.extract.reasons`) and
:mod:`~kg.extract.claims` (findings -> :mod:`kg.claims` records). Curated knowledge is in
``kg/data/gazetteer/*.tsv`` (:mod:`~kg.extract.gazetteer`).

The public entry point is :func:`extract_articles`; :data:`EXTRACTOR_VERSION` changes
whenever the pipeline or its gazetteer changes in a way that changes output, so that
re-ingesting re-extracts.
"""

from __future__ import annotations

from kg.extract.pipeline import COMPONENTS, extract_articles

EXTRACTOR_VERSION = "0.2.0"

__all__ = ["COMPONENTS", "EXTRACTOR_VERSION", "extract_articles"]
