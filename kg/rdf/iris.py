"""Stable IRIs for everything positions-kg mints.

Countries by ISO 3166-1 alpha-3, persons and organisations by a slug of their
canonical name, claims by a hash of their content: loading the same data twice
mints the same IRIs and so changes nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kg.rdf.vocab import GRAPH, ID


def slugify(text: str) -> str:
    """Lower-case ASCII slug of a name.

    Examples
    --------
    >>> slugify("Ērika Sōrensen")
    'erika-sorensen'
    >>> slugify("Coalition of the Willing")
    'coalition-of-the-willing'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def country_iri(alpha3: str) -> URIRef:
    """IRI of a country from its ISO alpha-3 code.

    Examples
    --------
    >>> country_iri("pol")
    rdflib.term.URIRef('https://w3id.org/positions-kg/id/country/POL')
    """
    code = alpha3.upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError(f"not an ISO 3166-1 alpha-3 code: {alpha3!r}")
    return ID[f"country/{code}"]


def person_iri(name: str) -> URIRef:
    """IRI of a person from the canonical full name."""
    return ID[f"person/{slugify(name)}"]


def organization_iri(name: str) -> URIRef:
    """IRI of an organisation from its short canonical name (e.g. ``EU``, ``NATO``)."""
    return ID[f"org/{slugify(name)}"]


def proposal_iri(key: str) -> URIRef:
    """IRI of a proposal from its key (e.g. ``reassurance-force``)."""
    return ID[f"proposal/{slugify(key)}"]


def article_iri(article_id: str) -> URIRef:
    """IRI of an article from its identifier (see :func:`kg.articles.article_id_for`)."""
    return ID[f"article/{article_id}"]


def post_iri(role_type: str, holder: URIRef) -> URIRef:
    """IRI of a post: a role type within a country or organisation.

    Examples
    --------
    >>> post_iri("defence_minister", country_iri("LVA"))
    rdflib.term.URIRef('https://w3id.org/positions-kg/id/post/country-LVA/defence-minister')
    """
    holder_part = str(holder).removeprefix(str(ID)).replace("/", "-")
    return ID[f"post/{holder_part}/{slugify(role_type)}"]


def content_hash(*parts: object) -> str:
    """A short, stable hash of a claim's content (16 hex digits)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def claim_iri(kind: str, *parts: object) -> URIRef:
    """IRI of a claim (``stance``, ``role``) from its content."""
    return ID[f"{kind}/{content_hash(*parts)}"]


def evidence_iri(article_id: str, start: int, end: int) -> URIRef:
    """IRI of an evidence span: the article and the character offsets."""
    return ID[f"evidence/{article_id}/{start}-{end}"]


def article_graph_iri(article_id: str) -> URIRef:
    """Named graph holding an article's metadata and extracted claims."""
    return GRAPH[f"article/{article_id}"]


def curated_graph(stem: str) -> URIRef:
    """Named graph holding one curated Turtle file (the name escaped as in :func:`file_graph`)."""
    return GRAPH[f"curated/{iri_segment(stem)}"]


def file_graph(stem: str) -> URIRef:
    """Named graph for an RDF file loaded with ``kg load``.

    Examples
    --------
    >>> str(file_graph("extra")).rsplit("/", 1)[1], str(file_graph("my file")).rsplit("/", 1)[1]
    ('extra', 'my%20file')
    """
    return GRAPH[f"file/{iri_segment(stem)}"]


def iri_segment(name: str) -> str:
    """A file name as one IRI path segment: percent-encoded, except letters, digits and ``_.-~``.

    Distinct names stay distinct (``%`` itself is encoded), and plain names are unchanged.

    Examples
    --------
    >>> iri_segment("a>b"), iri_segment("a%20b"), iri_segment("entities")
    ('a%3Eb', 'a%2520b', 'entities')
    """
    from urllib.parse import quote

    return quote(name, safe="", errors="surrogatepass")


ONTOLOGY_GRAPH = GRAPH["ontology"]
