"""Turning articles and claim records into RDF, and materialising shortcut edges.

This is the one module that knows how a :class:`~kg.claims.StanceClaim` or
:class:`~kg.claims.RoleClaim` looks in the graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import overload

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SDO

from kg.articles import Article
from kg.claims import Claim, Method, Polarity, RoleClaim, Scope, StanceClaim
from kg.rdf.iris import (
    article_iri,
    claim_iri,
    country_iri,
    evidence_iri,
    organization_iri,
    person_iri,
    post_iri,
    proposal_iri,
)
from kg.rdf.vocab import KG

POLARITY_CONCEPTS: dict[str, URIRef] = {
    Polarity.SUPPORTS: KG.Supports,
    Polarity.OPPOSES: KG.Opposes,
    Polarity.CONDITIONAL: KG.Conditional,
    Polarity.NEUTRAL: KG.Neutral,
}
SHORTCUT_FOR_POLARITY: dict[URIRef, URIRef] = {
    KG.Supports: KG.supports,
    KG.Opposes: KG.opposes,
    KG.Conditional: KG.conditionallySupports,
    KG.Neutral: KG.neutralOn,
}
SCOPE_CONCEPTS: dict[str, URIRef] = {Scope.DEPLOYMENT: KG.Deployment, Scope.OWN_TROOPS: KG.OwnTroops}
METHOD_CONCEPTS: dict[str, URIRef] = {Method.CURATED: KG.Curated, Method.EXTRACTED: KG.Extracted}


@overload
def notation(concept: None) -> None: ...
@overload
def notation(concept: str) -> str: ...
@overload
def notation(concept: object) -> str | None: ...


def notation(concept: object) -> str | None:
    """The notation of a polarity, scope, method or role-type concept, from its IRI alone.

    Works without the ontology graph (e.g. on a CONSTRUCT subgraph).

    Examples
    --------
    >>> notation(KG.OwnTroops), notation(KG.DeputyHeadOfGovernment), notation(None)
    ('own_troops', 'deputy_head_of_government', None)
    """
    if concept is None:
        return None
    local = str(concept).rsplit("#", 1)[-1]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", local).lower()


def role_type_concept(role_type: str) -> URIRef:
    """The SKOS concept for a role-type notation (``defence_minister`` -> ``kg:DefenceMinister``).

    Examples
    --------
    >>> role_type_concept("head_of_government").endswith("#HeadOfGovernment")
    True
    """
    name = "".join(part.capitalize() for part in role_type.split("_"))
    try:
        return getattr(KG, name)
    except AttributeError as exc:
        raise ValueError(f"unknown role type {role_type!r}") from exc


@lru_cache(maxsize=512)
def country_label(alpha3: str) -> str:
    """Common English name of a country from its alpha-3 code (pycountry)."""
    import pycountry

    record = pycountry.countries.get(alpha_3=alpha3.upper())
    if record is None:
        return alpha3.upper()
    return getattr(record, "common_name", None) or record.name


def article_to_graph(article: Article, *, stamp: str | None = None, source: str | None = None) -> Graph:
    """Describe an article (metadata only) as RDF.

    Parameters
    ----------
    article : Article
        The article read from its file.
    stamp : str, optional
        The ``kg:contentHash`` to record (the load path's content stamp); default the file's hash.
    source : str, optional
        What the article was read from, recorded as ``dcterms:source``.

    Examples
    --------
    >>> from kg.articles import parse_article
    >>> g = article_to_graph(parse_article(b"---\\ntitle: T\\n---\\nText.", "003_x.txt"))
    >>> (None, KG.seedNumber, Literal("003")) in g
    True
    """
    g = Graph()
    node = article_iri(article.article_id)
    g.add((node, RDF.type, KG.Article))
    g.add((node, RDFS.label, Literal(article.title or article.article_id)))
    if article.title:
        g.add((node, DCTERMS.title, Literal(article.title)))
    if article.outlet:
        g.add((node, KG.outlet, Literal(article.outlet)))
    if article.url:
        g.add((node, SDO.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.published:
        g.add((node, DCTERMS.issued, Literal(article.published, datatype=XSD.date)))
    if article.event_date:
        g.add((node, KG.eventDate, Literal(article.event_date, datatype=XSD.date)))
    if article.language:
        g.add((node, DCTERMS.language, Literal(article.language)))
    if stamp or article.content_hash:
        g.add((node, KG.contentHash, Literal(stamp or article.content_hash)))
    if source:
        g.add((node, DCTERMS.source, Literal(source, datatype=XSD.anyURI)))
    seed = re.match(r"(\d{3})_", article.article_id)
    if seed:
        g.add((node, KG.seedNumber, Literal(seed.group(1))))
    return g


def claims_to_graph(article: Article, claims: Iterable[Claim], *, stamp: str | None = None,
                    source: str | None = None) -> Graph:
    """Describe an article and the claims extracted from it as RDF, shortcuts included.

    ``stamp`` and ``source`` are passed to :func:`article_to_graph`.
    """
    g = article_to_graph(article, stamp=stamp, source=source)
    for claim in claims:
        if isinstance(claim, RoleClaim):
            _add_role(g, article, claim)
        else:
            _add_stance(g, article, claim)
    materialise_shortcuts(g)
    return g


def materialise_shortcuts(g: Graph) -> Graph:
    """Add the simple edges implied by n-ary stance and role nodes, in place.

    ``actor kg:opposes proposal`` (and the other polarities), ``person kg:holdsPost post``,
    ``post kg:postIn country-or-organisation`` and ``post kg:roleType concept``.

    Returns
    -------
    rdflib.Graph
        The same graph, for chaining.
    """
    for stance in list(g.subjects(RDF.type, KG.Stance)):
        actor, target, polarity = g.value(stance, KG.actor), g.value(stance, KG.target), g.value(stance, KG.polarity)
        if (actor is not None and target is not None
                and isinstance(polarity, URIRef) and polarity in SHORTCUT_FOR_POLARITY):
            g.add((actor, SHORTCUT_FOR_POLARITY[polarity], target))
    for role in list(g.subjects(RDF.type, KG.RoleAssignment)):
        person, post = g.value(role, KG.person), g.value(role, KG.post)
        if person is None or post is None:
            continue
        g.add((post, RDF.type, KG.Post))
        g.add((person, KG.holdsPost, post))
        for holder in (g.value(role, KG.country), g.value(role, KG.organization)):
            if holder is not None:
                g.add((post, KG.postIn, holder))
        role_type = g.value(role, KG.roleType)
        if role_type is not None:
            g.add((post, KG.roleType, role_type))
    return g


def _add_entity(g: Graph, kind: str, name: str, country: str | None = None) -> URIRef:
    if kind == "country":
        code = (country or name).upper()
        node = country_iri(code)
        g.add((node, RDF.type, KG.Country))
        g.add((node, RDFS.label, Literal(country_label(code))))
        g.add((node, KG.isoAlpha3, Literal(code)))
        return node
    if kind == "person":
        node = person_iri(name)
        g.add((node, RDF.type, KG.Person))
    else:
        node = organization_iri(name)
        g.add((node, RDF.type, KG.Organization))
    g.add((node, RDFS.label, Literal(name)))
    if country:
        g.add((node, KG.country if kind == "person" else KG.basedIn, _add_entity(g, "country", country)))
    return node


def _add_provenance(g: Graph, node: URIRef, article: Article, claim: Claim) -> None:
    source = article_iri(article.article_id)
    evidence = evidence_iri(article.article_id, claim.start, claim.end)
    g.add((node, KG.evidence, evidence))
    g.add((node, KG.source, source))
    g.add((node, KG.method, METHOD_CONCEPTS[claim.method]))
    g.add((node, KG.confidence, Literal(Decimal(str(round(claim.confidence, 3))), datatype=XSD.decimal)))
    if article.date:
        g.add((node, KG.statedOn, Literal(article.date, datatype=XSD.date)))
    g.add((evidence, RDF.type, KG.Evidence))
    g.add((evidence, KG.quote, Literal(claim.quote)))
    g.add((evidence, KG.start, Literal(claim.start)))
    g.add((evidence, KG.end, Literal(claim.end)))
    g.add((evidence, KG.source, source))


def _add_role(g: Graph, article: Article, claim: RoleClaim) -> None:
    node = claim_iri("role", article.article_id, claim.person, claim.role_type, claim.country,
                     claim.organization, claim.start, claim.end, claim.method)
    person = _add_entity(g, "person", claim.person)
    g.add((node, RDF.type, KG.RoleAssignment))
    g.add((node, KG.person, person))
    g.add((node, KG.roleType, role_type_concept(claim.role_type)))
    g.add((node, KG.roleTitle, Literal(claim.role)))
    holder: URIRef | None = None
    if claim.organization:
        holder = _add_entity(g, "organization", claim.organization)
        g.add((node, KG.organization, holder))
    if claim.country:
        country = _add_entity(g, "country", claim.country)
        g.add((node, KG.country, country))
        holder = holder or country
    if holder is not None:
        g.add((node, KG.post, post_iri(claim.role_type, holder)))
        g.add((post_iri(claim.role_type, holder), RDFS.label, Literal(claim.role)))
    if article.date:
        g.add((node, KG.asOf, Literal(article.date, datatype=XSD.date)))
    _add_provenance(g, node, article, claim)


def _add_stance(g: Graph, article: Article, claim: StanceClaim) -> None:
    node = claim_iri("stance", article.article_id, claim.actor_type, claim.actor, claim.country,
                     claim.polarity, claim.scope, claim.target, claim.start, claim.end, claim.method)
    actor = _add_entity(g, claim.actor_type, claim.actor,
                        claim.country if claim.actor_type != "country" else claim.country or claim.actor)
    g.add((node, RDF.type, KG.Stance))
    g.add((node, KG.actor, actor))
    g.add((node, KG.target, proposal_iri(claim.target)))
    g.add((node, KG.polarity, POLARITY_CONCEPTS[claim.polarity]))
    g.add((node, KG.scope, SCOPE_CONCEPTS[claim.scope]))
    if claim.country:
        g.add((node, KG.country, _add_entity(g, "country", claim.country)))
    if claim.speaker:
        g.add((node, KG.speaker, _add_entity(g, "person", claim.speaker)))
    if claim.reason:
        g.add((node, KG.reason, Literal(claim.reason)))
    if claim.condition:
        g.add((node, KG.condition, Literal(claim.condition)))
    _add_provenance(g, node, article, claim)
