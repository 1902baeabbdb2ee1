"""Building a networkx ``MultiDiGraph`` of actors, posts, proposals and articles from a store.

Nodes are keyed by IRI and carry ``type`` (person, country, organization, proposal,
article) and ``label``. Edges are keyed by claim IRI and carry ``kind``:

- ``stance``: actor -> proposal, with polarity, scope, reasons, conditions, speaker,
  quote, start, end, source, outlet, date, method and confidence;
- ``role``: person -> country or organisation, with role, role_type and the same provenance;
- ``reports``: article -> actor, one per actor an article has a claim about.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import TYPE_CHECKING

from rdflib import Literal

from kg.rdf.mapping import notation
from kg.store import Store, iter_rows

if TYPE_CHECKING:
    import networkx as nx

_SEP = "\u001f"
STANCE_EDGES_RQ = resources.files(__package__).joinpath("stance-edges.rq").read_text(encoding="utf-8")
ROLE_EDGES_RQ = resources.files(__package__).joinpath("role-edges.rq").read_text(encoding="utf-8")


def graph_from_store(
    store: Store,
    *,
    construct: str | None = None,
    polarity: str | None = None,
    source: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    roles: bool = True,
    articles: bool = True,
) -> nx.MultiDiGraph:
    """Build the positions graph from ``store``.

    Parameters
    ----------
    store : Store
        Embedded or remote store.
    construct : str, optional
        A SPARQL CONSTRUCT selecting a subgraph; only that subgraph is fetched, so a
        large store is never pulled whole.
    polarity : str, optional
        Keep only stances of this polarity (``supports``, ``opposes``, ``conditional``, ``neutral``).
    source : str, optional
        Keep only claims from this article (its IRI).
    since, until : datetime.date, optional
        Keep only claims dated within these bounds.
    roles, articles : bool
        Include role edges and article nodes.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> from kg.store import EmbeddedStore
    >>> g = graph_from_store(EmbeddedStore(":memory:"))
    >>> g.number_of_nodes()
    0
    """
    import networkx as nx

    if construct is not None:
        store = store.construct(construct)
    graph = nx.MultiDiGraph()
    def keep(row: dict) -> bool:
        return (not source or str(row["source"]) == source) and _in_period(row.get("date"), since, until)

    for row in iter_rows(store.query(STANCE_EDGES_RQ, _polarity_binding(polarity))):
        if keep(row):
            _add_stance(graph, row, articles)
    if roles and polarity is None:
        for row in iter_rows(store.query(ROLE_EDGES_RQ)):
            if keep(row):
                _add_role(graph, row, articles)
    return graph


def _polarity_binding(polarity: str | None) -> dict:
    from kg.rdf.mapping import POLARITY_CONCEPTS

    if not polarity:
        return {}
    if polarity not in POLARITY_CONCEPTS:
        from kg.errors import UsageError

        raise UsageError(f"unknown polarity {polarity!r}; expected one of {', '.join(POLARITY_CONCEPTS)}")
    return {"polarityFilter": POLARITY_CONCEPTS[polarity]}


def _in_period(date: object, since: dt.date | None, until: dt.date | None) -> bool:
    if since is None and until is None:
        return True
    value = date.toPython() if isinstance(date, Literal) else None
    if not isinstance(value, dt.date):
        return False  # undated claims fall outside any period
    return (since is None or value >= since) and (until is None or value <= until)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _split(value: object) -> list[str]:
    return sorted(part for part in str(value).split(_SEP) if part) if value is not None else []


def _label_from_iri(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def _ensure_node(graph: nx.MultiDiGraph, iri: str, node_type: str | None, label: object) -> None:
    if iri not in graph:
        graph.add_node(iri, type=node_type or "entity", label=_text(label) or _label_from_iri(iri), iri=iri)
    elif label is not None and graph.nodes[iri]["label"] == _label_from_iri(iri):
        graph.nodes[iri]["label"] = str(label)


def _provenance(row: dict) -> dict:
    date = row.get("date")
    return {
        "source": _text(row["source"]),
        "source_label": _text(row.get("sourceLabel")),
        "outlet": _text(row.get("outlet")),
        "date": date.toPython().isoformat() if isinstance(date, Literal) and hasattr(date.toPython(), "isoformat")
        else _text(date),
        "method": notation(row.get("method")),
        "quote": _text(row.get("quote")),
        "start": int(row["start"]) if row.get("start") is not None else None,
        "end": int(row["end"]) if row.get("end") is not None else None,
    }


def _add_article(graph: nx.MultiDiGraph, row: dict, actor: str) -> None:
    article = str(row["source"])
    _ensure_node(graph, article, "article", row.get("sourceLabel") or row.get("outlet"))
    if not graph.has_edge(article, actor, key=f"{article}|{actor}"):
        graph.add_edge(article, actor, key=f"{article}|{actor}", kind="reports", source=article)


def _add_stance(graph: nx.MultiDiGraph, row: dict, articles: bool) -> None:
    actor, proposal, key = str(row["actor"]), str(row["proposal"]), str(row["stance"])
    _ensure_node(graph, actor, _text(row.get("actorType")), row.get("actorLabel"))
    _ensure_node(graph, proposal, "proposal", row.get("proposalLabel"))
    if graph.has_edge(actor, proposal, key=key):
        return  # a second evidence span of the same claim: keep the first
    confidence = row.get("confidence")
    graph.add_edge(
        actor, proposal, key=key, kind="stance", claim=key,
        polarity=notation(row["polarityFilter"]), scope=notation(row.get("scope")),
        reasons=_split(row.get("reasons")), conditions=_split(row.get("conditions")),
        speaker=_text(row.get("speakerLabel")),
        confidence=float(confidence) if confidence is not None else None,
        **_provenance(row),
    )
    if articles:
        _add_article(graph, row, actor)


def _add_role(graph: nx.MultiDiGraph, row: dict, articles: bool) -> None:
    person, holder = str(row["person"]), str(row["holder"])
    key = f"{row['claim']}|{holder}"
    _ensure_node(graph, person, "person", row.get("personLabel"))
    _ensure_node(graph, holder, _text(row.get("holderType")), row.get("holderLabel"))
    if graph.has_edge(person, holder, key=key):
        return
    graph.add_edge(
        person, holder, key=key, kind="role", claim=str(row["claim"]),
        role=_text(row.get("role")), role_type=notation(row.get("roleType")), **_provenance(row),
    )
    if articles:
        _add_article(graph, row, person)


def node_types(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Count nodes by type.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(); g.add_node("a", type="person"); g.add_node("b", type="country")
    >>> node_types(g)
    {'country': 1, 'person': 1}
    """
    counts: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        counts[data.get("type", "entity")] = counts.get(data.get("type", "entity"), 0) + 1
    return dict(sorted(counts.items()))

