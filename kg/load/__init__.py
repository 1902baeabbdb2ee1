"""Writing articles and curated files into a store: ``kg build`` and ``kg ingest``.

- :mod:`kg.load.article`: :func:`~kg.load.article.article_graph`, the one way an extracted
  article becomes its named graph (claims limit, fallback title, content stamp, source);
- :mod:`kg.load.stamps`: the content stamp and the other per-article records it uses;
- :mod:`kg.load.build`: reset a store from the seeds in one transaction;
- :mod:`kg.load.ingest`: add or replace articles, one transaction each, skipping unchanged ones;
- :mod:`kg.load.parallel` and :mod:`kg.load.distributed`: extraction in worker processes or
  on a Dask cluster, with this process the only writer.

May import extraction, RDF mapping and stores; nothing here imports queries, answers or the CLI.
"""
