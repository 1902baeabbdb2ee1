"""Building the graph from the project's seeds: ontology, curated triples, articles."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from kg.articles import Article, find_articles, load_article
from kg.config import ontology_file, seeds_dir
from kg.errors import InputError, ValidationError
from kg.rdf.files import parse_turtle_file
from kg.rdf.iris import ONTOLOGY_GRAPH, article_graph_iri, curated_graph
from kg.rdf.mapping import article_to_graph, materialise_shortcuts
from kg.store import Store


@dataclass
class BuildReport:
    """What ``build`` loaded: triples per named graph, and claim counts."""

    graphs: dict[str, int] = field(default_factory=dict)
    articles: int = 0
    extracted_claims: int = 0
    curated_files: int = 0

    @property
    def triples(self) -> int:
        """Triples loaded over all graphs (before de-duplication across graphs)."""
        return sum(self.graphs.values())


def build(
    store: Store,
    seeds: str | Path | None = None,
    *,
    extract: bool = True,
    validate: bool = True,
    on_progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Reset ``store`` and load the ontology, curated triples and articles from ``seeds``.

    Everything is read, extracted and validated in memory first and then written in
    one transaction, so a bad file leaves the store exactly as it was.

    Parameters
    ----------
    store : Store
        The store to reset and fill.
    seeds : path, optional
        Folder holding ``curated/*.ttl`` and ``articles/``; defaults to the project's seeds.
    extract : bool
        Run the extraction pipeline over the articles (else load only their metadata).
    validate : bool
        Check the new data against the SHACL shapes before writing.
    on_progress : callable, optional
        Called with a short description of each step.

    Returns
    -------
    BuildReport

    Raises
    ------
    InputError
        A curated file or article cannot be parsed (names the file and line).
    ValidationError
        The data violates the SHACL shapes.
    """
    seeds_path = Path(seeds) if seeds else seeds_dir()
    if not seeds_path.is_dir():  # a mistyped --seeds must not reset the store to the bare ontology
        raise InputError(str(seeds_path), "no seeds folder here (expected curated/ and articles/)")
    note = on_progress or (lambda _msg: None)
    graphs: dict[URIRef, Graph] = {ONTOLOGY_GRAPH: parse_turtle_file(ontology_file())}
    report = BuildReport()
    note("curated triples")
    for path in sorted((seeds_path / "curated").glob("*.ttl")):
        graphs[curated_graph(path.stem)] = materialise_shortcuts(parse_turtle_file(path))
        report.curated_files += 1
    article_dir = seeds_path / "articles"
    articles = [load_article(p) for p in find_articles([article_dir])] if article_dir.is_dir() else []
    report.articles = len(articles)
    note(f"{len(articles)} articles")
    graphs.update(article_graphs(articles, extract=extract, report=report))
    if validate:
        note("validating")
        from kg.store.validate import validate_graph

        data = Graph()
        for iri, graph in graphs.items():
            if iri != ONTOLOGY_GRAPH:
                data += graph
        result = validate_graph(data)
        if not result.conforms:
            first = result.violations[0]
            raise ValidationError(
                f"seed data violates the shapes ({len(result.violations)} violations), "
                f"first: {first.focus} {first.path or ''}: {first.message}"
            )
    note("writing")
    store.replace_graphs(graphs, clear_all=True)
    report.graphs = {str(iri): len(g) for iri, g in graphs.items()}
    return report


def article_graphs(articles: list[Article], *, extract: bool, report: BuildReport | None = None) -> dict[URIRef, Graph]:
    """One named graph per article: its metadata and, with ``extract``, its extracted claims."""
    if not articles:
        return {}
    if not extract:
        return {article_graph_iri(a.article_id): article_to_graph(a) for a in articles}
    from kg.extract import extract_articles
    from kg.load.article import article_graph

    out: dict[URIRef, Graph] = {}
    for article, found in zip(articles, extract_articles(articles), strict=True):
        out[article_graph_iri(article.article_id)] = article_graph(article, found.claims)
        if report is not None:
            report.extracted_claims += len(found.claims)
    return out
